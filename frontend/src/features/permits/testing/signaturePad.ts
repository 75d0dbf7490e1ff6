/**
 * Stand-ins for signature_pad and ResizeObserver: jsdom has no canvas to draw on and no layout.
 * Mock the library in a test file with
 * `vi.mock('signature_pad', () => import('./signaturePad'))` and stub the observer with
 * `vi.stubGlobal('ResizeObserver', FakeResizeObserver)`.
 */
import { vi } from 'vitest';

/** A tiny valid PNG data URL, as a finished stroke reports it. */
export const DRAWN_PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

const pads: FakeSignaturePad[] = [];

/** Records what the component asks of the library; `stroke()` plays a finished stroke. */
export default class FakeSignaturePad extends EventTarget {
  listening = true;
  readonly redraw = vi.fn();
  private drawing: string | null = null;

  constructor(readonly canvas: HTMLCanvasElement) {
    super();
    pads.push(this);
  }

  clear() {
    this.drawing = null;
  }

  isEmpty() {
    return this.drawing === null;
  }

  toDataURL() {
    return this.drawing ?? 'data:,';
  }

  on() {
    this.listening = true;
  }

  off() {
    this.listening = false;
  }

  /** What the library does when a pen, finger or mouse is lifted: the pad holds a drawing. */
  stroke(dataUrl = DRAWN_PNG) {
    if (!this.listening) return;
    this.drawing = dataUrl;
    this.dispatchEvent(new Event('endStroke'));
  }
}

/** The pad most recently put on a canvas. */
export function lastPad(): FakeSignaturePad {
  const pad = pads.at(-1);
  if (pad === undefined) throw new Error('No signature pad was created.');
  return pad;
}

const observers: FakeResizeObserver[] = [];

export class FakeResizeObserver implements ResizeObserver {
  readonly observed = new Set<Element>();

  constructor(private readonly callback: ResizeObserverCallback) {
    observers.push(this);
  }

  observe(target: Element) {
    this.observed.add(target);
  }

  unobserve(target: Element) {
    this.observed.delete(target);
  }

  disconnect() {
    this.observed.clear();
  }

  /** What a layout change of an observed box does. */
  resize() {
    this.callback([], this);
  }
}

export function lastObserver(): FakeResizeObserver {
  const observer = observers.at(-1);
  if (observer === undefined) throw new Error('No resize observer was created.');
  return observer;
}
