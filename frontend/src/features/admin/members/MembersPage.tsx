import { EditOutlined, UserAddOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Modal, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { ConflictDialog } from '@/components/ConflictDialog';
import { ErrorAlert } from '@/components/ErrorAlert';
import { ResponsiveTable } from '@/components/ResponsiveTable';
import { SuccessNotice } from '@/components/SuccessNotice';
import { ApiError } from '@/lib/api/client';
import { useCurrentProject } from '@/lib/session';
import { AdminHistory } from '../AdminHistory';
import { AdminOnly } from '../AdminOnly';
import type { Invited, Member } from '../api';
import { useMembers, useUpdateMember } from './api';
import { InviteDialog } from './InviteDialog';
import { companyLabel, roleLabel } from './labels';
import { MemberDialog, memberChanges, memberValues, type MemberValues } from './MemberDialog';

function InitialPassword({ invited, onClose }: { invited: Invited; onClose: () => void }) {
  return (
    <Modal open title={`${invited.member.user.name} is invited`} onOk={onClose} onCancel={onClose} cancelButtonProps={{ style: { display: 'none' } }} okText="Done">
      <Typography.Paragraph>
        Give {invited.member.user.name} their log-in, {invited.member.user.email}, and this one-time initial password.
        Copy it now: PTW will not show it again.
      </Typography.Paragraph>
      <Typography.Paragraph copyable code style={{ fontSize: 16 }}>
        {invited.initial_password}
      </Typography.Paragraph>
    </Modal>
  );
}

function MembersBody({ projectId, timeZone }: { projectId: number; timeZone: string }) {
  const { data, error, isFetching } = useMembers(projectId);
  const update = useUpdateMember(projectId);
  const [inviting, setInviting] = useState(false);
  const [invited, setInvited] = useState<Invited | null>(null);
  const [editing, setEditing] = useState<Member | null>(null);
  const [conflict, setConflict] = useState<{ current: Member; values: MemberValues; edited: Member } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const save = (member: Member, on: Member, values: MemberValues) => {
    update.mutate(
      { id: member.id, version: on.version, changes: memberChanges(member, values) },
      {
        onSuccess: (answer) => {
          setEditing(null);
          setConflict(null);
          setNotice(`${answer.user.name} saved.`);
        },
        onError: (failure) => {
          if (failure instanceof ApiError && failure.code === 'version_conflict') {
            setEditing(null);
            setConflict({ current: failure.current as Member, values, edited: member });
          }
        },
      },
    );
  };

  const columns: TableColumnsType<Member> = [
    {
      title: 'Name',
      key: 'name',
      render: (_, member) => (
        <>
          <div>{member.user.name}</div>
          <Typography.Text type="secondary" style={{ wordBreak: 'break-all' }}>
            {member.user.email}
          </Typography.Text>
        </>
      ),
    },
    { title: 'Company', key: 'company', render: (_, member) => companyLabel(member) },
    { title: 'Grade', key: 'grade', render: (_, member) => member.user.grade },
    { title: 'Role', key: 'role', render: (_, member) => roleLabel(member.role) },
    {
      title: 'State',
      key: 'state',
      render: (_, member) => (member.is_active ? <Tag color="green">Active</Tag> : <Tag>Deactivated</Tag>),
    },
    {
      title: 'Actions',
      key: 'actions',
      render: (_, member) => (
        <Button
          icon={<EditOutlined aria-hidden />}
          aria-label={`Change ${member.user.name}`}
          style={{ minHeight: 44, minWidth: 44 }}
          onClick={() => {
            update.reset();
            setEditing(member);
          }}
        >
          Change
        </Button>
      ),
    },
  ];

  return (
    <Flex vertical gap="middle">
      <Typography.Paragraph style={{ margin: 0 }}>
        The people on this project: their company (and so their side), grade and role decide what the policy table lets
        them do. Deactivating someone returns their open tasks to the pool and keeps everything they did.
      </Typography.Paragraph>
      <div>
        <Button
          type="primary"
          icon={<UserAddOutlined aria-hidden />}
          style={{ minHeight: 44 }}
          onClick={() => {
            setInviting(true);
          }}
        >
          Invite a person
        </Button>
      </div>
      {notice !== null && (
        <SuccessNotice
          message={notice}
          onClose={() => {
            setNotice(null);
          }}
        />
      )}
      {error !== null && <ErrorAlert error={error} />}
      {update.error !== null && editing === null && conflict === null && <ErrorAlert error={update.error} />}
      <ResponsiveTable<Member>
        rowKey="id"
        size="middle"
        aria-label="Members"
        columns={columns}
        dataSource={data}
        loading={isFetching && data === undefined}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: 'Nobody on this project yet.' }}
        pagination={false}
      />
      {data !== undefined && data.every((member) => !member.is_active) && (
        <Alert type="warning" showIcon message="Nobody is active on this project." />
      )}
      <AdminHistory projectId={projectId} timeZone={timeZone} subject="member" />
      {inviting && (
        <InviteDialog
          projectId={projectId}
          onClose={() => {
            setInviting(false);
          }}
          onInvited={(answer) => {
            setInviting(false);
            setInvited(answer);
          }}
        />
      )}
      {invited !== null && (
        <InitialPassword
          invited={invited}
          onClose={() => {
            setInvited(null);
          }}
        />
      )}
      {editing !== null && (
        <MemberDialog
          projectId={projectId}
          member={editing}
          pending={update.isPending}
          error={update.error}
          onClose={() => {
            setEditing(null);
          }}
          onSave={(values) => {
            save(editing, editing, values);
          }}
        />
      )}
      {conflict !== null && (
        <ConflictDialog
          title={`${conflict.current.user.name} was changed by someone else`}
          version={conflict.current.version}
          rows={(Object.keys(memberChanges(conflict.edited, conflict.values)) as (keyof MemberValues)[]).map((field) => ({
            key: field,
            field,
            theirs: String(memberValues(conflict.current)[field] ?? '—'),
            mine: String(conflict.values[field] ?? '—'),
          }))}
          pending={update.isPending}
          error={update.error instanceof ApiError && update.error.code === 'version_conflict' ? null : update.error}
          onReapply={() => {
            save(conflict.edited, conflict.current, conflict.values);
          }}
          onDiscard={() => {
            setConflict(null);
            update.reset();
          }}
        />
      )}
    </Flex>
  );
}

/** /admin/members — the project's people: invite, company, side, grade, role; deactivate and reactivate. */
export function MembersPage() {
  const { project } = useCurrentProject();
  return (
    <AdminOnly>
      <MembersBody projectId={project.id} timeZone={project.time_zone} />
    </AdminOnly>
  );
}
