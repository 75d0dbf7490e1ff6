import {
  EditOutlined,
  EllipsisOutlined,
  FilePdfOutlined,
  FileProtectOutlined,
  NumberOutlined,
  QrcodeOutlined,
} from '@ant-design/icons';
import { Button, Dropdown, Modal, type MenuProps } from 'antd';
import { useState } from 'react';
import type { Permit } from '@/lib/api/models';
import { auditExportUrl, documentUrl, PermitQrCode } from './PrintControls';
import { RenumberControl } from './RenumberControl';

interface MoreMenuProps {
  permit: Pick<Permit, 'id' | 'permit_number' | 'can'>;
  /** Offered only when the content may be changed. */
  onEdit: (() => void) | undefined;
  canRenumber: boolean;
}

/** A phone's secondary permit actions in one menu: edit, print, QR code, audit file, renumber. */
export function MoreMenu({ permit, onEdit, canRenumber }: MoreMenuProps) {
  const [qrOpen, setQrOpen] = useState(false);
  const [renumberOpen, setRenumberOpen] = useState(false);

  const items: MenuProps['items'] = [
    ...(onEdit === undefined ? [] : [{ key: 'edit', icon: <EditOutlined aria-hidden />, label: 'Edit' }]),
    {
      key: 'print',
      icon: <FilePdfOutlined aria-hidden />,
      label: (
        <a href={documentUrl(permit)} target="_blank" rel="noopener">
          Print (PDF)
        </a>
      ),
    },
    { key: 'qr', icon: <QrcodeOutlined aria-hidden />, label: 'QR code' },
    ...(permit.can.audit_export
      ? [
          {
            key: 'audit',
            icon: <FileProtectOutlined aria-hidden />,
            label: (
              <a href={auditExportUrl(permit)} download>
                Download audit file
              </a>
            ),
          },
        ]
      : []),
    ...(canRenumber ? [{ key: 'renumber', icon: <NumberOutlined aria-hidden />, label: 'Renumber' }] : []),
  ];
  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'edit') onEdit?.();
    if (key === 'qr') setQrOpen(true);
    if (key === 'renumber') setRenumberOpen(true);
  };

  return (
    <>
      <Dropdown menu={{ items, onClick }} trigger={['click']}>
        <Button icon={<EllipsisOutlined aria-hidden />}>More</Button>
      </Dropdown>
      <Modal
        open={qrOpen}
        title={`QR code of ${permit.permit_number}`}
        footer={null}
        onCancel={() => {
          setQrOpen(false);
        }}
      >
        <PermitQrCode permit={permit} />
      </Modal>
      {canRenumber && <RenumberControl permit={permit} opener={{ open: renumberOpen, setOpen: setRenumberOpen }} />}
    </>
  );
}
