import { ENTITY_SUBTYPES, EVENTS_SUBTYPES } from '../../../workflow/application.types';
import { readHeader, recordTypeFor, RETURN_COLUMNS, RETURN_RECORD_TYPES, type HeaderVerdict } from './return-schema';

const NAMES = {
  subscriber: ['identifier', 'name', 'address', 'address_type', 'valid_from', 'valid_to'],
  callDataRecord: ['a_party', 'b_party', 'start_time', 'duration_seconds', 'event_type', 'direction', 'cell_id'],
  ipResolution: ['ip_address', 'port', 'observed_time', 'subscriber_name', 'address', 'address_type'],
};

function okVerdict(verdict: HeaderVerdict): Extract<HeaderVerdict, { kind: 'ok' }> {
  if (verdict.kind !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(verdict)}`);
  return verdict;
}

describe('recordTypeFor', () => {
  it('maps the three subtypes with a schema to their record types', () => {
    expect(recordTypeFor('subscriber')).toBe('subscriber');
    expect(recordTypeFor('callDataRecords')).toBe('callDataRecord');
    expect(recordTypeFor('ipAddressResolution')).toBe('ipResolution');
  });

  it('gives null for every other subtype of the form, and for anything else', () => {
    const others = [...ENTITY_SUBTYPES, ...EVENTS_SUBTYPES].filter(
      (subtype) => !['subscriber', 'callDataRecords', 'ipAddressResolution'].includes(subtype),
    );
    expect(others.length).toBeGreaterThan(0);
    for (const subtype of [...others, 'callDataRecord', 'Subscriber', '', 'constructor']) {
      expect(recordTypeFor(subtype)).toBeNull();
    }
  });
});

describe('RETURN_COLUMNS', () => {
  it('gives each record type the documented columns, in order', () => {
    for (const type of RETURN_RECORD_TYPES) {
      expect(RETURN_COLUMNS[type].map((spec) => spec.name)).toEqual(NAMES[type]);
    }
  });

  it('marks the documented columns required', () => {
    const required = (type: keyof typeof NAMES): string[] =>
      RETURN_COLUMNS[type].filter((spec) => spec.required).map((spec) => spec.name);
    expect(required('subscriber')).toEqual(['identifier', 'valid_from']);
    expect(required('callDataRecord')).toEqual(['a_party', 'b_party', 'start_time', 'duration_seconds', 'event_type']);
    expect(required('ipResolution')).toEqual(['ip_address', 'observed_time', 'address', 'address_type']);
  });

  it('gives every column a positive length limit and a description, and the documented free-text limits', () => {
    for (const spec of RETURN_RECORD_TYPES.flatMap((type) => RETURN_COLUMNS[type])) {
      expect(spec.maxLength).toBeGreaterThan(0);
      expect(spec.description.length).toBeGreaterThan(10);
    }
    const limit = (type: keyof typeof NAMES, name: string): number | undefined =>
      RETURN_COLUMNS[type].find((spec) => spec.name === name)?.maxLength;
    expect(limit('subscriber', 'name')).toBe(200);
    expect(limit('subscriber', 'address')).toBe(500);
    expect(limit('callDataRecord', 'cell_id')).toBe(64);
    expect(limit('ipResolution', 'subscriber_name')).toBe(200);
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(RETURN_COLUMNS)).toBe(true);
    expect(Object.isFrozen(RETURN_COLUMNS.subscriber)).toBe(true);
    expect(Object.isFrozen(RETURN_COLUMNS.subscriber[0])).toBe(true);
  });
});

describe('readHeader', () => {
  it('accepts the exact header of each type, indexing every column', () => {
    for (const type of RETURN_RECORD_TYPES) {
      const verdict = okVerdict(readHeader(type, NAMES[type]));
      expect(verdict.extra).toEqual([]);
      expect({ ...verdict.columnIndex }).toEqual(Object.fromEntries(NAMES[type].map((name, i) => [name, i])));
    }
  });

  it('ignores case, surrounding spaces, column order and a byte-order mark', () => {
    const verdict = okVerdict(readHeader('callDataRecord', ['\uFEFF Start_Time', 'A_PARTY ', 'b_party', 'Event_Type', 'duration_seconds']));
    expect({ ...verdict.columnIndex }).toEqual({ start_time: 0, a_party: 1, b_party: 2, event_type: 3, duration_seconds: 4 });
  });

  it('accepts a header without the optional columns', () => {
    const verdict = okVerdict(readHeader('subscriber', ['identifier', 'valid_from']));
    expect(verdict.extra).toEqual([]);
  });

  it('indexes and lists columns outside the schema, and columns without a name, as extra', () => {
    const verdict = okVerdict(readHeader('subscriber', ['identifier', 'valid_from', 'SMS_Text', '', '__proto__']));
    expect(verdict.extra).toEqual(['sms_text', '(unnamed column 4)', '__proto__']);
    expect(verdict.columnIndex.sms_text).toBe(2);
    expect(verdict.columnIndex['(unnamed column 4)']).toBe(3);
    expect(Object.hasOwn(verdict.columnIndex, '__proto__')).toBe(true);
    expect(verdict.columnIndex.__proto__).toBe(4);
  });

  it('refuses a header missing a required column, naming it', () => {
    expect(readHeader('ipResolution', ['ip_address', 'port', 'observed_time', 'address'])).toEqual({
      kind: 'invalid',
      missing: ['address_type'],
      duplicate: [],
      empty: false,
    });
  });

  it('refuses a column named twice, even in other spellings', () => {
    expect(readHeader('subscriber', ['identifier', 'valid_from', 'Name', 'name '])).toEqual({
      kind: 'invalid',
      missing: [],
      duplicate: ['name'],
      empty: false,
    });
  });

  it('refuses an empty header as empty', () => {
    for (const header of [[], [''], ['\uFEFF', '  ']]) {
      expect(readHeader('subscriber', header)).toEqual({
        kind: 'invalid',
        missing: ['identifier', 'valid_from'],
        duplicate: [],
        empty: true,
      });
    }
  });

  it('recognises another type’s header as otherType', () => {
    expect(readHeader('callDataRecord', NAMES.ipResolution)).toEqual({ kind: 'otherType', recordType: 'ipResolution' });
    expect(readHeader('ipResolution', NAMES.subscriber)).toEqual({ kind: 'otherType', recordType: 'subscriber' });
    expect(readHeader('subscriber', [...NAMES.callDataRecord, 'a_party'])).toEqual({
      kind: 'otherType',
      recordType: 'callDataRecord',
    });
  });
});
