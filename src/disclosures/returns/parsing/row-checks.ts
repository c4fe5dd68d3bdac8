/**
 * The checks of one row of a CSP's return against what was authorised (docs/law.md §5, Checking; CoP06
 * 3.14; IPCO-17 8.24). Each is a small function that returns null when the row passes and, when it fails,
 * the plain-English reason shown with the flag. The words are built only on failure, so a clean row costs
 * a comparison or two. The checker (row-checker.ts) decides which apply to which record type.
 */
import type { IpAndPort } from './identifier-memo';
import { utcIso } from './utc-text';

/** The period asked for, inclusive, as written (for the words) and in epoch milliseconds (for the checks). */
export interface RequestedPeriod {
  readonly startText: string;
  readonly endText: string;
  readonly startMs: number;
  readonly endMs: number;
}

/** IDENTIFIER_NOT_REQUESTED for a subscriber record: it must be about the identifier asked for. */
export function subscriberNotRequested(requested: string, identifier: string): string | null {
  return identifier === requested ? null : `the record is for ${identifier}, not the requested ${requested}`;
}

/**
 * IDENTIFIER_NOT_REQUESTED for a call record: the requested number may be either party, since a call
 * record is about both; the other party is whoever the target dealt with (`999`, `BANK`, a short code)
 * and is not checked at all.
 */
export function partiesNotRequested(requested: string, aParty: string, bParty: string): string | null {
  if (aParty === requested || bParty === requested) return null;
  return `the A and B parties are ${aParty} and ${bParty}, neither the requested ${requested}`;
}

/**
 * IDENTIFIER_NOT_REQUESTED for an IP resolution: the address must be the one asked for and, when a port
 * was asked for (behind carrier-grade NAT many subscribers share one address), the port too.
 */
export function ipNotRequested(requested: IpAndPort, address: string, port: number | null): string | null {
  if (address !== requested.address) return `the IP address is ${address}, not the requested ${requested.address}`;
  if (requested.port === null || port === requested.port) return null;
  return port === null
    ? `no port is given, and the request was for port ${requested.port}`
    : `the port is ${port}, not the requested ${requested.port}`;
}

/** OUTSIDE_PERIOD for an event at one instant (a call): it must lie within the period, ends included. */
export function eventOutsidePeriod(what: string, atMs: number, period: RequestedPeriod): string | null {
  if (atMs >= period.startMs && atMs <= period.endMs) return null;
  return `${what} ${utcIso(atMs)} is outside the requested period ${period.startText} to ${period.endText}`;
}

/**
 * OUTSIDE_PERIOD for subscriber details valid from `fromMs` to `toMs` (`Infinity`: still valid): they must
 * have applied at some moment of the period. An end that could not be placed (`NaN`, an ambiguous local
 * time) is not used, so only what is known is checked.
 */
export function validityOutsidePeriod(fromMs: number, toMs: number, period: RequestedPeriod): string | null {
  if (!(fromMs > period.endMs) && !(toMs < period.startMs)) return null;
  const from = Number.isNaN(fromMs) ? 'an unplaced time' : utcIso(fromMs);
  const to = toMs === Infinity ? 'now' : Number.isNaN(toMs) ? 'an unplaced time' : utcIso(toMs);
  return `the details applied from ${from} to ${to}, not within the requested period ${period.startText} to ${period.endText}`;
}

/**
 * OUTSIDE_PERIOD for an IP resolution: it was asked for at an instant (or over a window) and the CSP
 * states how precise its times are, so the observed time must lie within the period widened by that
 * precision either way.
 */
export function observedOutsidePeriod(atMs: number, period: RequestedPeriod, precisionSeconds: number): string | null {
  const slack = precisionSeconds * 1000;
  if (atMs >= period.startMs - slack && atMs <= period.endMs + slack) return null;
  const asked =
    period.startMs === period.endMs ? `the requested time ${period.startText}` : `the requested period ${period.startText} to ${period.endText}`;
  return `observed at ${utcIso(atMs)}, more than ${precisionSeconds} seconds from ${asked}`;
}

/** DATA_TYPE_NOT_REQUESTED for a call record: a data session is IP session data, not a call record (docs/law.md §3.4). */
export function dataSessionNotRequested(eventType: string): string | null {
  return eventType === 'data' ? 'the record is a data session (event type data), which is IP session data, not call data' : null;
}

/** ADDRESS_TYPE_MISMATCH for an IP resolution: it must give where the line is installed, not where the bill goes. */
export function billingAddressGiven(addressType: string): string | null {
  return addressType === 'billing' ? 'the address given is the billing address, not the installation address' : null;
}

/** The length of `text` in Unicode code points, as the application counts text (a surrogate pair is one). */
export function codePointLength(text: string): number {
  let length = text.length;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        length -= 1;
        i += 1;
      }
    }
  }
  return length;
}

/**
 * CONTENT_SUSPECTED: a cell longer than its column allows. Communications data is short; a long cell is
 * more likely the text of a message or a page than a name or an address (docs/law.md §4.2,
 * contentObtained). `indexes[k]` is the position of column `names[k]` among `cells` (-1: not in the file).
 */
export function overLongCells(
  cells: readonly string[],
  indexes: readonly number[],
  maxLengths: readonly number[],
  names: readonly string[],
): string | null {
  let found: string[] | null = null;
  for (let k = 0; k < indexes.length; k += 1) {
    const index = indexes[k];
    if (index < 0) continue;
    const cell = cells[index];
    // Counting UTF-16 units first costs nothing and is never less than the code points.
    if (cell.length > maxLengths[k]) {
      const length = codePointLength(cell);
      if (length > maxLengths[k]) (found ??= []).push(`${names[k]} has ${length} characters (at most ${maxLengths[k]})`);
    }
  }
  return found === null ? null : `cells longer than their column allows: ${found.join('; ')}`;
}

/** EXCESS_DATA for an IP resolution: one answer was asked for, so every answer after the first is excess. */
export function secondAnswer(earlierAnswers: number, firstRow: number): string | null {
  return earlierAnswers === 0 ? null : `one answer was asked for, and row ${firstRow} has already given it`;
}

/**
 * EXCESS_DATA for subscriber details: the requested identifier had one subscriber at a time, so details
 * whose validity within the period overlaps that of earlier details of the same identifier are two
 * subscribers at once. Validities are half-open, `[from, to)`: one that ends the instant the next begins
 * is a change of subscriber, not an overlap. Every earlier row counts, flagged or not, so the union of
 * their validities is kept as sorted, disjoint intervals; in the usual time order each row costs O(log n).
 */
export class ValidityUnion {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly firstRows: number[] = [];

  /**
   * The first row of the earlier validity that `[fromMs, toMs)` overlaps (toMs may be Infinity), or null
   * when it overlaps none; then adds it, for the rows after it.
   */
  overlapThenAdd(fromMs: number, toMs: number, rowNumber: number): number | null {
    const { starts, ends, firstRows } = this;
    // The first interval that ends after `fromMs`: the only one that can overlap, since they are disjoint.
    let low = 0;
    let high = ends.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (ends[middle] > fromMs) high = middle;
      else low = middle + 1;
    }
    const overlapping = low < starts.length && starts[low] < toMs ? firstRows[low] : null;

    // Merge every interval that overlaps or touches [fromMs, toMs) into one.
    let first = low;
    if (first > 0 && ends[first - 1] === fromMs) first -= 1;
    let last = first;
    let start = fromMs;
    let end = toMs;
    let row = rowNumber;
    while (last < starts.length && starts[last] <= toMs) {
      start = Math.min(start, starts[last]);
      end = Math.max(end, ends[last]);
      row = Math.min(row, firstRows[last]);
      last += 1;
    }
    starts.splice(first, last - first, start);
    ends.splice(first, last - first, end);
    firstRows.splice(first, last - first, row);
    return overlapping;
  }
}

/**
 * The words of an EXCESS_DATA flag for subscriber details that overlap earlier ones; `earliestRow` is the
 * first row of the overlapped stretch of validity (ValidityUnion keeps stretches, not single rows).
 */
export const overlappingSubscriber = (earliestRow: number): string =>
  `within the requested period its validity overlaps that of earlier details of the same identifier (from row ${earliestRow}): two subscribers at once`;
