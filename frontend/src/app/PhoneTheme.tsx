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

/** Tablets and desktops: antd's defaults. */
const defaultTheme: ThemeConfig = {};

/**
 * The one place that sizes controls for phones; tablets and desktops keep antd's defaults. The tree is the same
 * on both sides of the breakpoint, only the theme changes: a tablet turned, or a window resized, across it keeps
 * every page's state (a half-typed permit stays typed).
 */
export function PhoneTheme({ children }: { children: ReactNode }) {
  const phone = useIsPhone();
  return <ConfigProvider theme={phone ? phoneTheme : defaultTheme}>{children}</ConfigProvider>;
}
