/**
 * The returned data of a product as tables, one per record type (docs/returns.md §2), every row in the
 * content's order. These are data columns: identifiers and parties as the CSP gave them, and each time in
 * UTC and again in the offset the CSP's file gave it in (`2026-03-01 10:00:00 UTC / 11:00:00 +01:00`), so the
 * reader can match a row to the CSP's file. A row the SPOC accepted despite a failed check says so under
 * it, in words.
 */
import { drawTable, type PdfTableColumn, type PdfTableRow } from '../pdf/pdf-table';
import type { PdfWriter } from '../pdf/pdf-writer';
import { wordsFor } from '../pdf/plain-english';
import { PRODUCT_RECORD_TYPES, type ProductRecord, type ProductRecordType } from './product-content';
import { RECORD_TYPE_LABELS } from '../workflow/product.labels';
import { ADDRESS_TYPE_LABELS, DIRECTION_LABELS, EVENT_TYPE_LABELS, RETURN_FLAG_LABELS } from './product-labels';

const TABLE_SIZE = 7.5;
const NOTE_SIZE = 6.5;
const OFFSET = /^([+-])(\d{2}):?(\d{2})$/;
const MS_PER_MINUTE = 60_000;

/** `2026-03-01 10:00:00 UTC / 11:00:00 +01:00`: the instant in UTC and in the CSP's offset (its date too when it differs). */
export function dataTime(atUtc: string | null, sourceOffset: string | null): string {
  if (atUtc === null) return 'Not given';
  const instant = new Date(atUtc);
  if (Number.isNaN(instant.getTime())) return atUtc;
  const [utcDate, utcTime] = isoParts(instant);
  const utc = `${utcDate} ${utcTime} UTC`;
  const offset = sourceOffset === null ? null : sourceOffset === 'Z' ? ['+', '00', '00'] : OFFSET.exec(sourceOffset)?.slice(1);
  if (offset === undefined || offset === null) return sourceOffset === null ? utc : `${utc} / offset ${sourceOffset}`;
  const [sign, hours, minutes] = offset;
  const offsetMinutes = (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes));
  const [localDate, localTime] = isoParts(new Date(instant.getTime() + offsetMinutes * MS_PER_MINUTE));
  return `${utc} / ${localDate === utcDate ? '' : `${localDate} `}${localTime} ${sign}${hours}:${minutes}`;
}

function isoParts(instant: Date): [string, string] {
  const iso = instant.toISOString();
  return [iso.slice(0, 10), iso.slice(11, 19)];
}

function text(value: string | null): string {
  return value === null || value.trim() === '' ? '-' : value;
}

function address(record: ProductRecord): string {
  if (record.address === null) return '-';
  if (record.addressType === null) return record.address;
  return `${record.address} (${wordsFor(ADDRESS_TYPE_LABELS, record.addressType.toLowerCase())})`;
}

export interface RecordTable {
  columns: PdfTableColumn[];
  cells(record: ProductRecord, row: string): string[];
}

/** The columns of each record type's table and a row's cells (`row`: its number, as the table prints it). */
export const RECORD_TABLES: Readonly<Record<ProductRecordType, RecordTable>> = {
  callDataRecord: {
    columns: [
      { header: 'Row', weight: 0.45 },
      { header: 'Identifier', weight: 1.3 },
      { header: 'Other party', weight: 1.3 },
      { header: 'Time (UTC / source offset)', weight: 2.05 },
      { header: 'Duration', weight: 0.7 },
      { header: 'Type', weight: 0.85 },
      { header: 'Direction', weight: 0.8 },
      { header: 'Cell', weight: 1.25 },
    ],
    cells: (r, row) => [
      row,
      text(r.identifier),
      text(r.otherParty),
      dataTime(r.atUtc, r.sourceOffset),
      r.durationSeconds === null ? '-' : `${r.durationSeconds} s`,
      r.eventType === null ? '-' : (EVENT_TYPE_LABELS[r.eventType.toLowerCase()] ?? r.eventType),
      r.direction === null ? '-' : (DIRECTION_LABELS[r.direction.toLowerCase()] ?? r.direction),
      text(r.cellId),
    ],
  },
  subscriber: {
    columns: [
      { header: 'Row', weight: 0.6 },
      { header: 'Identifier', weight: 1.4 },
      { header: 'Name', weight: 1.4 },
      { header: 'Address', weight: 2 },
      { header: 'Registered from (UTC / source offset)', weight: 2 },
      { header: 'Registered until (UTC / source offset)', weight: 2 },
    ],
    cells: (r, row) => [row, text(r.identifier), text(r.name), address(r), dataTime(r.atUtc, r.sourceOffset), r.untilUtc === null ? 'No end given' : dataTime(r.untilUtc, r.sourceOffset)],
  },
  ipResolution: {
    columns: [
      { header: 'Row', weight: 0.6 },
      { header: 'IP address', weight: 1.6 },
      { header: 'Port', weight: 0.6 },
      { header: 'Observed (UTC / source offset)', weight: 2 },
      { header: 'Name', weight: 1.4 },
      { header: 'Address', weight: 2.4 },
    ],
    cells: (r, row) => [row, text(r.identifier), r.port === null ? '-' : String(r.port), dataTime(r.atUtc, r.sourceOffset), text(r.name), address(r)],
  },
};

/** A row's accepted flags in words, for the note under it. */
function flagNote(record: ProductRecord): string[] {
  if (record.acceptedFlags.length === 0) return [];
  return [`Accepted by the SPOC although it failed a check: ${record.acceptedFlags.map((code) => wordsFor(RETURN_FLAG_LABELS, code)).join('; ')}.`];
}

/**
 * Draws one table per record type that has rows, in the order of {@link PRODUCT_RECORD_TYPES}.
 * `returnNumber` numbers the CSP's returns as the provenance block lists them; a table holding rows of
 * more than one return prints each row as `return/row`.
 */
export function drawRecordTables(w: PdfWriter, records: readonly ProductRecord[], returnNumber: ReadonlyMap<string, number>): void {
  for (const recordType of PRODUCT_RECORD_TYPES) {
    const rows = records.filter((r) => r.recordType === recordType);
    if (rows.length === 0) continue;
    const returns = new Set(rows.map((r) => r.returnId));
    const spec = RECORD_TABLES[recordType];
    w.ensureSpace(60);
    w.paragraph(`${RECORD_TYPE_LABELS[recordType]}: ${rows.length} ${rows.length === 1 ? 'row' : 'rows'}`, { font: 'bold', size: 10 });
    if (returns.size > 1) {
      w.paragraph('Rows are numbered return/row, the returns as listed under Provenance.', { size: 8, muted: true });
    }
    w.moveDown(0.3);
    const tableRows: PdfTableRow[] = rows.map((r) => {
      const row = returns.size > 1 ? `${returnNumber.get(r.returnId) ?? '?'}/${r.rowNumber}` : String(r.rowNumber);
      const notes = flagNote(r);
      return notes.length === 0 ? { cells: spec.cells(r, row) } : { cells: spec.cells(r, row), notes };
    });
    drawTable(w, { columns: spec.columns, rows: tableRows, size: TABLE_SIZE, noteFont: 'regular', noteSize: NOTE_SIZE });
    w.moveDown(0.6);
  }
}
