import { ConfigProvider, type ThemeConfig } from 'antd';
import type { ReactNode } from 'react';
import { useIsPhone } from '@/lib/layout/useIsPhone';

/** Controls a thumb can hit on a phone: inputs, buttons and menu rows at least 44 px tall. */
const phoneTheme: ThemeConfig = {
  token: { controlHeight: 44, fontSizeHeading1: 28 },
  components: {
    Menu: { itemHeight: 48 },
    Tabs: { horizontalItemPadding: '12px 4px' },
    // A segmented control's items sit inside its track's padding: 48 px of track leaves 44 px items.
    Segmented: { controlHeight: 48 },
    // The location picker's rows and their expand arrows (as wide as a row is tall).
    TreeSelect: { titleHeight: 44 },
  },
};

/** The one place that sizes controls for phones; tablets and desktops keep antd's defaults. */
export function PhoneTheme({ children }: { children: ReactNode }) {
  const phone = useIsPhone();
  return phone ? <ConfigProvider theme={phoneTheme}>{children}</ConfigProvider> : children;
}
