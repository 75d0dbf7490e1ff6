import { Alert } from 'antd';
import type { CSSProperties } from 'react';

export interface SuccessNoticeProps {
  message: string;
  onClose: () => void;
  style?: CSSProperties;
}

/** What a write did, said once and closable; announced to screen readers as a status. */
export function SuccessNotice({ message, onClose, style }: SuccessNoticeProps) {
  return <Alert style={style} type="success" showIcon closable role="status" message={message} onClose={onClose} />;
}
