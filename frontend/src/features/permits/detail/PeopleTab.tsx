import { Descriptions, Flex, Tag, Typography, type TableColumnsType } from 'antd';
import { ResponsiveTable } from '@/components/ResponsiveTable';
import { formatDateTime } from '@/lib/time/format';
import type { Permit, Person, Signature } from '@/lib/api/models';
import { actionLabel } from '../components/actionCatalog';
import { isDrawnImage } from '../components/signature';
import { capitalise } from '@/lib/permits/riskLevel';

function personName(person: Person | null | undefined): string {
  return person?.name ?? '—';
}

/** The drawn image of a signature, when it is one the page can show (a PNG data URL within the size limit). */
function drawnImage(signature: Signature): string | null {
  return signature.method === 'drawn' && isDrawnImage(signature.data) ? signature.data : null;
}

/** How the signature was made: "Typed name", or the drawing itself. */
function MethodCell({ signature }: { signature: Signature }) {
  if (signature.method === 'typed') return 'Typed name';
  const image = drawnImage(signature);
  if (image === null) return capitalise(signature.method);
  return (
    <img
      src={image}
      alt={`Drawn signature of ${signature.signer.name}`}
      style={{ display: 'block', maxHeight: 48, maxWidth: 160 }}
    />
  );
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
      key: 'method',
      render: (_value, signature) => <MethodCell signature={signature} />,
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
        <ResponsiveTable<Signature>
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
