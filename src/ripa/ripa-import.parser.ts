/**
 * Reading an upload of records made under RIPA 2000 into one set of fields per record, with where each came
 * from: its line in a CSV file (csv-parse does the reading; the header names the fields), or its index in a
 * JSON array. What is wrong with the file's shape is reported here, each problem naming its line or index;
 * what is wrong with a record's fields is for ripa-import.validation.ts. Pure: no I/O, no clock.
 */
import { CsvError, parse, type Options } from 'csv-parse/sync';
import type { FieldError } from '../http/domain-exception';
import { assertSafePayload } from '../http/validation';
import { OPTIONAL_RIPA_RECORD_FIELDS, RIPA_RECORD_FIELDS } from '../workflow/ripa-record.types';
import { RIPA_IMPORT_MAX_RECORDS } from './ripa-import.limits';

export type UploadFormat = 'csv' | 'json';

/** Where a record is in the upload: its first line in a CSV file (the header is line 1 when it comes first), or its index in a JSON array. */
export type RecordPosition = { line: number } | { index: number };

/** A record's fields as uploaded, not yet validated; an empty CSV cell is an absent field. */
export interface UploadedRecord {
  at: RecordPosition;
  fields: Record<string, unknown>;
}

export interface ParsedUpload {
  format: UploadFormat;
  records: UploadedRecord[];
  /** What is wrong with the upload's shape; the records are those that could be read. */
  errors: FieldError[];
}

/** The format a `Content-Type` names: CSV for `text/csv` (with any parameters), JSON otherwise. */
export function uploadFormat(contentType: string | undefined): UploadFormat {
  return contentType?.split(';')[0]?.trim().toLowerCase() === 'text/csv' ? 'csv' : 'json';
}

export function parseRipaUpload(format: UploadFormat, body: unknown): ParsedUpload {
  const parsed = format === 'csv' ? parseCsv(body) : parseJson(body);
  const errors = [...parsed.errors];
  if (errors.length === 0 && parsed.records.length === 0) {
    errors.push({ field: 'body', code: 'minRecords', message: 'The upload holds no record to import.' });
  }
  if (parsed.records.length > RIPA_IMPORT_MAX_RECORDS) {
    errors.push({
      field: 'body',
      code: 'maxRecords',
      message: `The upload holds ${parsed.records.length} records; one import takes at most ${RIPA_IMPORT_MAX_RECORDS}. Split the file.`,
    });
  }
  return { format, records: parsed.records, errors };
}

function parseJson(body: unknown): Omit<ParsedUpload, 'format'> {
  // The body reaches here without the global pipe's check: nesting too deep or a number out of range is
  // 400 MALFORMED_REQUEST, as for every other body, before anything recurses into it.
  assertSafePayload(body);
  if (!Array.isArray(body)) {
    return { records: [], errors: [{ field: 'body', code: 'isArray', message: 'Send the records as a JSON array of objects, one per record.' }] };
  }
  const records: UploadedRecord[] = [];
  const errors: FieldError[] = [];
  body.forEach((element: unknown, index) => {
    if (typeof element === 'object' && element !== null && !Array.isArray(element)) {
      records.push({ at: { index }, fields: element as Record<string, unknown> });
    } else {
      errors.push({ index, field: 'record', code: 'isObject', message: 'Each element of the array must be an object with the fields of one record.' });
    }
  });
  return { records, errors };
}

/** A row as csv-parse gives it, with the line it ends on and the empty lines skipped so far. */
interface CsvRow {
  cells: string[];
  lastLine: number;
  emptyLines: number;
}

const CSV_OPTIONS: Options<CsvRow, string[]> = {
  bom: true,
  // Spaces around a cell are the file's layout, not the record's content.
  trim: true,
  skip_empty_lines: true,
  // A row with the wrong number of cells is reported with its line, below, rather than ending the read.
  relax_column_count: true,
  on_record: (cells, context) => ({ cells, lastLine: context.lines, emptyLines: context.empty_lines }),
};

/** csv-parse's typings tie a transformed row to the `columns` option; without it each row is what `on_record` returns. */
const readCsv = parse as (input: string, options: Options<CsvRow, string[]>) => CsvRow[];

function parseCsv(body: unknown): Omit<ParsedUpload, 'format'> {
  // One kind of line break: csv-parse counts a CRLF inside a quoted cell as two lines, which would put every
  // later line number out. The break inside a cell stays a break.
  const text = typeof body === 'string' ? body.replace(/\r\n?/g, '\n') : '';
  let rows: CsvRow[];
  try {
    rows = readCsv(text, CSV_OPTIONS);
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = typeof error.lines === 'number' ? error.lines : 1;
    return { records: [], errors: [{ line, field: 'record', code: 'csvSyntax', message: `The file is not readable CSV at line ${line}: ${error.message}` }] };
  }
  if (rows.length === 0) {
    return { records: [], errors: [{ line: 1, field: 'body', code: 'minRecords', message: 'The CSV file is empty: it needs a header line naming the fields, then one line per record.' }] };
  }
  const [header, ...data] = withFirstLines(rows);
  const columns = header.cells;
  const headerProblems = headerErrors(columns, header.line);
  const errors = [...headerProblems];
  const records: UploadedRecord[] = [];
  for (const row of data) {
    if (row.cells.length !== columns.length) {
      errors.push({
        line: row.line,
        field: 'record',
        code: 'csvColumnCount',
        message: `Line ${row.line} has ${row.cells.length} cells; the header has ${columns.length} columns.`,
      });
      continue;
    }
    const fields: Record<string, unknown> = {};
    columns.forEach((column, i) => {
      if (row.cells[i] !== '') fields[column] = row.cells[i];
    });
    records.push({ at: { line: row.line }, fields });
  }
  // Under a header at fault no cell can be trusted to be the field it seems; otherwise every readable line
  // is validated too, so that one answer names every problem in the file.
  return { records: headerProblems.length === 0 ? records : [], errors };
}

/**
 * The line each row starts on. csv-parse counts the lines read when a row ends; a row starts after the
 * previous one ends and after any empty lines skipped since, so a quoted cell running over several lines
 * is reported at its first.
 */
function withFirstLines(rows: CsvRow[]): { cells: string[]; line: number }[] {
  let previous = { lastLine: 0, emptyLines: 0 };
  return rows.map((row) => {
    const line = previous.lastLine + 1 + (row.emptyLines - previous.emptyLines);
    previous = row;
    return { cells: row.cells, line };
  });
}

/** The header names the fields of a record: each known, none twice, every required one present. */
function headerErrors(columns: readonly string[], line: number): FieldError[] {
  const known: readonly string[] = RIPA_RECORD_FIELDS;
  const errors: FieldError[] = [];
  columns.forEach((column, i) => {
    if (!known.includes(column)) {
      errors.push({ line, field: column, code: 'knownColumn', message: `The header names an unknown column "${column}"; the columns are ${RIPA_RECORD_FIELDS.join(', ')}.` });
    } else if (columns.indexOf(column) !== i) {
      errors.push({ line, field: column, code: 'uniqueColumn', message: `The header names the column "${column}" more than once.` });
    }
  });
  for (const field of RIPA_RECORD_FIELDS) {
    if (!columns.includes(field) && !OPTIONAL_RIPA_RECORD_FIELDS.includes(field)) {
      errors.push({ line, field, code: 'requiredColumn', message: `The header has no column "${field}", which every record needs.` });
    }
  }
  return errors;
}
