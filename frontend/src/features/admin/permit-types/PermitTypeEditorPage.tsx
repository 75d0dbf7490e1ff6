import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Flex, Skeleton } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { ErrorAlert } from '@/components/ErrorAlert';
import { TAP_TARGET_STYLE } from '@/components/tapTarget';
import { projectPath, useCurrentProject } from '@/lib/session';
import { useAdminPermitType } from './api';
import { useCanAdministerTypes, useTypeScope } from './access';
import { PermitTypeEditor } from './PermitTypeEditor';
import { ScopeSwitch } from './ScopeSwitch';

/** /admin/permit-types/:id — one type, as the current project overrides it or tenant-wide (tenant admins). */
export function PermitTypeEditorPage() {
  const { id } = useParams();
  const typeId = Number(id);
  const { project } = useCurrentProject();
  const allowed = useCanAdministerTypes(project.id);
  const [scope, tenantAdmin, chooseScope] = useTypeScope(project.id);
  const query = useAdminPermitType(typeId, scope, allowed);
  const back = projectPath(`/admin/permit-types${scope === 'tenant' ? '?scope=tenant' : ''}`, project.id);

  return (
    <Flex vertical gap="middle">
      <Link to={back} style={TAP_TARGET_STYLE}>
        <ArrowLeftOutlined aria-hidden /> All permit types
      </Link>
      {!allowed && (
        <Alert type="info" showIcon message="Only a project admin or a tenant admin can change permit types." />
      )}
      {allowed && (
        <>
          <ScopeSwitch scope={scope} projectName={project.name} tenantAdmin={tenantAdmin} onChange={chooseScope} />
          {query.error !== null && <ErrorAlert error={query.error} />}
          {query.data === undefined && query.error === null && <Skeleton active />}
          {query.data !== undefined && (
            <>
              <h2 style={{ margin: 0 }}>{query.data.name}</h2>
              <PermitTypeEditor
                key={`${String(scope)}:${String(typeId)}`}
                type={query.data}
                scope={scope}
                projectId={project.id}
                projectName={project.name}
              />
            </>
          )}
        </>
      )}
    </Flex>
  );
}
