/** Colours chosen by people (permit type colours): text that stays readable on them. */

const HEX = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i;

function channel(value: number): number {
  const srgb = value / 255;
  return srgb <= 0.04045 ? srgb / 12.92 : ((srgb + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of a #rgb or #rrggbb colour; undefined for anything else. */
export function luminance(color: string): number | undefined {
  if (!HEX.test(color)) return undefined;
  const digits = color.length === 4 ? color.slice(1).replace(/./g, '$&$&') : color.slice(1);
  const [red = 0, green = 0, blue = 0] = [0, 2, 4].map((start) => parseInt(digits.slice(start, start + 2), 16));
  return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue);
}

/** Black or white, whichever contrasts more with `background`; undefined when it is not a hex colour. */
export function textColorOn(background: string): '#000' | '#fff' | undefined {
  const light = luminance(background);
  if (light === undefined) return undefined;
  const onWhite = 1.05 / (light + 0.05);
  const onBlack = (light + 0.05) / 0.05;
  return onBlack > onWhite ? '#000' : '#fff';
}
