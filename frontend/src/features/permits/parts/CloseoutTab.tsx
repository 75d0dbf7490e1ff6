import { BorderOutlined, CheckSquareOutlined } from '@ant-design/icons';
import { Alert, Flex, List, Skeleton, Tag, Typography } from 'antd';
import { ErrorAlert } from '@/components/ErrorAlert';
import { formatDateTime } from '@/lib/time/format';
import { useCloseout } from '../api/closeout';
import { permitKeys } from '@/lib/api/keys';
import type { Closeout, Permit, PermitReadiness } from '@/lib/api/models';
import { refusal } from './access';
import { CloseoutForm } from './CloseoutForm';
import { FireWatchSection } from './FireWatchSection';
import { RequirementNotes } from './RequirementNotes';
import type { PartTabProps } from './types';
import { VersionedEditor } from './VersionedEditor';

const CLOSEOUT_CODES = [
  'closeout_incomplete',
  'deisolation_required',
  'fire_watch_missing',
  'fire_watch_running',
  'fire_watch_not_signed_off',
] as const;

/** The closeout as recorded, for those who only read it. */
function CloseoutSummary({ closeout, timeZone }: { closeout: Closeout; timeZone: string }) {
  return (
    <Flex vertical gap="middle">
      <section aria-label="Closeout checklist">
        <List
          size="small"
          dataSource={closeout.items}
          locale={{ emptyText: 'This permit type has no closeout checklist.' }}
          renderItem={(item) => (
            <List.Item>
              <Flex vertical gap={2}>
                <Flex gap="small" align="center">
                  {item.done ? <CheckSquareOutlined style={{ color: '#52c41a' }} aria-hidden /> : <BorderOutlined aria-hidden />}
                  <span>
                    {item.label}
                    {item.required ? ' (required)' : ''}: <strong>{item.done ? 'Done' : 'Not done'}</strong>
                  </span>
                </Flex>
                {item.comment !== '' && <Typography.Text>“{item.comment}”</Typography.Text>}
                {item.answered_by !== null && item.answered_at !== null && (
                  <Typography.Text type="secondary">
                    {item.answered_by.name}, {formatDateTime(item.answered_at, timeZone)}
                  </Typography.Text>
                )}
              </Flex>
            </List.Item>
          )}
        />
      </section>
      <Typography.Paragraph style={{ margin: 0 }}>
        <strong>Remarks</strong>: {closeout.remarks === '' ? '—' : closeout.remarks}
      </Typography.Paragraph>
      <Typography.Paragraph style={{ margin: 0 }}>
        <strong>Work finished</strong>:{' '}
        {closeout.work_finished
          ? `yes${closeout.work_finished_by !== null ? `, recorded by ${closeout.work_finished_by.name}` : ''}${
              closeout.work_finished_at !== null ? `, ${formatDateTime(closeout.work_finished_at, timeZone)}` : ''
            }`
          : 'not yet'}
      </Typography.Paragraph>
    </Flex>
  );
}

/** Why the caller may not record the closeout now, or null when they may. */
function closedReason(permit: Permit, readiness: PermitReadiness | undefined): string | null {
  const refused = refusal(readiness, 'hand_back');
  if (refused !== undefined) return refused.message;
  if (!permit.parts_open.closeout) return 'The closeout is recorded once work has started, until the permit is handed back.';
  return null;
}

function CloseoutEditor({ permitId, closeout, timeZone }: { permitId: number; closeout: Closeout; timeZone: string }) {
  return (
    <VersionedEditor
      latest={closeout}
      queryKey={permitKeys.closeout(permitId)}
      savedMessage="Closeout saved."
      renderForm={(props) => <CloseoutForm permitId={permitId} timeZone={timeZone} {...props} />}
    />
  );
}

/** The permit's closeout (hand-back): checklist answers with comments, remarks and "work finished", and the fire watch
 * after hot work. */
export function CloseoutTab({ permit, readiness, timeZone, readOnly }: Omit<PartTabProps, 'type'>) {
  const closeout = useCloseout(permit.id);
  const reason = readOnly ? null : closedReason(permit, readiness);

  if (closeout.data === undefined)
    return closeout.error !== null ? <ErrorAlert error={closeout.error} /> : <Skeleton active />;
  const data = closeout.data;
  return (
    <Flex vertical gap="middle">
      <Flex wrap gap="small" align="center">
        {data.required && <Tag color="blue">Required to complete this permit</Tag>}
        {data.complete ? <Tag color="success">Required items done</Tag> : <Tag color="warning">Required items open</Tag>}
        {data.updated_by !== null && data.updated_at !== null && (
          <Typography.Text type="secondary">
            Last saved by {data.updated_by.name}, {formatDateTime(data.updated_at, timeZone)}
          </Typography.Text>
        )}
      </Flex>
      <RequirementNotes readiness={readiness} codes={CLOSEOUT_CODES} />
      {closeout.error !== null && <ErrorAlert error={closeout.error} />}
      {readOnly || reason !== null ? (
        <>
          {reason !== null && (
            <Alert type="info" showIcon message="You can read the closeout, not record it now." description={reason} />
          )}
          <CloseoutSummary closeout={data} timeZone={timeZone} />
        </>
      ) : (
        <CloseoutEditor permitId={permit.id} closeout={data} timeZone={timeZone} />
      )}
      {readiness?.requires.fire_watch === true && (
        <FireWatchSection permitId={permit.id} projectId={permit.project} timeZone={timeZone} readOnly={readOnly} />
      )}
    </Flex>
  );
}
