import { Alert } from 'antd';
import type { ReactNode } from 'react';
import { useCurrentProject } from '@/lib/session';

/**
 * An administration screen's body for the project's admins (project admins, tenant admins); anyone else reaching
 * the address is told so. What is offered only: the server still refuses every read and write with 403.
 */
export function AdminOnly({ children }: { children: ReactNode }) {
  const { project, can } = useCurrentProject();
  if (!can('admin')) {
    return (
      <Alert
        type="info"
        showIcon
        message={`Only a project admin of ${project.name} can see and change this.`}
      />
    );
  }
  return <>{children}</>;
}
