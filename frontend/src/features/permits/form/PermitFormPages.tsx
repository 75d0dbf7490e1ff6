import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Flex, Skeleton } from 'antd';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ErrorAlert } from '@/components/ErrorAlert';
import { projectPath, useCurrentProject, useMe } from '@/lib/session';
import { useCandidates } from '../api/candidates';
import { usePermit } from '../api/permits';
import { usePermitTypes } from '../api/permitTypes';
import type { Permit } from '@/lib/api/models';
import { canEditContent } from '../components/editing';
import { useProjectTimeZone } from '@/lib/time/projectTimeZone';
import { PermitForm } from './PermitForm';
import { TAP_TARGET_STYLE } from '@/components/tapTarget';
import { useIsPhone } from '@/lib/layout/useIsPhone';

interface FormLoaderProps {
  project: { id: number; time_zone: string };
  permit?: Permit;
}

/**
 * Loads the project's permit types and verifier candidates, then shows the form. Once both were read the form
 * stays: a later background read that fails (no signal on the way back to the app) keeps what was read and
 * never replaces what the user has typed.
 */
function FormLoader({ project, permit }: FormLoaderProps) {
  const me = useMe();
  const navigate = useNavigate();
  const types = usePermitTypes(project.id);
  const candidates = useCandidates(project.id, 'verify');
  const detailPath = (id: number) => projectPath(`/permits/${String(id)}`, project.id);

  if (types.data === undefined) return types.error !== null ? <ErrorAlert error={types.error} /> : <Skeleton active />;
  if (candidates.isPending) return <Skeleton active />;
  const activeTypes = types.data.filter((type) => type.is_active || type.id === permit?.permit_type.id);
  return (
    <>
      {candidates.data === undefined && <ErrorAlert error={candidates.error} />}
      <PermitForm
        project={project}
        types={activeTypes}
        candidates={candidates.data ?? []}
        signerName={me.name}
        permit={permit}
        onDone={(saved) => void navigate(detailPath(saved.id))}
        onCancel={() => void navigate(permit === undefined ? projectPath('/permits', project.id) : detailPath(permit.id))}
      />
    </>
  );
}

/** /permits/new — a new permit on the current project. */
export function PermitCreatePage() {
  const { project } = useCurrentProject();
  const phone = useIsPhone();
  return (
    <Flex vertical gap="middle">
      <Link to={projectPath('/permits', project.id)} style={phone ? TAP_TARGET_STYLE : undefined}>
        <ArrowLeftOutlined aria-hidden /> All permits
      </Link>
      <FormLoader project={project} />
    </Flex>
  );
}

function EditablePermit({ permit }: { permit: Permit }) {
  const timeZone = useProjectTimeZone(permit.project);
  if (!canEditContent(permit))
    return (
      <Alert
        type="info"
        showIcon
        message={`${permit.permit_number} cannot be edited by you now.`}
        description="Only its requester may change a draft or rejected permit."
      />
    );
  return <FormLoader project={{ id: permit.project, time_zone: timeZone }} permit={permit} />;
}

/** /permits/:id/edit — a draft or rejected permit's content. */
export function PermitEditPage() {
  const id = Number(useParams().id);
  const permit = usePermit(id);
  return (
    <Flex vertical gap="middle">
      <Link to={`/permits/${String(id)}`}>
        <ArrowLeftOutlined aria-hidden /> Back to the permit
      </Link>
      {permit.data !== undefined ? (
        <EditablePermit permit={permit.data} />
      ) : permit.error !== null ? (
        <ErrorAlert error={permit.error} />
      ) : (
        <Skeleton active />
      )}
    </Flex>
  );
}
