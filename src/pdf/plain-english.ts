/**
 * Values as a person reads them in a document: instants as Europe/London times with the zone named,
 * codes as words, yes/no for flags. The API keeps ISO instants and codes; only what is printed changes.
 */
import { formatLondonDateTime } from '../workflow/london-time';

/** An ISO 8601 instant with a date and a time (and, from the API, an offset). */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/**
 * An ISO instant as London time, e.g. `18 Dec 2026 14:03 GMT` (src/workflow/london-time.ts); a string
 * that is not an instant is returned as it is, so free text is never lost.
 */
export function londonTime(value: string): string {
  if (!ISO_INSTANT.test(value)) return value;
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? value : formatLondonDateTime(instant);
}

export function yesNo(value: boolean): string {
  return value ? 'Yes' : 'No';
}

/** One item per line, or "None". */
export function listOrNone(values: readonly string[]): string {
  return values.length === 0 ? 'None' : values.join('\n');
}

/**
 * The words for `code` from its table; a code the table does not know (stored before a vocabulary
 * changed) is spelled out from its parts (`reportedToIpc` -> "Reported to ipc") rather than printed raw.
 */
export function wordsFor(labels: Readonly<Record<string, string>>, code: string): string {
  return Object.prototype.hasOwnProperty.call(labels, code) ? labels[code] : spellOut(code);
}

/** `camelCase`, `PascalCase` or `UPPER_SNAKE` as a sentence: first letter capital, the rest lower case. */
export function spellOut(code: string): string {
  const words = code
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w !== '');
  if (words.length === 0) return code;
  const sentence = words.join(' ');
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}
