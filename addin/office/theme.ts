// Outlook reports its theme as colours (officeTheme.isDarkTheme is not supported in Outlook), so dark or
// light is decided from the body background's luminance.
import type { ThemeKind } from './types.js';

/** 'dark' when the colour (#rgb or #rrggbb) is dark, undefined when it is not a colour we can read. */
export function themeKindFromBackground(color: string | null | undefined): ThemeKind | undefined {
  if (typeof color !== 'string') return undefined;
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (!m?.[1]) return undefined;
  const hex = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as [number, number, number];
  // Relative luminance (sRGB coefficients, no gamma): enough to tell a dark background from a light one.
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return luminance < 0.5 ? 'dark' : 'light';
}
