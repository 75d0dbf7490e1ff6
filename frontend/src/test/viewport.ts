/**
 * Width media queries for jsdom, which has no layout engine: each is answered from window.innerWidth, and
 * `resizeWindow` tells every query whose answer changes, as a browser does when a window is resized or a tablet
 * turned (antd's breakpoints listen for that).
 */

export const DESKTOP_WIDTH = 1280;

function matchesQuery(query: string): boolean {
  return query.split(/\s+and\s+/).every((part) => {
    const feature = /\((min|max)-width:\s*([\d.]+)px\)/.exec(part);
    if (feature === null) return /^(screen|all)$/.test(part.trim());
    const limit = Number(feature[2]);
    return feature[1] === 'min' ? window.innerWidth >= limit : window.innerWidth <= limit;
  });
}

const queries = new Set<WidthMediaQueryList>();

class WidthMediaQueryList extends EventTarget {
  matches: boolean;
  onchange = null;

  constructor(readonly media: string) {
    super();
    this.matches = matchesQuery(media);
    queries.add(this);
  }

  /** Answers again for the current width; a changed answer is told as a `change` event. */
  remeasure() {
    const matches = matchesQuery(this.media);
    if (matches === this.matches) return;
    this.matches = matches;
    this.dispatchEvent(Object.assign(new Event('change'), { matches, media: this.media }));
  }
}

export function installMatchMedia(): void {
  Object.defineProperty(window, 'matchMedia', {
    writable: true,
    value: (query: string) => new WidthMediaQueryList(query),
  });
}

/** The window at `width` CSS pixels; the media queries asked so far are told if their answer changes. */
export function resizeWindow(width: number): void {
  window.innerWidth = width;
  for (const query of queries) query.remeasure();
}
