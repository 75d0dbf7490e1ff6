import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { resizeWindow } from '@/test/viewport';
import { useIsPhone } from './useIsPhone';

function renders(width: number): boolean[] {
  resizeWindow(width);
  const seen: boolean[] = [];
  function Probe() {
    seen.push(useIsPhone());
    return null;
  }
  render(<Probe />);
  return seen;
}

describe('useIsPhone', () => {
  it('knows a phone from the first render, so nothing is drawn at desktop size first', () => {
    const seen = renders(390);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every(Boolean)).toBe(true);
  });

  it('knows a tablet or desktop from the first render', () => {
    expect(renders(768).some(Boolean)).toBe(false);
    expect(renders(1280).some(Boolean)).toBe(false);
  });
});
