// Dates and amounts in the user's locale (Outlook's display language) and time zone (the browser's), via Intl.
// An unusable locale tag falls back to en-US instead of throwing.

export interface FormatOptions {
  locale: string;
  /** IANA zone; undefined = the runtime's (the user's) zone. Tests pass one explicitly. */
  timeZone?: string;
}

/** The locale the pane formats in: Outlook's display language, else en-US. */
export const paneLocale = (displayLanguage: string | undefined): string => displayLanguage || 'en-US';

function safeLocale(locale: string): string {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0 ? locale : 'en-US';
  } catch {
    return 'en-US';
  }
}

// Formatters are made once per locale, zone and style, then reused: making one (and checking its locale) costs
// ~1-4 ms cold, and the history renders one date per row (24 of a cold pane's 62-ms first history render went
// there, measured in a trace). A pane sees one or two locales and zones, so the maps stay tiny.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

function reused<T>(made: Map<string, T>, key: string, make: () => T): T {
  let f = made.get(key);
  if (!f) made.set(key, (f = make()));
  return f;
}

function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return reused(
    dateFormats,
    `${locale}|${JSON.stringify(options)}`,
    () => new Intl.DateTimeFormat(safeLocale(locale), options),
  );
}

/** "12 Mar 2025, 14:05" style; empty for an unreadable instant. */
export function formatDateTime(iso: string, options: FormatOptions): string {
  const date = new Date(iso);
  if (isNaN(date.getTime())) return '';
  return dateFormat(options.locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
  }).format(date);
}

/** Makes `formatDateTime`'s formatter for these options now (Intl loads its locale data then), so the first date
 *  shown does not wait for it. */
export function prepareDateTimeFormat(options: FormatOptions): void {
  formatDateTime(new Date(0).toISOString(), options);
}

/** A calendar date ("2025-03-12") as a date in the locale; never shifted by the time zone. */
export function formatCalendarDate(isoDate: string, options: Pick<FormatOptions, 'locale'>): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) return '';
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return dateFormat(options.locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

export function formatAmount(value: number, options: Pick<FormatOptions, 'locale'>): string {
  return reused(
    numberFormats,
    options.locale,
    () => new Intl.NumberFormat(safeLocale(options.locale), { maximumFractionDigits: 2 }),
  ).format(value);
}

/**
 * Reads an amount typed by the user: digits with at most one decimal separator, "," or "." (so both
 * "1500,50" and "1500.50" work), no thousands separators. Undefined for empty input, NaN when unreadable.
 */
export function parseAmount(text: string): number | undefined {
  const s = text.trim().replace(/\s/g, '');
  if (s === '') return undefined;
  if (!/^\d+([.,]\d{1,2})?$/.test(s)) return NaN;
  return Number(s.replace(',', '.'));
}
