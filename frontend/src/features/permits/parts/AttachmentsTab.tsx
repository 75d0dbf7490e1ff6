import { CameraOutlined, FilePdfOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Flex, List, Popconfirm, Progress, Select, Tag, Typography } from 'antd';
import { useRef, useState, type ChangeEvent } from 'react';
import { ErrorAlert } from '@/components/ErrorAlert';
import { newIdempotencyKey } from '@/lib/api/idempotency';
import type { Attachment, AttachmentKind } from '@/lib/api/models';
import { formatDateTime } from '@/lib/time/format';
import { useAttachments, useDeleteAttachment, useUploadAttachment } from '../api/attachments';
import { ATTACHMENT_KINDS, attachmentKindLabel, formatSize } from './attachmentKinds';
import { RequirementNotes } from './RequirementNotes';
import type { PartTabProps } from './types';

const ATTACHMENT_CODES = ['attachment_missing'] as const;
const ACCEPT = 'image/*,application/pdf';

/** One hidden file input opened by a button: the picker (images and PDFs), or the phone's camera. */
function FilePicker({
  label,
  icon,
  capture,
  disabled,
  onFile,
  testId,
}: {
  label: string;
  icon: React.ReactNode;
  capture?: boolean;
  disabled: boolean;
  onFile: (file: File) => void;
  testId: string;
}) {
  const input = useRef<HTMLInputElement>(null);
  const chosen = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file !== undefined) onFile(file);
  };
  return (
    <>
      <input
        ref={input}
        type="file"
        accept={capture ? 'image/*' : ACCEPT}
        capture={capture ? 'environment' : undefined}
        aria-label={label}
        data-testid={testId}
        style={{ display: 'none' }}
        onChange={chosen}
      />
      <Button icon={icon} disabled={disabled} onClick={() => input.current?.click()}>
        {label}
      </Button>
    </>
  );
}

function AttachmentItem({
  attachment,
  timeZone,
  canSupersede,
  canDelete,
  busy,
  onSupersede,
  onDelete,
}: {
  attachment: Attachment;
  timeZone: string;
  canSupersede: boolean;
  canDelete: boolean;
  busy: boolean;
  onSupersede: (file: File) => void;
  onDelete: () => void;
}) {
  const current = attachment.superseded_by === null;
  const actions = [
    <a key="open" href={attachment.content_url} target="_blank" rel="noreferrer">
      Open
    </a>,
  ];
  if (current && canSupersede) {
    actions.push(
      <FilePicker
        key="supersede"
        label="Supersede"
        icon={<PaperClipOutlined aria-hidden />}
        disabled={busy}
        onFile={onSupersede}
        testId={`supersede-${String(attachment.id)}`}
      />,
    );
  }
  if (canDelete) {
    actions.push(
      <Popconfirm key="delete" title="Delete this attachment?" okText="Delete" onConfirm={onDelete}>
        <Button danger disabled={busy}>
          Delete
        </Button>
      </Popconfirm>,
    );
  }
  return (
    <List.Item actions={actions} style={{ flexWrap: 'wrap', rowGap: 8 }}>
      <List.Item.Meta
        avatar={
          attachment.thumbnail_url !== null ? (
            <img
              src={attachment.thumbnail_url}
              alt={`Thumbnail of ${attachment.original_name}`}
              width={64}
              height={64}
              style={{ objectFit: 'cover', borderRadius: 4 }}
            />
          ) : (
            <FilePdfOutlined aria-label="PDF" style={{ fontSize: 40, color: '#cf1322' }} />
          )
        }
        title={
          <Flex wrap gap={6} align="center">
            <span style={{ overflowWrap: 'anywhere' }}>{attachment.original_name}</span>
            <Tag>{attachmentKindLabel(attachment.kind)}</Tag>
            {!current && <Tag color="default">Superseded</Tag>}
          </Flex>
        }
        description={`${formatSize(attachment.size)} · ${attachment.uploaded_by.name} · ${formatDateTime(
          attachment.uploaded_at,
          timeZone,
        )} · SHA-256 ${attachment.sha256.slice(0, 12)}`}
      />
    </List.Item>
  );
}

/** The permit's files: JSA, method statement, drawings, photos; uploaded here, superseded after submission. */
export function AttachmentsTab({ permit, type, readiness, timeZone, readOnly }: PartTabProps) {
  const attachments = useAttachments(permit.id);
  const upload = useUploadAttachment(permit.id);
  const remove = useDeleteAttachment(permit.id);
  const [kind, setKind] = useState<AttachmentKind>('photo');
  const [keepLocation, setKeepLocation] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const canAttach = !readOnly && permit.can.attach;
  const required = type?.required_attachments ?? [];

  const send = (file: File, supersedes?: number) => {
    setProgress(0);
    upload.mutate(
      {
        file,
        kind: supersedes === undefined ? kind : undefined,
        keepLocation,
        supersedes,
        idempotencyKey: newIdempotencyKey(),
        onProgress: setProgress,
      },
      { onSettled: () => { setProgress(null); } },
    );
  };
  const error = upload.error ?? remove.error;
  const busy = upload.isPending || remove.isPending;

  return (
    <Flex vertical gap="middle">
      {required.length > 0 && (
        <Typography.Paragraph style={{ margin: 0 }}>
          A permit of this type needs before submission: {required.map(attachmentKindLabel).join(', ')}.
        </Typography.Paragraph>
      )}
      <RequirementNotes readiness={readiness} codes={ATTACHMENT_CODES} />
      {canAttach && (
        <Card size="small" title="Attach a file">
          <Flex vertical gap="small">
            <Flex wrap gap="small" align="center">
              <Select
                aria-label="Kind of file"
                value={kind}
                onChange={setKind}
                options={ATTACHMENT_KINDS.map((item) => ({ value: item.value, label: item.label }))}
                style={{ minWidth: 200 }}
              />
              <FilePicker
                label="Choose file"
                icon={<PaperClipOutlined aria-hidden />}
                disabled={busy}
                onFile={(file) => { send(file); }}
                testId="attachment-file"
              />
              <FilePicker
                label="Take photo"
                icon={<CameraOutlined aria-hidden />}
                capture
                disabled={busy}
                onFile={(file) => { send(file); }}
                testId="attachment-camera"
              />
            </Flex>
            <Checkbox checked={keepLocation} onChange={(event) => { setKeepLocation(event.target.checked); }}>
              Keep location data (a photo&apos;s GPS position is removed otherwise)
            </Checkbox>
            <Typography.Text type="secondary">Images or PDF documents, at most 10 MB each.</Typography.Text>
            {progress !== null && (
              <Progress percent={Math.round(progress * 100)} size="small" aria-label="Upload progress" />
            )}
          </Flex>
        </Card>
      )}
      {error !== null && <ErrorAlert error={error} />}
      {attachments.error !== null && <ErrorAlert error={attachments.error} />}
      <List
        loading={attachments.isPending}
        dataSource={attachments.data ?? []}
        locale={{ emptyText: 'No attachments yet.' }}
        rowKey="id"
        renderItem={(attachment) => (
          <AttachmentItem
            attachment={attachment}
            timeZone={timeZone}
            canSupersede={canAttach}
            canDelete={!readOnly && permit.can.delete_attachments}
            busy={busy}
            onSupersede={(file) => { send(file, attachment.id); }}
            onDelete={() => { remove.mutate(attachment.id); }}
          />
        )}
      />
    </Flex>
  );
}
