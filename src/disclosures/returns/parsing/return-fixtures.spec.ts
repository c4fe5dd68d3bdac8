import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { readHeader, recordTypeFor } from './return-schema';
import { createRowChecker, type AcquiredRow, type ReturnContext } from './row-checker';

/** The sample returns and the data items they answer, as test/fixtures/returns/README.md gives them. */
const FIXTURES = resolve(__dirname, '../../../../test/fixtures/returns');
const MARCH = { periodStart: '2026-03-01T00:00:00Z', periodEnd: '2026-03-31T23:59:59Z' };
const SAMPLES: ReadonlyArray<{ file: string; rows: number; ctx: ReturnContext }> = [
  {
    file: 'subscriber.csv',
    rows: 5,
    ctx: { item: { identifierType: 'msisdn', normalisedValue: '+447911123456', subtype: 'subscriber', ...MARCH }, zone: 'Europe/London', precisionSeconds: 0 },
  },
  {
    file: 'call-data-records.csv',
    rows: 8,
    ctx: { item: { identifierType: 'msisdn', normalisedValue: '+447911123456', subtype: 'callDataRecords', ...MARCH }, zone: 'Europe/London', precisionSeconds: 0 },
  },
  {
    file: 'ip-resolution.csv',
    rows: 1,
    ctx: {
      item: {
        identifierType: 'ipPort',
        normalisedValue: '203.0.113.7:51234',
        subtype: 'ipAddressResolution',
        periodStart: '2026-06-14T13:05:00+01:00',
        periodEnd: '2026-06-14T13:05:00+01:00',
      },
      zone: 'Europe/London',
      precisionSeconds: 0,
    },
  },
];

function checkFile(file: string, ctx: ReturnContext): AcquiredRow[] {
  const [header, ...records] = parse(readFileSync(resolve(FIXTURES, file), 'utf8'));
  const recordType = recordTypeFor(ctx.item.subtype);
  if (recordType === null) throw new Error('no record type');
  const verdict = readHeader(recordType, header);
  if (verdict.kind !== 'ok') throw new Error(`header: ${JSON.stringify(verdict)}`);
  expect(verdict.extra).toEqual([]);
  const checker = createRowChecker(ctx, verdict.columnIndex);
  return records.map((cells, index) => checker.check(cells, index + 2));
}

describe('the sample returns in test/fixtures/returns', () => {
  it.each(SAMPLES)('$file passes every check against its item', ({ file, rows, ctx }) => {
    const checked = checkFile(file, ctx);
    expect(checked).toHaveLength(rows);
    for (const row of checked) {
      expect({ row: row.rowNumber, flags: row.flags, details: row.details }).toEqual({ row: row.rowNumber, flags: [], details: [] });
      expect(row.atUtc).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    }
  });

  it('reads the IP resolution sample as the instant asked for', () => {
    const [row] = checkFile('ip-resolution.csv', SAMPLES[2].ctx);
    expect(row).toMatchObject({ identifier: '203.0.113.7', port: 51234, atUtc: '2026-06-14T12:05:00.000Z', sourceOffset: '+01:00', addressType: 'installation' });
  });

  it('reads the subscriber sample as one subscriber at a time, the last still current', () => {
    const checked = checkFile('subscriber.csv', SAMPLES[0].ctx);
    checked.slice(1).forEach((row, index) => expect(row.atUtc).toBe(checked[index].untilUtc));
    expect(checked[checked.length - 1].untilUtc).toBeNull();
  });
});
