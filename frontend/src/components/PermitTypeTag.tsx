import { Tag } from 'antd';
import { textColorOn } from '@/lib/color';

interface PermitTypeTagProps {
  type: { name: string; color?: string };
}

/** A permit type in the colour its administrators chose, with text that stays readable on it. */
export function PermitTypeTag({ type }: PermitTypeTagProps) {
  return (
    <Tag color={type.color} style={{ color: type.color === undefined ? undefined : textColorOn(type.color) }}>
      {type.name}
    </Tag>
  );
}
