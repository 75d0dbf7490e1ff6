import { Grid } from 'antd';

/**
 * Whether the screen is a phone's: narrower than antd's `md` breakpoint (768 px). Tablets and wider keep the
 * desktop layout. False until the breakpoints are first measured, so the desktop layout is the fallback.
 */
export function useIsPhone(): boolean {
  return Grid.useBreakpoint().md === false;
}
