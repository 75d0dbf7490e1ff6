import { InfoCircleOutlined } from '@ant-design/icons';
import { Tooltip, theme } from 'antd';

interface DefinitionTipProps {
  label: string;
  definition: string;
}

/**
 * How the server counts a figure, on hover or keyboard focus. The icon is named by the definition
 * itself, so a screen reader hears it without opening the tooltip.
 */
export function DefinitionTip({ label, definition }: DefinitionTipProps) {
  const { token } = theme.useToken();
  return (
    <Tooltip title={definition} trigger={['hover', 'focus']}>
      <InfoCircleOutlined
        tabIndex={0}
        aria-label={`${label}: ${definition}`}
        style={{ color: token.colorTextSecondary, cursor: 'help' }}
      />
    </Tooltip>
  );
}
