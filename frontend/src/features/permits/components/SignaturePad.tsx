import { Button, Flex, theme } from 'antd';
import { useEffect, useEffectEvent, useRef } from 'react';
import SignaturePadEngine from 'signature_pad';

const PAD_HEIGHT = 160;
/**
 * Denser screens get no sharper bitmap than this: at 3× a dense signature's data URL came to about
 * 160 000 of the server's 200 000 characters (measured in Chromium); at 2× it is well below that
 * and still looks sharp.
 */
const MAX_PIXEL_RATIO = 2;

export interface SignaturePadProps {
  /** Set by Form.Item, so its label and help text point at the pad. */
  id?: string;
  'aria-describedby'?: string;
  /**
   * Only its absence is honoured: a form reset (no value) clears the pad. A drawing is never put
   * back into the pad, since every act is signed afresh.
   */
  value?: string | null;
  disabled?: boolean;
  /** The drawing as a PNG data URL after each stroke ends (and after a resize), null once cleared. */
  onChange?: (dataUrl: string | null) => void;
}

/**
 * Sizes the canvas's bitmap to its box times the device pixel ratio (up to MAX_PIXEL_RATIO), so
 * strokes stay sharp on dense screens, and redraws the strokes (kept in CSS pixels) because
 * resizing a canvas wipes it. Returns whether the bitmap changed; a box without layout (hidden, or
 * jsdom) is left alone.
 */
function fitCanvas(canvas: HTMLCanvasElement, pad: SignaturePadEngine): boolean {
  const ratio = Math.min(Math.max(window.devicePixelRatio || 1, 1), MAX_PIXEL_RATIO);
  const width = Math.round(canvas.clientWidth * ratio);
  const height = Math.round(canvas.clientHeight * ratio);
  if (width === 0 || height === 0 || (width === canvas.width && height === canvas.height)) return false;
  canvas.width = width;
  canvas.height = height;
  canvas.getContext('2d')?.scale(ratio, ratio);
  pad.redraw();
  return true;
}

/**
 * A box to draw a signature in with mouse, pen or finger (signature_pad handles the pointer and
 * touch events and smooths the strokes), and a Clear button. It cannot be used from the keyboard:
 * signing with the typed name is the alternative it is always offered next to.
 */
export function SignaturePad({
  id,
  'aria-describedby': describedBy,
  value,
  disabled = false,
  onChange,
}: SignaturePadProps) {
  const { token } = theme.useToken();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const padRef = useRef<SignaturePadEngine>(null);
  const report = useEffectEvent((pad: SignaturePadEngine) => {
    onChange?.(pad.isEmpty() ? null : pad.toDataURL('image/png'));
  });

  useEffect(() => {
    const canvas = canvasRef.current;
    if (canvas === null) return;
    const pad = new SignaturePadEngine(canvas);
    padRef.current = pad;
    fitCanvas(canvas, pad);
    const endStroke = () => {
      report(pad);
    };
    // A resized pad exports a different bitmap: report it, so what is sent is what is shown.
    const observer = new ResizeObserver(() => {
      if (fitCanvas(canvas, pad) && !pad.isEmpty()) report(pad);
    });
    observer.observe(canvas);
    pad.addEventListener('endStroke', endStroke);
    return () => {
      observer.disconnect();
      pad.removeEventListener('endStroke', endStroke);
      pad.off();
      padRef.current = null;
    };
  }, []);

  useEffect(() => {
    if (disabled) padRef.current?.off();
    else padRef.current?.on();
  }, [disabled]);

  useEffect(() => {
    if (value == null) padRef.current?.clear();
  }, [value]);

  return (
    <Flex vertical gap="small" align="flex-start">
      <canvas
        ref={canvasRef}
        id={id}
        role="img"
        aria-label="Signature pad"
        aria-describedby={describedBy}
        style={{
          display: 'block',
          boxSizing: 'border-box',
          width: '100%',
          height: PAD_HEIGHT,
          border: `${String(token.lineWidth)}px ${token.lineType} ${token.colorBorder}`,
          borderRadius: token.borderRadius,
          background: token.colorBgContainer,
          cursor: disabled ? 'not-allowed' : 'crosshair',
        }}
      />
      <Button
        size="small"
        disabled={disabled}
        onClick={() => {
          padRef.current?.clear();
          onChange?.(null);
        }}
      >
        Clear
      </Button>
    </Flex>
  );
}
