import fc from 'fast-check';
import {
  billingAddressGiven,
  codePointLength,
  dataSessionNotRequested,
  eventOutsidePeriod,
  ipNotRequested,
  observedOutsidePeriod,
  overLongCells,
  overlappingSubscriber,
  partiesNotRequested,
  secondAnswer,
  subscriberNotRequested,
  validityOutsidePeriod,
  ValidityUnion,
  type RequestedPeriod,
} from './row-checks';

const MARCH: RequestedPeriod = {
  startText: '2026-03-01T00:00:00Z',
  endText: '2026-03-31T23:59:59Z',
  startMs: Date.UTC(2026, 2, 1),
  endMs: Date.UTC(2026, 2, 31, 23, 59, 59),
};
const INSTANT: RequestedPeriod = {
  startText: '2026-06-14T13:05:00+01:00',
  endText: '2026-06-14T13:05:00+01:00',
  startMs: Date.UTC(2026, 5, 14, 12, 5),
  endMs: Date.UTC(2026, 5, 14, 12, 5),
};
const TARGET = '+447700900123';

describe('subscriberNotRequested', () => {
  it('passes the requested identifier', () => {
    expect(subscriberNotRequested(TARGET, TARGET)).toBeNull();
  });
  it('fails another identifier, naming both', () => {
    expect(subscriberNotRequested(TARGET, '+447700900124')).toBe('the record is for +447700900124, not the requested +447700900123');
  });
});

describe('partiesNotRequested', () => {
  it('passes when the target is the A party, whatever the B party', () => {
    expect(partiesNotRequested(TARGET, TARGET, '999')).toBeNull();
  });
  it('passes when the target is the B party, whatever the A party', () => {
    expect(partiesNotRequested(TARGET, 'BANK', TARGET)).toBeNull();
  });
  it('fails when neither party is the target', () => {
    expect(partiesNotRequested(TARGET, '+447700900999', '+447700900555')).toBe(
      'the A and B parties are +447700900999 and +447700900555, neither the requested +447700900123',
    );
  });
});

describe('ipNotRequested', () => {
  const withPort = { address: '203.0.113.7', port: 51234 };
  const withoutPort = { address: '203.0.113.7', port: null };
  it('passes the requested address and port', () => {
    expect(ipNotRequested(withPort, '203.0.113.7', 51234)).toBeNull();
  });
  it('passes any port when none was asked for', () => {
    expect(ipNotRequested(withoutPort, '203.0.113.7', 443)).toBeNull();
    expect(ipNotRequested(withoutPort, '203.0.113.7', null)).toBeNull();
  });
  it('fails another address', () => {
    expect(ipNotRequested(withPort, '203.0.113.8', 51234)).toMatch(/203\.0\.113\.8, not the requested 203\.0\.113\.7/);
  });
  it('fails another port, or a missing one, when a port was asked for', () => {
    expect(ipNotRequested(withPort, '203.0.113.7', 51235)).toBe('the port is 51235, not the requested 51234');
    expect(ipNotRequested(withPort, '203.0.113.7', null)).toBe('no port is given, and the request was for port 51234');
  });
});

describe('eventOutsidePeriod', () => {
  it('passes an event within the period, both ends included', () => {
    expect(eventOutsidePeriod('the call starts at', MARCH.startMs, MARCH)).toBeNull();
    expect(eventOutsidePeriod('the call starts at', MARCH.endMs, MARCH)).toBeNull();
  });
  it('fails an event a millisecond outside either end', () => {
    expect(eventOutsidePeriod('the call starts at', MARCH.startMs - 1, MARCH)).toBe(
      'the call starts at 2026-02-28T23:59:59.999Z is outside the requested period 2026-03-01T00:00:00Z to 2026-03-31T23:59:59Z',
    );
    expect(eventOutsidePeriod('the call starts at', MARCH.endMs + 1, MARCH)).not.toBeNull();
  });
});

describe('validityOutsidePeriod', () => {
  it('passes details that applied at some moment of the period, including still current ones', () => {
    expect(validityOutsidePeriod(Date.UTC(2020, 0, 1), Infinity, MARCH)).toBeNull();
    expect(validityOutsidePeriod(Date.UTC(2020, 0, 1), MARCH.startMs, MARCH)).toBeNull();
    expect(validityOutsidePeriod(MARCH.endMs, Infinity, MARCH)).toBeNull();
  });
  it('fails details that ended before the period or began after it', () => {
    expect(validityOutsidePeriod(Date.UTC(2020, 0, 1), MARCH.startMs - 1, MARCH)).toMatch(/applied from 2020-01-01T00:00:00.000Z to 2026-02-28T23:59:59.999Z/);
    expect(validityOutsidePeriod(MARCH.endMs + 1, Infinity, MARCH)).toMatch(/to now, not within/);
  });
  it('checks only the known end when the other could not be placed', () => {
    expect(validityOutsidePeriod(Number.NaN, Infinity, MARCH)).toBeNull();
    expect(validityOutsidePeriod(Number.NaN, MARCH.startMs - 1, MARCH)).toMatch(/from an unplaced time/);
    expect(validityOutsidePeriod(MARCH.endMs + 1, Number.NaN, MARCH)).toMatch(/to an unplaced time/);
  });
});

describe('observedOutsidePeriod', () => {
  it('passes an observation within the stated precision of the instant asked for', () => {
    expect(observedOutsidePeriod(INSTANT.startMs, INSTANT, 0)).toBeNull();
    expect(observedOutsidePeriod(INSTANT.startMs - 5000, INSTANT, 5)).toBeNull();
    expect(observedOutsidePeriod(INSTANT.startMs + 5000, INSTANT, 5)).toBeNull();
  });
  it('fails an observation beyond it', () => {
    expect(observedOutsidePeriod(INSTANT.startMs + 5001, INSTANT, 5)).toBe(
      'observed at 2026-06-14T12:05:05.001Z, more than 5 seconds from the requested time 2026-06-14T13:05:00+01:00',
    );
    expect(observedOutsidePeriod(INSTANT.startMs + 1000, INSTANT, 0)).not.toBeNull();
  });
  it('widens a window asked for by the precision at both ends', () => {
    expect(observedOutsidePeriod(MARCH.endMs + 2000, MARCH, 2)).toBeNull();
    expect(observedOutsidePeriod(MARCH.startMs - 2001, MARCH, 2)).toMatch(/from the requested period/);
  });
});

describe('dataSessionNotRequested', () => {
  it('passes voice, sms and mms', () => {
    for (const type of ['voice', 'sms', 'mms']) expect(dataSessionNotRequested(type)).toBeNull();
  });
  it('fails a data session', () => {
    expect(dataSessionNotRequested('data')).toMatch(/data session/);
  });
});

describe('billingAddressGiven', () => {
  it('passes the installation address', () => {
    expect(billingAddressGiven('installation')).toBeNull();
  });
  it('fails the billing address', () => {
    expect(billingAddressGiven('billing')).toBe('the address given is the billing address, not the installation address');
  });
});

describe('overLongCells', () => {
  const names = ['name', 'address', 'cell_id'];
  const limits = [5, 8, 3];
  it('passes cells within their limits, and columns the file does not have', () => {
    expect(overLongCells(['Alex', '1 Road', 'x'], [0, 1, -1], limits, names)).toBeNull();
  });
  it('counts characters, not UTF-16 units', () => {
    expect(overLongCells(['😀😀😀😀😀'], [0], [5], ['name'])).toBeNull();
  });
  it('fails over-long cells, naming each with its length and limit', () => {
    expect(overLongCells(['Alexandra', '1 Road', 'abcd'], [0, 1, 2], limits, names)).toBe(
      'cells longer than their column allows: name has 9 characters (at most 5); cell_id has 4 characters (at most 3)',
    );
  });
});

describe('codePointLength', () => {
  it('agrees with the spread count of code points for any text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (text) => codePointLength(text) === [...text].length));
  });
});

describe('secondAnswer', () => {
  it('passes the first answer', () => {
    expect(secondAnswer(0, 0)).toBeNull();
  });
  it('fails every later one, naming the first', () => {
    expect(secondAnswer(1, 2)).toBe('one answer was asked for, and row 2 has already given it');
  });
});

describe('ValidityUnion (EXCESS_DATA for subscribers)', () => {
  it('passes validities that follow one another, touching ends included', () => {
    const union = new ValidityUnion();
    expect(union.overlapThenAdd(0, 10, 2)).toBeNull();
    expect(union.overlapThenAdd(10, 20, 3)).toBeNull();
    expect(union.overlapThenAdd(30, Infinity, 4)).toBeNull();
    expect(union.overlapThenAdd(20, 30, 5)).toBeNull();
  });

  it('fails a validity overlapping an earlier one, naming where it began', () => {
    const union = new ValidityUnion();
    union.overlapThenAdd(0, 10, 2);
    union.overlapThenAdd(20, 30, 3);
    expect(union.overlapThenAdd(25, 26, 4)).toBe(3);
    expect(union.overlapThenAdd(5, 22, 5)).toBe(2);
    expect(overlappingSubscriber(2)).toMatch(/from row 2\): two subscribers at once/);
  });

  it('agrees with comparing every pair, for any validities in any order', () => {
    const interval = fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 1, max: 20 })).map(([from, length]) => [from, from + length] as const);
    fc.assert(
      fc.property(fc.array(interval, { maxLength: 25 }), (intervals) => {
        const union = new ValidityUnion();
        intervals.forEach(([from, to], row) => {
          const overlapsEarlier = intervals.slice(0, row).some(([f, t]) => f < to && from < t);
          expect(union.overlapThenAdd(from, to, row) !== null).toBe(overlapsEarlier);
        });
      }),
    );
  });
});
