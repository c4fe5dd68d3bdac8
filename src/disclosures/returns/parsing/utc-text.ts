/**
 * Instants and offsets as text, fast enough to run on every row of a million-row return. Instants are
 * written as the service stores them everywhere: 24-character ISO 8601 UTC with milliseconds
 * (`2026-03-01T10:00:00.000Z`, docs/architecture.md §6), so text order is time order. Offsets are
 * `±HH:MM`, `Z` written `+00:00`, so every offset reads the same way (docs/law.md §3.4).
 */

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const TWO_DIGITS: readonly string[] = Array.from({ length: 60 }, (_, n) => pad(n, 2));
const THREE_DIGITS: readonly string[] = Array.from({ length: 1000 }, (_, n) => pad(n, 3));

/*
 * The rows of a return come mostly in time order, so consecutive instants share their hour: the
 * `YYYY-MM-DDTHH:` prefix is built once per hour (by Date, which knows the calendar) and the rest from
 * tables. Date#toISOString on every row costs several times as much.
 */
let prefixHour = Number.NaN;
let prefix = '';

/**
 * `ms` (epoch milliseconds, years 1900–2200) as `YYYY-MM-DDTHH:MM:SS.mmmZ`, exactly what
 * `new Date(ms).toISOString()` gives.
 */
export function utcIso(ms: number): string {
  const hour = Math.floor(ms / MS_PER_HOUR);
  if (hour !== prefixHour) {
    prefix = new Date(hour * MS_PER_HOUR).toISOString().slice(0, 14);
    prefixHour = hour;
  }
  const within = ms - hour * MS_PER_HOUR;
  const minute = Math.floor(within / MS_PER_MINUTE);
  const second = Math.floor((within - minute * MS_PER_MINUTE) / 1000);
  return `${prefix}${TWO_DIGITS[minute]}:${TWO_DIGITS[second]}.${THREE_DIGITS[within % 1000]}Z`;
}

/** Offsets already written, by milliseconds east of UTC: a return uses one or two. */
const offsetTexts = new Map<number, string>();

/**
 * An offset east of UTC, in milliseconds, as `±HH:MM` (`+00:00` for UTC). An offset with seconds, which
 * some zones had before their standard time (Africa/Monrovia until 1972), is written `±HH:MM:SS` rather
 * than rounded, so the instant it gives stays exact.
 */
export function offsetText(offsetMs: number): string {
  let text = offsetTexts.get(offsetMs);
  if (text === undefined) {
    const sign = offsetMs < 0 ? '-' : '+';
    const seconds = Math.round(Math.abs(offsetMs) / 1000);
    const hh = pad(Math.floor(seconds / 3600), 2);
    const mm = pad(Math.floor(seconds / 60) % 60, 2);
    const ss = seconds % 60;
    text = ss === 0 ? `${sign}${hh}:${mm}` : `${sign}${hh}:${mm}:${pad(ss, 2)}`;
    // Bounded: a return has a handful of offsets, but readTime serves any input.
    if (offsetTexts.size >= 1000) offsetTexts.clear();
    offsetTexts.set(offsetMs, text);
  }
  return text;
}
