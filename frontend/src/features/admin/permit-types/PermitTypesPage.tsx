import { Alert, Flex, Tag, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { ErrorAlert } from '@/components/ErrorAlert';
import { PermitTypeTag } from '@/components/PermitTypeTag';
import { ResponsiveTable } from '@/components/ResponsiveTable';
import { projectPath, useCurrentProject } from '@/lib/session';
import { useAdminPermitTypes, type AdminPermitType, type Scope } from './api';
import { useCanAdministerTypes, useTypeScope } from './access';
import { NewTypeButton } from './NewTypeDialog';
import { ScopeSwitch } from './ScopeSwitch';
import { closingModeLabel } from './typeModel';

function editorPath(type: AdminPermitType, scope: Scope, projectId: number): string {
  const path = `/admin/permit-types/${String(type.id)}${scope === 'tenant' ? '?scope=tenant' : ''}`;
  return projectPath(path, projectId);
}

function StateTags({ type, scope }: { type: AdminPermitType; scope: Scope }) {
  return (
    <Flex wrap gap={4}>
      {type.retired ? (
        <Tag>Retired</Tag>
      ) : type.is_active ? (
        <Tag color="green">In service</Tag>
      ) : (
        <Tag color="orange">Not offered here</Tag>
      )}
      {scope !== 'tenant' && type.overridden.length > 0 && (
        <Tag color="blue">
          {String(type.overridden.length)} override{type.overridden.length === 1 ? '' : 's'}
        </Tag>
      )}
    </Flex>
  );
}

/**
 * /admin/permit-types — the tenant's permit types as they apply on the current project (or tenant-wide, for
 * tenant admins): category colour, time frame, how many permits use each, and whether it is retired.
 */
export function PermitTypesPage() {
  const { project } = useCurrentProject();
  const allowed = useCanAdministerTypes(project.id);
  const [scope, tenantAdmin, chooseScope] = useTypeScope(project.id);
  const { data, error, isFetching } = useAdminPermitTypes(scope, allowed);

  const columns: TableColumnsType<AdminPermitType> = [
    {
      title: 'Type',
      key: 'type',
      render: (_, type) => (
        <Link to={editorPath(type, scope, project.id)} aria-label={`Edit ${type.name}`}>
          <PermitTypeTag type={type} />
        </Link>
      ),
    },
    { title: 'SIMOPS category', dataIndex: 'category', key: 'category' },
    {
      title: 'Time frame',
      key: 'timeframe',
      render: (_, type) => `${closingModeLabel(type.closing_mode)}; ${String(type.max_validity_hours)} h`,
    },
    {
      title: scope === 'tenant' ? 'Permits (your projects)' : 'Permits here',
      dataIndex: 'in_use',
      key: 'in_use',
    },
    { title: 'State', key: 'state', render: (_, type) => <StateTags type={type} scope={scope} /> },
  ];

  if (!allowed) {
    return <Alert type="info" showIcon message="Only a project admin or a tenant admin can change permit types." />;
  }
  return (
    <Flex vertical gap="middle">
      <Typography.Paragraph style={{ margin: 0 }}>
        What each kind of work requires: time frame, gas testing, isolation, fire watch, PPE, checklists and the
        permit form’s own fields. A change applies to the next permit; permits already raised keep what they had.
      </Typography.Paragraph>
      <ScopeSwitch scope={scope} projectName={project.name} tenantAdmin={tenantAdmin} onChange={chooseScope} />
      {scope === 'tenant' && <NewTypeButton projectId={project.id} />}
      {error !== null && <ErrorAlert error={error} />}
      <ResponsiveTable<AdminPermitType>
        rowKey="id"
        size="middle"
        aria-label="Permit types"
        columns={columns}
        dataSource={data}
        loading={isFetching && data === undefined}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: 'No permit types.' }}
      />
    </Flex>
  );
}
