/**
 * The summary page's data (product-summary.ts) and the chart's choice of days (product-activity-chart.ts),
 * checked against London times worked out here independently, with Intl, not with london-time.ts.
 */
import fc from 'fast-check';
import {
  callRecordProduct,
  FIXTURE_TARGETS,
  ipResolutionProduct,
  mixedProduct,
  subscriberProduct,
} from '../../test/support/product-content-fixture';
import { chartDayLabel, chartRows, MAX_CHART_DAYS } from './product-activity-chart';
import type { ProductContent, ProductRecord } from './product-content';
import {
  activityGrid,
  ipResolutionAnswer,
  londonDayAndHour,
  rankContacts,
  subscriberAnswer,
  summariseCallRecords,
  summariseProduct,
} from './product-summary';

const LONDON = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  hourCycle: 'h23',
});

/** The London day and hour of an instant, from Intl directly. */
function london(iso: string): { date: string; hour: number } {
  const parts = Object.fromEntries(LONDON.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) };
}

function call(otherParty: string | null, atUtc: string | null, rowNumber = 1): ProductRecord {
  return {
    requestId: 'r',
    returnId: 'ret',
    rowNumber,
    recordType: 'callDataRecord',
    identifier: '+447911123456',
    otherParty,
    atUtc,
    untilUtc: null,
    sourceOffset: null,
    durationSeconds: 0,
    eventType: 'sms',
    direction: 'out',
    cellId: null,
    port: null,
    name: null,
    address: null,
    addressType: null,
    acceptedFlags: [],
  };
}

describe('rankContacts', () => {
  it('counts each other party and ranks by events, then earliest first seen, then the party', () => {
    const records = [
      call('B', '2026-03-02T10:00:00.000Z'),
      call('A', '2026-03-03T10:00:00.000Z'),
      call('C', '2026-03-01T09:00:00.000Z'),
      call('B', '2026-03-05T10:00:00.000Z'),
      call('A', '2026-03-04T10:00:00.000Z'),
      call('D', '2026-03-01T09:00:00.000Z'),
      call('E', null),
      call(null, '2026-03-01T00:00:00.000Z'),
    ];
    expect(rankContacts(records)).toEqual([
      { contact: 'B', events: 2, firstSeen: '2026-03-02T10:00:00.000Z', lastSeen: '2026-03-05T10:00:00.000Z' },
      { contact: 'A', events: 2, firstSeen: '2026-03-03T10:00:00.000Z', lastSeen: '2026-03-04T10:00:00.000Z' },
      // Same count and same first seen: by the party's text.
      { contact: 'C', events: 1, firstSeen: '2026-03-01T09:00:00.000Z', lastSeen: '2026-03-01T09:00:00.000Z' },
      { contact: 'D', events: 1, firstSeen: '2026-03-01T09:00:00.000Z', lastSeen: '2026-03-01T09:00:00.000Z' },
      // Never seen at a known time: after every party that was.
      { contact: 'E', events: 1, firstSeen: null, lastSeen: null },
    ]);
  });

  it('gives the same ranking whatever the order of the rows', () => {
    const records = callRecordProduct(300).records;
    const reversed = [...records].reverse();
    expect(rankContacts(reversed)).toEqual(rankContacts(records));
  });
});

describe('londonDayAndHour', () => {
  it.each([
    ['2026-03-29T00:30:00.000Z', '2026-03-29', 0],
    ['2026-03-29T01:30:00.000Z', '2026-03-29', 2],
    ['2026-03-28T23:59:59.999Z', '2026-03-28', 23],
    ['2026-06-30T23:30:00.000Z', '2026-07-01', 0],
    ['2026-10-25T00:30:00.000Z', '2026-10-25', 1],
    ['2026-10-25T01:30:00.000Z', '2026-10-25', 1],
  ])('%s is %s hour %i in London', (iso, date, hour) => {
    expect(londonDayAndHour(new Date(iso))).toEqual({ date, hour });
  });
});

describe('activityGrid', () => {
  it('counts events by London day and hour across the change to BST, and counts the untimed apart', () => {
    const grid = activityGrid([
      call('A', '2026-03-28T23:30:00.000Z'),
      call('A', '2026-03-29T00:10:00.000Z'),
      call('B', '2026-03-29T00:50:00.000Z'),
      call('B', '2026-03-29T01:10:00.000Z'),
      call('C', '2026-03-29T22:59:00.000Z'),
      call('C', '2026-03-29T23:00:00.000Z'),
      call('D', null),
      call('D', 'not a time'),
    ]);
    const hours = (counts: Record<number, number>) => Array.from({ length: 24 }, (_, h) => counts[h] ?? 0);
    expect(grid.days).toEqual([
      { date: '2026-03-28', hours: hours({ 23: 1 }), total: 1 },
      { date: '2026-03-29', hours: hours({ 0: 2, 2: 1, 23: 1 }), total: 4 },
      { date: '2026-03-30', hours: hours({ 0: 1 }), total: 1 },
    ]);
    expect(grid.byHour).toEqual(hours({ 0: 3, 2: 1, 23: 2 }));
    expect({ total: grid.total, untimed: grid.untimed }).toEqual({ total: 6, untimed: 2 });
  });

  it('agrees with Intl for any set of instants between 1970 and 2100', () => {
    const instant = fc.integer({ min: 0, max: Date.UTC(2100, 0, 1) }).map((t) => new Date(t).toISOString());
    fc.assert(
      fc.property(fc.array(instant, { maxLength: 60 }), (instants) => {
        const grid = activityGrid(instants.map((at) => call('X', at)));
        const expected = new Map<string, number[]>();
        for (const at of instants) {
          const { date, hour } = london(at);
          const row = expected.get(date) ?? new Array<number>(24).fill(0);
          row[hour] += 1;
          expected.set(date, row);
        }
        expect(grid.days.map((d) => [d.date, d.hours])).toEqual([...expected.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
        expect(grid.total).toBe(instants.length);
        expect(grid.byHour.reduce((a, b) => a + b, 0)).toBe(instants.length);
      }),
      { numRuns: 200 },
    );
  });
});

describe('summariseCallRecords', () => {
  it('gives the span of the events, the contacts and the grid of the rows of one identifier', () => {
    const { records } = callRecordProduct(120);
    const summary = summariseCallRecords(FIXTURE_TARGETS.callDataRecord, records);
    const timed = records.filter((r) => r.atUtc !== null).map((r) => r.atUtc as string).sort();
    expect(summary).toMatchObject({ identifier: FIXTURE_TARGETS.callDataRecord, events: 120, withoutContact: 0, firstEvent: timed[0], lastEvent: timed[timed.length - 1] });
    expect(summary.contacts.reduce((sum, c) => sum + c.events, 0)).toBe(120);
    expect(summary.activity.total + summary.activity.untimed).toBe(120);
  });
});

describe('subscriberAnswer', () => {
  const row = (fields: Partial<ProductRecord>): ProductRecord => ({ ...call(null, null), recordType: 'subscriber', identifier: null, ...fields });

  it('says who the identifier was registered to, where, and from when to when, in London time', () => {
    const answer = subscriberAnswer(
      '+447911123456',
      row({ identifier: '+44 7911 123456', name: 'Jane Example', address: '1 High Street', atUtc: '2026-03-01T00:00:00.000Z', untilUtc: '2026-03-02T00:00:00.000Z' }),
    );
    expect(answer).toBe('+44 7911 123456 was registered to Jane Example, 1 High Street, from 1 Mar 2026 00:00 GMT to 2 Mar 2026 00:00 GMT');
  });

  it('names the kind of address, says when no end was given, and uses the identifier asked for when the row has none', () => {
    const answer = subscriberAnswer('+447700900321', row({ name: 'John Sample', address: '2 Low Road', addressType: 'billing', atUtc: '2026-07-01T08:00:00.000Z' }));
    expect(answer).toBe('+447700900321 was registered to John Sample, 2 Low Road (billing address), from 1 Jul 2026 09:00 BST onwards (no end given)');
    expect(subscriberAnswer('+447700900321', row({}))).toBe('+447700900321 was registered to a subscriber whose name and address were not given');
  });
});

describe('ipResolutionAnswer', () => {
  it('says who used the address and port at the time', () => {
    const record: ProductRecord = {
      ...call(null, '2026-03-01T10:00:00.000Z'),
      recordType: 'ipResolution',
      identifier: '203.0.113.7',
      port: 40000,
      name: 'Jane Example',
      address: '1 High Street',
    };
    expect(ipResolutionAnswer('203.0.113.7:40000', record)).toBe('203.0.113.7 port 40000 at 1 Mar 2026 10:00 GMT was assigned to the subscriber Jane Example, 1 High Street');
    expect(ipResolutionAnswer('203.0.113.7', { ...record, port: null, atUtc: null })).toBe('203.0.113.7 at a time not given was assigned to the subscriber Jane Example, 1 High Street');
  });
});

describe('summariseProduct', () => {
  it('answers subscriber and IP items in one line per row and summarises call records by identifier', () => {
    const summary = summariseProduct(mixedProduct(40));
    expect(summary.answers.map((a) => [a.recordType, a.identifier, a.lines.length])).toEqual([
      ['subscriber', FIXTURE_TARGETS.subscriber, 2],
      ['ipResolution', `${FIXTURE_TARGETS.ipResolution}:40000`, 1],
    ]);
    expect(summary.answers[1].lines[0]).toBe(
      '203.0.113.7 port 40000 at 1 Mar 2026 10:00 GMT was assigned to the subscriber Pat Example, 3 Mill Lane, Sometown ST3 3CC (installation address)',
    );
    expect(summary.callRecords.map((c) => [c.identifier, c.events])).toEqual([[FIXTURE_TARGETS.callDataRecord, 40]]);
  });

  it('says when nothing was returned for an item, and has no call summary without call rows', () => {
    const nil: ProductContent = { ...subscriberProduct(), records: [] };
    expect(summariseProduct(nil).answers).toEqual([
      { recordType: 'subscriber', identifier: FIXTURE_TARGETS.subscriber, lines: [`No subscriber details were returned for ${FIXTURE_TARGETS.subscriber}`] },
    ]);
    const ip = ipResolutionProduct();
    expect(summariseProduct({ ...ip, records: [] }).answers[0].lines).toEqual([`No IP address resolution was returned for ${FIXTURE_TARGETS.ipResolution}:40000`]);
    expect(summariseProduct(callRecordProduct(0)).callRecords).toEqual([]);
  });

  it('summarises a row whose return the content does not list under the identifier it gives', () => {
    const content = callRecordProduct(3);
    const stray = { ...call('Z', '2026-03-21T10:00:00.000Z'), identifier: '+447700900999', returnId: 'unknown' };
    const summary = summariseProduct({ ...content, records: [...content.records, stray] });
    expect(summary.callRecords.map((c) => [c.identifier, c.events])).toEqual([
      [FIXTURE_TARGETS.callDataRecord, 3],
      ['+447700900999', 1],
    ]);
  });
});

describe('chartRows', () => {
  it('draws every day from the first with an event to the last, the quiet ones included', () => {
    const grid = activityGrid([call('A', '2026-03-01T10:00:00.000Z'), call('A', '2026-03-04T10:00:00.000Z')]);
    const rows = chartRows(grid);
    expect(rows.days.map((d) => [d.date, d.total])).toEqual([
      ['2026-03-01', 1],
      ['2026-03-02', 0],
      ['2026-03-03', 0],
      ['2026-03-04', 1],
    ]);
    expect({ moreDays: rows.moreDays, moreEvents: rows.moreEvents }).toEqual({ moreDays: 0, moreEvents: 0 });
  });

  it(`draws at most ${MAX_CHART_DAYS} days and counts the days and events after them`, () => {
    const records = Array.from({ length: 40 }, (_, i) => call('A', new Date(Date.UTC(2026, 0, 1 + i, 12)).toISOString()));
    records.push(call('A', '2026-02-09T13:00:00.000Z'));
    const rows = chartRows(activityGrid(records));
    expect(rows.days).toHaveLength(MAX_CHART_DAYS);
    expect(rows.days[MAX_CHART_DAYS - 1].date).toBe('2026-01-31');
    expect({ moreDays: rows.moreDays, moreEvents: rows.moreEvents }).toEqual({ moreDays: 9, moreEvents: 10 });
  });

  it('labels a day with its weekday, day, month and year', () => {
    expect(chartDayLabel('2026-03-29')).toBe('Sun 29 Mar 2026');
  });
});
