"""Phone checks for the end-to-end tests: a Chromium context that behaves like a 390 x 844 phone, and a script
that lists the layout defects of the page it is on.

The rules (product.md §7 "Phone first"):

- the page never scrolls sideways: `document.documentElement.scrollWidth <= innerWidth`;
- no text wraps in a narrow column: an element whose own (direct, non-blank) text runs over more than one line
  must be at least 200 px wide. Skipped: text inside svg and canvas (charts), tags, badges and icons (short
  labels sized to their text), and anything not rendered (display none, visibility hidden, zero size);
- every visible control (a[href], button, input, select, textarea, [role=button], [role=tab], [role=checkbox],
  [role=switch], [role=menuitem]) is a tap target of at least 44 x 44 px, itself or through an enclosing
  control that takes the tap for it (a label, an antd select, picker, tab, menu item, pagination item,
  checkbox or radio wrapper). TAP_EXCEPTIONS names what is let off, each with its reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page

PHONE_VIEWPORT = {"width": 390, "height": 844}
MIN_TAP = 44
MIN_TEXT_WIDTH = 200
ARTIFACTS_DIR = Path(__file__).resolve().parent / "artifacts" / "phone"

# Selector → why a smaller target is accepted there.
TAP_EXCEPTIONS: dict[str, str] = {
    "p a, li a, .ant-typography a, .ant-alert-message a, .ant-alert-description a": (
        "a link inside running text: it is as tall as its line, like any inline link (WCAG 2.5.8 exempts it)"
    ),
    ".ant-select-selection-search-input, .ant-picker input, .ant-input-number-input": (
        "the text field inside a select, picker or number box: the box around it takes the tap"
    ),
    ".ant-modal-close, .ant-drawer-close, .ant-alert-close-icon, .ant-notification-notice-close": (
        "a dialog's or notice's close icon: the dialog has its own Cancel/Close button, the drawer closes on the mask"
    ),
    ".ant-tabs-nav-more": "the tab list's overflow button: every tab is reachable by scrolling the tab list",
}

_DEFECTS_SCRIPT = """
({ minTap, minTextWidth, exceptions }) => {
  const rendered = (el) => {
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') return false;
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  };
  const visible = (el) => {
    for (let node = el; node instanceof Element; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.display === 'none' || style.visibility === 'hidden' || style.opacity === '0') return false;
    }
    return rendered(el);
  };
  const describe = (el) => {
    const text = (el.getAttribute('aria-label') || el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 50);
    const cls = typeof el.className === 'string' ? el.className.split(' ').filter(Boolean).slice(0, 2).join('.') : '';
    return `<${el.tagName.toLowerCase()}${cls ? '.' + cls : ''}> "${text}"`;
  };
  const defects = [];

  if (document.documentElement.scrollWidth > innerWidth) {
    defects.push(`page scrolls sideways: ${document.documentElement.scrollWidth} px wide in ${innerWidth} px`);
  }

  const skipText = 'svg, canvas, .ant-tag, .ant-badge, .anticon, [class*="chart"]';
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest(skipText) || !rendered(el)) continue;
    const texts = [...el.childNodes].filter((node) => node.nodeType === Node.TEXT_NODE && node.textContent.trim());
    if (texts.length === 0) continue;
    const tops = new Set();
    for (const node of texts) {
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) if (rect.width > 0) tops.add(Math.round(rect.top));
    }
    const width = el.getBoundingClientRect().width;
    if (tops.size > 1 && width < minTextWidth) {
      defects.push(`text wraps to ${tops.size} lines in ${Math.round(width)} px: ${describe(el)}`);
    }
  }

  const controls = 'a[href], button, input:not([type=hidden]), select, textarea, [role=button], [role=tab], ' +
    '[role=checkbox], [role=switch], [role=menuitem]';
  const takers = 'a[href], button, label, [role=button], [role=tab], [role=menuitem], .ant-select, .ant-picker, ' +
    '.ant-tabs-tab, .ant-menu-item, .ant-dropdown-menu-item, .ant-pagination-item, .ant-pagination-prev, ' +
    '.ant-pagination-next, .ant-checkbox-wrapper, .ant-radio-wrapper, .ant-radio-button-wrapper, ' +
    '.ant-input-affix-wrapper, .ant-input-number, .ant-segmented-item, .ant-collapse-header, .ant-upload';
  const big = (el) => {
    const box = el.getBoundingClientRect();
    return box.width >= minTap - 0.5 && box.height >= minTap - 0.5;
  };
  for (const el of document.body.querySelectorAll(controls)) {
    // An input drawn by its wrapper (a checkbox's, a radio's) is transparent but still takes taps through it; one
    // that is not rendered at all (a file input opened by its button) takes none: its button is the tap target.
    const drawnByWrapper = el.tagName === 'INPUT' && getComputedStyle(el).display !== 'none' &&
      el.parentElement && visible(el.parentElement);
    if (!visible(el) && !drawnByWrapper) continue;
    if (exceptions.some((selector) => el.matches(selector))) continue;
    if (big(el)) continue;
    let taker = el.parentElement && el.parentElement.closest(takers);
    let ok = false;
    for (let depth = 0; taker && depth < 4 && !ok; depth += 1) {
      ok = big(taker);
      taker = taker.parentElement && taker.parentElement.closest(takers);
    }
    if (!ok) {
      const box = el.getBoundingClientRect();
      defects.push(`tap target ${Math.round(box.width)}x${Math.round(box.height)} px: ${describe(el)}`);
    }
  }
  return defects;
}
"""


def new_phone_page(browser: Browser, base_url: str, cookies: list[dict[str, str]] | None = None) -> Page:
    """A page in a fresh context like a phone: 390 x 844 CSS px, 3x pixels, touch, mobile viewport."""
    context = browser.new_context(
        base_url=base_url,
        viewport=PHONE_VIEWPORT,  # type: ignore[arg-type]
        device_scale_factor=3,
        is_mobile=True,
        has_touch=True,
    )
    if cookies:
        context.add_cookies(cookies)  # type: ignore[arg-type]
    return context.new_page()


def layout_defects(page: Page) -> list[str]:
    """What on the page breaks the phone rules above (empty when it is fit for a phone)."""
    defects: Any = page.evaluate(
        _DEFECTS_SCRIPT,
        {"minTap": MIN_TAP, "minTextWidth": MIN_TEXT_WIDTH, "exceptions": list(TAP_EXCEPTIONS)},
    )
    return [str(defect) for defect in defects]


@dataclass
class PhoneReport:
    """Defects found page by page, so one run names every page that fails, not just the first."""

    found: dict[str, list[str]]

    def check(self, page: Page, name: str) -> None:
        """Records the page's defects and saves its full-page screenshot as artifacts/phone/<name>.png."""
        ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=ARTIFACTS_DIR / f"{name}.png", full_page=True)
        defects = layout_defects(page)
        if defects:
            self.found[name] = defects

    def summary(self) -> str:
        return "\n".join(f"{name}:\n" + "\n".join(f"  - {d}" for d in defects) for name, defects in self.found.items())
