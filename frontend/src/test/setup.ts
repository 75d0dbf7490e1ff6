import '@ant-design/v5-patch-for-react-19';
import '@testing-library/jest-dom/vitest';
// IndexedDB for the offline field records (jsdom has none).
import 'fake-indexeddb/auto';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';
import { DESKTOP_WIDTH, installMatchMedia, resizeWindow } from './viewport';

// Pages load lazily and antd renders large trees: on a busy machine the first render of a page takes seconds.
configure({ asyncUtilTimeout: 10_000 });

// jsdom has no layout engine: width media queries are answered from window.innerWidth so breakpoints work.
installMatchMedia();

// jsdom cannot style pseudo-elements; antd only asks them to measure scrollbars.
const getComputedStyle = window.getComputedStyle.bind(window);
window.getComputedStyle = (element: Element) => getComputedStyle(element);

window.innerWidth = DESKTOP_WIDTH;

afterEach(() => {
  cleanup();
  resizeWindow(DESKTOP_WIDTH);
});
