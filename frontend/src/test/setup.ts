import '@ant-design/v5-patch-for-react-19';
import '@testing-library/jest-dom/vitest';
// IndexedDB for the offline field records (jsdom has none).
import 'fake-indexeddb/auto';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

const DESKTOP_WIDTH = 1280;

// Pages load lazily and antd renders large trees: on a busy machine the first render of a page takes seconds.
configure({ asyncUtilTimeout: 10_000 });

// jsdom has no layout engine: answer width media queries from window.innerWidth so breakpoints work.
function matchesQuery(query: string): boolean {
  return query.split(/\s+and\s+/).every((part) => {
    const feature = /\((min|max)-width:\s*([\d.]+)px\)/.exec(part);
    if (feature === null) return /^(screen|all)$/.test(part.trim());
    const limit = Number(feature[2]);
    return feature[1] === 'min' ? window.innerWidth >= limit : window.innerWidth <= limit;
  });
}

class WidthMediaQueryList extends EventTarget {
  readonly matches: boolean;
  onchange = null;

  constructor(readonly media: string) {
    super();
    this.matches = matchesQuery(media);
  }
}

Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: (query: string) => new WidthMediaQueryList(query),
});

// jsdom cannot style pseudo-elements; antd only asks them to measure scrollbars.
const getComputedStyle = window.getComputedStyle.bind(window);
window.getComputedStyle = (element: Element) => getComputedStyle(element);

window.innerWidth = DESKTOP_WIDTH;

afterEach(() => {
  cleanup();
  window.innerWidth = DESKTOP_WIDTH;
});
