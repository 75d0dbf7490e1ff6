import { describe, expect, it } from 'vitest';
import { fieldLabel, formatFieldValue } from './fieldValues';

const ZONE = 'Europe/London';

describe('formatFieldValue', () => {
  it('shows times in the site time zone, also at the end of a dotted path', () => {
    const planned = formatFieldValue('planned_start', '2026-07-01T07:30:00Z', ZONE);
    const acknowledged = formatFieldValue('workers.1.acknowledged_at', '2026-07-01T07:30:00Z', ZONE);
    expect(planned).toContain('08:30');
    expect(acknowledged).toBe(planned);
  });

  it('leaves text that merely ends in _at alone when it is not a time', () => {
    expect(formatFieldValue('held_at', 'not a time', ZONE)).toBe('not a time');
  });

  it('names people and records by their name', () => {
    expect(formatFieldValue('held_by', { id: 7, name: 'Ravi Menon' }, ZONE)).toBe('Ravi Menon');
  });

  it('renders answers, lists, empty values and nested objects as plain text', () => {
    expect(formatFieldValue('work_finished', true, ZONE)).toBe('yes');
    expect(formatFieldValue('topics', ['PPE', 'Fire watch'], ZONE)).toBe('PPE, Fire watch');
    expect(formatFieldValue('remarks', '', ZONE)).toBe('—');
    expect(formatFieldValue('answers', { area_clean: { done: true, comment: '' } }, ZONE)).toBe(
      'area clean: done: yes; comment: —',
    );
  });
});

describe('fieldLabel', () => {
  it('uses the permit field names and falls back to the field in words', () => {
    expect(fieldLabel('control_measures')).toBe('Control measures');
    expect(fieldLabel('work_finished')).toBe('work finished');
  });
});
