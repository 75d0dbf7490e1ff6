import { act, fireEvent, render, screen } from '@testing-library/react';
import { Input, theme } from 'antd';
import { describe, expect, it } from 'vitest';
import { resizeWindow } from '@/test/viewport';
import { PhoneTheme } from './PhoneTheme';

function ControlHeight() {
  const { token } = theme.useToken();
  return <output aria-label="Control height">{token.controlHeight}</output>;
}

function renderTypedForm() {
  render(
    <PhoneTheme>
      <ControlHeight />
      <Input aria-label="Title" />
    </PhoneTheme>,
  );
  fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'Replace gasket on P-101' } });
}

describe('PhoneTheme', () => {
  it('sizes controls for a thumb on a phone only', () => {
    resizeWindow(390);
    renderTypedForm();
    expect(screen.getByLabelText('Control height')).toHaveTextContent('44');
  });

  it('keeps what was typed when a tablet is turned across the breakpoint and back', () => {
    resizeWindow(1024);
    renderTypedForm();
    expect(screen.getByLabelText('Control height')).toHaveTextContent('32');

    act(() => {
      resizeWindow(700);
    });
    expect(screen.getByLabelText('Control height')).toHaveTextContent('44');
    expect(screen.getByLabelText('Title')).toHaveValue('Replace gasket on P-101');

    act(() => {
      resizeWindow(1024);
    });
    expect(screen.getByLabelText('Control height')).toHaveTextContent('32');
    expect(screen.getByLabelText('Title')).toHaveValue('Replace gasket on P-101');
  });
});
