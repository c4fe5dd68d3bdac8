/**
 * What the checkers of the three record types share: the setup made once per return, and the reading of
 * cells that refuses a row that cannot be read (RowRefusal). A row that cannot be read cannot be checked,
 * and an unchecked return cannot be released (docs/law.md §5), so a refusal is never softened into a
 * guess. Everything that can be worked out before the first row is worked out in the setup, because the
 * checker runs on every row of files of up to a million rows.
 */
import type { IdentifierType } from '../../../workflow/application.types';
import { RETURN_COLUMNS, type ReturnRecordType } from './return-schema';
import { plainEnds, scanTime, newTimeScratch, TIME_INVALID, TIME_NO_ZONE, type TimeScratch, type TimeStatus } from './return-time';
import { RowRefusal, WHOLE_ROW, type AcquiredRow, type RowChecker } from './returned-row';
import { overLongCells, type RequestedPeriod } from './row-checks';
import { RowFlags } from './row-flags';
import type { ZoneOffsets } from './zone-offsets';

/** What createRowChecker works out once, from the context and the header, so that no row pays for it. */
export interface CheckerSetup {
  readonly recordType: ReturnRecordType;
  readonly identifierType: IdentifierType;
  /** The requested identifier, normalised, byte for byte as sent (docs/law.md §8). */
  readonly requested: string;
  readonly period: RequestedPeriod;
  readonly zone: ZoneOffsets | null;
  readonly precisionSeconds: number;
  /** Every column of the header by name (readHeader's columnIndex). */
  readonly columnIndex: Readonly<Record<string, number>>;
  /** The number of cells every row must have. */
  readonly width: number;
}

/**
 * The checker of one record type: subclasses read their columns and run their checks (docs/law.md §5,
 * Checking). The shared reading lives here so that every type refuses the same things the same way.
 */
export abstract class RowReader implements RowChecker {
  protected readonly flags = new RowFlags();
  /** Where each time is read; its fields must be copied before the next time is read. */
  protected readonly time: TimeScratch = newTimeScratch();
  private readonly width: number;
  private readonly zone: ZoneOffsets | null;
  private readonly lengthIndexes: number[];
  private readonly maxLengths: number[];
  private readonly columnNames: string[];

  constructor(protected readonly setup: CheckerSetup) {
    this.width = setup.width;
    this.zone = setup.zone;
    const columns = RETURN_COLUMNS[setup.recordType];
    this.lengthIndexes = columns.map((spec) => this.indexOf(spec.name));
    this.maxLengths = columns.map((spec) => spec.maxLength);
    this.columnNames = columns.map((spec) => spec.name);
  }

  abstract check(cells: readonly string[], rowNumber: number): AcquiredRow;

  /** The position of a column of the schema in the file, or -1 when the file does not have it. */
  protected indexOf(name: string): number {
    return Object.hasOwn(this.setup.columnIndex, name) ? this.setup.columnIndex[name] : -1;
  }

  /** Refuses a row of the wrong width (a cell lost or added would shift every value after it), and clears the flags. */
  protected startRow(cells: readonly string[], rowNumber: number): void {
    if (cells.length !== this.width) {
      throw new RowRefusal(rowNumber, WHOLE_ROW, `the row has ${cells.length} cells, and the header has ${this.width} columns`);
    }
    this.flags.reset();
  }

  /** A required cell, trimmed; refused when empty. */
  protected required(cells: readonly string[], index: number, column: string, rowNumber: number): string {
    const cell = cells[index];
    const text = plainEnds(cell) ? cell : cell.trim();
    if (text === '') throw new RowRefusal(rowNumber, column, `the ${column} cell is empty, and it is required`);
    return text;
  }

  /** An optional cell, trimmed; '' when empty or when the file has no such column. */
  protected optional(cells: readonly string[], index: number): string {
    if (index < 0) return '';
    const cell = cells[index];
    return plainEnds(cell) ? cell : cell.trim();
  }

  /**
   * Reads a time into {@link time}: TIME_OK, TIME_AMBIGUOUS or TIME_NONEXISTENT (flagged by the caller).
   * Refused when it cannot be read or has no offset and the CSP has declared no zone.
   */
  protected readTime(text: string, column: string, rowNumber: number): TimeStatus {
    const status = scanTime(text, this.zone, this.time);
    if (status === TIME_INVALID || status === TIME_NO_ZONE) throw new RowRefusal(rowNumber, column, this.time.reason, status === TIME_NO_ZONE ? 'noZone' : 'unreadable');
    return status;
  }

  /** Flags CONTENT_SUSPECTED when a cell is longer than its column allows. */
  protected checkLengths(cells: readonly string[]): void {
    const over = overLongCells(cells, this.lengthIndexes, this.maxLengths, this.columnNames);
    if (over !== null) this.flags.add('CONTENT_SUSPECTED', over);
  }
}

/**
 * A whole number of at most 15 digits (exact in a double), or -1. Digits only: a sign, a decimal point or
 * an exponent is not a duration or a port, and `Number()` would accept all three (and the empty string).
 */
export function wholeNumber(text: string): number {
  const length = text.length;
  if (length === 0 || length > 15) return -1;
  let value = 0;
  for (let i = 0; i < length; i += 1) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** `text` as a word of `words`, in any case (`SMS` is `sms`: case carries no meaning in these lists), or null. */
export function wordOf<T extends string>(words: readonly T[], text: string): T | null {
  for (const word of words) if (word === text) return word;
  const lower = text.toLowerCase();
  for (const word of words) if (word === lower) return word;
  return null;
}

/** Refuses a word outside its column's list: guessing what `fax` or `postal` meant would be checking a guess. */
export function notAWord(rowNumber: number, column: string, text: string, words: readonly string[]): RowRefusal {
  return new RowRefusal(rowNumber, column, `the ${column} cell is ${JSON.stringify(text)}, and it must be one of ${words.join(', ')}`);
}
