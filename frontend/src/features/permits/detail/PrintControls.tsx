import { FilePdfOutlined, QrcodeOutlined } from '@ant-design/icons';
import { Button, Flex, Popover, Typography } from 'antd';
import type { Permit } from '@/lib/api/models';

/** The printed permit (A4 PDF; once completed, the copy frozen at completion) and its QR code to this page. */
export function PrintControls({ permit }: { permit: Pick<Permit, 'id' | 'permit_number'> }) {
  const base = `/api/v1/ptw/permits/${String(permit.id)}`;
  return (
    <Flex gap="small">
      <Button icon={<FilePdfOutlined aria-hidden />} href={`${base}/document/`} target="_blank" rel="noopener">
        Print (PDF)
      </Button>
      <Popover
        trigger="click"
        title={`QR code of ${permit.permit_number}`}
        content={
          <Flex vertical align="center" gap="small" style={{ maxWidth: 220 }}>
            <img src={`${base}/qr/`} alt={`QR code of ${permit.permit_number}`} width={180} height={180} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              Scanning it opens this permit after log-in. A project admin can revoke it.
            </Typography.Text>
          </Flex>
        }
      >
        <Button icon={<QrcodeOutlined aria-hidden />}>QR code</Button>
      </Popover>
    </Flex>
  );
}
