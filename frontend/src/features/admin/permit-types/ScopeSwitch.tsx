import { Segmented, Typography } from 'antd';
import type { Scope } from './api';

interface ScopeSwitchProps {
  scope: Scope;
  projectName: string;
  tenantAdmin: boolean;
  onChange: (tenant: boolean) => void;
}

/** "This project's override" or "Tenant-wide type": the switch is offered to tenant admins only. */
export function ScopeSwitch({ scope, projectName, tenantAdmin, onChange }: ScopeSwitchProps) {
  if (!tenantAdmin) {
    return (
      <Typography.Paragraph style={{ margin: 0 }}>
        Changes here apply to {projectName} only; the tenant-wide types are kept by the tenant admins.
      </Typography.Paragraph>
    );
  }
  return (
    <Segmented
      aria-label="What to edit"
      block
      value={scope === 'tenant' ? 'tenant' : 'project'}
      options={[
        { value: 'project', label: 'This project’s override', title: `Only ${projectName}` },
        { value: 'tenant', label: 'Tenant-wide type' },
      ]}
      onChange={(value) => {
        onChange(value === 'tenant');
      }}
    />
  );
}
