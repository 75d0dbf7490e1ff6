import type { CSSProperties } from 'react';

/** A link padded to a 44 × 44 px tap target, for phones (its text stays where it was). */
export const TAP_TARGET_STYLE: CSSProperties = {
  display: 'inline-flex',
  alignItems: 'center',
  gap: 4,
  minHeight: 44,
  minWidth: 44,
};
