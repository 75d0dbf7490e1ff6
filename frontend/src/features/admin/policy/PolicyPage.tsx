import { Alert, Button, Card, Checkbox, Col, Flex, Row, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ConflictDialog } from '@/components/ConflictDialog';
import { ErrorAlert } from '@/components/ErrorAlert';
import { SuccessNotice } from '@/components/SuccessNotice';
import { ApiError } from '@/lib/api/client';
import { useCurrentProject } from '@/lib/session';
import { AdminHistory } from '../AdminHistory';
import { AdminOnly } from '../AdminOnly';
import { useAdminProject, useUpdateProject, type AdminProject, type Holder, type Policy } from '../api';
import { usePolicyPreview } from './api';
import { CAPABILITIES, describeRules, GRADES, holds, samePolicy, SIDES, toggled, type Capability } from './matrix';

function Matrix({
  policy,
  capability,
  label,
  disabled,
  onChange,
}: {
  policy: Policy;
  capability: Capability;
  label: string;
  disabled: boolean;
  onChange: (next: Policy) => void;
}) {
  return (
    <table role="grid" aria-label={`${label}: sides and grades`} style={{ width: '100%', borderCollapse: 'collapse' }}>
      <thead>
        <tr>
          <th scope="col" style={{ textAlign: 'start' }}>
            Side
          </th>
          {GRADES.map((grade) => (
            <th key={grade} scope="col">
              Grade {grade}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {SIDES.map((side) => (
          <tr key={side.key}>
            <th scope="row" style={{ textAlign: 'start', fontWeight: 'normal' }}>
              {side.label}
            </th>
            {GRADES.map((grade) => (
              <td key={grade} style={{ textAlign: 'center' }}>
                <Checkbox
                  aria-label={`${label}: ${side.label} grade ${grade}`}
                  checked={holds(policy, capability, side.key, grade)}
                  disabled={disabled}
                  style={{ minWidth: 44, minHeight: 44, justifyContent: 'center', alignItems: 'center' }}
                  onChange={(event) => {
                    onChange(toggled(policy, capability, side.key, grade, event.target.checked));
                  }}
                />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Holders({ people, loading }: { people: readonly Holder[] | undefined; loading: boolean }) {
  if (people === undefined) return loading ? <Spin size="small" /> : null;
  if (people.length === 0) {
    return <Alert type="error" showIcon message="Nobody on this project would hold this." />;
  }
  return (
    <Flex wrap gap={4}>
      {people.map((person) => (
        <Tag key={person.id}>
          {person.name} · {person.company ?? 'no company'} · {person.grade}
        </Tag>
      ))}
    </Flex>
  );
}

function PolicyEditor({ project }: { project: AdminProject }) {
  const [draft, setDraft] = useState<Policy>(project.policy);
  const [base, setBase] = useState<AdminProject>(project);
  const [conflict, setConflict] = useState<AdminProject | null>(null);
  const [saved, setSaved] = useState(false);
  const save = useUpdateProject(project.id);
  const preview = usePolicyPreview(project.id, draft);
  const changed = !samePolicy(draft, base.policy);
  const empty = CAPABILITIES.filter(({ key }) => preview.data?.[key].length === 0);

  const submit = (version: number) => {
    setSaved(false);
    save.mutate(
      { version, changes: { policy: draft } },
      {
        onSuccess: (answer) => {
          setConflict(null);
          setBase(answer);
          setDraft(answer.policy);
          setSaved(true);
        },
        onError: (error) => {
          if (error instanceof ApiError && error.code === 'version_conflict') {
            setConflict(error.current as AdminProject);
          }
        },
      },
    );
  };

  return (
    <Flex vertical gap="middle">
      <Typography.Paragraph style={{ margin: 0 }}>
        Who may request, verify and approve permits on {project.name}, by company side and grade. Viewers never hold a
        capability. The names under each table are the people who would hold it — as you tick, before you save.
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {CAPABILITIES.map(({ key, label, help }) => (
          <Col key={key} xs={24} lg={8}>
            <Card title={label} size="small">
              <Typography.Paragraph type="secondary">{help}</Typography.Paragraph>
              <Matrix
                policy={draft}
                capability={key}
                label={label}
                disabled={save.isPending}
                onChange={(next) => {
                  setSaved(false);
                  setDraft(next);
                }}
              />
              <Typography.Title level={5} style={{ marginTop: 12 }}>
                Held by
              </Typography.Title>
              <div aria-label={`${label} holders`} role="region" aria-live="polite">
                <Holders people={preview.data?.[key]} loading={preview.isFetching} />
              </div>
            </Card>
          </Col>
        ))}
      </Row>
      {preview.error !== null && <ErrorAlert error={preview.error} />}
      {empty.length > 0 && (
        <Alert
          type="warning"
          showIcon
          message={`Give ${empty.map((c) => c.label.toLowerCase()).join(' and ')} to someone on the project before saving.`}
        />
      )}
      {saved && <SuccessNotice message="Policy table saved: it applies to every permit from now on." onClose={() => { setSaved(false); }} />}
      {save.error !== null && conflict === null && <ErrorAlert error={save.error} />}
      <Flex gap="small" wrap>
        <Button
          type="primary"
          disabled={!changed || empty.length > 0}
          loading={save.isPending && conflict === null}
          onClick={() => {
            submit(base.version);
          }}
        >
          Save policy
        </Button>
        <Button
          disabled={!changed || save.isPending}
          onClick={() => {
            setDraft(base.policy);
          }}
        >
          Undo changes
        </Button>
      </Flex>
      {conflict !== null && (
        <ConflictDialog
          title="The policy table was changed by someone else"
          version={conflict.version}
          rows={CAPABILITIES.map(({ key, label }) => ({
            key,
            field: label,
            theirs: describeRules(conflict.policy[key]),
            mine: describeRules(draft[key]),
          }))}
          pending={save.isPending}
          error={save.error instanceof ApiError && save.error.code === 'version_conflict' ? null : save.error}
          onReapply={() => {
            submit(conflict.version);
          }}
          onDiscard={() => {
            setBase(conflict);
            setDraft(conflict.policy);
            setConflict(null);
            save.reset();
          }}
        />
      )}
    </Flex>
  );
}

/** /admin/policy — the project's policy table: capability × side × grade, with who holds each today. */
export function PolicyPage() {
  const { project } = useCurrentProject();
  return (
    <AdminOnly>
      <PolicyPageBody projectId={project.id} timeZone={project.time_zone} />
    </AdminOnly>
  );
}

function PolicyPageBody({ projectId, timeZone }: { projectId: number; timeZone: string }) {
  const { data, error } = useAdminProject(projectId);
  return (
    <Flex vertical gap="large">
      {error !== null && <ErrorAlert error={error} />}
      {data === undefined ? error === null && <Spin /> : <PolicyEditor key={data.id} project={data} />}
      <AdminHistory projectId={projectId} timeZone={timeZone} subject="policy" />
    </Flex>
  );
}
