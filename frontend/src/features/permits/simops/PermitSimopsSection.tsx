import { Flex, List, Skeleton, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { ErrorAlert } from '@/components/ErrorAlert';
import { PermitStatusTag } from '@/components/PermitStatusTag';
import type { Permit } from '@/lib/api/models';
import { projectPath } from '@/lib/session/currentProject';
import { usePermitConflicts } from '../api/simops';
import type { RelatedPermit } from './types';
import { ConflictList } from './ConflictList';

function RelatedList({ title, permits, projectId, empty }: { title: string; permits: readonly RelatedPermit[]; projectId: number; empty: string }) {
  return (
    <section aria-label={title}>
      <Typography.Title level={5}>{title}</Typography.Title>
      {permits.length === 0 ? (
        <Typography.Text type="secondary">{empty}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={[...permits]}
          rowKey="id"
          renderItem={(other) => (
            <List.Item>
              <Flex wrap gap="small" align="center">
                <Link to={projectPath(`/permits/${String(other.id)}`, projectId)}>{other.permit_number}</Link>
                <span style={{ overflowWrap: 'anywhere' }}>{other.title}</span>
                {other.status !== undefined && <PermitStatusTag status={other.status} />}
              </Flex>
            </List.Item>
          )}
        />
      )}
    </section>
  );
}

/**
 * On the permit's overview (so a phone shows it too): its SIMOPS conflicts with other live permits, computed
 * by the server now, and the permits it depends on and that depend on it.
 */
export function PermitSimopsSection({ permit, timeZone }: { permit: Permit; timeZone: string }) {
  const conflicts = usePermitConflicts(permit.id);
  const { depends_on: dependsOn, dependents } = permit;
  return (
    <Flex vertical gap="large">
      <section aria-label="Conflicts with other work">
        <Typography.Title level={5}>Conflicts with other work (SIMOPS)</Typography.Title>
        {conflicts.error !== null ? (
          <ErrorAlert error={conflicts.error} />
        ) : conflicts.data === undefined ? (
          <Skeleton active paragraph={{ rows: 1 }} />
        ) : conflicts.data.results.length === 0 ? (
          <Typography.Text type="secondary">No conflicting live permits.</Typography.Text>
        ) : (
          <ConflictList conflicts={conflicts.data.results} projectId={permit.project} timeZone={timeZone} />
        )}
      </section>
      <RelatedList
        title="Depends on"
        permits={dependsOn}
        projectId={permit.project}
        empty="Depends on no other permit."
      />
      <RelatedList
        title="Permits depending on this one"
        permits={dependents}
        projectId={permit.project}
        empty="No permit depends on this one."
      />
    </Flex>
  );
}
