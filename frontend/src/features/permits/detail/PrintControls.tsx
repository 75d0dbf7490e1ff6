import { FileProtectOutlined, FilePdfOutlined, QrcodeOutlined } from '@ant-design/icons';
import { Button, Flex, Popover, Typography } from 'antd';
import type { Permit } from '@/lib/api/models';

export function documentUrl(permit: Pick<Permit, 'id'>): string {
  return `/api/v1/ptw/permits/${String(permit.id)}/document/`;
}

/** The permit's audit file: a ZIP of its records with their hashes (a plain GET the browser saves). */
export function auditExportUrl(permit: Pick<Permit, 'id'>): string {
  return `/api/v1/ptw/permits/${String(permit.id)}/audit-export/`;
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

/**
 * The printed permit (A4 PDF; once completed, the copy frozen at completion), its QR code to this page, and for
 * those the server lets export it (project admins, issuers) the audit file.
 */
export function PrintControls({ permit }: { permit: Pick<Permit, 'id' | 'permit_number' | 'can'> }) {
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
      {permit.can.audit_export && (
        <Button icon={<FileProtectOutlined aria-hidden />} href={auditExportUrl(permit)} download>
          Download audit file
        </Button>
      )}
    </Flex>
  );
}
