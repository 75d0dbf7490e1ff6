import { Grid, theme } from 'antd';
import { useState } from 'react';

/**
 * Whether the screen is a phone's: narrower than antd's `md` breakpoint (768 px). Tablets and wider keep the
 * desktop layout. Known from the first render: antd measures its breakpoints only after mounting, and a phone
 * page drawn first at desktop size then redrawn (a fold's header drawn 38 px tall, then growing to 46 px through
 * its transition) flickers and, for a moment, offers taps too small for a thumb. So until antd has measured, the
 * answer is the same media query antd asks (`min-width` of its `md` token), asked at once.
 */
export function useIsPhone(): boolean {
  const { token } = theme.useToken();
  const [wide] = useState(() => window.matchMedia(`(min-width: ${String(token.screenMD)}px)`).matches);
  return !(Grid.useBreakpoint().md ?? wide);
}
