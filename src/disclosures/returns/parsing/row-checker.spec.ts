import { readHeader, RETURN_COLUMNS, type ReturnRecordType } from './return-schema';
import { createRowChecker, RowRefusal, WHOLE_ROW, type AcquiredRow, type ReturnContext, type RowChecker } from './row-checker';

const TARGET = '+447700900123';
const MARCH = { periodStart: '2026-03-01T00:00:00Z', periodEnd: '2026-03-31T23:59:59Z' };
const LONDON = 'Europe/London';

const SUBSCRIBER: ReturnContext = {
  item: { identifierType: 'msisdn', normalisedValue: TARGET, subtype: 'subscriber', ...MARCH },
  zone: LONDON,
  precisionSeconds: 0,
};
const CALLS: ReturnContext = {
  item: { identifierType: 'msisdn', normalisedValue: TARGET, subtype: 'callDataRecords', ...MARCH },
  zone: LONDON,
  precisionSeconds: 0,
};
const IP: ReturnContext = {
  item: {
    identifierType: 'ipPort',
    normalisedValue: '203.0.113.7:51234',
    subtype: 'ipAddressResolution',
    periodStart: '2026-06-14T13:05:00+01:00',
    periodEnd: '2026-06-14T13:05:00+01:00',
  },
  zone: LONDON,
  precisionSeconds: 2,
};

type Cells = Record<string, string>;

/** A checker over the full header of the context's record type, and a function turning named cells into a row. */
function setUp(ctx: ReturnContext, type: ReturnRecordType): { checker: RowChecker; row: (cells: Cells) => string[] } {
  const names = RETURN_COLUMNS[type].map((spec) => spec.name);
  const verdict = readHeader(type, names);
  if (verdict.kind !== 'ok') throw new Error('header');
  return { checker: createRowChecker(ctx, verdict.columnIndex), row: (cells) => names.map((name) => cells[name] ?? '') };
}

const CALL: Cells = {
  a_party: TARGET,
  b_party: '+447700900555',
  start_time: '2026-03-10T09:15:00Z',
  duration_seconds: '65',
  event_type: 'voice',
  direction: 'out',
  cell_id: '234-10-0001-0042',
};
const SUBSCRIBER_ROW: Cells = {
  identifier: TARGET,
  name: 'Alex Example',
  address: '1 Example Road, Exampletown EX1 1AA',
  address_type: 'installation',
  valid_from: '2025-01-01T09:00:00Z',
  valid_to: '',
};
const RESOLUTION: Cells = {
  ip_address: '203.0.113.7',
  port: '51234',
  observed_time: '2026-06-14 13:05:01',
  subscriber_name: 'Sam Sample',
  address: '2 Sample Street, Sampleton SA2 2BB',
  address_type: 'installation',
};

function refusal(action: () => unknown): RowRefusal {
  try {
    action();
  } catch (error) {
    if (error instanceof RowRefusal) return error;
    throw error;
  }
  throw new Error('expected a RowRefusal');
}

const flagsOf = (row: AcquiredRow): string[] => row.flags;

describe('createRowChecker', () => {
  const columns = (type: ReturnRecordType): Readonly<Record<string, number>> => {
    const verdict = readHeader(type, RETURN_COLUMNS[type].map((spec) => spec.name));
    if (verdict.kind !== 'ok') throw new Error('header');
    return verdict.columnIndex;
  };

  it.each([
    ['a subtype without a schema', { ...CALLS, item: { ...CALLS.item, subtype: 'cellSite' } }, /no schema/],
    ['an unknown identifier type', { ...CALLS, item: { ...CALLS.item, identifierType: 'phone' } }, /Unknown identifier type/],
    ['a period end without an offset', { ...CALLS, item: { ...CALLS.item, periodEnd: '2026-03-31T23:59:59' } }, /period end/],
    ['a period ending before it starts', { ...CALLS, item: { ...CALLS.item, periodEnd: '2026-02-01T00:00:00Z' } }, /ends before/],
    ['an unknown zone', { ...CALLS, zone: 'Europe/Atlantis' }, /not known/],
    ['a negative precision', { ...CALLS, precisionSeconds: -1 }, /precision/],
  ])('refuses %s', (_, ctx, message) => {
    expect(() => createRowChecker(ctx, columns('callDataRecord'))).toThrow(message);
  });

  it('refuses a column index without a required column', () => {
    expect(() => createRowChecker(CALLS, { a_party: 0, b_party: 1 })).toThrow(/start_time, duration_seconds, event_type/);
  });
});

describe('refused rows (RowRefusal)', () => {
  const calls = setUp(CALLS, 'callDataRecord');

  it('refuses a row with a cell too few or too many', () => {
    const short = refusal(() => calls.checker.check(calls.row(CALL).slice(1), 7));
    expect(short).toMatchObject({ rowNumber: 7, column: WHOLE_ROW, reason: 'the row has 6 cells, and the header has 7 columns' });
    expect(refusal(() => calls.checker.check([...calls.row(CALL), 'x'], 8)).column).toBe(WHOLE_ROW);
  });

  it('refuses a required cell that is empty or only spaces', () => {
    expect(refusal(() => calls.checker.check(calls.row({ ...CALL, b_party: '  ' }), 3))).toMatchObject({
      rowNumber: 3,
      column: 'b_party',
      reason: 'the b_party cell is empty, and it is required',
    });
  });

  it('refuses a time that cannot be read', () => {
    const error = refusal(() => calls.checker.check(calls.row({ ...CALL, start_time: '2026-02-30T10:00:00Z' }), 4));
    expect(error).toMatchObject({ column: 'start_time', reason: '2026-02-30T10:00:00Z is not on the calendar' });
    expect(error.message).toBe('row 4, start_time: 2026-02-30T10:00:00Z is not on the calendar');
    expect(error.kind).toBe('unreadable');
  });

  it('refuses a time without an offset when the CSP has declared no zone, saying so', () => {
    const noZone = setUp({ ...CALLS, zone: null }, 'callDataRecord');
    const error = refusal(() => noZone.checker.check(noZone.row({ ...CALL, start_time: '2026-03-10 09:15:00' }), 5));
    expect(error.column).toBe('start_time');
    expect(error.reason).toMatch(/the CSP has declared no time zone/);
    expect(error.kind).toBe('noZone');
  });

  it.each([
    ['duration_seconds', '1.5', /not a whole number of seconds/],
    ['duration_seconds', '-3', /not a whole number of seconds/],
    ['event_type', 'fax', /must be one of voice, sms, mms, data/],
    ['direction', 'sideways', /must be one of in, out/],
  ])('refuses %s %j', (column, value, reason) => {
    const error = refusal(() => calls.checker.check(calls.row({ ...CALL, [column]: value }), 6));
    expect(error.column).toBe(column);
    expect(error.reason).toMatch(reason);
  });

  it.each([
    ['port', '65536', /not a whole number from 0 to 65535/],
    ['port', '80a', /not a whole number from 0 to 65535/],
    ['address_type', 'postal', /must be one of installation, billing/],
    ['address', '', /empty, and it is required/],
  ])('refuses an IP resolution with %s %j', (column, value, reason) => {
    const ip = setUp(IP, 'ipResolution');
    const error = refusal(() => ip.checker.check(ip.row({ ...RESOLUTION, [column]: value }), 2));
    expect(error.column).toBe(column);
    expect(error.reason).toMatch(reason);
  });

  it('refuses subscriber details that end before they begin', () => {
    const subscribers = setUp(SUBSCRIBER, 'subscriber');
    const error = refusal(() =>
      subscribers.checker.check(subscribers.row({ ...SUBSCRIBER_ROW, valid_to: '2024-12-31T00:00:00Z' }), 2),
    );
    expect(error).toMatchObject({ column: 'valid_to', reason: 'valid_to 2024-12-31T00:00:00Z is before valid_from 2025-01-01T09:00:00Z' });
  });

  it('refuses an unknown address_type in a subscriber row, and accepts an empty one', () => {
    const subscribers = setUp(SUBSCRIBER, 'subscriber');
    expect(refusal(() => subscribers.checker.check(subscribers.row({ ...SUBSCRIBER_ROW, address_type: 'home' }), 2)).column).toBe('address_type');
    expect(subscribers.checker.check(subscribers.row({ ...SUBSCRIBER_ROW, address_type: '' }), 3).addressType).toBeNull();
  });
});

describe('call records', () => {
  it('reads a clean row, sharing one frozen empty array for its flags and details', () => {
    const { checker, row } = setUp(CALLS, 'callDataRecord');
    const first = checker.check(row(CALL), 2);
    expect(first).toEqual({
      rowNumber: 2,
      recordType: 'callDataRecord',
      identifier: TARGET,
      otherParty: '+447700900555',
      atUtc: '2026-03-10T09:15:00.000Z',
      untilUtc: null,
      sourceOffset: '+00:00',
      localTime: null,
      durationSeconds: 65,
      eventType: 'voice',
      cellId: '234-10-0001-0042',
      port: null,
      name: null,
      address: null,
      addressType: null,
      flags: [],
      details: [],
    });
    const second = checker.check(row({ ...CALL, start_time: '2026-03-10T10:15:00+01:00' }), 3);
    expect(second.flags).toBe(first.flags);
    expect(second.details).toBe(first.flags);
    expect(Object.isFrozen(first.flags)).toBe(true);
  });

  it('reads a local time in the declared zone, keeping it as written', () => {
    const { checker, row } = setUp({ ...CALLS, item: { ...CALLS.item, periodEnd: '2026-06-30T23:59:59+01:00' } }, 'callDataRecord');
    const read = checker.check(row({ ...CALL, start_time: '2026-06-14 13:05:00' }), 2);
    expect(read).toMatchObject({ atUtc: '2026-06-14T12:05:00.000Z', sourceOffset: '+01:00', localTime: '2026-06-14 13:05:00', flags: [] });
  });

  it('accepts words in any case and trims cells', () => {
    const { checker, row } = setUp(CALLS, 'callDataRecord');
    const read = checker.check(row({ ...CALL, event_type: 'SMS', direction: ' In ', duration_seconds: ' 0 ', cell_id: '' }), 2);
    expect(read).toMatchObject({ eventType: 'sms', durationSeconds: 0, cellId: null, flags: [] });
  });

  describe('IDENTIFIER_NOT_REQUESTED', () => {
    it('passes the target as the A party or as the B party, whoever the other party is', () => {
      const { checker, row } = setUp(CALLS, 'callDataRecord');
      expect(flagsOf(checker.check(row({ ...CALL, b_party: '999' }), 2))).toEqual([]);
      expect(flagsOf(checker.check(row({ ...CALL, a_party: 'BANK', b_party: TARGET }), 3))).toEqual([]);
      expect(flagsOf(checker.check(row({ ...CALL, a_party: '61234', b_party: TARGET }), 4))).toEqual([]);
    });

    it('fails a call between two other numbers', () => {
      const { checker, row } = setUp(CALLS, 'callDataRecord');
      const read = checker.check(row({ ...CALL, a_party: '+447700900999' }), 2);
      expect(read.flags).toEqual(['IDENTIFIER_NOT_REQUESTED']);
      expect(read.details).toEqual(['the A and B parties are +447700900999 and +447700900555, neither the requested +447700900123']);
    });

    it('normalises each party as the application does, so another way of writing the number still matches', () => {
      const real = '+442079460123';
      const { checker, row } = setUp({ ...CALLS, item: { ...CALLS.item, normalisedValue: real } }, 'callDataRecord');
      const read = checker.check(row({ ...CALL, a_party: '020 7946 0123', b_party: '(020) 7946-0999' }), 2);
      expect(read).toMatchObject({ identifier: real, otherParty: '+442079460999', flags: [] });
      const unreadable = checker.check(row({ ...CALL, a_party: '020 7946 012', b_party: 'BANK' }), 3);
      expect(unreadable).toMatchObject({ identifier: '020 7946 012', otherParty: 'BANK', flags: ['IDENTIFIER_NOT_REQUESTED'] });
    });
  });

  describe('OUTSIDE_PERIOD', () => {
    it('passes calls at either end of the period', () => {
      const { checker, row } = setUp(CALLS, 'callDataRecord');
      expect(flagsOf(checker.check(row({ ...CALL, start_time: '2026-03-01T00:00:00Z' }), 2))).toEqual([]);
      expect(flagsOf(checker.check(row({ ...CALL, start_time: '2026-04-01T00:59:59+01:00' }), 3))).toEqual([]);
    });

    it('fails a call a second after the period', () => {
      const { checker, row } = setUp(CALLS, 'callDataRecord');
      const read = checker.check(row({ ...CALL, start_time: '2026-04-01T01:00:00+01:00' }), 2);
      expect(read.flags).toEqual(['OUTSIDE_PERIOD']);
      expect(read.details[0]).toBe(
        'the call starts at 2026-04-01T00:00:00.000Z is outside the requested period 2026-03-01T00:00:00Z to 2026-03-31T23:59:59Z',
      );
    });
  });

  describe('DATA_TYPE_NOT_REQUESTED', () => {
    it('passes voice, sms and mms', () => {
      const { checker, row } = setUp(CALLS, 'callDataRecord');
      for (const eventType of ['voice', 'sms', 'mms']) {
        expect(flagsOf(checker.check(row({ ...CALL, event_type: eventType }), 2))).toEqual([]);
      }
    });

    it('fails a data session', () => {
      const { checker, row } = setUp(CALLS, 'callDataRecord');
      expect(flagsOf(checker.check(row({ ...CALL, event_type: 'data' }), 2))).toEqual(['DATA_TYPE_NOT_REQUESTED']);
    });
  });

  describe('CONTENT_SUSPECTED', () => {
    it('passes a cell at its column’s limit', () => {
      const { checker, row } = setUp(CALLS, 'callDataRecord');
      expect(flagsOf(checker.check(row({ ...CALL, cell_id: 'c'.repeat(64) }), 2))).toEqual([]);
    });

    it('fails a cell over it', () => {
      const { checker, row } = setUp(CALLS, 'callDataRecord');
      const read = checker.check(row({ ...CALL, cell_id: 'Meet me at the usual place at nine, bring the money and the keys!!' }), 2);
      expect(read.flags).toEqual(['CONTENT_SUSPECTED']);
      expect(read.details).toEqual(['cells longer than their column allows: cell_id has 66 characters (at most 64)']);
    });
  });

  describe('AMBIGUOUS_LOCAL_TIME', () => {
    const autumn = { ...CALLS, item: { ...CALLS.item, periodStart: '2026-10-01T00:00:00Z', periodEnd: '2026-10-31T23:59:59Z' } };

    it('passes a local time either side of the repeated hour', () => {
      const { checker, row } = setUp(autumn, 'callDataRecord');
      expect(checker.check(row({ ...CALL, start_time: '2026-10-25 00:59:59' }), 2)).toMatchObject({ flags: [], sourceOffset: '+01:00' });
      expect(checker.check(row({ ...CALL, start_time: '2026-10-25 02:00:00' }), 3)).toMatchObject({ flags: [], sourceOffset: '+00:00' });
    });

    it('flags the repeated autumn hour without guessing, and runs no period check on it', () => {
      const { checker, row } = setUp({ ...autumn, item: { ...autumn.item, periodEnd: '2026-10-25T00:00:00Z' } }, 'callDataRecord');
      const read = checker.check(row({ ...CALL, start_time: '2026-10-25 01:30:00' }), 2);
      expect(read).toMatchObject({ atUtc: null, sourceOffset: null, localTime: '2026-10-25 01:30:00', flags: ['AMBIGUOUS_LOCAL_TIME'] });
      expect(read.details[0]).toMatch(/^start_time 2026-10-25 01:30:00 happened twice in Europe\/London.*not guessed$/);
    });

    it('flags the skipped spring hour, saying it never happened', () => {
      const { checker, row } = setUp(CALLS, 'callDataRecord');
      const read = checker.check(row({ ...CALL, start_time: '2026-03-29 01:30:00' }), 2);
      expect(read).toMatchObject({ atUtc: null, localTime: '2026-03-29 01:30:00', flags: ['AMBIGUOUS_LOCAL_TIME'] });
      expect(read.details[0]).toMatch(/never happened in Europe\/London: the clocks went forward/);
    });
  });

  it('lists several failures in catalogue order, one detail each', () => {
    const { checker, row } = setUp(CALLS, 'callDataRecord');
    const read = checker.check(
      row({ ...CALL, a_party: '+447700900999', start_time: '2026-05-01T00:00:00Z', event_type: 'data', cell_id: 'x'.repeat(65) }),
      2,
    );
    expect(read.flags).toEqual(['IDENTIFIER_NOT_REQUESTED', 'OUTSIDE_PERIOD', 'DATA_TYPE_NOT_REQUESTED', 'CONTENT_SUSPECTED']);
    expect(read.details).toHaveLength(4);
    expect(read.details[1]).toMatch(/outside the requested period/);
  });

  it('never flags EXCESS_DATA, however many calls repeat', () => {
    const { checker, row } = setUp(CALLS, 'callDataRecord');
    for (let rowNumber = 2; rowNumber < 6; rowNumber += 1) expect(flagsOf(checker.check(row(CALL), rowNumber))).toEqual([]);
  });

  it('reads a file whose columns come in another order, with an extra column and no optional ones', () => {
    const verdict = readHeader('callDataRecord', ['event_type', 'note', 'start_time', 'b_party', 'duration_seconds', 'a_party']);
    if (verdict.kind !== 'ok') throw new Error('header');
    const checker = createRowChecker(CALLS, verdict.columnIndex);
    const read = checker.check(['sms', 'anything', '2026-03-02T08:00:00Z', TARGET, '0', '+447700900555'], 2);
    expect(read).toMatchObject({ identifier: '+447700900555', otherParty: TARGET, eventType: 'sms', cellId: null, flags: [] });
  });
});

describe('subscribers', () => {
  it('reads a clean row', () => {
    const { checker, row } = setUp(SUBSCRIBER, 'subscriber');
    expect(checker.check(row(SUBSCRIBER_ROW), 2)).toEqual({
      rowNumber: 2,
      recordType: 'subscriber',
      identifier: TARGET,
      otherParty: null,
      atUtc: '2025-01-01T09:00:00.000Z',
      untilUtc: null,
      sourceOffset: '+00:00',
      localTime: null,
      durationSeconds: null,
      eventType: null,
      cellId: null,
      port: null,
      name: 'Alex Example',
      address: '1 Example Road, Exampletown EX1 1AA',
      addressType: 'installation',
      flags: [],
      details: [],
    });
  });

  describe('IDENTIFIER_NOT_REQUESTED', () => {
    it('passes the requested identifier, surrounded by spaces', () => {
      const { checker, row } = setUp(SUBSCRIBER, 'subscriber');
      expect(flagsOf(checker.check(row({ ...SUBSCRIBER_ROW, identifier: ` ${TARGET} ` }), 2))).toEqual([]);
    });
    it('fails another identifier', () => {
      const { checker, row } = setUp(SUBSCRIBER, 'subscriber');
      expect(flagsOf(checker.check(row({ ...SUBSCRIBER_ROW, identifier: '+447700900124' }), 2))).toEqual(['IDENTIFIER_NOT_REQUESTED']);
    });
  });

  describe('OUTSIDE_PERIOD', () => {
    it('passes details that ended within the period', () => {
      const { checker, row } = setUp(SUBSCRIBER, 'subscriber');
      const read = checker.check(row({ ...SUBSCRIBER_ROW, valid_to: '2026-03-01T00:00:00Z' }), 2);
      expect(read).toMatchObject({ untilUtc: '2026-03-01T00:00:00.000Z', flags: [] });
    });
    it('fails details that ended before the period', () => {
      const { checker, row } = setUp(SUBSCRIBER, 'subscriber');
      const read = checker.check(row({ ...SUBSCRIBER_ROW, valid_to: '2026-02-28T23:59:59Z' }), 2);
      expect(read.flags).toEqual(['OUTSIDE_PERIOD']);
      expect(read.details[0]).toMatch(/not within the requested period/);
    });
  });

  describe('EXCESS_DATA', () => {
    it('passes one subscriber after another, the next beginning the instant the last ended', () => {
      const { checker, row } = setUp(SUBSCRIBER, 'subscriber');
      expect(flagsOf(checker.check(row({ ...SUBSCRIBER_ROW, valid_to: '2026-03-10T12:00:00Z' }), 2))).toEqual([]);
      expect(flagsOf(checker.check(row({ ...SUBSCRIBER_ROW, valid_from: '2026-03-10T12:00:00Z' }), 3))).toEqual([]);
    });

    it('fails two subscribers at once, and ignores rows that are not the requested identifier', () => {
      const { checker, row } = setUp(SUBSCRIBER, 'subscriber');
      checker.check(row({ ...SUBSCRIBER_ROW, identifier: '+447700900124' }), 2);
      expect(flagsOf(checker.check(row(SUBSCRIBER_ROW), 3))).toEqual([]);
      const read = checker.check(row({ ...SUBSCRIBER_ROW, name: 'Someone Else', valid_from: '2026-03-05T00:00:00Z' }), 4);
      expect(read.flags).toEqual(['EXCESS_DATA']);
      expect(read.details[0]).toMatch(/from row 3\): two subscribers at once/);
    });

    it('does not count an overlap that lies outside the period', () => {
      const { checker, row } = setUp(SUBSCRIBER, 'subscriber');
      checker.check(row({ ...SUBSCRIBER_ROW, valid_from: '2020-01-01T00:00:00Z', valid_to: '2026-03-01T00:00:00Z' }), 2);
      expect(flagsOf(checker.check(row({ ...SUBSCRIBER_ROW, valid_from: '2025-06-01T00:00:00Z' }), 3))).toEqual([]);
    });
  });

  describe('CONTENT_SUSPECTED', () => {
    it('passes a name of 200 characters', () => {
      const { checker, row } = setUp(SUBSCRIBER, 'subscriber');
      expect(flagsOf(checker.check(row({ ...SUBSCRIBER_ROW, name: 'n'.repeat(200) }), 2))).toEqual([]);
    });
    it('fails an address of 501', () => {
      const { checker, row } = setUp(SUBSCRIBER, 'subscriber');
      expect(flagsOf(checker.check(row({ ...SUBSCRIBER_ROW, address: 'a'.repeat(501) }), 2))).toEqual(['CONTENT_SUSPECTED']);
    });
  });

  describe('AMBIGUOUS_LOCAL_TIME', () => {
    it('passes local times outside the clock changes', () => {
      const { checker, row } = setUp(SUBSCRIBER, 'subscriber');
      const read = checker.check(row({ ...SUBSCRIBER_ROW, valid_from: '2025-07-01 09:00:00', valid_to: '2026-03-29 02:00:00' }), 2);
      expect(read).toMatchObject({ atUtc: '2025-07-01T08:00:00.000Z', untilUtc: '2026-03-29T01:00:00.000Z', localTime: '2025-07-01 09:00:00', flags: [] });
    });

    it('fails a valid_to in the repeated hour, saying its end is unknown rather than current', () => {
      const { checker, row } = setUp({ ...SUBSCRIBER, item: { ...SUBSCRIBER.item, periodEnd: '2026-12-31T23:59:59Z' } }, 'subscriber');
      const read = checker.check(row({ ...SUBSCRIBER_ROW, valid_to: '2026-10-25 01:15:00' }), 2);
      expect(read).toMatchObject({ atUtc: '2025-01-01T09:00:00.000Z', untilUtc: null, flags: ['AMBIGUOUS_LOCAL_TIME'] });
      expect(read.details[0]).toMatch(/^valid_to .* happened twice.*unknown \(not current\)$/);
    });

    it('fails a valid_from in the skipped hour, and checks the period on valid_to alone', () => {
      const { checker, row } = setUp(SUBSCRIBER, 'subscriber');
      const read = checker.check(row({ ...SUBSCRIBER_ROW, valid_from: '2026-03-29 01:10:00', valid_to: '2026-02-01T00:00:00Z' }), 2);
      expect(read).toMatchObject({ atUtc: null, sourceOffset: null, localTime: '2026-03-29 01:10:00' });
      expect(read.flags).toEqual(['OUTSIDE_PERIOD', 'AMBIGUOUS_LOCAL_TIME']);
    });
  });
});

describe('IP address resolutions', () => {
  it('reads a clean row: the address canonical, the port, the local time read in the zone', () => {
    const { checker, row } = setUp(IP, 'ipResolution');
    expect(checker.check(row(RESOLUTION), 2)).toEqual({
      rowNumber: 2,
      recordType: 'ipResolution',
      identifier: '203.0.113.7',
      otherParty: null,
      atUtc: '2026-06-14T12:05:01.000Z',
      untilUtc: null,
      sourceOffset: '+01:00',
      localTime: '2026-06-14 13:05:01',
      durationSeconds: null,
      eventType: null,
      cellId: null,
      port: 51234,
      name: 'Sam Sample',
      address: '2 Sample Street, Sampleton SA2 2BB',
      addressType: 'installation',
      flags: [],
      details: [],
    });
  });

  describe('IDENTIFIER_NOT_REQUESTED', () => {
    it('passes the address with the port written in it, and an IPv6 address however it is written', () => {
      const { checker, row } = setUp(IP, 'ipResolution');
      expect(checker.check(row({ ...RESOLUTION, ip_address: '203.0.113.7:51234', port: '' }), 2)).toMatchObject({ port: 51234, flags: [] });
      const v6 = setUp({ ...IP, item: { ...IP.item, identifierType: 'ipv6', normalisedValue: '2001:db8::7' } }, 'ipResolution');
      const read = v6.checker.check(v6.row({ ...RESOLUTION, ip_address: '2001:DB8:0:0:0:0:0:7', port: '' }), 2);
      expect(read).toMatchObject({ identifier: '2001:db8::7', port: null, flags: [] });
    });

    it('fails another port behind the same address', () => {
      const { checker, row } = setUp(IP, 'ipResolution');
      const read = checker.check(row({ ...RESOLUTION, port: '51235' }), 2);
      expect(read.flags).toEqual(['IDENTIFIER_NOT_REQUESTED']);
      expect(read.details).toEqual(['the port is 51235, not the requested 51234']);
    });

    it('fails another address', () => {
      const { checker, row } = setUp(IP, 'ipResolution');
      expect(flagsOf(checker.check(row({ ...RESOLUTION, ip_address: '203.0.113.70' }), 2))).toEqual(['IDENTIFIER_NOT_REQUESTED']);
    });
  });

  describe('OUTSIDE_PERIOD', () => {
    it('passes an observation within the stated precision', () => {
      const { checker, row } = setUp(IP, 'ipResolution');
      expect(flagsOf(checker.check(row({ ...RESOLUTION, observed_time: '2026-06-14T12:04:58Z' }), 2))).toEqual([]);
    });
    it('fails one beyond it', () => {
      const { checker, row } = setUp(IP, 'ipResolution');
      const read = checker.check(row({ ...RESOLUTION, observed_time: '2026-06-14 13:05:03' }), 2);
      expect(read.flags).toEqual(['OUTSIDE_PERIOD']);
      expect(read.details[0]).toMatch(/more than 2 seconds from the requested time 2026-06-14T13:05:00\+01:00/);
    });
  });

  describe('ADDRESS_TYPE_MISMATCH', () => {
    it('passes the installation address', () => {
      const { checker, row } = setUp(IP, 'ipResolution');
      expect(flagsOf(checker.check(row({ ...RESOLUTION, address_type: 'Installation' }), 2))).toEqual([]);
    });
    it('fails the billing address', () => {
      const { checker, row } = setUp(IP, 'ipResolution');
      expect(flagsOf(checker.check(row({ ...RESOLUTION, address_type: 'billing' }), 2))).toEqual(['ADDRESS_TYPE_MISMATCH']);
    });
  });

  describe('EXCESS_DATA', () => {
    it('passes one answer, whatever rows about other addresses or times come with it', () => {
      const { checker, row } = setUp(IP, 'ipResolution');
      expect(flagsOf(checker.check(row({ ...RESOLUTION, port: '40000' }), 2))).toEqual(['IDENTIFIER_NOT_REQUESTED']);
      expect(flagsOf(checker.check(row(RESOLUTION), 3))).toEqual([]);
      expect(flagsOf(checker.check(row({ ...RESOLUTION, observed_time: '2026-06-14T13:00:00+01:00' }), 4))).toEqual(['OUTSIDE_PERIOD']);
    });

    it('fails a second answer, naming the row of the first', () => {
      const { checker, row } = setUp(IP, 'ipResolution');
      checker.check(row(RESOLUTION), 2);
      const read = checker.check(row({ ...RESOLUTION, subscriber_name: 'Another Person' }), 3);
      expect(read.flags).toEqual(['EXCESS_DATA']);
      expect(read.details).toEqual(['one answer was asked for, and row 2 has already given it']);
    });
  });

  describe('CONTENT_SUSPECTED', () => {
    it('passes a subscriber name of 200 characters', () => {
      const { checker, row } = setUp(IP, 'ipResolution');
      expect(flagsOf(checker.check(row({ ...RESOLUTION, subscriber_name: 's'.repeat(200) }), 2))).toEqual([]);
    });
    it('fails one of 201', () => {
      const { checker, row } = setUp(IP, 'ipResolution');
      expect(flagsOf(checker.check(row({ ...RESOLUTION, subscriber_name: 's'.repeat(201) }), 2))).toEqual(['CONTENT_SUSPECTED']);
    });
  });

  describe('AMBIGUOUS_LOCAL_TIME', () => {
    const autumn = { ...IP, item: { ...IP.item, periodStart: '2026-10-25T01:30:00+01:00', periodEnd: '2026-10-25T01:30:00+01:00' } };
    it('passes the same instant written with its offset', () => {
      const { checker, row } = setUp(autumn, 'ipResolution');
      expect(flagsOf(checker.check(row({ ...RESOLUTION, observed_time: '2026-10-25T01:30:00+01:00' }), 2))).toEqual([]);
    });
    it('fails it written without one, and does not count it as the answer', () => {
      const { checker, row } = setUp(autumn, 'ipResolution');
      const read = checker.check(row({ ...RESOLUTION, observed_time: '2026-10-25 01:30:00' }), 2);
      expect(read).toMatchObject({ atUtc: null, sourceOffset: null, localTime: '2026-10-25 01:30:00', flags: ['AMBIGUOUS_LOCAL_TIME'] });
      expect(flagsOf(checker.check(row({ ...RESOLUTION, observed_time: '2026-10-25T00:30:00Z' }), 3))).toEqual([]);
    });
  });

  it('compares the address only when the request had no port', () => {
    const { checker, row } = setUp({ ...IP, item: { ...IP.item, identifierType: 'ipv4', normalisedValue: '203.0.113.7' } }, 'ipResolution');
    expect(flagsOf(checker.check(row({ ...RESOLUTION, port: '' }), 2))).toEqual([]);
  });
});
