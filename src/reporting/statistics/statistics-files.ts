/**
 * The statistics return and the records behind one of its cells as CSV and XLSX files (docs/statistics.md
 * §4): the rows of statistics-tables.ts written by table-export.ts, with the marking in the first row and
 * every text cell neutralised against formula injection. The PDF is statistics.pdf.ts, rendered on a worker
 * (statistics.worker.ts); these files are quick to write and stay on the calling thread.
 */
import type { StatisticsRecord, StatisticsReturn } from './statistics-return';
import { RECORDS_TITLE, recordRows, statisticsRows, STATISTICS_TITLE, type RecordsHeading } from './statistics-tables';
import { writeCsv, writeXlsx } from './table-export';

export type { RecordsHeading } from './statistics-tables';

export const STATISTICS_SHEET = 'Statistics return';
export const RECORDS_SHEET = 'Records';

export function renderStatisticsCsv(ret: StatisticsReturn): string {
  return writeCsv(ret.marking, statisticsRows(ret));
}

/** Deterministic: the workbook's dates are the return's `generatedAt`, so the same return gives the same bytes. */
export function renderStatisticsXlsx(ret: StatisticsReturn): Promise<Buffer> {
  return writeXlsx({
    marking: ret.marking,
    sheetName: STATISTICS_SHEET,
    title: `${STATISTICS_TITLE}, ${ret.authority.name}, ${ret.period.from} to ${ret.period.to}`,
    rows: statisticsRows(ret),
    createdAt: new Date(ret.generatedAt),
  });
}

export function renderRecordsCsv(marking: string, heading: RecordsHeading, records: readonly StatisticsRecord[]): string {
  return writeCsv(marking, recordRows(records, heading));
}

/** The workbook's dates are `heading.generatedAt` when given (then the same list gives the same bytes), otherwise now. */
export function renderRecordsXlsx(marking: string, heading: RecordsHeading, records: readonly StatisticsRecord[]): Promise<Buffer> {
  return writeXlsx({
    marking,
    sheetName: RECORDS_SHEET,
    title: `${RECORDS_TITLE}: ${heading.figureTitle}, ${heading.cellLabel}`,
    rows: recordRows(records, heading),
    createdAt: heading.generatedAt === undefined ? new Date() : new Date(heading.generatedAt),
  });
}
