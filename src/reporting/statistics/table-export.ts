/**
 * A table of rows as a CSV or XLSX file with the protective marking in its FIRST row (docs/statistics.md §4;
 * docs/law.md §5: whatever is marked carries its marking). Generic: a row is a list of cells, each text or a
 * number; statistics-tables.ts says what the rows of the return and of a records list are.
 *
 * **Formula injection (CWE-1236).** A spreadsheet opening a CSV evaluates a field that starts with `=`, `+`,
 * `-` or `@` (and, in some, after a leading tab, CR or NUL) as a formula: `=HYPERLINK("http://evil","click")`
 * typed into a name would become a live link in the manager's spreadsheet. csv-stringify writes such text as
 * it is (docs/architecture.md §10, CSV), so every TEXT cell goes through {@link neutraliseCell} first (the
 * OWASP "CSV injection" rule: a single quote before it). Numbers are written as numbers and never changed.
 *
 * The rule is reversible, so an identifier survives the round trip recognisably: a text cell that starts
 * with one of those characters, or with a single quote itself, gets ONE more single quote in front, and
 * {@link restoreCell} (remove one leading quote when there is one) gives back exactly the text that was
 * written. So the E.164 number `+447700900123` is written to CSV as `'+447700900123`: a spreadsheet would
 * otherwise take it for a formula or the number 447700900123 and drop the `+` (and, past 15 digits, the last
 * digits). A program reading the CSV removes the one leading quote.
 *
 * In XLSX every text cell is a typed string cell (`t="s"`, number format `@`, text) and never a formula, so
 * nothing in the file is evaluated when it opens. Text that would be a formula if it were ever re-typed,
 * copied out or saved as CSV by the spreadsheet is still neutralised the same way, consistently with the
 * CSV ({@link neutraliseXlsxText}); the one exception is a sign followed by digits only (`+447700900123`),
 * which no spreadsheet can evaluate to anything but the number itself, so an identifier stays exactly what
 * it is in a text cell. {@link restoreCell} undoes both.
 */
import { stringify } from 'csv-stringify/sync';
import { Workbook, type Worksheet } from 'exceljs';
import JSZip from 'jszip';

/** One cell of a table: text, or a number (written as a number, never as text). */
export type TableCell = string | number;
export type TableRow = readonly TableCell[];

/** What a spreadsheet may read as the start of a formula (OWASP "CSV injection"; CWE-1236). */
const FORMULA_STARTS: ReadonlySet<string> = new Set(['=', '+', '-', '@', '\t', '\r', '\0']);
const QUOTE = "'";
/** A sign and digits only: an E.164 number, a signed count. As a formula it is that number and nothing else. */
const SIGNED_DIGITS = /^[+-][0-9]+$/;

/**
 * A text cell made safe to open in a spreadsheet: one single quote before text starting with `=`, `+`, `-`,
 * `@`, tab, CR or NUL, and before text that already starts with a single quote (so that the rule can be
 * undone exactly, {@link restoreCell}). Any other text is returned as it is.
 */
export function neutraliseCell(text: string): string {
  const first = text.charAt(0);
  return FORMULA_STARTS.has(first) || first === QUOTE ? QUOTE + text : text;
}

/**
 * A text cell of an XLSX file: as {@link neutraliseCell}, except a sign followed by digits only
 * (`+447700900123`), which stays as it is because the cell is typed text and such a value cannot compute
 * anything even when re-typed.
 */
export function neutraliseXlsxText(text: string): string {
  return SIGNED_DIGITS.test(text) ? text : neutraliseCell(text);
}

/** The text that was written, from a text cell read back: one leading single quote removed, if there is one. */
export function restoreCell(text: string): string {
  return text.startsWith(QUOTE) ? text.slice(1) : text;
}

function checkedNumber(value: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`A table cell holds ${value}, which is not a finite number`);
  return value;
}

/**
 * The CSV: the marking alone in the first row, then the rows. Every row is padded with empty cells to the
 * widest row (RFC 4180: the same number of fields on every line; strict readers, csv-parse among them, refuse
 * anything else). UTF-8 with a byte-order mark, so that a spreadsheet reads names with accents rightly, and
 * CRLF line ends (RFC 4180). Text cells are neutralised ({@link neutraliseCell}); numbers are written as numbers.
 * @throws RangeError when a number is not finite.
 */
export function writeCsv(marking: string, rows: readonly TableRow[]): string {
  const all: TableRow[] = [[marking], ...rows];
  const width = Math.max(...all.map((row) => row.length));
  const records = all.map((row) => {
    const cells: (string | number)[] = row.map((cell) => (typeof cell === 'number' ? checkedNumber(cell) : neutraliseCell(cell)));
    while (cells.length < width) cells.push('');
    return cells;
  });
  return stringify(records, { bom: true, record_delimiter: 'windows', eof: true });
}

export interface XlsxTable {
  marking: string;
  /** The worksheet's name (at most 31 characters, none of `[]:*?/\`). */
  sheetName: string;
  /** The workbook's title property. */
  title: string;
  rows: readonly TableRow[];
  /** Written as the workbook's created and modified dates, and as every entry's date in the zip: the same table and date give the same bytes. */
  createdAt: Date;
}

/** The producer written into the workbook, as into the PDFs (src/pdf/pdf-document.ts). */
const XLSX_CREATOR = 'cd-workflow';
const TEXT_FORMAT = '@';
const MIN_COLUMN_WIDTH = 10;
const MAX_COLUMN_WIDTH = 60;
/** Header and footer text of a printed page is limited to 255 characters in all (ECMA-376 §18.3.1.39). */
const MAX_PRINTED_MARKING = 200;

/**
 * The XLSX: one worksheet, the marking in A1 (bold; also in the header and footer of every printed page,
 * with "Page x of y"), then the rows from row 2. Text cells are string cells with the text number format,
 * neutralised by {@link neutraliseXlsxText}; numbers are numeric cells. Deterministic: the workbook's dates
 * and the zip's entry dates are `createdAt`.
 * @throws RangeError when a number is not finite, or when `createdAt` is not a valid date.
 */
export async function writeXlsx(table: XlsxTable): Promise<Buffer> {
  const { createdAt } = table;
  if (!(createdAt instanceof Date) || Number.isNaN(createdAt.getTime())) throw new RangeError('writeXlsx: createdAt must be a valid Date');
  const workbook = new Workbook();
  workbook.creator = XLSX_CREATOR;
  workbook.lastModifiedBy = XLSX_CREATOR;
  workbook.created = createdAt;
  workbook.modified = createdAt;
  workbook.title = table.title;
  workbook.subject = table.marking;

  const sheet = workbook.addWorksheet(table.sheetName);
  const printed = printedText(table.marking);
  sheet.headerFooter.oddHeader = `&C&B${printed}`;
  sheet.headerFooter.oddFooter = `&C&B${printed}&B Page &P of &N`;

  const marking = sheet.getCell(1, 1);
  marking.value = neutraliseXlsxText(table.marking);
  marking.numFmt = TEXT_FORMAT;
  marking.font = { bold: true };

  table.rows.forEach((row, r) => {
    row.forEach((value, c) => {
      // Cells are written one by one: Worksheet.addRow would take an object or a Date for something else.
      const cell = sheet.getCell(r + 2, c + 1);
      if (typeof value === 'number') {
        cell.value = checkedNumber(value);
      } else if (value !== '') {
        cell.value = neutraliseXlsxText(value);
        cell.numFmt = TEXT_FORMAT;
      }
    });
  });
  sizeColumns(sheet, table.rows);

  return fixZipDates(await workbook.xlsx.writeBuffer(), createdAt);
}

/** `&` starts a code in a header or footer (`&P`, `&B`); a literal one is written twice. */
function printedText(marking: string): string {
  return [...marking].slice(0, MAX_PRINTED_MARKING).join('').replace(/&/g, '&&');
}

/** Each column as wide as its longest cell, within bounds (the marking in A1 may run over B1). */
function sizeColumns(sheet: Worksheet, rows: readonly TableRow[]): void {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((value, c) => {
      const length = String(value).length + 2;
      widths[c] = Math.max(widths[c] ?? MIN_COLUMN_WIDTH, Math.min(length, MAX_COLUMN_WIDTH));
    });
  }
  widths.forEach((width, c) => {
    sheet.getColumn(c + 1).width = width;
  });
}

/**
 * The zip with every entry dated `date`. exceljs adds each part to its zip (jszip) with the clock's time,
 * so two files of the same content differ in those bytes alone; rewriting the dates makes the file a function
 * of its content and date. jszip keeps each entry's compressed bytes, so nothing is compressed twice.
 */
async function fixZipDates(bytes: ArrayBuffer, date: Date): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  zip.forEach((_path, entry) => {
    entry.date = date;
  });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'DOS' });
}
