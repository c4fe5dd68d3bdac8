import { RIPA_RECORD_FIELDS } from '../workflow/ripa-record.types';
import { RIPA_IMPORT_MAX_RECORDS } from './ripa-import.limits';
import { parseRipaUpload, uploadFormat } from './ripa-import.parser';

const HEADER = RIPA_RECORD_FIELDS.join(',');
const cells = (reference: string) => [reference, 's22_4_notice', '2015-06-01T09:30:00Z', '2015-06-01T14:00:00Z', '', '', 'A', 'B', 'C', 'D', 'n', 'p', 's22_2_b', 'data', 'csp'];
const line = (reference: string) => cells(reference).join(',');

describe('uploadFormat', () => {
  it('reads CSV from text/csv with any parameters, and JSON otherwise', () => {
    expect(uploadFormat('text/csv')).toBe('csv');
    expect(uploadFormat('Text/CSV; charset=utf-8')).toBe('csv');
    expect(uploadFormat('application/json')).toBe('json');
    expect(uploadFormat(undefined)).toBe('json');
  });
});

describe('parseRipaUpload: CSV', () => {
  it('gives each record its fields by the header’s names and the line it starts on; an empty cell is an absent field', () => {
    const parsed = parseRipaUpload('csv', `${HEADER}\n${line('R1')}\n${line('R2')}\n`);
    expect(parsed.errors).toEqual([]);
    expect(parsed.records.map((r) => r.at)).toEqual([{ line: 2 }, { line: 3 }]);
    expect(parsed.records[0].fields).toEqual({
      originalReference: 'R1',
      kind: 's22_4_notice',
      appliedAt: '2015-06-01T09:30:00Z',
      grantedAt: '2015-06-01T14:00:00Z',
      applicantName: 'A',
      applicantRank: 'B',
      designatedPersonName: 'C',
      designatedPersonRank: 'D',
      necessity: 'n',
      proportionality: 'p',
      purpose: 's22_2_b',
      dataSought: 'data',
      csp: 'csp',
    });
  });

  it('counts a quoted cell over several lines, blank lines, CRLF and a byte-order mark when it names lines', () => {
    const multi = cells('R1').map((cell, i) => (i === 10 ? '"first line\r\nsecond, with a comma"' : cell)).join(',');
    const parsed = parseRipaUpload('csv', `\uFEFF${HEADER}\r\n\r\n${multi}\r\n\r\n\r\n${line('R2')}\r\n`);
    expect(parsed.errors).toEqual([]);
    expect(parsed.records.map((r) => r.at)).toEqual([{ line: 3 }, { line: 7 }]);
    expect(parsed.records[0].fields.necessity).toBe('first line\nsecond, with a comma');
    expect(parsed.records[0].fields.originalReference).toBe('R1');
  });

  it('takes the columns in any order, trims the spaces around cells, and lets the optional dates be left out', () => {
    const columns = RIPA_RECORD_FIELDS.filter((f) => f !== 'expiresAt' && f !== 'cancelledAt').reverse();
    const values = columns.map((c) => (c === 'originalReference' ? '  R1 ' : 'x'));
    const parsed = parseRipaUpload('csv', `${columns.join(' , ')}\n${values.join(',')}`);
    expect(parsed.errors).toEqual([]);
    expect(parsed.records[0].fields.originalReference).toBe('R1');
  });

  it('names a line with the wrong number of cells, and still reads the others', () => {
    const parsed = parseRipaUpload('csv', `${HEADER}\n${line('R1')}\n${cells('R2').slice(1).join(',')}\n${line('R3')},extra\n`);
    expect(parsed.errors).toEqual([
      expect.objectContaining({ line: 3, field: 'record', code: 'csvColumnCount', message: 'Line 3 has 14 cells; the header has 15 columns.' }),
      expect.objectContaining({ line: 4, field: 'record', code: 'csvColumnCount', message: 'Line 4 has 16 cells; the header has 15 columns.' }),
    ]);
    expect(parsed.records.map((r) => r.at)).toEqual([{ line: 2 }]);
  });

  it('names header columns that are unknown, repeated or missing, at line 1, and reads no record under such a header', () => {
    const header = HEADER.replace('csp', 'provider').replace('kind', 'kind,kind');
    const parsed = parseRipaUpload('csv', `${header}\n${line('R1')},x\n`);
    expect(parsed.errors.map((e) => [e.line, e.field, e.code])).toEqual([
      [1, 'kind', 'uniqueColumn'],
      [1, 'provider', 'knownColumn'],
      [1, 'csp', 'requiredColumn'],
    ]);
    expect(parsed.records).toEqual([]);
  });

  it('names the line at which CSV stops being readable', () => {
    const parsed = parseRipaUpload('csv', `${HEADER}\n${line('R1')}\n"R2,unclosed\n`);
    expect(parsed.errors).toEqual([expect.objectContaining({ line: 3, field: 'record', code: 'csvSyntax' })]);
    expect(parsed.errors[0].message).toMatch(/^The file is not readable CSV at line 3: /);
  });

  it('refuses an empty file, a header with no record, and more records than one import takes', () => {
    expect(parseRipaUpload('csv', '').errors).toEqual([expect.objectContaining({ line: 1, field: 'body', code: 'minRecords' })]);
    expect(parseRipaUpload('csv', {}).errors).toEqual([expect.objectContaining({ code: 'minRecords' })]);
    expect(parseRipaUpload('csv', `${HEADER}\n`).errors).toEqual([expect.objectContaining({ field: 'body', code: 'minRecords' })]);
    const many = Array.from({ length: RIPA_IMPORT_MAX_RECORDS + 1 }, (_, i) => line(`R${i}`)).join('\n');
    expect(parseRipaUpload('csv', `${HEADER}\n${many}`).errors).toEqual([expect.objectContaining({ field: 'body', code: 'maxRecords' })]);
  });
});

describe('parseRipaUpload: JSON', () => {
  it('gives each element its index', () => {
    const parsed = parseRipaUpload('json', [{ originalReference: 'R1' }, { originalReference: 'R2' }]);
    expect(parsed).toEqual({
      format: 'json',
      errors: [],
      records: [
        { at: { index: 0 }, fields: { originalReference: 'R1' } },
        { at: { index: 1 }, fields: { originalReference: 'R2' } },
      ],
    });
  });

  it('refuses what is not an array of objects, naming the element at fault', () => {
    expect(parseRipaUpload('json', { originalReference: 'R1' }).errors).toEqual([expect.objectContaining({ field: 'body', code: 'isArray' })]);
    expect(parseRipaUpload('json', []).errors).toEqual([expect.objectContaining({ field: 'body', code: 'minRecords' })]);
    expect(parseRipaUpload('json', [{}, null, [], 'x']).errors.map((e) => [e.index, e.code])).toEqual([
      [1, 'isObject'],
      [2, 'isObject'],
      [3, 'isObject'],
    ]);
  });
});
