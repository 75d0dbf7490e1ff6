import { Alert, Button, Card, Flex, Form, Input, Select, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '@/components/ErrorAlert';
import { WallClockPicker } from '@/components/WallClockPicker';
import { useWriteIntent } from '@/lib/api/idempotency';
import type { FireWatch } from '@/lib/api/models';
import { formatDateTime } from '@/lib/time/format';
import { useNow } from '@/lib/time/useNow';
import { isoToWallClock, wallClockToIso } from '@/lib/time/zonedInput';
import { useCandidates } from '../api/candidates';
import { useFireWatch, useSaveFireWatch, useSignOffFireWatch } from '../api/fireWatch';

/** "12:05" minutes and seconds left until `endsAt`, or null once it has passed. */
export function fireWatchTimeLeft(endsAt: string, now: Date): string | null {
  const left = Math.ceil((new Date(endsAt).getTime() - now.getTime()) / 1000);
  if (left <= 0) return null;
  const hours = Math.floor(left / 3600);
  const minutes = Math.floor((left % 3600) / 60);
  const seconds = left % 60;
  const mmss = `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
  return hours > 0 ? `${String(hours)}:${mmss}` : mmss;
}

/** The fire watch's time left, live; once run, that it waits for (or has) the keeper's sign-off. */
function FireWatchCountdown({ watch, timeZone }: { watch: FireWatch; timeZone: string }) {
  const now = useNow(1000);
  if (watch.ends_at === null) return null;
  if (watch.signed_off_at !== null)
    return <Tag color="success">Signed off {formatDateTime(watch.signed_off_at, timeZone)}</Tag>;
  const left = fireWatchTimeLeft(watch.ends_at, now);
  return left === null ? (
    <Typography.Text strong>Fire watch time over: waiting for the keeper’s sign-off.</Typography.Text>
  ) : (
    <Typography.Text strong role="timer" aria-label="Fire watch time left">
      Fire watch: {left} left (until {formatDateTime(watch.ends_at, timeZone)})
    </Typography.Text>
  );
}

interface RecordValues {
  ended?: string;
  keeper?: number;
}

function FireWatchRecordForm({ permitId, projectId, watch, timeZone }: {
  permitId: number;
  projectId: number;
  watch: FireWatch;
  timeZone: string;
}) {
  const [form] = Form.useForm<RecordValues>();
  const save = useSaveFireWatch(permitId);
  const people = useCandidates(projectId, 'request');
  const submit = (values: RecordValues) => {
    const ended = wallClockToIso(values.ended ?? '', timeZone);
    if (ended === null || values.keeper === undefined) return;
    save.mutate({ version: watch.version, body: { hot_work_ended_at: ended, keeper_id: values.keeper } });
  };
  return (
    <Form<RecordValues>
      form={form}
      layout="vertical"
      onFinish={submit}
      disabled={save.isPending}
      initialValues={{
        ended: watch.hot_work_ended_at === null ? undefined : isoToWallClock(watch.hot_work_ended_at, timeZone),
        keeper: watch.keeper?.id,
      }}
    >
      <Form.Item name="ended" label="Hot work ended at" rules={[{ required: true, message: 'When did the hot work end?' }]}>
        <WallClockPicker />
      </Form.Item>
      <Form.Item name="keeper" label="Fire watch kept by" rules={[{ required: true, message: 'Who keeps the fire watch?' }]}>
        <Select
          showSearch
          optionFilterProp="label"
          loading={people.isPending}
          options={(people.data ?? []).map((person) => ({ value: person.id, label: `${person.name} (${person.company})` }))}
        />
      </Form.Item>
      {save.error !== null && <ErrorAlert error={save.error} />}
      <Button type="primary" htmlType="submit" loading={save.isPending}>
        {watch.hot_work_ended_at === null ? 'Record fire watch' : 'Correct fire watch'}
      </Button>
    </Form>
  );
}

function SignOff({ permitId }: { permitId: number }) {
  const signOff = useSignOffFireWatch(permitId);
  const intent = useWriteIntent();
  const [remarks, setRemarks] = useState('');
  return (
    <Flex vertical gap="small">
      <Input.TextArea
        aria-label="Fire watch remarks"
        placeholder="Remarks (optional), e.g. area checked cold"
        maxLength={2000}
        rows={2}
        value={remarks}
        onChange={(event) => {
          setRemarks(event.target.value);
        }}
      />
      {signOff.error !== null && <ErrorAlert error={signOff.error} />}
      <Button
        type="primary"
        loading={signOff.isPending}
        onClick={() => {
          const request = { remarks: remarks.trim() };
          signOff.mutate(
            { ...request, idempotencyKey: intent.keyFor(request) },
            { onSettled: (_data, error) => { intent.settle(error); } },
          );
        }}
      >
        Sign off fire watch
      </Button>
    </Flex>
  );
}

/** The fire watch after hot work (a type that keeps one): record its start and keeper, watch the countdown, and the
 * keeper's sign-off. What the caller may do is the server's answer (`can_record`, `can_sign_off`). */
export function FireWatchSection({ permitId, projectId, timeZone, readOnly }: {
  permitId: number;
  projectId: number;
  timeZone: string;
  readOnly: boolean;
}) {
  const watch = useFireWatch(permitId);
  if (watch.data === undefined) return watch.error !== null ? <ErrorAlert error={watch.error} /> : <Skeleton active />;
  const data = watch.data;
  if (!data.required) return null;
  return (
    <Card size="small" title={`Fire watch (${String(data.minutes)} min after hot work)`} role="region" aria-label="Fire watch">
      <Flex vertical gap="small">
        {data.hot_work_ended_at === null ? (
          <Alert
            type="warning"
            showIcon
            message="Not recorded yet"
            description="Record when the hot work ended and who keeps the fire watch before handing the permit back."
          />
        ) : (
          <>
            <Typography.Text>
              Hot work ended {formatDateTime(data.hot_work_ended_at, timeZone)}; kept by{' '}
              <strong>{data.keeper?.name ?? '—'}</strong>.
            </Typography.Text>
            <FireWatchCountdown watch={data} timeZone={timeZone} />
            {data.sign_off_remarks !== '' && <Typography.Text>“{data.sign_off_remarks}”</Typography.Text>}
          </>
        )}
        {!readOnly && data.can_sign_off && <SignOff permitId={permitId} />}
        {!readOnly && data.can_record && (
          <FireWatchRecordForm permitId={permitId} projectId={projectId} watch={data} timeZone={timeZone} />
        )}
      </Flex>
    </Card>
  );
}
