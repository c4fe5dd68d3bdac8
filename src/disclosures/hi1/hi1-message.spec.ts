import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv from 'ajv';
import type { Hi1Input, Hi1Item } from './hi1-input';
import {
  buildHi1Message,
  hi1Uuids,
  instantFromIso,
  requestValueFormat,
  usesObservedTime,
  uuidV5,
  type AuthorisationObject,
  type Hi1Message,
  type LdTaskObject,
} from './hi1-message';

const SCHEMA_PATH = resolve(__dirname, '../../../test/fixtures/etsi-ts-103-120/hi1-request.schema.json');
const schema: object = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8'));
const validate = new Ajv({ allErrors: true }).compile(schema);

function item(ref: string, overrides: Partial<Hi1Item> & Pick<Hi1Item, 'identifier'>): Hi1Item {
  return {
    ref,
    category: 'entity',
    subtype: 'subscriber',
    periodKind: 'historic',
    periodStart: '2026-03-01T00:00:00+00:00',
    periodEnd: '2026-03-08T23:59:59+00:00',
    timeZone: null,
    ...overrides,
  };
}

/** One request with every identifier type and the awkward cases: offsets, fractions, BST, ports, Unicode. */
function sampleInput(): Hi1Input {
  return {
    requestId: 'dr-2026-000042',
    createdAt: new Date('2026-03-10T09:15:30.250Z'),
    authority: { id: 'EXC-SPOC-01', name: 'Example Constabulary', countryCode: 'GB' },
    authorisation: {
      urn: 'EXC/CD/2026/000123',
      reference: 'EXC/CD/2026/000123',
      route: 'ipc60A',
      grantedAt: new Date('2026-03-09T14:03:27Z'),
      validFrom: new Date('2026-03-09T14:03:27Z'),
      expiresAt: new Date('2026-04-08T22:59:59.999Z'),
      authoriserName: 'Alex Example',
      authoriserOfficeRank: 'Authorising Officer, OCDA',
    },
    csp: { id: 'csp-7', name: 'Example Mobile Ltd', countryCode: 'GB', etsiEndpointId: 'EXAMPLE-MOBILE', timeZone: 'Europe/London' },
    items: [
      item('D1', { identifier: { ref: 'I1', type: 'msisdn', normalisedValue: '+447700900123' } }),
      item('D2', {
        identifier: { ref: 'I1', type: 'msisdn', normalisedValue: '+447700900123' },
        category: 'events',
        subtype: 'callDataRecords',
        periodStart: '2026-02-01T00:00:00Z',
        periodEnd: '2026-03-31T23:59:59.999+01:00',
        timeZone: 'Europe/London',
      }),
      item('D3', {
        identifier: { ref: 'I2', type: 'ipv4', normalisedValue: '203.0.113.7' },
        subtype: 'ipAddressResolution',
        periodStart: '2026-03-29T02:14:07+01:00',
        periodEnd: '2026-03-29T01:14:07Z',
      }),
      item('D4', {
        identifier: { ref: 'I3', type: 'ipv6', normalisedValue: '[2001:db8::1]:443' },
        category: 'events',
        subtype: 'ipSessionLogs',
        periodStart: '2026-03-05T10:00:00.123456789+05:30',
        periodEnd: '2026-03-05T10:00:00.123456789+05:30',
        timeZone: 'Asia/Kolkata',
      }),
      item('D5', { identifier: { ref: 'I4', type: 'imei', normalisedValue: '490154203237518' }, subtype: 'deviceDetails' }),
      item('D6', { identifier: { ref: 'I5', type: 'imsi', normalisedValue: '234150999999999' } }),
      item('D7', { identifier: { ref: 'I6', type: 'email', normalisedValue: 'John.Smith+cd@example.com' } }),
      item('D8', { identifier: { ref: 'I7', type: 'email', normalisedValue: 'josé@exämple.com' } }),
      // Decomposed "ë" (e + combining diaeresis): must not be recomposed.
      item('D9', { identifier: { ref: 'I8', type: 'username', normalisedValue: 'Zoe\u0308_99' } }),
      item('D10', { identifier: { ref: 'I9', type: 'ipPort', normalisedValue: '198.51.100.23:50123' }, subtype: 'ipAddressResolution' }),
    ],
  };
}

const actions = (message: Hi1Message) => message.Payload.RequestPayload.ActionRequests.ActionRequest;
const authorisationOf = (message: Hi1Message) => actions(message)[0].CREATE.HI1Object as AuthorisationObject;
const tasksOf = (message: Hi1Message) => actions(message).slice(1).map((a) => a.CREATE.HI1Object as LdTaskObject);
/** The path to action `i`'s object, and a marker that deletes the member at a path. */
const OBJECT = (i: number): Array<string | number> => ['Payload', 'RequestPayload', 'ActionRequests', 'ActionRequest', i, 'CREATE', 'HI1Object'];
const DELETE = Symbol('delete');

/** Every string under a key that names a time, with its path. */
function timeFields(node: unknown, path = ''): Array<[string, string]> {
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]): Array<[string, string]> => {
    const at = `${path}/${key}`;
    if (typeof value === 'string' && /(Time|Timestamp)$/.test(key)) return [[at, value]];
    return timeFields(value, at);
  });
}

describe('buildHi1Message', () => {
  it('validates against the TS 103 120 request schema', () => {
    const message = buildHi1Message(sampleInput());
    expect(validate(message)).toBe(true);
    expect(validate.errors ?? null).toBeNull();
    // Also after a JSON round trip, i.e. as it goes on the wire.
    expect(validate(JSON.parse(JSON.stringify(message)))).toBe(true);
  });

  it('validates on the urgent route, with no authoriser known', () => {
    const input = sampleInput();
    input.authorisation = { ...input.authorisation, route: 'dso61A', authoriserName: null, authoriserOfficeRank: null };
    expect(validate(buildHi1Message(input))).toBe(true);
  });

  it.each<[string, Array<string | number>, unknown]>([
    ['a dictionary entry without its value', [...OBJECT(1), 'task:DesiredStatus', 'common:Value'], DELETE],
    ['a transaction identifier that is not a UUID', ['Header', 'TransactionIdentifier'], 'dr-2026-000042'],
    ['a misspelt member', [...OBJECT(1), 'task:Refrence'], 'x'],
    ['an observed time beside a start time', [...OBJECT(3), 'task:RequestDetails', 'task:StartTime'], '2026-03-29T01:14:07Z'],
    ['a time without an offset', [...OBJECT(0), 'auth:AuthorisationTimespan', 'auth:EndTime'], '2026-04-08T23:59:59'],
    ['a header timestamp without microseconds', ['Header', 'Timestamp'], '2026-03-10T09:15:30Z'],
    ['an unknown object type', [...OBJECT(1), '@xsi:type'], '{http://uri.etsi.org/03120/common/2020/09/Task}LITaskObject'],
    ['a country code in lower case', ['Header', 'SenderIdentifier', 'CountryCode'], 'gb'],
    ['a request value without its format', [...OBJECT(1), 'task:RequestDetails', 'task:RequestValues', 'task:RequestValue', 0, 'task:FormatType'], DELETE],
    ['a dictionary value that is not text', [...OBJECT(2), 'task:RequestDetails', 'task:Type', 'common:Value'], 7],
    ['no header', ['Header'], DELETE],
  ])('a broken message fails the schema: %s', (_name, path, value) => {
    const message = structuredClone(buildHi1Message(sampleInput()));
    let node = message as unknown as Record<string | number, unknown>;
    for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
    const last = path[path.length - 1];
    if (value === DELETE) Reflect.deleteProperty(node, last);
    else node[last] = value;
    expect(validate(message)).toBe(false);
  });

  it('sends every identifier value byte for byte, with its format', () => {
    const input = sampleInput();
    const message = buildHi1Message(input);
    const wire = JSON.parse(JSON.stringify(message)) as Hi1Message;
    const formats = tasksOf(wire).map((task) => {
      const [value] = task['task:RequestDetails']['task:RequestValues']['task:RequestValue'];
      return [value['task:FormatType']['task:FormatOwner'], value['task:FormatType']['task:FormatName'], value['task:Value']];
    });
    input.items.forEach((it, i) => {
      const sent = formats[i][2];
      expect(Buffer.from(sent, 'utf8').equals(Buffer.from(it.identifier.normalisedValue, 'utf8'))).toBe(true);
    });
    expect(formats.map(([owner, name]) => `${owner}/${name}`)).toEqual([
      'ETSI/InternationalE164',
      'ETSI/InternationalE164',
      'ETSI/IPv4Address',
      'GB/IPAddressPort',
      'ETSI/IMEI',
      'ETSI/IMSI',
      'ETSI/EmailAddress',
      'ETSI/InternationalizedEmailAddress',
      'GB/Username',
      'GB/IPAddressPort',
    ]);
    expect(formats[8][2]).toBe('Zoe\u0308_99');
    expect(formats[8][2]).not.toBe('Zoë_99');
  });

  it('gives every time in UTC, exactly', () => {
    const message = buildHi1Message(sampleInput());
    const times = timeFields(message);
    expect(times.length).toBeGreaterThan(10);
    for (const [, value] of times) expect(value).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    expect(message.Header.Timestamp).toBe('2026-03-10T09:15:30.250000Z');
    const auth = authorisationOf(message);
    expect(auth['auth:AuthorisationTimespan']).toEqual({ 'auth:StartTime': '2026-03-09T14:03:27Z', 'auth:EndTime': '2026-04-08T22:59:59.999Z' });
    expect(auth['auth:AuthorisationApprovalDetails'][0]['common:ApprovalTimestamp']).toBe('2026-03-09T14:03:27Z');
    const [d1, d2, , d4] = tasksOf(message).map((t) => t['task:RequestDetails']);
    expect([d1['task:StartTime'], d1['task:EndTime']]).toEqual(['2026-03-01T00:00:00Z', '2026-03-08T23:59:59Z']);
    // BST end of day: 23:59:59.999+01:00 is 22:59:59.999Z, not rounded either way.
    expect(d2['task:EndTime']).toBe('2026-03-31T22:59:59.999Z');
    // +05:30 with nine fractional digits: the fraction is carried, not truncated to milliseconds.
    expect(d4['task:ObservedTime']).toBe('2026-03-05T04:30:00.123456789Z');
  });

  it('converts offsets across a day boundary and refuses an unknown offset', () => {
    expect(instantFromIso('2026-01-01T01:30:00+02:00').utc).toBe('2025-12-31T23:30:00Z');
    expect(instantFromIso('2026-03-01T00:00-05:00').utc).toBe('2026-03-01T05:00:00Z');
    expect(() => instantFromIso('2026-03-01T00:00:00-00:00')).toThrow(RangeError);
    expect(() => instantFromIso('2026-03-01T00:00:00')).toThrow(RangeError);
    expect(() => instantFromIso('2026-02-30T00:00:00Z')).toThrow(RangeError);
    expect(() => instantFromIso('2026-03-01T00:00:00+15:00')).toThrow(RangeError);
  });

  it('uses a single observed time for an IP resolution at a point in time', () => {
    const details = tasksOf(buildHi1Message(sampleInput())).map((t) => t['task:RequestDetails']);
    // D3: subtype ipAddressResolution, start and end the same instant written in two offsets.
    expect(details[2]['task:ObservedTime']).toBe('2026-03-29T01:14:07Z');
    expect(details[2]).not.toHaveProperty('task:StartTime');
    expect(details[2]).not.toHaveProperty('task:EndTime');
    // D4: events data on an ipv6 identifier at a point in time is an IP resolution too.
    expect(details[3]).toHaveProperty('task:ObservedTime');
    expect(details[3]).not.toHaveProperty('task:StartTime');
    // D1: a phone number is never sent with an observed time.
    expect(details[0]).not.toHaveProperty('task:ObservedTime');
    // D3 and D10 ask to identify the user; D1 subscriber data; D2 traffic data.
    expect(details.map((d) => d['task:Type']['common:Value'])).toEqual([
      'SubscriberData', 'TrafficData', 'UserIdentifyingData', 'TrafficData', 'SubscriberData',
      'SubscriberData', 'SubscriberData', 'SubscriberData', 'SubscriberData', 'UserIdentifyingData',
    ]);
  });

  it('keeps the start and end of an IP resolution over a window, and of anything not IP', () => {
    const window = item('W', {
      identifier: { ref: 'I2', type: 'ipv4', normalisedValue: '203.0.113.7' },
      subtype: 'ipAddressResolution',
      periodStart: '2026-03-29T02:14:00+01:00',
      periodEnd: '2026-03-29T02:15:00+01:00',
    });
    expect(usesObservedTime(window)).toBe(false);
    const pointPhone = item('P', {
      identifier: { ref: 'I1', type: 'msisdn', normalisedValue: '+447700900123' },
      periodStart: '2026-03-29T02:14:00+01:00',
      periodEnd: '2026-03-29T02:14:00+01:00',
    });
    expect(usesObservedTime(pointPhone)).toBe(false);
    const input = { ...sampleInput(), items: [window, pointPhone] };
    const [w, p] = tasksOf(buildHi1Message(input)).map((t) => t['task:RequestDetails']);
    expect([w['task:StartTime'], w['task:EndTime']]).toEqual(['2026-03-29T01:14:00Z', '2026-03-29T01:15:00Z']);
    expect([p['task:StartTime'], p['task:EndTime']]).toEqual(['2026-03-29T01:14:00Z', '2026-03-29T01:14:00Z']);
  });

  it('gives the same message for the same input, whatever the clock says', () => {
    jest.useFakeTimers();
    try {
      jest.setSystemTime(new Date('2030-01-01T00:00:00Z'));
      const first = JSON.stringify(buildHi1Message(sampleInput()));
      jest.setSystemTime(new Date('2031-06-01T12:34:56Z'));
      const second = JSON.stringify(buildHi1Message(sampleInput()));
      expect(second).toBe(first);
    } finally {
      jest.useRealTimers();
    }
    const other = buildHi1Message({ ...sampleInput(), requestId: 'dr-2026-000043' });
    expect(other.Header.TransactionIdentifier).not.toBe(buildHi1Message(sampleInput()).Header.TransactionIdentifier);
  });

  it('derives name-based UUIDs (v5) that cannot collide across requests', () => {
    // RFC 9562 test vector: the DNS namespace and "www.example.com".
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
    const a = hi1Uuids('a');
    expect(a.transaction).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set([a.transaction, a.authorisation, a.task('D1'), a.task('D2')]).size).toBe(4);
    // A request id and item ref that would run together as plain text stay apart.
    expect(hi1Uuids('x:y').task('z')).not.toBe(hi1Uuids('x').task('y:z'));
  });

  it('fills in the header, the authorisation and links every task to it', () => {
    const input = sampleInput();
    const message = buildHi1Message(input);
    expect(message.Header.SenderIdentifier).toEqual({ CountryCode: 'GB', UniqueIdentifier: 'EXC-SPOC-01' });
    expect(message.Header.ReceiverIdentifier).toEqual({ CountryCode: 'GB', UniqueIdentifier: 'EXAMPLE-MOBILE' });
    expect(message.Header.Version).toEqual({ ETSIVersion: 'V1.16.1', NationalProfileOwner: 'GB', NationalProfileVersion: 'draft-0.1' });
    expect(actions(message).map((a) => a.ActionIdentifier)).toEqual(input.items.map((_, i) => i).concat(input.items.length));
    const auth = authorisationOf(message);
    expect(auth['auth:AuthorisationReference']).toBe('EXC/CD/2026/000123');
    expect(auth['auth:AuthorisationLegalType']).toEqual({ 'common:Owner': 'GB', 'common:Name': 'AuthorisationLegalType', 'common:Value': 'IPA2016-s60A' });
    expect(auth['auth:AuthorisationDesiredStatus']['common:Value']).toBe('SubmittedToCSP');
    expect(auth['auth:AuthorisationApprovalDetails'][0]['common:ApproverDetails']).toEqual({
      'common:ApproverName': 'Alex Example',
      'common:ApproverRole': 'Authorising Officer, OCDA',
    });
    expect(auth).not.toHaveProperty('auth:AuthorisationFlags');
    for (const [i, task] of tasksOf(message).entries()) {
      expect(task.AssociatedObjects.AssociatedObject).toEqual([auth.ObjectIdentifier]);
      expect(task.ExternalIdentifier).toBe(input.items[i].ref);
      expect(task['task:Reference']).toBe(`GB-EXC-SPOC-01-${task.ObjectIdentifier}`);
      expect(task['task:DesiredStatus']['common:Value']).toBe('AwaitingDisclosure');
      expect(task['task:RequestDetails']['task:Subtype']['task:RequestSubtype'][0]['common:Value']).toBe(input.items[i].subtype);
    }
    const cspWithoutCountry = { ...input.csp };
    delete cspWithoutCountry.countryCode;
    expect(buildHi1Message({ ...input, csp: cspWithoutCountry }).Header.ReceiverIdentifier.CountryCode).toBe('GB');
    const urgent = authorisationOf(buildHi1Message({ ...input, authorisation: { ...input.authorisation, route: 'dso61A' } }));
    expect(urgent['auth:AuthorisationFlags']?.['auth:AuthorisationFlag'][0]['common:Value']).toBe('IsEmergency');
    expect(urgent['auth:AuthorisationApprovalDetails'][0]['common:ApprovalIsEmergency']).toBe(true);
  });

  it('chooses the format from the value where the type alone cannot', () => {
    expect(requestValueFormat('ipv4', '203.0.113.7:8080')).toEqual({ 'task:FormatOwner': 'GB', 'task:FormatName': 'IPAddressPort' });
    expect(requestValueFormat('ipv6', '2001:db8::1')).toEqual({ 'task:FormatOwner': 'ETSI', 'task:FormatName': 'IPv6Address' });
    expect(requestValueFormat('accountId', 'acct-1')).toEqual({ 'task:FormatOwner': 'GB', 'task:FormatName': 'AccountIdentifier' });
  });

  it.each<[string, (input: Hi1Input) => void]>([
    ['no items', (i) => (i.items = [])],
    ['a repeated item ref', (i) => (i.items[1].ref = 'D1')],
    ['a subtype of the other category', (i) => (i.items[0].subtype = 'callDataRecords')],
    ['a period without an offset', (i) => (i.items[0].periodStart = '2026-03-01T00:00:00')],
    ['a period that ends before it starts', (i) => (i.items[0].periodEnd = '2026-02-01T00:00:00Z')],
    ['an empty identifier', (i) => (i.items[0].identifier.normalisedValue = ' ')],
    ['a CSP country code that is not alpha-2', (i) => (i.csp.countryCode = 'GBR')],
    ['a portal-only CSP, which has no HI-1 endpoint', (i) => (i.csp.etsiEndpointId = null)],
    ['an invalid date', (i) => (i.authorisation.expiresAt = new Date('nonsense'))],
  ])('refuses %s', (_name, spoil) => {
    const input = sampleInput();
    spoil(input);
    expect(() => buildHi1Message(input)).toThrow(RangeError);
  });
});
