/**
 * The CSV and XLSX writers, and the return and a records list written through them, read back: CSV with
 * csv-parse, XLSX with exceljs (and its sheet's XML, to see that no cell is a formula). The marking is the
 * first row; counts are numbers; text that a spreadsheet would evaluate is neutralised with one leading
 * quote, and removing that quote gives back exactly what was written (docs/statistics.md §4).
 */
import { parse } from 'csv-parse/sync';
import { ValueType, Workbook, type Cell, type Worksheet } from 'exceljs';
import fc from 'fast-check';
import JSZip from 'jszip';
import { renderRecordsCsv, renderRecordsXlsx, renderStatisticsCsv, renderStatisticsXlsx, RECORDS_SHEET, STATISTICS_SHEET } from './statistics-files';
import {
  DDE_TEXT,
  E164_IDENTIFIER,
  FIXTURE_MARKING,
  FORMULA_TEXT,
  statisticsRecordsFixture,
  statisticsReturnFixture,
} from './statistics-return.fixture';
import type { RecordsHeading } from './statistics-tables';
import { neutraliseCell, neutraliseXlsxText, restoreCell, writeCsv, writeXlsx, type TableRow } from './table-export';

const TRIGGERS = ['=', '+', '-', '@', '\t', '\r', '\0'];
const readCsv = (csv: string): string[][] => parse(csv, { bom: true });

async function readXlsx(bytes: Buffer): Promise<Workbook> {
  const workbook = new Workbook();
  // exceljs types its input as an ArrayBuffer; a copy of the bytes is one.
  await workbook.xlsx.load(new Uint8Array(bytes).buffer);
  return workbook;
}

/** Every cell of a sheet that holds a value, by its address. */
function cellsOf(sheet: Worksheet): Map<string, Cell> {
  const cells = new Map<string, Cell>();
  sheet.eachRow((row) => row.eachCell((cell) => cells.set(cell.address, cell)));
  return cells;
}

/** The cell in column `column` of the row whose first cell is `first`. */
function cellBeside(sheet: Worksheet, first: string, column: number): Cell {
  let found: Cell | undefined;
  sheet.eachRow((row) => {
    if (found === undefined && row.getCell(1).value === first) found = row.getCell(column);
  });
  if (found === undefined) throw new Error(`No row starts with ${first}`);
  return found;
}

/** The XML of the workbook's first sheet. */
async function sheetXml(bytes: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const sheet = zip.file('xl/worksheets/sheet1.xml');
  if (sheet === null) throw new Error('no sheet1.xml');
  return sheet.async('string');
}

const HEADING: RecordsHeading = {
  figureTitle: 'Data items by kind',
  cellLabel: 'Subscriber details',
  authorityName: 'Thames Valley Police',
  period: statisticsReturnFixture().period,
  total: 42,
  firstPosition: 1,
  generatedAt: '2026-04-02T08:15:00.000Z',
  generatedBy: FORMULA_TEXT,
};

describe('neutraliseCell', () => {
  it.each(TRIGGERS)('puts one single quote before text starting with %j', (first) => {
    expect(neutraliseCell(`${first}1+1`)).toBe(`'${first}1+1`);
  });

  it('neutralises a formula, a DDE payload and an E.164 number, and leaves other text as it is', () => {
    expect(neutraliseCell(FORMULA_TEXT)).toBe(`'${FORMULA_TEXT}`);
    expect(neutraliseCell(DDE_TEXT)).toBe(`'${DDE_TEXT}`);
    expect(neutraliseCell(E164_IDENTIFIER)).toBe(`'${E164_IDENTIFIER}`);
    for (const text of ['', 'Thames Valley Police', 'a=b', ' =1+1', '07700 900123', '2001:db8::1', '/applications/x']) {
      expect(neutraliseCell(text)).toBe(text);
    }
  });

  it('quotes text that already starts with a quote, so that the rule can be undone exactly', () => {
    expect(neutraliseCell("'quoted")).toBe("''quoted");
    expect(restoreCell(neutraliseCell("'quoted"))).toBe("'quoted");
    expect(restoreCell(neutraliseCell(E164_IDENTIFIER))).toBe(E164_IDENTIFIER);
  });

  it('never leaves a formula start, and restoreCell gives back any text (property)', () => {
    const text = fc.oneof(fc.string(), fc.constantFrom(...TRIGGERS, "'").chain((first) => fc.string().map((rest) => first + rest)));
    fc.assert(
      fc.property(text, (value) => {
        const written = neutraliseCell(value);
        expect(TRIGGERS.includes(written.charAt(0))).toBe(false);
        expect(restoreCell(written)).toBe(value);
        const inXlsx = neutraliseXlsxText(value);
        expect(restoreCell(inXlsx)).toBe(value);
        if (!/^[+-][0-9]+$/.test(value)) expect(TRIGGERS.includes(inXlsx.charAt(0))).toBe(false);
      }),
    );
  });
});

describe('neutraliseXlsxText', () => {
  it('keeps a sign followed by digits only (an E.164 number) as it is, and neutralises the rest as the CSV does', () => {
    expect(neutraliseXlsxText(E164_IDENTIFIER)).toBe(E164_IDENTIFIER);
    expect(neutraliseXlsxText('-42')).toBe('-42');
    expect(neutraliseXlsxText(FORMULA_TEXT)).toBe(`'${FORMULA_TEXT}`);
    expect(neutraliseXlsxText('+1+1')).toBe("'+1+1");
    expect(neutraliseXlsxText('+44 7700 900123')).toBe("'+44 7700 900123");
    expect(neutraliseXlsxText('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutraliseXlsxText('Call records')).toBe('Call records');
  });
});

describe('writeCsv', () => {
  const rows: TableRow[] = [['Label', 'Count'], [FORMULA_TEXT, 3], ['Numbers stay numbers', -4], [E164_IDENTIFIER], []];

  it('writes the marking alone in the first row, pads every row to the widest, and reads back with a strict parser', () => {
    const csv = writeCsv(FIXTURE_MARKING, rows);
    expect(csv.startsWith('\ufeff')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(readCsv(csv)).toEqual([
      [FIXTURE_MARKING, ''],
      ['Label', 'Count'],
      [`'${FORMULA_TEXT}`, '3'],
      ['Numbers stay numbers', '-4'],
      [`'${E164_IDENTIFIER}`, ''],
      ['', ''],
    ]);
  });

  it('writes numbers as numbers, not quoted and not neutralised', () => {
    const lines = writeCsv(FIXTURE_MARKING, rows).slice(1).split('\r\n');
    expect(lines[3]).toBe('Numbers stay numbers,-4');
    expect(lines[2]).toBe(`"'=HYPERLINK(""http://evil.example"",""click"")",3`);
  });

  it('refuses a number that is not finite', () => {
    expect(() => writeCsv(FIXTURE_MARKING, [['x', Number.NaN]])).toThrow(RangeError);
    expect(() => writeCsv(FIXTURE_MARKING, [['x', Number.POSITIVE_INFINITY]])).toThrow(RangeError);
  });
});

describe('writeXlsx', () => {
  const createdAt = new Date('2026-04-02T08:15:00.000Z');
  const rows: TableRow[] = [['Label', 'Count'], [FORMULA_TEXT, 3], [E164_IDENTIFIER, 0]];
  let bytes: Buffer;
  let sheet: Worksheet;

  beforeAll(async () => {
    bytes = await writeXlsx({ marking: FIXTURE_MARKING, sheetName: 'Table', title: 'A table', rows, createdAt });
    const workbook = await readXlsx(bytes);
    sheet = workbook.getWorksheet('Table') as Worksheet;
  });

  it('puts the marking in A1, in bold, and in the header and footer of every printed page', () => {
    expect(sheet.getCell('A1').value).toBe(FIXTURE_MARKING);
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(sheet.getCell('A2').value).toBe('Label');
    expect(sheet.headerFooter.oddHeader).toContain(FIXTURE_MARKING);
    expect(sheet.headerFooter.oddFooter).toContain(FIXTURE_MARKING);
    expect(sheet.headerFooter.oddFooter).toContain('Page &P of &N');
  });

  it('writes text as text cells and numbers as numeric cells; no cell is a formula', async () => {
    expect(sheet.getCell('A3').type).toBe(ValueType.String);
    expect(sheet.getCell('A3').value).toBe(`'${FORMULA_TEXT}`);
    expect(sheet.getCell('A3').numFmt).toBe('@');
    expect(sheet.getCell('A4').type).toBe(ValueType.String);
    expect(sheet.getCell('A4').value).toBe(E164_IDENTIFIER);
    expect(sheet.getCell('B3').type).toBe(ValueType.Number);
    expect(sheet.getCell('B3').value).toBe(3);
    expect(sheet.getCell('B4').value).toBe(0);
    expect([...cellsOf(sheet).values()].filter((cell) => cell.type === ValueType.Formula)).toEqual([]);
    expect(await sheetXml(bytes)).not.toMatch(/<f[ >]/);
  });

  it('is deterministic: the workbook and every zip entry are dated createdAt, and the same table gives the same bytes', async () => {
    const zip = await JSZip.loadAsync(bytes);
    const dates = new Set<number>();
    zip.forEach((_path, entry) => dates.add(entry.date.getTime()));
    expect([...dates]).toEqual([createdAt.getTime()]);
    const workbook = await readXlsx(bytes);
    expect(workbook.created.getTime()).toBe(createdAt.getTime());
    expect(workbook.modified.getTime()).toBe(createdAt.getTime());
    const again = await writeXlsx({ marking: FIXTURE_MARKING, sheetName: 'Table', title: 'A table', rows, createdAt: new Date(createdAt.getTime()) });
    expect(again.equals(bytes)).toBe(true);
  });

  it('refuses a number that is not finite and a creation date that is not a date', async () => {
    await expect(writeXlsx({ marking: FIXTURE_MARKING, sheetName: 'T', title: 'T', rows: [[Number.NaN]], createdAt })).rejects.toThrow(RangeError);
    await expect(writeXlsx({ marking: FIXTURE_MARKING, sheetName: 'T', title: 'T', rows, createdAt: new Date('x') })).rejects.toThrow(RangeError);
  });
});

describe('the statistics return as CSV', () => {
  const rows = readCsv(renderStatisticsCsv(statisticsReturnFixture()));
  const rowStarting = (first: string): string[] => rows.find((row) => row[0] === first) ?? [];

  it('has the marking in the first row, then the heading in words with London times and zones', () => {
    expect(rows[0][0]).toBe(FIXTURE_MARKING);
    expect(rows[0].slice(1).every((cell) => cell === '')).toBe(true);
    expect(rows[1][0]).toBe('Statistics return');
    expect(rowStarting('Public authority')[1]).toBe('Thames Valley Police');
    expect(rowStarting('Period from')[1]).toBe('1 Jan 2026 00:00 GMT');
    expect(rowStarting('Period to')[1]).toBe('31 Mar 2026 23:59 BST');
    expect(rowStarting('Generated at')[1]).toBe('2 Apr 2026 09:15 BST');
  });

  it('neutralises the formula in a name, and restoring it gives the name back', () => {
    const by = rowStarting('Generated by')[1];
    expect(by).toBe(`'${FORMULA_TEXT}`);
    expect(restoreCell(by)).toBe(FORMULA_TEXT);
    expect(rows.flat().filter((cell) => TRIGGERS.includes(cell.charAt(0)))).toEqual([]);
  });

  it('has every cell with its label, key and count, and each figure with its total', () => {
    expect(rowStarting('OCDA on behalf of the IPC (s.60A)')).toEqual(['OCDA on behalf of the IPC (s.60A)', 'ipc60A', '1234']);
    expect(rowStarting('Urgent oral authorisation (s.61A)')).toEqual(['Urgent oral authorisation (s.61A)', 'urgent61A', '0']);
    expect(rowStarting('Subscriber details')).toEqual(['Subscriber details', 'entity:subscriber', '42']);
    expect(rows.filter((row) => row[0] === 'Total').map((row) => row[2])).toEqual(['1251', '0', '49', '4']);
    expect(rows.filter((row) => row[0] === 'Figure').map((row) => row[1])).toEqual([
      'Authorisations by route',
      'Applications refused',
      'Data items by kind',
      'Errors by cause',
    ]);
  });
});

describe('the statistics return as XLSX', () => {
  let bytes: Buffer;
  let sheet: Worksheet;

  beforeAll(async () => {
    bytes = await renderStatisticsXlsx(statisticsReturnFixture());
    sheet = (await readXlsx(bytes)).getWorksheet(STATISTICS_SHEET) as Worksheet;
  });

  it('has the marking in A1 and the heading in words', () => {
    expect(sheet.getCell('A1').value).toBe(FIXTURE_MARKING);
    expect(cellBeside(sheet, 'Period to', 2).value).toBe('31 Mar 2026 23:59 BST');
  });

  it('stores the formula in a name as a neutralised string cell, never a formula', async () => {
    const by = cellBeside(sheet, 'Generated by', 2);
    expect(by.type).toBe(ValueType.String);
    expect(by.value).toBe(`'${FORMULA_TEXT}`);
    expect(restoreCell(by.value as string)).toBe(FORMULA_TEXT);
    expect([...cellsOf(sheet).values()].filter((cell) => cell.type === ValueType.Formula)).toEqual([]);
    expect(await sheetXml(bytes)).not.toMatch(/<f[ >]/);
  });

  it('stores counts as numbers', () => {
    const count = cellBeside(sheet, 'OCDA on behalf of the IPC (s.60A)', 3);
    expect(count.type).toBe(ValueType.Number);
    expect(count.value).toBe(1234);
    expect(cellBeside(sheet, 'Urgent oral authorisation (s.61A)', 3).value).toBe(0);
    const totals: unknown[] = [];
    sheet.eachRow((row) => {
      if (row.getCell(1).value === 'Total') totals.push(row.getCell(3).value);
    });
    expect(totals).toEqual([1251, 0, 49, 4]);
  });

  it('is the same bytes for the same return', async () => {
    expect((await renderStatisticsXlsx(statisticsReturnFixture())).equals(bytes)).toBe(true);
  });
});

describe('a list of records as CSV and XLSX', () => {
  const records = statisticsRecordsFixture();

  it('CSV: the marking first, the identifier intact once its one leading quote is removed, the DDE payload neutralised', () => {
    const rows = readCsv(renderRecordsCsv(FIXTURE_MARKING, HEADING, records));
    expect(rows[0][0]).toBe(FIXTURE_MARKING);
    const header = rows.findIndex((row) => row[0] === 'Type');
    expect(rows[header]).toEqual(['Type', 'Reference', 'Data item', 'Identifier', 'At (UK time)', 'Link']);
    const [first, second, third] = rows.slice(header + 1);
    expect(first).toEqual(['Application', 'TVP/CD/2026/000042', 'd1', `'${E164_IDENTIFIER}`, '30 Mar 2026 13:05 BST', records[0].href]);
    expect(restoreCell(first[3])).toBe(E164_IDENTIFIER);
    expect(second[2]).toBe(`'${DDE_TEXT}`);
    expect(third).toEqual(['CD error register entry', '', '', '', '15 Jan 2026 09:30 GMT', records[2].href]);
    expect(rows.find((row) => row[0] === 'Generated by')?.[1]).toBe(`'${FORMULA_TEXT}`);
  });

  it('XLSX: the identifier is the string +447700900123 exactly, the DDE payload a neutralised string, the count a number', async () => {
    const sheet = (await readXlsx(await renderRecordsXlsx(FIXTURE_MARKING, HEADING, records))).getWorksheet(RECORDS_SHEET) as Worksheet;
    expect(sheet.getCell('A1').value).toBe(FIXTURE_MARKING);
    const identifier = cellBeside(sheet, 'Application', 4);
    expect(identifier.type).toBe(ValueType.String);
    expect(identifier.value).toBe(E164_IDENTIFIER);
    expect(identifier.numFmt).toBe('@');
    let dde: Cell | undefined;
    sheet.eachRow((row) => {
      if (row.getCell(2).value === 'TVP/CD/2026/000043') dde = row.getCell(3);
    });
    expect(dde?.type).toBe(ValueType.String);
    expect(dde?.value).toBe(`'${DDE_TEXT}`);
    expect(cellBeside(sheet, 'Records listed', 2).value).toBe(3);
    expect(cellBeside(sheet, 'Records counted', 2).value).toBe(42);
    expect([...cellsOf(sheet).values()].filter((cell) => cell.type === ValueType.Formula)).toEqual([]);
  });
});
