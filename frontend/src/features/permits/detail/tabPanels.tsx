import { Skeleton } from 'antd';
import { lazy, type ReactNode } from 'react';
import { OnDemand } from '@/components/OnDemand';

/*
 * The permit page's tabs other than the overview, loaded when first opened: a permit opened from its QR code
 * on a phone downloads only what its first screen shows (docs/field-use.md, "JS budget"). The service worker
 * precaches every chunk, so the tabs still open without signal.
 */

export const ReadinessPanel = lazy(() =>
  import('../components/ReadinessPanel').then((module) => ({ default: module.ReadinessPanel })),
);
export const GasTestsTab = lazy(() => import('../parts/GasTestsTab').then((module) => ({ default: module.GasTestsTab })));
export const IsolationsTab = lazy(() =>
  import('../parts/IsolationsTab').then((module) => ({ default: module.IsolationsTab })),
);
export const CrewTab = lazy(() => import('../parts/CrewTab').then((module) => ({ default: module.CrewTab })));
export const CloseoutTab = lazy(() => import('../parts/CloseoutTab').then((module) => ({ default: module.CloseoutTab })));
export const TimeframesTab = lazy(() =>
  import('../parts/TimeframesTab').then((module) => ({ default: module.TimeframesTab })),
);
export const AttachmentsTab = lazy(() =>
  import('../parts/AttachmentsTab').then((module) => ({ default: module.AttachmentsTab })),
);
export const TimelineTab = lazy(() => import('./TimelineTab').then((module) => ({ default: module.TimelineTab })));
export const PeopleTab = lazy(() => import('./PeopleTab').then((module) => ({ default: module.PeopleTab })));

/** A tab's content once its code is there; until then a skeleton inside the tab, the rest of the page stays. */
export function TabPanel({ children }: { children: ReactNode }) {
  return <OnDemand fallback={<Skeleton active />}>{children}</OnDemand>;
}
