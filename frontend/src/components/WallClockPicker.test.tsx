import { render, screen } from '@testing-library/react';
import { Form } from 'antd';
import { describe, expect, it } from 'vitest';
import { typeDateTime } from '@/test/pickers';
import { WallClockPicker } from './WallClockPicker';

function Picker({ initial }: { initial?: string }) {
  return (
    <Form initialValues={{ when: initial }}>
      <Form.Item name="when" label="When">
        <WallClockPicker />
      </Form.Item>
    </Form>
  );
}

describe('WallClockPicker', () => {
  it('shows a wall-clock time as "2 Dec 2026, 14:30", 24-hour, whatever the browser locale', () => {
    render(<Picker initial="2026-12-02T14:30" />);

    expect(screen.getByLabelText('When')).toHaveValue('2 Dec 2026, 14:30');
  });

  it('takes a time typed in the same convention, or as "2026-12-02T09:05", and shows it the same way', () => {
    render(<Picker />);
    const input = screen.getByLabelText('When');

    typeDateTime(input, '2026-12-02T21:05');
    expect(input).toHaveValue('2 Dec 2026, 21:05');
    typeDateTime(input, '3 Dec 2026, 07:45');
    expect(input).toHaveValue('3 Dec 2026, 07:45');
  });
});
