import { describe, expect, it } from 'vitest';
import { showValue } from './values';

describe('showValue', () => {
  it.each([
    [null, '—'],
    ['', '—'],
    ['Delta Scaffolding', 'Delta Scaffolding'],
    [4, '4'],
    [false, 'false'],
    [[], 'nobody'],
    [
      [
        { side: 'epc', grades: ['A', 'B'] },
        { side: 'contractor', grades: ['C'] },
      ],
      'EPC A, B; Contractor C',
    ],
    [{ start: '08:00', end: '18:00' }, '{"start":"08:00","end":"18:00"}'],
  ])('shows %j as %s', (value, shown) => {
    expect(showValue(value)).toBe(shown);
  });
});
