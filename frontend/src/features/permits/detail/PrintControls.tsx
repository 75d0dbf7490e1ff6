import { FilePdfOutlined, QrcodeOutlined } from '@ant-design/icons';
import { Button, Flex, Popover, Typography } from 'antd';
import type { Permit } from '@/lib/api/models';

export function documentUrl(permit: Pick<Permit, 'id'>): string {
  return `/api/v1/ptw/permits/${String(permit.id)}/document/`;
}

/** The permit's QR code (it opens this page) and what scanning it does. */
export function PermitQrCode({ permit }: { permit: Pick<Permit, 'id' | 'permit_number'> }) {
  return (
    <Flex vertical align="center" gap="small" style={{ maxWidth: 220, marginInline: 'auto' }}>
      <img
        src={`/api/v1/ptw/permits/${String(permit.id)}/qr/`}
        alt={`QR code of ${permit.permit_number}`}
        width={180}
        height={180}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        Scanning it opens this permit after log-in. A project admin can revoke it.
      </Typography.Text>
    </Flex>
  );
}

/** The printed permit (A4 PDF; once completed, the copy frozen at completion) and its QR code to this page. */
export function PrintControls({ permit }: { permit: Pick<Permit, 'id' | 'permit_number'> }) {
  return (
    <Flex gap="small">
      <Button icon={<FilePdfOutlined aria-hidden />} href={documentUrl(permit)} target="_blank" rel="noopener">
        Print (PDF)
      </Button>
      <Popover
        trigger="click"
        title={`QR code of ${permit.permit_number}`}
        content={<PermitQrCode permit={permit} />}
      >
        <Button icon={<QrcodeOutlined aria-hidden />}>QR code</Button>
      </Popover>
    </Flex>
  );
}
