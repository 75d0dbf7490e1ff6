import { act, fireEvent, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DRAWN_PNG, FakeResizeObserver, lastObserver, lastPad } from '../testing/signaturePad';
import { SignaturePad } from './SignaturePad';

vi.mock('signature_pad', () => import('../testing/signaturePad'));

/** Gives the canvas a layout box, which jsdom never computes, and a 2D context to scale. */
function layOut(width: number, height: number) {
  vi.spyOn(Element.prototype, 'clientWidth', 'get').mockReturnValue(width);
  vi.spyOn(Element.prototype, 'clientHeight', 'get').mockReturnValue(height);
  const scale = vi.fn();
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue({ scale } as unknown as CanvasRenderingContext2D);
  return scale;
}

describe('SignaturePad', () => {
  beforeEach(() => {
    vi.stubGlobal('ResizeObserver', FakeResizeObserver);
  });

  it('reports the drawing when a stroke ends and null once cleared', () => {
    const onChange = vi.fn();
    render(<SignaturePad onChange={onChange} />);

    expect(screen.getByRole('img', { name: 'Signature pad' })).toBe(lastPad().canvas);
    act(() => {
      lastPad().stroke();
    });
    expect(onChange).toHaveBeenLastCalledWith(DRAWN_PNG);

    fireEvent.click(screen.getByRole('button', { name: 'Clear' }));
    expect(onChange).toHaveBeenLastCalledWith(null);
    expect(lastPad().isEmpty()).toBe(true);
  });

  it('sizes the canvas for the device pixel ratio and keeps the drawing when resized', () => {
    vi.stubGlobal('devicePixelRatio', 2);
    const scale = layOut(300, 160);
    const onChange = vi.fn();
    render(<SignaturePad onChange={onChange} />);

    const canvas = lastPad().canvas;
    expect([canvas.width, canvas.height]).toEqual([600, 320]);
    expect(scale).toHaveBeenCalledWith(2, 2);
    act(() => {
      lastPad().stroke();
    });
    onChange.mockClear();
    lastPad().redraw.mockClear();

    layOut(200, 160);
    act(() => {
      lastObserver().resize();
    });
    expect([canvas.width, canvas.height]).toEqual([400, 320]);
    expect(lastPad().redraw).toHaveBeenCalledOnce();
    expect(onChange).toHaveBeenCalledWith(DRAWN_PNG);
  });

  it('stops at twice the box’s size on denser screens, keeping the PNG within the server’s limit', () => {
    vi.stubGlobal('devicePixelRatio', 3);
    const scale = layOut(300, 160);
    render(<SignaturePad />);

    const canvas = lastPad().canvas;
    expect([canvas.width, canvas.height]).toEqual([600, 320]);
    expect(scale).toHaveBeenCalledWith(2, 2);
  });

  it('takes no strokes while disabled and lets go of everything when unmounted', () => {
    const onChange = vi.fn();
    const { rerender, unmount } = render(<SignaturePad onChange={onChange} disabled />);

    const pad = lastPad();
    expect(pad.listening).toBe(false);
    expect(screen.getByRole('button', { name: 'Clear' })).toBeDisabled();
    rerender(<SignaturePad onChange={onChange} />);
    expect(pad.listening).toBe(true);

    unmount();
    expect(pad.listening).toBe(false);
    expect(lastObserver().observed.size).toBe(0);
    // Even a stroke the library still finished reaches no one.
    pad.on();
    pad.stroke();
    expect(onChange).not.toHaveBeenCalled();
  });
});
