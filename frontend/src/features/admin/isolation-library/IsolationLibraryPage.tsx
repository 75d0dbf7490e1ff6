import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Input, Popconfirm, Segmented, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { ConflictDialog } from '@/components/ConflictDialog';
import { ErrorAlert } from '@/components/ErrorAlert';
import { ListCard, ResponsiveTable } from '@/components/ResponsiveTable';
import { SuccessNotice } from '@/components/SuccessNotice';
import { TAP_TARGET_STYLE } from '@/components/tapTarget';
import { ApiError } from '@/lib/api/client';
import { useIsPhone } from '@/lib/layout/useIsPhone';
import { capitalise } from '@/lib/permits/riskLevel';
import { useCurrentProject, useMe, useProjectRole } from '@/lib/session';
import { templateUrl, useLibraryPoints, useRetirePoint, type LibraryPoint, type LibraryStatus } from './api';
import { ImportDialog } from './ImportDialog';
import { PointDialog } from './PointDialog';

const STATUS_OPTIONS: { value: LibraryStatus; label: string }[] = [
  { value: 'active', label: 'In use' },
  { value: 'retired', label: 'Retired' },
  { value: 'all', label: 'All' },
];

type Activity = 'retire' | 'restore';

interface ActivityConflict {
  current: LibraryPoint;
  action: Activity;
}

/** Whether to offer library writes: the server lets project admins and tenant admins have them. */
function useIsProjectAdmin(projectId: number): boolean {
  const role = useProjectRole(projectId);
  return useMe().is_tenant_admin || role === 'project_admin';
}

function PointStatus({ point }: { point: LibraryPoint }) {
  return point.is_active ? <Tag color="green">In use</Tag> : <Tag>Retired</Tag>;
}

function locks(point: LibraryPoint): string {
  return `${String(point.locks_required)} lock${point.locks_required === 1 ? '' : 's'}`;
}

/**
 * /admin/isolation-library — the project's isolation points, the ones permits choose from. Project admins add,
 * edit, retire and restore them, and import many from a CSV file (previewed, then all rows or none).
 */
export function IsolationLibraryPage() {
  const { project } = useCurrentProject();
  const isAdmin = useIsProjectAdmin(project.id);
  const phone = useIsPhone();
  const [status, setStatus] = useState<LibraryStatus>('active');
  const [search, setSearch] = useState('');
  const points = useLibraryPoints(project.id, { status, search });
  const activity = useRetirePoint(project.id);
  const [editing, setEditing] = useState<LibraryPoint | null | undefined>(undefined);
  const [importing, setImporting] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [conflict, setConflict] = useState<ActivityConflict | null>(null);

  const changeActivity = (point: LibraryPoint, action: Activity) => {
    setNotice(null);
    activity.mutate(
      { point, action },
      {
        onSuccess: (saved) => {
          setConflict(null);
          setNotice(`${saved.code} ${action === 'retire' ? 'retired: no longer offered on permits' : 'restored'}.`);
        },
        onError: (error) => {
          if (error instanceof ApiError && error.code === 'version_conflict' && error.current !== undefined) {
            setConflict({ current: error.current as LibraryPoint, action });
          } else {
            setConflict(null);
          }
        },
      },
    );
  };

  const actionsOf = (point: LibraryPoint) => (
    <Flex gap={4} wrap>
      <Button
        style={TAP_TARGET_STYLE}
        onClick={() => {
          setEditing(point);
        }}
      >
        Edit
      </Button>
      {point.is_active ? (
        <Popconfirm
          title={`Retire ${point.code}?`}
          description="It is no longer offered for new isolations; permits that hold it keep it."
          okText="Retire"
          onConfirm={() => {
            changeActivity(point, 'retire');
          }}
        >
          <Button danger style={TAP_TARGET_STYLE} loading={activity.isPending && activity.variables.point.id === point.id}>
            Retire
          </Button>
        </Popconfirm>
      ) : (
        <Button
          style={TAP_TARGET_STYLE}
          loading={activity.isPending && activity.variables.point.id === point.id}
          onClick={() => {
            changeActivity(point, 'restore');
          }}
        >
          Restore
        </Button>
      )}
    </Flex>
  );

  const columns: TableColumnsType<LibraryPoint> = [
    { title: 'Code', dataIndex: 'code', key: 'code' },
    { title: 'Name', dataIndex: 'name', key: 'name' },
    { title: 'Energy', key: 'energy_type', render: (_, point) => capitalise(point.energy_type) },
    { title: 'Type', key: 'point_type', render: (_, point) => capitalise(point.point_type) },
    { title: 'Locks', key: 'locks', render: (_, point) => locks(point) },
    { title: 'Asset tag', dataIndex: 'asset_tag', key: 'asset_tag' },
    { title: 'Status', key: 'status', render: (_, point) => <PointStatus point={point} /> },
    ...(isAdmin
      ? [{ title: 'Actions', key: 'actions', render: (_: unknown, point: LibraryPoint) => actionsOf(point) }]
      : []),
  ];

  return (
    <Flex vertical gap="middle">
      <Typography.Paragraph style={{ margin: 0 }}>
        The isolation points of {project.name} that permits choose from: how each is isolated, how that is proved,
        and how many locks it takes. A retired point is no longer offered; permits that hold it keep it.
      </Typography.Paragraph>
      {!isAdmin && (
        <Alert type="info" showIcon message="Only a project admin can change this project’s isolation library." />
      )}
      {isAdmin && (
        <Flex gap="small" wrap>
          <Button
            type="primary"
            icon={<PlusOutlined aria-hidden />}
            style={TAP_TARGET_STYLE}
            onClick={() => {
              setEditing(null);
            }}
          >
            Add point
          </Button>
          <Button
            icon={<UploadOutlined aria-hidden />}
            style={TAP_TARGET_STYLE}
            onClick={() => {
              setImporting(true);
            }}
          >
            Import CSV
          </Button>
          <Button icon={<DownloadOutlined aria-hidden />} style={TAP_TARGET_STYLE} href={templateUrl(project.id)}>
            CSV template
          </Button>
        </Flex>
      )}
      <Flex gap="small" wrap align="center">
        <Input.Search
          allowClear
          aria-label="Search points"
          placeholder="Search code, name or asset tag"
          maxLength={100}
          style={{ maxWidth: 360 }}
          size="large"
          onSearch={(value) => {
            setSearch(value.trim());
          }}
        />
        <Segmented<LibraryStatus>
          aria-label="Which points"
          // On a phone the control spans the width, so each choice (even "All") is a full tap target.
          block={phone}
          style={phone ? { width: '100%' } : undefined}
          options={STATUS_OPTIONS}
          value={status}
          onChange={setStatus}
        />
      </Flex>
      {notice !== null && (
        <SuccessNotice
          message={notice}
          onClose={() => {
            setNotice(null);
          }}
        />
      )}
      {activity.error !== null && !(activity.error instanceof ApiError && activity.error.code === 'version_conflict') && (
        <ErrorAlert error={activity.error} />
      )}
      {points.error !== null && <ErrorAlert error={points.error} />}
      <ResponsiveTable<LibraryPoint>
        rowKey="id"
        size="middle"
        aria-label="Isolation points"
        columns={columns}
        dataSource={points.data}
        loading={points.isFetching && points.data === undefined}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: search === '' ? 'No isolation points here.' : 'No points match the search.' }}
        pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
        renderCard={(point) => (
          <ListCard
            heading={point.code}
            title={point.name}
            tags={
              <>
                <PointStatus point={point} />
                <Tag>{capitalise(point.energy_type)}</Tag>
                <Tag>{capitalise(point.point_type)}</Tag>
                <Tag>{locks(point)}</Tag>
              </>
            }
            actions={isAdmin ? actionsOf(point) : undefined}
          />
        )}
      />
      {editing !== undefined && (
        <PointDialog
          projectId={project.id}
          point={editing}
          onSaved={(saved, created) => {
            setEditing(undefined);
            setNotice(`${saved.code} ${created ? 'added to the library' : 'saved'}.`);
          }}
          onClose={() => {
            setEditing(undefined);
          }}
        />
      )}
      {importing && (
        <ImportDialog
          projectId={project.id}
          onImported={(written) => {
            setImporting(false);
            setNotice(`${String(written)} isolation points imported.`);
          }}
          onClose={() => {
            setImporting(false);
          }}
        />
      )}
      {conflict !== null && (
        <ConflictDialog
          title={`${conflict.current.code} was changed by someone else`}
          version={conflict.current.version}
          rows={[
            {
              key: 'is_active',
              field: 'Status',
              theirs: conflict.current.is_active ? 'In use' : 'Retired',
              mine: conflict.action === 'retire' ? 'Retired' : 'In use',
            },
          ]}
          pending={activity.isPending}
          error={null}
          onReapply={() => {
            changeActivity(conflict.current, conflict.action);
          }}
          onDiscard={() => {
            setConflict(null);
            activity.reset();
          }}
        />
      )}
    </Flex>
  );
}
