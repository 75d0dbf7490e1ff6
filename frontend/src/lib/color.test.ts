import { describe, expect, it } from 'vitest';
import { luminance, textColorOn } from './color';

describe('textColorOn', () => {
  it.each([
    ['#fadb14', '#000'],
    ['#13c2c2', '#000'],
    ['#722ed1', '#fff'],
    ['#8c6e4a', '#fff'],
    ['#000', '#fff'],
    ['#FFF', '#000'],
  ])('on %s writes in %s', (background, text) => {
    expect(textColorOn(background)).toBe(text);
  });

  it('leaves named and malformed colours alone', () => {
    expect(textColorOn('blue')).toBeUndefined();
    expect(textColorOn('#12345')).toBeUndefined();
  });

  it('measures luminance from black to white', () => {
    expect(luminance('#000000')).toBe(0);
    expect(luminance('#ffffff')).toBeCloseTo(1);
  });
});
