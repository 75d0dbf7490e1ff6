import { Descriptions, Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { formatDateTime } from '../../../lib/time';
import type { Permit, Person, Signature } from '../api/types';
import { actionLabel } from '../components/actionCatalog';
import { capitalise } from './riskLevel';

function personName(person: Person | null | undefined): string {
  return person?.name ?? '—';
}

function signatureColumns(timeZone: string): TableColumnsType<Signature> {
  return [
    { title: 'Act', dataIndex: 'action', key: 'action', render: (action: string) => actionLabel(action) },
    { title: 'Signer', key: 'signer', render: (_value, signature) => signature.signer.name },
    { title: 'Role', dataIndex: 'role', key: 'role', render: (role: string) => capitalise(role) },
    {
      title: 'Signed at',
      dataIndex: 'signed_at',
      key: 'signed_at',
      render: (at: string) => <time dateTime={at}>{formatDateTime(at, timeZone)}</time>,
    },
    {
      title: 'Method',
      dataIndex: 'method',
      key: 'method',
      render: (method: string) => (method === 'typed' ? 'Typed name' : capitalise(method)),
    },
    {
      title: 'State',
      key: 'valid',
      render: (_value, signature) =>
        signature.valid ? (
          <Tag color="success">valid</Tag>
        ) : (
          <Tag color="error">void — {signature.void_reason || 'no reason given'}</Tag>
        ),
    },
  ];
}

/** Who is on the permit, and every signature with whether it still vouches for the content. */
export function PeopleTab({
  permit,
  signatures,
  timeZone,
}: {
  permit: Permit;
  signatures: readonly Signature[] | undefined;
  timeZone: string;
}) {
  return (
    <Flex vertical gap="large">
      <Descriptions
        title="People"
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'requester', label: 'Requester (performing authority)', children: personName(permit.requester) },
          { key: 'named_verifier', label: 'Named verifier', children: personName(permit.named_verifier) },
          { key: 'verifier', label: 'Verifier', children: personName(permit.verifier) },
          { key: 'issuer', label: 'Issuer', children: personName(permit.issuer) },
        ]}
      />
      <section aria-label="Signatures">
        <Typography.Title level={5}>Signatures</Typography.Title>
        <Table<Signature>
          rowKey="id"
          size="small"
          columns={signatureColumns(timeZone)}
          dataSource={signatures === undefined ? [] : [...signatures]}
          loading={signatures === undefined}
          pagination={false}
          scroll={{ x: true }}
          locale={{ emptyText: 'No signatures yet.' }}
        />
      </section>
    </Flex>
  );
}
