/** Typing into the date pickers as a person does: the text, then Enter to take it. */
import { fireEvent } from '@testing-library/react';

/** Types a date and time ("2026-11-25T14:00" or "25 Nov 2026, 14:00") into a picker and confirms it. */
export function typeDateTime(input: HTMLElement, value: string): void {
  fireEvent.mouseDown(input);
  fireEvent.focus(input);
  fireEvent.change(input, { target: { value } });
  fireEvent.keyDown(input, { key: 'Enter', code: 'Enter', keyCode: 13 });
}
