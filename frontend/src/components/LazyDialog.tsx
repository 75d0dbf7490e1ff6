import { useState, type ReactNode } from 'react';
import { OnDemand } from './OnDemand';

/**
 * A dialog whose code is loaded on demand (React.lazy): rendered from the first time it opens, then kept
 * mounted so it closes with its animation and keeps its state like any other dialog.
 */
export function LazyDialog({ open, children }: { open: boolean; children: ReactNode }) {
  const [opened, setOpened] = useState(open);
  if (open && !opened) setOpened(true);
  return opened ? <OnDemand fallback={null}>{children}</OnDemand> : null;
}
