/**
 * Valid {@link ProductContent} objects for specs and the bench: a call-records product of any number of
 * rows, a subscriber product, an IP-resolution product and a product with all three, each as an
 * intelligence product (CSP names and the SPOC's notes withheld) or an evidential one (an exhibit with its
 * continuity). Deterministic: the same arguments give the same content, with no clock and no randomness
 * (a fixed linear congruential sequence spreads the calls).
 *
 * The call records run from 20 Mar 2026 to 1 Apr 2026, across the change to BST on 29 Mar 2026, so London
 * days and hours differ from UTC ones in part of them. Each return's `sha256` is the SHA-256 of the CSV
 * text {@link returnFileText} gives for its rows, as if that were the file uploaded.
 */
import { createHash } from 'node:crypto';
import {
  PRODUCT_CONTENT_VERSION,
  type ProductCheckResult,
  type ProductContent,
  type ProductContinuityEntry,
  type ProductHandling,
  type ProductItem,
  type ProductKind,
  type ProductPerson,
  type ProductRecord,
  type ProductRecordType,
  type ProductRequest,
  type ProductReturn,
  type WithholdableField,
} from '../../src/products/product-content';

export const FIXTURE_MARKING = 'OFFICIAL-SENSITIVE';
export const FIXTURE_CAVEATS: Readonly<Record<ProductHandling, string>> = Object.freeze({
  intelligence: 'Intelligence only: not to be used as evidence or disclosed without the SPOC',
  evidential: 'Evidential product: keep continuity; disclose only under CPIA 1996',
});

/** The CSPs' names: an intelligence product that withholds them must not print any of them. */
export const FIXTURE_CSPS: Readonly<Record<ProductRecordType, { name: string; file: string; reference: string; notes: string }>> = Object.freeze({
  callDataRecord: { name: 'Example Mobile Ltd', file: 'examplemobile-cdr-0001.csv', reference: 'EM-77812', notes: 'Example Mobile confirms the records are complete for the period.' },
  subscriber: { name: 'Sample Telecom plc', file: 'sampletelecom-subscriber.csv', reference: 'ST-1203', notes: 'Sample Telecom gave two subscribers, one after the other.' },
  ipResolution: { name: 'Demo Broadband', file: 'demobroadband-ip.csv', reference: 'DB-4410', notes: 'Demo Broadband resolves to the port.' },
});

export const FIXTURE_TARGETS: Readonly<Record<ProductRecordType, string>> = Object.freeze({
  callDataRecord: '+447911123456',
  subscriber: '+447700900321',
  ipResolution: '203.0.113.7',
});

const SPOC: ProductPerson = { id: '00000000-0000-4000-8000-00000000a001', displayName: 'DC Sam Spoc' };
const CHECKER: ProductPerson = { id: '00000000-0000-4000-8000-00000000a002', displayName: 'PS Alex Checker' };
const ISSUED_AT = '2026-04-02T09:30:00.000Z';
const CALL_PERIOD = { start: '2026-03-20T00:00:00+00:00', end: '2026-04-01T23:59:59+01:00' };

export interface ProductFixtureOptions {
  /** Intelligence unless said otherwise. */
  handling?: ProductHandling;
  /** For intelligence: what it withholds (by default CSP names and the SPOC's notes); evidential withholds nothing. */
  withheld?: WithholdableField[];
  kind?: ProductKind;
  supersedes?: ProductContent['supersedes'];
  /** The checks the verification lists for each return (by default all nine): fewer make a shorter product. */
  checkCodes?: readonly string[];
}

/** What one record type adds to a product: a request, its rows, the results of its checks. */
interface Part {
  request: ProductRequest;
  records: ProductRecord[];
  checks: ProductCheckResult[];
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const uuid = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** The CSV text of a return's rows (what the CSP uploaded, for the fixture's hash). */
export function returnFileText(records: readonly ProductRecord[]): string {
  return records.map((r) => [r.identifier, r.otherParty, r.atUtc, r.untilUtc, r.sourceOffset, r.durationSeconds, r.eventType, r.direction, r.cellId, r.port, r.name, r.address].map((v) => (v === null ? '' : String(v))).join(',')).join('\n');
}

/** The London offset at an instant (+00:00 before 29 Mar 2026 01:00 UTC, +01:00 from then to 25 Oct 2026). */
function londonOffset(atUtc: string): string {
  const t = Date.parse(atUtc);
  return t >= Date.parse('2026-03-29T01:00:00Z') && t < Date.parse('2026-10-25T01:00:00Z') ? '+01:00' : '+00:00';
}

const blank = (requestId: string, returnId: string, rowNumber: number, recordType: ProductRecordType): ProductRecord => ({
  requestId,
  returnId,
  rowNumber,
  recordType,
  identifier: null,
  otherParty: null,
  atUtc: null,
  untilUtc: null,
  sourceOffset: null,
  durationSeconds: null,
  eventType: null,
  direction: null,
  cellId: null,
  port: null,
  name: null,
  address: null,
  addressType: null,
  acceptedFlags: [],
});

/** The other parties of the calls: a few frequent, many rare, some short codes and sender names. */
const CONTACTS = [
  '+447700900123', '+447700900456', 'BANK', '+447700900789', '999', '+441632960001', '+447700900111', '+441632960002',
  '+447700900222', '61234', '+447700900333', '+441632960003', '+447700900444', '+447700900555', '+441632960004',
  '+447700900666', '+447700900777', '+441632960005', '+447700900888', '+447700900999', '+441632960006', '+447700900010',
  '+447700900020', '+441632960007', '+447700900030', '+447700900040', '+441632960008', '+447700900050', '+447700900060',
  '+441632960009', '+447700900070', '+447700900080', '+441632960010', '+447700900090', '+447700900100', '+441632960011',
];

/** The call records of the target: `rows` rows in time order over the call period; rows 7 and 19 have accepted flags, row 19 no time. */
export function callRecordRows(rows: number, requestId: string, returnId: string): ProductRecord[] {
  const start = Date.parse('2026-03-20T06:00:00Z');
  const span = Date.parse('2026-04-01T20:00:00Z') - start;
  let seed = 12345;
  const next = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const records: ProductRecord[] = [];
  for (let i = 0; i < rows; i += 1) {
    const r = next();
    const at = new Date(start + Math.floor((span * i) / Math.max(1, rows)) + Math.floor(next() * 3_600_000)).toISOString();
    const record = blank(requestId, returnId, i + 1, 'callDataRecord');
    record.identifier = FIXTURE_TARGETS.callDataRecord;
    record.otherParty = CONTACTS[Math.floor(CONTACTS.length * r * r)];
    record.atUtc = at;
    record.sourceOffset = londonOffset(at);
    record.eventType = r < 0.35 ? 'sms' : 'voice';
    record.durationSeconds = record.eventType === 'sms' ? 0 : Math.floor(next() * 900);
    record.direction = next() < 0.5 ? 'in' : 'out';
    record.cellId = `234-15-${1000 + Math.floor(next() * 40)}-${Math.floor(next() * 3)}`;
    if (i === 6) record.acceptedFlags = ['OUTSIDE_PERIOD'];
    if (i === 18) {
      record.atUtc = null;
      record.sourceOffset = null;
      record.acceptedFlags = ['AMBIGUOUS_LOCAL_TIME'];
    }
    records.push(record);
  }
  return records;
}

export const CHECK_CODES = [
  'IDENTIFIER_NOT_REQUESTED', 'OUTSIDE_PERIOD', 'DATA_TYPE_NOT_REQUESTED', 'ADDRESS_TYPE_MISMATCH', 'CONTENT_SUSPECTED',
  'EXCESS_DATA', 'AMBIGUOUS_LOCAL_TIME', 'AFTER_END', 'PARTS_MISSING',
];

/** Who reviewed the failed checks of the fixtures, and when. */
const REVIEWED = { reviewedBy: { id: 'u-checker', displayName: 'PS Alex Checker' }, reviewedAt: '2026-03-05T17:00:00.000Z' };

/** Every check of a return: passed, except those whose rows the SPOC accepted or raised. */
function checksOf(returnId: string, records: readonly ProductRecord[], raised: Record<string, string> = {}): ProductCheckResult[] {
  return [...CHECK_CODES].map((code) => {
    const failed = records.filter((r) => r.acceptedFlags.includes(code)).length;
    if (raised[code] !== undefined) return { returnId, code, result: 'raisedAsError' as const, rowCount: 0, reason: raised[code], ...REVIEWED };
    if (failed > 0) return { returnId, code, result: 'accepted' as const, rowCount: failed, reason: `Checked with the CSP: row ${records.find((r) => r.acceptedFlags.includes(code))?.rowNumber} is genuine`, ...REVIEWED };
    return { returnId, code, result: 'passed' as const, rowCount: 0, reason: null, reviewedBy: null, reviewedAt: null };
  });
}

function requestOf(n: number, recordType: ProductRecordType, item: Omit<ProductItem, 'dataItemRef'>, records: ProductRecord[], withheld: readonly WithholdableField[]): ProductRequest {
  const csp = FIXTURE_CSPS[recordType];
  const ret: ProductReturn = {
    returnId: uuid(200 + n),
    dataItemRef: `d${n}`,
    recordType,
    fileName: csp.file,
    receivedAt: '2026-04-01T14:10:00.000Z',
    sha256: sha256(returnFileText(records)),
    rowCount: records.length,
    nil: records.length === 0,
  };
  return {
    requestId: uuid(100 + n),
    cspName: withheld.includes('cspNames') ? null : csp.name,
    cspReference: withheld.includes('cspNames') ? null : csp.reference,
    sentAt: '2026-03-31T10:05:00.000Z',
    returnedAt: ret.receivedAt,
    spocNotes: withheld.includes('spocNotes') ? null : csp.notes,
    items: [{ dataItemRef: ret.dataItemRef, ...item }],
    returns: [ret],
  };
}

function callPart(n: number, rows: number, withheld: readonly WithholdableField[]): Part {
  const records = callRecordRows(rows, uuid(100 + n), uuid(200 + n));
  const item = {
    identifierType: 'msisdn' as const,
    identifier: FIXTURE_TARGETS.callDataRecord,
    category: 'events' as const,
    subtype: 'callDataRecords',
    periodKind: 'historic' as const,
    periodStart: CALL_PERIOD.start,
    periodEnd: CALL_PERIOD.end,
    timeZone: 'Europe/London',
  };
  return { request: requestOf(n, 'callDataRecord', item, records, withheld), records, checks: checksOf(uuid(200 + n), records) };
}

function subscriberPart(n: number, withheld: readonly WithholdableField[]): Part {
  const [requestId, returnId] = [uuid(100 + n), uuid(200 + n)];
  const first = { ...blank(requestId, returnId, 1, 'subscriber'), identifier: FIXTURE_TARGETS.subscriber, name: 'Jane Example', address: '1 High Street, Anytown AT1 1AA', addressType: 'installation', atUtc: '2025-11-01T00:00:00.000Z', untilUtc: '2026-03-15T12:00:00.000Z', sourceOffset: '+00:00' };
  const second = { ...blank(requestId, returnId, 2, 'subscriber'), identifier: FIXTURE_TARGETS.subscriber, name: 'John Sample', address: '22 Low Road, Othertown OT2 2BB', atUtc: '2026-03-15T12:00:00.000Z', sourceOffset: '+00:00' };
  const records = [first, second];
  const item = {
    identifierType: 'msisdn' as const,
    identifier: FIXTURE_TARGETS.subscriber,
    category: 'entity' as const,
    subtype: 'subscriber',
    periodKind: 'historic' as const,
    periodStart: '2026-03-01T00:00:00+00:00',
    periodEnd: '2026-03-31T23:59:59+01:00',
    timeZone: null,
  };
  return {
    request: requestOf(n, 'subscriber', item, records, withheld),
    records,
    checks: checksOf(returnId, records, { PARTS_MISSING: 'The CSP numbered its parts 1 and 3; raised as error ERR-2026-000042' }),
  };
}

function ipPart(n: number, withheld: readonly WithholdableField[]): Part {
  const [requestId, returnId] = [uuid(100 + n), uuid(200 + n)];
  const record = { ...blank(requestId, returnId, 1, 'ipResolution'), identifier: FIXTURE_TARGETS.ipResolution, port: 40000, atUtc: '2026-03-01T10:00:00.000Z', sourceOffset: '+00:00', name: 'Pat Example', address: '3 Mill Lane, Sometown ST3 3CC', addressType: 'installation' };
  const item = {
    identifierType: 'ipPort' as const,
    identifier: `${FIXTURE_TARGETS.ipResolution}:40000`,
    category: 'entity' as const,
    subtype: 'ipAddressResolution',
    periodKind: 'historic' as const,
    periodStart: '2026-03-01T10:00:00+00:00',
    periodEnd: '2026-03-01T10:00:00+00:00',
    timeZone: 'UTC',
  };
  return { request: requestOf(n, 'ipResolution', item, [record], withheld), records: [record], checks: checksOf(returnId, [record]) };
}

const IP_CAVEAT = 'An IP address resolution can be wrong: confirm the time, the time zone and the port before any action on it.';

function product(parts: Part[], options: ProductFixtureOptions): ProductContent {
  const handling = options.handling ?? 'intelligence';
  const withheld = handling === 'evidential' ? [] : (options.withheld ?? ['cspNames', 'spocNotes']);
  const records = parts.flatMap((p) => p.records);
  const exhibit =
    handling === 'evidential'
      ? {
          reference: 'SS/1',
          producer: SPOC,
          continuity: parts.flatMap((p): ProductContinuityEntry[] => {
            const csp = p.request.cspName ?? 'the CSP';
            const ret = p.request.returns[0];
            return [
              { what: 'requested', at: '2026-03-31T10:05:00.000Z', by: SPOC, detail: `Request to ${csp} sent` },
              { what: 'received', at: ret.receivedAt, by: SPOC, detail: `Return ${ret.fileName} received, SHA-256 ${ret.sha256}` },
            ];
          }).concat([
            { what: 'checked', at: '2026-04-01T16:00:00.000Z', by: CHECKER, detail: 'Every check of every return reviewed' },
            { what: 'issued', at: ISSUED_AT, by: SPOC, detail: 'Product issued to the applicant' },
          ]),
        }
      : null;
  return {
    contentVersion: PRODUCT_CONTENT_VERSION,
    productId: uuid(9001),
    productNumber: options.supersedes === undefined || options.supersedes === null ? 1 : options.supersedes.productNumber + 1,
    kind: options.kind ?? 'final',
    handling,
    marking: FIXTURE_MARKING,
    handlingCaveat: FIXTURE_CAVEATS[handling],
    urn: 'TC/CD/2026/000123',
    authorityName: 'Test Constabulary',
    issuedAt: ISSUED_AT,
    issuedBy: SPOC,
    supersedes: options.supersedes ?? null,
    withheld: [...withheld],
    exhibit,
    authorisation: {
      route: 'ipc60A',
      authoriserOffice: 'OCDA authorising officer',
      decidedAt: '2026-03-30T15:20:00.000Z',
      validFrom: '2026-03-30T15:20:00.000Z',
      validUntil: '2026-04-30T22:59:59.999Z',
      statutoryPurpose: 'applicableCrime',
    },
    requests: parts.map((p) => p.request),
    records,
    verification: {
      by: CHECKER,
      at: '2026-04-01T16:00:00.000Z',
      checks: parts.flatMap((p) => p.checks).filter((c) => options.checkCodes === undefined || options.checkCodes.includes(c.code)),
    },
    caveats: [
      'Corroborate this data before any executive action.',
      ...(parts.some((p) => p.records.some((r) => r.recordType === 'ipResolution')) ? [IP_CAVEAT] : []),
    ],
  };
}

/** A call-records product of `rows` rows (intelligence unless said otherwise). */
export function callRecordProduct(rows: number, options: ProductFixtureOptions = {}): ProductContent {
  const withheld = options.handling === 'evidential' ? [] : (options.withheld ?? ['cspNames', 'spocNotes']);
  return product([callPart(1, rows, withheld)], options);
}

/** A subscriber product: two subscribers of the number, one after the other. */
export function subscriberProduct(options: ProductFixtureOptions = {}): ProductContent {
  const withheld = options.handling === 'evidential' ? [] : (options.withheld ?? ['cspNames', 'spocNotes']);
  return product([subscriberPart(1, withheld)], options);
}

/** An IP-resolution product: one address and port at one time. */
export function ipResolutionProduct(options: ProductFixtureOptions = {}): ProductContent {
  const withheld = options.handling === 'evidential' ? [] : (options.withheld ?? ['cspNames', 'spocNotes']);
  return product([ipPart(1, withheld)], options);
}

/** A product with all three record types, one request each: subscriber, call records (`callRows`), IP resolution. */
export function mixedProduct(callRows: number, options: ProductFixtureOptions = {}): ProductContent {
  const withheld = options.handling === 'evidential' ? [] : (options.withheld ?? ['cspNames', 'spocNotes']);
  return product([subscriberPart(1, withheld), callPart(2, callRows, withheld), ipPart(3, withheld)], options);
}
