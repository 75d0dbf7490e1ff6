import { Button, Flex, Input, Modal, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '@/components/ErrorAlert';
import { ListCard, ResponsiveTable } from '@/components/ResponsiveTable';
import { TAP_TARGET_STYLE } from '@/components/tapTarget';
import type { Certificate } from '@/lib/api/models';
import { useCurrentProject } from '@/lib/session';
import { useUrlPagination } from '@/lib/useUrlPagination';
import { useIsRegisterAdmin } from './access';
import { useCompetencyKinds } from '@/lib/competency/kinds';
import { useCertificates, useRevokeCertificate } from './api';
import { CertificateDialog } from './CertificateDialog';
import { CERTIFICATE_STATUS, certificateStatusText } from './certificateStatus';

/** Expiring within this many days: the register's warning window, as the server warns on permits. */
export const EXPIRY_WARNING_DAYS = 30;

function StatusTag({ certificate }: { certificate: Certificate }) {
  return <Tag color={CERTIFICATE_STATUS[certificate.status].color}>{certificateStatusText(certificate)}</Tag>;
}

function holderText(certificate: Certificate): string {
  const company = certificate.holder.company === '' ? '' : ` (${certificate.holder.company})`;
  return `${certificate.holder.name}${company}`;
}

/** /competency — the project's certificates with their standing; project admins record, renew and revoke them. */
export function CompetencyPage() {
  const { project } = useCurrentProject();
  const admin = useIsRegisterAdmin(project.id);
  const { page, pageSize, onChange, pagination } = useUrlPagination();
  const [kind, setKind] = useState<string>('');
  const [window, setWindow] = useState<'all' | 'expiring'>('all');
  const [dialog, setDialog] = useState<{ renewing?: Certificate } | null>(null);
  const [revoking, setRevoking] = useState<Certificate | null>(null);
  const [reason, setReason] = useState('');
  const kinds = useCompetencyKinds();
  const filters = { kind, expiring: window === 'expiring' ? EXPIRY_WARNING_DAYS : undefined, page, pageSize };
  const { data, error, isFetching } = useCertificates(project.id, filters);
  const revoke = useRevokeCertificate();

  const actions = (certificate: Certificate) =>
    admin &&
    certificate.status !== 'revoked' &&
    certificate.status !== 'superseded' && (
      <Space wrap>
        <Button style={TAP_TARGET_STYLE} onClick={() => { setDialog({ renewing: certificate }); }} aria-label={`Renew ${certificate.kind.name} of ${certificate.holder.name}`}>
          Renew
        </Button>
        <Button danger style={TAP_TARGET_STYLE} onClick={() => { setRevoking(certificate); }} aria-label={`Revoke ${certificate.kind.name} of ${certificate.holder.name}`}>
          Revoke
        </Button>
      </Space>
    );
  const evidence = (certificate: Certificate) =>
    certificate.evidence_url === null ? (
      <Typography.Text type="secondary">None</Typography.Text>
    ) : (
      <a href={certificate.evidence_url} target="_blank" rel="noreferrer" style={TAP_TARGET_STYLE}>
        {certificate.evidence_name === '' ? 'Evidence' : certificate.evidence_name}
      </a>
    );

  const columns: TableColumnsType<Certificate> = [
    {
      title: 'Holder',
      key: 'holder',
      render: (_, certificate) => (
        <>
          <div>{certificate.holder.name}</div>
          <Typography.Text type="secondary">
            {certificate.holder.type === 'worker' ? 'Worker' : 'Member'}
            {certificate.holder.company === '' ? '' : `, ${certificate.holder.company}`}
          </Typography.Text>
        </>
      ),
    },
    { title: 'Competency', key: 'kind', render: (_, certificate) => certificate.kind.name },
    { title: 'Number', dataIndex: 'number', key: 'number' },
    { title: 'Issued', dataIndex: 'issued_on', key: 'issued_on' },
    { title: 'Expires', dataIndex: 'expires_on', key: 'expires_on' },
    { title: 'Status', key: 'status', render: (_, certificate) => <StatusTag certificate={certificate} /> },
    { title: 'Evidence', key: 'evidence', render: (_, certificate) => evidence(certificate) },
    ...(admin ? [{ title: 'Actions', key: 'actions', render: (_: unknown, certificate: Certificate) => actions(certificate) }] : []),
  ];

  return (
    <Flex vertical gap="middle">
      <Typography.Paragraph style={{ margin: 0 }}>
        The certificates held by {project.name}’s people and workers. A permit type names the competencies each role
        needs; acting without a valid certificate is refused, and certificates expiring within {EXPIRY_WARNING_DAYS}{' '}
        days are warned about.
      </Typography.Paragraph>
      <Flex wrap gap="small" align="center">
        <Select
          aria-label="Competency"
          style={{ minWidth: 220, minHeight: 44 }}
          value={kind}
          onChange={setKind}
          options={[{ value: '', label: 'All competencies' }, ...(kinds.data ?? []).map((k) => ({ value: k.code, label: k.name }))]}
        />
        <Select
          aria-label="Expiry"
          style={{ minWidth: 200, minHeight: 44 }}
          value={window}
          onChange={setWindow}
          options={[
            { value: 'all', label: 'All certificates' },
            { value: 'expiring', label: 'Expiring or expired' },
          ]}
        />
        {admin && (
          <Button type="primary" style={TAP_TARGET_STYLE} onClick={() => { setDialog({}); }}>
            Add certificate
          </Button>
        )}
      </Flex>
      {error !== null && <ErrorAlert error={error} />}
      <ResponsiveTable<Certificate>
        renderCard={(certificate) => (
          <ListCard heading={holderText(certificate)} tags={<StatusTag certificate={certificate} />}>
            <div>{certificate.kind.name}</div>
            <div>
              No. {certificate.number}, issued {certificate.issued_on}, expires {certificate.expires_on}
            </div>
            <div>{evidence(certificate)}</div>
            {actions(certificate)}
          </ListCard>
        )}
        rowKey="id"
        size="middle"
        aria-label="Certificates"
        columns={columns}
        dataSource={data?.results}
        loading={isFetching && data === undefined}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: 'No certificates recorded.' }}
        pagination={pagination(data?.count ?? 0, (total) => `${String(total)} certificates`)}
        onChange={onChange}
      />
      {dialog !== null && (
        <CertificateDialog
          projectId={project.id}
          kinds={kinds.data ?? []}
          renewing={dialog.renewing}
          onClose={() => { setDialog(null); }}
        />
      )}
      {revoking !== null && (
        <Modal
          open
          title={`Revoke ${revoking.kind.name} of ${revoking.holder.name}`}
          okText="Revoke"
          okButtonProps={{ danger: true, disabled: reason.trim() === '', loading: revoke.isPending, style: { minHeight: 44 } }}
          cancelButtonProps={{ style: { minHeight: 44 } }}
          onCancel={() => { setRevoking(null); }}
          onOk={() => { revoke.mutate(
              { id: revoking.id, version: revoking.version, reason },
              { onSuccess: () => { setRevoking(null); setReason(''); } },
            ); }
          }
        >
          <label htmlFor="revoke-reason">Reason</label>
          <Input.TextArea id="revoke-reason" value={reason} onChange={(event) => { setReason(event.target.value); }} maxLength={500} />
          {revoke.error !== null && <ErrorAlert error={revoke.error} />}
        </Modal>
      )}
    </Flex>
  );
}
