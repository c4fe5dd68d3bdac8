import type { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { DomainException } from '../../http/domain-exception';
import { RETURN_CHECK_CODES, type ReturnCheckCode } from './parsing/return-check-codes';
import { readHeader, type ReturnRecordType } from './parsing/return-schema';
import { createRowChecker, RowRefusal, type ReturnContext } from './parsing/row-checker';
import { INSERT_BATCH_ROWS, recordParameters } from './acquired-record-writer';

/** How many row numbers and distinct details a failed check keeps (the count covers every row). */
export const ROWS_KEPT_PER_CHECK = 20;
const DETAILS_KEPT_PER_CHECK = 3;

/** Every row that failed one check: how many, the first few row numbers, a few of the reasons. */
export interface CheckTally {
  count: number;
  rows: number[];
  details: string[];
}

/** What reading a file found. */
export interface IngestResult {
  /** Data rows (the header is not one). */
  rowCount: number;
  cleanRowCount: number;
  /** Something in it may be content: no row of it is kept (the caller removes any already written). */
  quarantined: boolean;
  /** The file is another type's (its header fits another schema): its rows were counted, not read. */
  otherType: ReturnRecordType | null;
  /** Columns outside the type's schema. */
  extraColumns: readonly string[];
  checks: Map<ReturnCheckCode, CheckTally>;
}

/** Receives each batch of rows to store, as insert parameters. */
export type RowSink = (batch: unknown[][]) => Promise<void>;

/** The options of csv-parse for a return: the BOM taken off, every row as an array (the checker counts cells). */
export const RETURN_CSV_OPTIONS = { bom: true, relax_column_count: true, skip_empty_lines: true } as const;

function tally(checks: Map<ReturnCheckCode, CheckTally>, code: ReturnCheckCode, rowNumber: number | null, detail: string): void {
  let entry = checks.get(code);
  if (!entry) {
    entry = { count: 0, rows: [], details: [] };
    checks.set(code, entry);
  }
  entry.count += 1;
  if (rowNumber !== null && entry.rows.length < ROWS_KEPT_PER_CHECK) entry.rows.push(rowNumber);
  if (entry.details.length < DETAILS_KEPT_PER_CHECK && !entry.details.includes(detail)) entry.details.push(detail);
}

/** The tallies in catalogue order, so a response lists checks the same way every time. */
export function orderedChecks(checks: Map<ReturnCheckCode, CheckTally>): [ReturnCheckCode, CheckTally][] {
  return RETURN_CHECK_CODES.filter((code) => checks.has(code)).map((code) => [code, checks.get(code) as CheckTally]);
}

/**
 * Reads a return's CSV as it streams (docs/returns.md): the header against the item's record type, then every
 * row through the row checker, in batches to `sink`, tallying each failed check. Row numbers count the header
 * as row 1. A file that cannot be read — its columns, a row the checker refuses, a malformed quote — is
 * refused as a whole; the caller's transaction then stores nothing of it.
 */
export async function ingestCsv(
  source: Readable,
  expected: ReturnRecordType,
  context: ReturnContext,
  ids: { returnId: string; requestId: string },
  sink: RowSink,
): Promise<IngestResult> {
  const checks = new Map<ReturnCheckCode, CheckTally>();
  const result: IngestResult = { rowCount: 0, cleanRowCount: 0, quarantined: false, otherType: null, extraColumns: [], checks };
  const parser = source.pipe(parse(RETURN_CSV_OPTIONS));
  let checker: ReturnType<typeof createRowChecker> | null = null;
  let direction = -1;
  let batch: unknown[][] = [];
  let rowNumber = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      rowNumber += 1;
      if (rowNumber === 1) {
        const verdict = readHeader(expected, record);
        if (verdict.kind === 'invalid') throw columnsInvalid(expected, verdict);
        if (verdict.kind === 'otherType') {
          result.otherType = verdict.recordType;
          continue;
        }
        if (verdict.extra.length > 0) {
          result.quarantined = true;
          result.extraColumns = verdict.extra;
        }
        checker = createRowChecker(context, verdict.columnIndex);
        direction = verdict.columnIndex.direction ?? -1;
        continue;
      }
      result.rowCount += 1;
      if (!checker) continue;
      // Valid UTF-8, but no database column can hold a NUL (PostgreSQL refuses it): the file is refused.
      const nul = record.findIndex((cell) => cell.includes('\u0000'));
      if (nul >= 0) throw new RowRefusal(rowNumber, `column ${nul + 1}`, 'the cell holds a NUL character, which no record may contain');
      const row = checker.check(record, rowNumber);
      if (row.flags.length === 0) result.cleanRowCount += 1;
      for (let i = 0; i < row.flags.length; i++) tally(checks, row.flags[i], rowNumber, row.details[i] ?? row.flags[i]);
      if (row.flags.includes('CONTENT_SUSPECTED')) result.quarantined = true;
      if (result.quarantined) continue;
      // The checker has refused any direction but in or out, in any case and spacing: stored as the word.
      const written = direction >= 0 ? (record[direction] ?? '').trim().toLowerCase() : '';
      batch.push(recordParameters(ids.returnId, ids.requestId, row, written === '' ? null : written));
      if (batch.length === INSERT_BATCH_ROWS) {
        await sink(batch);
        batch = [];
      }
    }
  } catch (error) {
    throw refusalOf(error, rowNumber);
  }
  if (rowNumber === 0) throw new DomainException('RETURN_COLUMNS_INVALID', 'The file has no header row: a return starts with its column names.');
  if (!result.quarantined) await sink(batch);
  return result;
}

function columnsInvalid(expected: ReturnRecordType, verdict: { missing: readonly string[]; duplicate: readonly string[]; empty: boolean }): DomainException {
  const errors = [
    ...verdict.missing.map((name) => ({ field: name, message: `the column "${name}" is missing`, code: 'RETURN_COLUMNS_INVALID', line: 1 })),
    ...verdict.duplicate.map((name) => ({ field: name, message: `the column "${name}" appears more than once`, code: 'RETURN_COLUMNS_INVALID', line: 1 })),
  ];
  const what = verdict.empty ? 'the header row names no columns' : errors.map((e) => e.message).join('; ');
  return new DomainException('RETURN_COLUMNS_INVALID', `The file's columns are not those of a ${expected} return (docs/returns.md): ${what}.`, { errors });
}

/** A row the checker cannot read, or CSV the parser cannot, as the 422 that refuses the file. */
function refusalOf(error: unknown, rowNumber: number): unknown {
  if (error instanceof RowRefusal) {
    const code = error.kind === 'noZone' ? 'RETURN_TIME_ZONE_UNDECLARED' : 'RETURN_ROW_INVALID';
    return new DomainException(code, `Row ${error.rowNumber} cannot be read: ${error.reason} (column "${error.column}"). Nothing of the file was stored.`, {
      errors: [{ field: error.column, message: error.reason, code, line: error.rowNumber }],
    });
  }
  if (error instanceof CsvError) {
    return new DomainException('RETURN_ROW_INVALID', `The file is not well-formed CSV near row ${rowNumber + 1}: ${error.message}. Nothing of the file was stored.`, {
      errors: [{ field: 'file', message: error.message, code: 'RETURN_ROW_INVALID', line: rowNumber + 1 }],
    });
  }
  return error;
}
