import { CloudUploadOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { Badge, Tooltip } from 'antd';
import { useFieldRecords } from '@/lib/offline/useFieldRecords';

/** The shell header's count of the user's field records waiting on this device (and refused ones). */
export function FieldRecordCount() {
  const records = useFieldRecords();
  const pending = records.filter((record) => record.status === 'pending').length;
  const refused = records.filter((record) => record.status === 'refused').length;
  if (pending + refused === 0) return null;
  const parts = [
    pending > 0 ? `${String(pending)} waiting to be sent` : null,
    refused > 0 ? `${String(refused)} refused` : null,
  ].filter((part) => part !== null);
  const label = `Records on this device: ${parts.join(', ')}`;
  return (
    <Tooltip title={label}>
      <span role="status" aria-label={label} style={{ color: '#fff', display: 'inline-flex', gap: 12 }}>
        {pending > 0 && (
          <Badge count={pending} size="small" color="blue">
            <CloudUploadOutlined style={{ color: '#fff', fontSize: 18 }} aria-hidden />
          </Badge>
        )}
        {refused > 0 && (
          <Badge count={refused} size="small">
            <ExclamationCircleOutlined style={{ color: '#fff', fontSize: 18 }} aria-hidden />
          </Badge>
        )}
      </span>
    </Tooltip>
  );
}
