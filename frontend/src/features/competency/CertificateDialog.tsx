import { UploadOutlined } from '@ant-design/icons';
import { Button, Form, Input, Modal, Radio, Select, Typography, Upload } from 'antd';
import { useState } from 'react';
import { DayPicker } from '@/components/DayPicker';
import { ErrorAlert } from '@/components/ErrorAlert';
import { newIdempotencyKey } from '@/lib/api/idempotency';
import type { Certificate, CompetencyKind } from '@/lib/api/models';
import { placeFieldErrors } from '@/lib/forms/formErrors';
import {
  useCreateWorker,
  useProjectMembers,
  useRecordCertificate,
  useRenewCertificate,
  useWorkerSearch,
} from './api';

const FIELDS = ['holder_user', 'holder_worker', 'kind', 'number', 'issued_on', 'expires_on', 'evidence'] as const;

interface DialogValues {
  holderType?: 'user' | 'worker' | 'new_worker';
  holder_user?: number;
  holder_worker?: number;
  worker_name?: string;
  worker_company?: string;
  worker_id_number?: string;
  kind?: string;
  number?: string;
  issued_on?: string;
  expires_on?: string;
}

interface MemberRow {
  id: number;
  user: { id?: number; name?: string; company?: string | null };
}

export interface CertificateDialogProps {
  projectId: number;
  kinds: CompetencyKind[];
  /** The certificate to renew; absent: record a new one. */
  renewing?: Certificate;
  onClose: () => void;
}

const TAP = { minHeight: 44 };

/** Records a certificate (holder, kind, number, dates, evidence) or renews one (new number, dates, evidence). */
export function CertificateDialog({ projectId, kinds, renewing, onClose }: CertificateDialogProps) {
  const [form] = Form.useForm<DialogValues>();
  const [file, setFile] = useState<File | undefined>();
  const [search, setSearch] = useState('');
  const [placed, setPlaced] = useState<string[]>([]);
  const holderType = Form.useWatch('holderType', form) ?? 'user';
  const record = useRecordCertificate();
  const renew = useRenewCertificate();
  const createWorker = useCreateWorker();
  const members = useProjectMembers(projectId, renewing === undefined);
  const workers = useWorkerSearch(search, renewing === undefined && holderType === 'worker');
  const pending = record.isPending || renew.isPending || createWorker.isPending;
  const error = record.error ?? renew.error ?? createWorker.error;

  const failed = (err: Error) => { setPlaced(placeFieldErrors(form, err, FIELDS)); };

  const submit = async (values: DialogValues) => {
    setPlaced([]);
    const dates = { number: (values.number ?? '').trim(), issued_on: values.issued_on ?? '', expires_on: values.expires_on ?? '' };
    try {
      if (renewing !== undefined) {
        await renew.mutateAsync({ id: renewing.id, version: renewing.version, ...dates, evidence: file });
      } else {
        let holderWorker = values.holder_worker;
        if (values.holderType === 'new_worker') {
          const worker = await createWorker.mutateAsync({
            body: {
              project: projectId,
              name: (values.worker_name ?? '').trim(),
              company: (values.worker_company ?? '').trim(),
              id_number: (values.worker_id_number ?? '').trim(),
            },
            idempotencyKey: newIdempotencyKey(),
          });
          holderWorker = worker.id;
        }
        await record.mutateAsync({
          project: projectId,
          kind: values.kind ?? '',
          holder_user: values.holderType === 'user' || values.holderType === undefined ? values.holder_user : undefined,
          holder_worker: values.holderType === 'user' || values.holderType === undefined ? undefined : holderWorker,
          ...dates,
          evidence: file,
          idempotencyKey: newIdempotencyKey(),
        });
      }
      onClose();
    } catch (err) {
      if (err instanceof Error) failed(err);
    }
  };

  const memberOptions = ((members.data ?? []) as unknown as MemberRow[]).map((member) => ({
    value: member.user.id ?? 0,
    label: `${member.user.name ?? ''}${member.user.company ? ` (${member.user.company})` : ''}`,
  }));
  const workerOptions = (workers.data?.results ?? []).map((worker) => ({
    value: worker.id,
    label: `${worker.name} (${worker.company}, ${worker.id_number})`,
  }));
  const title =
    renewing === undefined
      ? 'Add a certificate'
      : `Renew ${renewing.kind.name} of ${renewing.holder.name}`;

  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      okText={renewing === undefined ? 'Record certificate' : 'Renew certificate'}
      okButtonProps={{ htmlType: 'submit', loading: pending, style: TAP }}
      cancelButtonProps={{ style: TAP }}
      destroyOnHidden
      modalRender={(dom) => (
        <Form<DialogValues>
          form={form}
          layout="vertical"
          name="certificate"
          initialValues={{ holderType: 'user', number: renewing?.number }}
          onFinish={(values) => void submit(values)}
          disabled={pending}
        >
          {dom}
        </Form>
      )}
    >
      {renewing === undefined && (
        <>
          <Form.Item name="holderType" label="Held by">
            <Radio.Group optionType="button" buttonStyle="solid">
              <Radio.Button value="user" style={TAP}>
                A project member
              </Radio.Button>
              <Radio.Button value="worker" style={TAP}>
                A worker
              </Radio.Button>
              <Radio.Button value="new_worker" style={TAP}>
                A new worker
              </Radio.Button>
            </Radio.Group>
          </Form.Item>
          {holderType === 'user' && (
            <Form.Item name="holder_user" label="Member" rules={[{ required: true, message: 'Choose the member.' }]}>
              <Select
                showSearch
                optionFilterProp="label"
                options={memberOptions}
                loading={members.isPending}
                placeholder="Choose a member"
              />
            </Form.Item>
          )}
          {holderType === 'worker' && (
            <Form.Item name="holder_worker" label="Worker" rules={[{ required: true, message: 'Choose the worker.' }]}>
              <Select
                showSearch
                filterOption={false}
                onSearch={setSearch}
                options={workerOptions}
                loading={workers.isFetching}
                placeholder="Search by name, company or ID number"
              />
            </Form.Item>
          )}
          {holderType === 'new_worker' && (
            <>
              <Form.Item name="worker_name" label="Worker’s name" rules={[{ required: true, whitespace: true, message: 'Give the name.' }]}>
                <Input maxLength={120} autoComplete="off" />
              </Form.Item>
              <Form.Item name="worker_company" label="Worker’s company" rules={[{ required: true, whitespace: true, message: 'Give the company.' }]}>
                <Input maxLength={120} />
              </Form.Item>
              <Form.Item name="worker_id_number" label="ID number" rules={[{ required: true, whitespace: true, message: 'Give the ID number.' }]}>
                <Input maxLength={60} />
              </Form.Item>
            </>
          )}
          <Form.Item name="kind" label="Competency" rules={[{ required: true, message: 'Choose the competency.' }]}>
            <Select
              showSearch
              optionFilterProp="label"
              options={kinds.map((kind) => ({ value: kind.code, label: kind.name }))}
              placeholder="Choose a competency"
            />
          </Form.Item>
        </>
      )}
      <Form.Item
        name="number"
        label="Certificate number"
        rules={[{ required: renewing === undefined, whitespace: true, message: 'Give the certificate’s number.' }]}
      >
        <Input maxLength={80} autoComplete="off" />
      </Form.Item>
      <Form.Item name="issued_on" label="Issued on" rules={[{ required: true, message: 'Give the issue date.' }]}>
        <DayPicker />
      </Form.Item>
      <Form.Item name="expires_on" label="Expires on" rules={[{ required: true, message: 'Give the expiry date.' }]}>
        <DayPicker />
      </Form.Item>
      <Form.Item label="Evidence (image or PDF, at most 10 MB)">
        <Upload
          accept="image/jpeg,image/png,image/webp,application/pdf"
          maxCount={1}
          beforeUpload={(chosen) => {
            setFile(chosen);
            return false;
          }}
          onRemove={() => { setFile(undefined); }}
        >
          <Button icon={<UploadOutlined aria-hidden />} style={TAP}>
            Choose file
          </Button>
        </Upload>
        <Typography.Text type="secondary">The file’s type is judged by its content.</Typography.Text>
      </Form.Item>
      {error !== null && <ErrorAlert error={error} shownFields={placed} />}
    </Modal>
  );
}
