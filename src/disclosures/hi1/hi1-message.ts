/**
 * A disclosure request as an ETSI TS 103 120 (HI-1) request message: the whole field mapping, in this
 * one module, so that a UK national profile can later be applied by changing this file alone
 * (docs/law.md §8). Pure: no clock, no randomness, no I/O. The same input gives the same message,
 * UUIDs included (name-based UUID v5 seeded by the request id).
 *
 * **Encoding.** ETSI's JSON rendering of the HI-1 XML schemas: attributes are `@name` keys; elements of
 * the Common, Task and Authorisation namespaces keep their prefix (`common:`, `task:`, `auth:`) and Core
 * elements have none; an object's type is its `@xsi:type`. A dictionary entry is therefore
 * `{ "common:Owner", "common:Name", "common:Value" }`. Members are built in XSD sequence order so the
 * same tree can be written as XML. The structure is checked by
 * test/fixtures/etsi-ts-103-120/hi1-request.schema.json (its README.md names the source and what is inferred).
 *
 * **Mapping** (input is `Hi1Input`, hi1-input.ts; "national" = a `GB`-owned name the standard does not define):
 *
 * | Message member | Value |
 * |---|---|
 * | `Header.SenderIdentifier` | `authority.countryCode`, `authority.id` |
 * | `Header.ReceiverIdentifier` | `csp.countryCode` (absent: `GB`), `csp.etsiEndpointId` (required here) |
 * | `Header.TransactionIdentifier` | UUID v5 of the request id |
 * | `Header.Timestamp` | `createdAt`, UTC, microseconds |
 * | `Header.Version` | {@link ETSI_VERSION}, national profile `GB` {@link NATIONAL_PROFILE_VERSION} |
 * | action 0 | CREATE `AuthorisationObject` |
 * | `ObjectIdentifier` | UUID v5 of the request id |
 * | `CountryCode`, `OwnerIdentifier` | `authority.countryCode`, `authority.id` (every object) |
 * | `ExternalIdentifier` | `authorisation.reference` (the application's URN) |
 * | `auth:AuthorisationReference` | `authorisation.urn` |
 * | `auth:AuthorisationLegalType` | national `GB/AuthorisationLegalType`: {@link LEGAL_TYPE} by route |
 * | `auth:AuthorisationDesiredStatus` | `ETSI/AuthorisationDesiredStatus/SubmittedToCSP` |
 * | `auth:AuthorisationTimespan` | `validFrom`, `expiresAt`, UTC |
 * | `auth:AuthorisationApprovalDetails` | type by route, `grantedAt` UTC, approver name and role when known, emergency on `dso61A` |
 * | `auth:AuthorisationFlags` | `ETSI/AuthorisationFlag/IsEmergency` on `dso61A` only |
 * | action 1…n | CREATE `LDTaskObject`, one per item, in input order |
 * | `ObjectIdentifier` | UUID v5 of the request id and item ref |
 * | `ExternalIdentifier` | the item's ref |
 * | `AssociatedObjects` | the authorisation object |
 * | `task:Reference` | LDID `<country>-<authority id>-<task UUID>` |
 * | `task:DesiredStatus` | `ETSI/LDTaskDesiredStatus/AwaitingDisclosure` |
 * | `task:RequestDetails.task:Type` | `ETSI/RequestType/`{@link REQUEST_TYPE} by subtype |
 * | `StartTime`, `EndTime` | the period, UTC, exact to the fraction written |
 * | `ObservedTime` | instead, for an IP resolution at a point in time ({@link usesObservedTime}) |
 * | `RequestValues` | one value: {@link requestValueFormat} and the normalised value byte for byte |
 * | `task:Subtype` | national `GB/RequestSubtype/<subtype>` (the precise kind of data) |
 *
 * Not sent (no input for them yet): delivery details, priority, documents, `task:CSPID`.
 */
import { createHash } from 'node:crypto';
import {
  ENTITY_SUBTYPES,
  EVENTS_SUBTYPES,
  IDENTIFIER_TYPES,
  type EntitySubtype,
  type EventsSubtype,
  type IdentifierType,
  type Route,
} from '../../workflow/application.types';
import type { Hi1Input, Hi1Item } from './hi1-input';

/** The TS 103 120 version the message declares (`Header.Version.ETSIVersion`). */
export const ETSI_VERSION = 'V1.16.1';
/** Owner of the national profile and of every national dictionary and format: the UK's ISO 3166 code. */
export const NATIONAL_OWNER = 'GB';
/** The national profile version declared: draft, since no UK profile has been published to us. */
export const NATIONAL_PROFILE_VERSION = 'draft-0.1';

/** XML namespaces of the message (TS 103 120; `xsi` for `@xsi:type`). */
export const HI1_NAMESPACES = {
  core: 'http://uri.etsi.org/03120/common/2019/10/Core',
  common: 'http://uri.etsi.org/03120/common/2016/02/Common',
  task: 'http://uri.etsi.org/03120/common/2020/09/Task',
  auth: 'http://uri.etsi.org/03120/common/2020/09/Authorisation',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
} as const;

/** Namespace of the name-based UUIDs of this service's HI-1 messages (a fixed random UUID). */
export const HI1_UUID_NAMESPACE = '3b8fa25f-4b29-4e09-9e10-11a07632d3fa';

/** A dictionary entry (TS 103 120 `DictionaryEntry`): how the standard writes every enumerated value. */
export interface DictionaryEntry { 'common:Owner': string; 'common:Name': string; 'common:Value': string }
export interface EndpointId { CountryCode: string; UniqueIdentifier: string }
export interface FormatType { 'task:FormatOwner': string; 'task:FormatName': string }
export interface Hi1Header {
  SenderIdentifier: EndpointId;
  ReceiverIdentifier: EndpointId;
  TransactionIdentifier: string;
  Timestamp: string;
  Version: { ETSIVersion: string; NationalProfileOwner: string; NationalProfileVersion: string };
}
export interface ApprovalDetails {
  'common:ApprovalType': string;
  'common:ApproverDetails'?: { 'common:ApproverName'?: string; 'common:ApproverRole'?: string };
  'common:ApprovalTimestamp': string;
  'common:ApprovalIsEmergency': boolean;
}
interface Hi1ObjectBase { ObjectIdentifier: string; CountryCode: string; OwnerIdentifier: string; ExternalIdentifier: string }
export interface AuthorisationObject extends Hi1ObjectBase {
  '@xsi:type': string;
  'auth:AuthorisationReference': string;
  'auth:AuthorisationLegalType': DictionaryEntry;
  'auth:AuthorisationDesiredStatus': DictionaryEntry;
  'auth:AuthorisationTimespan': { 'auth:StartTime': string; 'auth:EndTime': string };
  'auth:AuthorisationApprovalDetails': ApprovalDetails[];
  'auth:AuthorisationFlags'?: { 'auth:AuthorisationFlag': DictionaryEntry[] };
}
export interface LdRequestDetails {
  'task:Type': DictionaryEntry;
  'task:StartTime'?: string;
  'task:EndTime'?: string;
  'task:ObservedTime'?: string;
  'task:RequestValues': { 'task:RequestValue': { 'task:FormatType': FormatType; 'task:Value': string }[] };
  'task:Subtype': { 'task:RequestSubtype': DictionaryEntry[] };
}
export interface LdTaskObject extends Hi1ObjectBase {
  '@xsi:type': string;
  AssociatedObjects: { AssociatedObject: string[] };
  'task:Reference': string;
  'task:DesiredStatus': DictionaryEntry;
  'task:RequestDetails': LdRequestDetails;
}
export interface Hi1ActionRequest { ActionIdentifier: number; CREATE: { HI1Object: AuthorisationObject | LdTaskObject } }
export interface Hi1Message {
  '@xmlns': string; '@xmlns:common': string; '@xmlns:task': string; '@xmlns:auth': string; '@xmlns:xsi': string;
  Header: Hi1Header;
  Payload: { RequestPayload: { ActionRequests: { ActionRequest: Hi1ActionRequest[] } } };
}

/** National legal type of the authorisation, by route (docs/law.md §2.1). */
export const LEGAL_TYPE: Readonly<Record<Route, string>> = { ipc60A: 'IPA2016-s60A', dso61: 'IPA2016-s61', dso61A: 'IPA2016-s61A' };
/** `ApprovalType` (free text in the standard) by route: who approved. */
export const APPROVAL_TYPE: Readonly<Record<Route, string>> = {
  ipc60A: 'OCDAAuthorisingOfficer',
  dso61: 'DesignatedSeniorOfficer',
  dso61A: 'DesignatedSeniorOfficer',
};

/**
 * ETSI `RequestType` by subtype: the broad kind the standard defines. Device details are asked of the
 * subscriber record; an IP resolution is data to identify the user (the e-Evidence meaning of
 * `UserIdentifyingData`); every events subtype is traffic data. The precise kind goes in `task:Subtype`.
 */
export const REQUEST_TYPE: Readonly<Record<EntitySubtype | EventsSubtype, string>> = {
  subscriber: 'SubscriberData', deviceDetails: 'SubscriberData', ipAddressResolution: 'UserIdentifyingData',
  callDataRecords: 'TrafficData', cellSite: 'TrafficData', ipSessionLogs: 'TrafficData', emailConnectionLogs: 'TrafficData',
  internetConnectionRecord: 'TrafficData', dataVolumes: 'TrafficData', postalTracking: 'TrafficData',
};

const IP_TYPES: ReadonlySet<IdentifierType> = new Set<IdentifierType>(['ipv4', 'ipv6', 'ipPort']);

/**
 * The format of a request value, by identifier type: TS 103 280 names (owner `ETSI`), or national names
 * (owner `GB`) where the standard has no single-string format. The value itself is never changed, so where
 * our canonical form differs from the ETSI format's lexical form it is the national profile's to settle
 * (the fixture's README.md): `msisdn` keeps its `+`, `imei` has its check digit, `ipv6` is RFC 5952.
 * Overrides by value: an `ipv4` with a port, or an `ipv6` written `[…]:port`, is `GB/IPAddressPort` (ETSI's
 * IPAddressPort is a structure, not one string); an e-mail address that is not all ASCII is
 * `ETSI/InternationalizedEmailAddress`.
 */
export const REQUEST_VALUE_FORMAT: Readonly<Record<IdentifierType, readonly [owner: string, name: string]>> = {
  msisdn: ['ETSI', 'InternationalE164'],
  imei: ['ETSI', 'IMEI'],
  imsi: ['ETSI', 'IMSI'],
  ipv4: ['ETSI', 'IPv4Address'],
  ipv6: ['ETSI', 'IPv6Address'],
  ipPort: [NATIONAL_OWNER, 'IPAddressPort'],
  email: ['ETSI', 'EmailAddress'],
  accountId: [NATIONAL_OWNER, 'AccountIdentifier'],
  username: [NATIONAL_OWNER, 'Username'],
  postalItem: [NATIONAL_OWNER, 'PostalItemReference'],
  other: [NATIONAL_OWNER, 'OtherIdentifier'],
};

/** The `FormatType` of one identifier value ({@link REQUEST_VALUE_FORMAT} with its overrides by value). */
export function requestValueFormat(type: IdentifierType, value: string): FormatType {
  if (!Object.hasOwn(REQUEST_VALUE_FORMAT, type)) throw new RangeError(`Unknown identifier type ${JSON.stringify(type)}`);
  const withPort = (type === 'ipv4' && value.includes(':')) || (type === 'ipv6' && value.startsWith('['));
  let [owner, name] = REQUEST_VALUE_FORMAT[withPort ? 'ipPort' : type];
  if (type === 'email' && !/^[\x20-\x7e]*$/.test(value)) [owner, name] = ['ETSI', 'InternationalizedEmailAddress'];
  return { 'task:FormatOwner': owner, 'task:FormatName': name };
}

/** An instant as authorised, converted to UTC without losing any digit written. */
export interface Hi1Instant {
  /** `YYYY-MM-DDTHH:MM:SS[.fraction]Z`: the fraction exactly as written, if any. */
  utc: string;
  /** Epoch milliseconds, the fraction truncated: for display and day arithmetic. */
  epochMs: number;
  /** Whole epoch seconds and nanoseconds within the second: exact, for comparing instants. */
  epochSeconds: number;
  nanos: number;
  /** The fraction with its dot (`.5`, `.999`), or `''`. */
  fraction: string;
}

/** Orders two instants exactly (negative, zero or positive), to the nanosecond. */
export function compareInstants(a: Hi1Instant, b: Hi1Instant): number {
  return a.epochSeconds !== b.epochSeconds ? a.epochSeconds - b.epochSeconds : a.nanos - b.nanos;
}

const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * Converts an ISO 8601 instant with an explicit offset (docs/law.md §3.4) to UTC. Arithmetic is on whole
 * seconds and the fraction is carried verbatim, so nothing is rounded: a period is never widened or
 * narrowed by the conversion.
 * @throws RangeError for a missing or unknown offset (`-00:00`), an offset beyond ±14:00, or a date or
 * time that does not exist.
 */
export function instantFromIso(value: string): Hi1Instant {
  const m = ISO_WITH_OFFSET.exec(value);
  if (m === null) throw new RangeError(`Not an ISO 8601 instant with an offset: ${value}`);
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const fraction = m[7] ?? '';
  let offsetMinutes = 0;
  if (m[8] !== undefined) {
    offsetMinutes = (m[8] === '-' ? -1 : 1) * (Number(m[9]) * 60 + Number(m[10]));
    if (m[8] === '-' && offsetMinutes === 0) throw new RangeError(`Unknown local offset -00:00: ${value}`);
    if (Math.abs(offsetMinutes) > 14 * 60 || Number(m[10]) > 59) throw new RangeError(`Offset out of range: ${value}`);
  }
  const local = new Date(0);
  local.setUTCFullYear(year, month - 1, day);
  local.setUTCHours(hour, minute, second, 0);
  const exists =
    local.getUTCFullYear() === year && local.getUTCMonth() === month - 1 && local.getUTCDate() === day &&
    local.getUTCHours() === hour && local.getUTCMinutes() === minute && local.getUTCSeconds() === second;
  if (!exists) throw new RangeError(`No such date or time: ${value}`);
  const wholeSeconds = local.getTime() - offsetMinutes * 60_000;
  const nanos = fraction === '' ? 0 : Number(fraction.slice(1).padEnd(9, '0'));
  const utc = `${wholeSecondsUtc(new Date(wholeSeconds))}${fraction}Z`;
  return { utc, epochMs: wholeSeconds + Math.floor(nanos / 1_000_000), epochSeconds: wholeSeconds / 1000, nanos, fraction };
}

function wholeSecondsUtc(d: Date): string {
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** A `Date` in UTC: whole seconds, or milliseconds when it has any (TS 103 280 `QualifiedDateTime`). */
export function utcFromDate(d: Date): string {
  assertValidDate(d);
  const ms = d.getUTCMilliseconds();
  return `${wholeSecondsUtc(d)}${ms === 0 ? '' : `.${pad(ms, 3)}`}Z`;
}

/** A `Date` in UTC with microseconds, the header timestamp's form (`QualifiedMicrosecondDateTime`). */
export function utcMicrosecondsFromDate(d: Date): string {
  assertValidDate(d);
  return `${wholeSecondsUtc(d)}.${pad(d.getUTCMilliseconds(), 3)}000Z`;
}

function assertValidDate(d: Date): void {
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) throw new RangeError('Invalid date');
}

/** Name-based UUID, version 5 (SHA-1, RFC 9562 §5.5): the same namespace and name always give the same UUID. */
export function uuidV5(namespace: string, name: string): string {
  const ns = namespace.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(ns)) throw new RangeError(`Not a UUID: ${namespace}`);
  const bytes = createHash('sha1').update(Buffer.from(ns, 'hex')).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The UUIDs of one request's message: unambiguous names (a JSON array), so no two requests share one. */
export function hi1Uuids(requestId: string): { transaction: string; authorisation: string; task: (itemRef: string) => string } {
  const id = (...parts: string[]): string => uuidV5(HI1_UUID_NAMESPACE, JSON.stringify(parts));
  return {
    transaction: id('transaction', requestId),
    authorisation: id('authorisation', requestId),
    task: (itemRef) => id('task', requestId, itemRef),
  };
}

/**
 * The LD task's reference (its LDID, `<country>-<authority id>-<task UUID>`): what the CSP quotes back on every
 * delivery for that item, so a delivery is matched to the item it answers (docs/law.md §8; ETSI-HI1 DeliveryObject
 * `Reference`).
 */
export function ldTaskReference(countryCode: string, authorityId: string, requestId: string, itemRef: string): string {
  return `${countryCode}-${authorityId}-${hi1Uuids(requestId).task(itemRef)}`;
}

/**
 * Whether an item is sent with a single `ObservedTime` rather than `StartTime`/`EndTime`: an IP address
 * resolution (subtype `ipAddressResolution`, or an `ipv4`/`ipv6`/`ipPort` identifier) whose period is a
 * point in time (start and end the same instant). A resolution over a window keeps its start and end:
 * collapsing it to one instant would change what was authorised.
 */
export function usesObservedTime(item: Hi1Item): boolean {
  const ipResolution = item.subtype === 'ipAddressResolution' || IP_TYPES.has(item.identifier.type);
  return ipResolution && compareInstants(instantFromIso(item.periodStart), instantFromIso(item.periodEnd)) === 0;
}

const dict = (owner: string, name: string, value: string): DictionaryEntry => ({ 'common:Owner': owner, 'common:Name': name, 'common:Value': value });

/**
 * Builds the HI-1 request for one disclosure request: a CREATE of the authorisation, then a CREATE of
 * one LD task per item (see the module's mapping table).
 * @throws RangeError when the input cannot be a lawful, well-formed request (no items, a duplicate item
 * ref, an unknown identifier type, a subtype of the wrong category, a period without an offset or ending
 * before it starts, an invalid date, a country code that is not two capital letters, an empty identifier,
 * a CSP without an HI-1 endpoint identifier).
 */
export function buildHi1Message(input: Hi1Input): Hi1Message {
  checkInput(input);
  const { authority, authorisation, csp } = input;
  const receiver = { CountryCode: csp.countryCode ?? NATIONAL_OWNER, UniqueIdentifier: csp.etsiEndpointId ?? '' };
  if (!/^[A-Z]{2}$/.test(receiver.CountryCode) || receiver.UniqueIdentifier.trim() === '') {
    throw new RangeError(`Disclosure request ${JSON.stringify(input.requestId)}: the CSP has no HI-1 endpoint (country code and identifier)`);
  }
  const uuids = hi1Uuids(input.requestId);
  const base = (objectId: string, externalId: string): Hi1ObjectBase =>
    ({ ObjectIdentifier: objectId, CountryCode: authority.countryCode, OwnerIdentifier: authority.id, ExternalIdentifier: externalId });
  const urgent = authorisation.route === 'dso61A';
  const approver: ApprovalDetails['common:ApproverDetails'] = {
    ...(authorisation.authoriserName ? { 'common:ApproverName': authorisation.authoriserName } : {}),
    ...(authorisation.authoriserOfficeRank ? { 'common:ApproverRole': authorisation.authoriserOfficeRank } : {}),
  };
  const authorisationObject: AuthorisationObject = {
    '@xsi:type': `{${HI1_NAMESPACES.auth}}AuthorisationObject`,
    ...base(uuids.authorisation, authorisation.reference),
    'auth:AuthorisationReference': authorisation.urn,
    'auth:AuthorisationLegalType': dict(NATIONAL_OWNER, 'AuthorisationLegalType', LEGAL_TYPE[authorisation.route]),
    'auth:AuthorisationDesiredStatus': dict('ETSI', 'AuthorisationDesiredStatus', 'SubmittedToCSP'),
    'auth:AuthorisationTimespan': { 'auth:StartTime': utcFromDate(authorisation.validFrom), 'auth:EndTime': utcFromDate(authorisation.expiresAt) },
    'auth:AuthorisationApprovalDetails': [
      {
        'common:ApprovalType': APPROVAL_TYPE[authorisation.route],
        ...(Object.keys(approver).length > 0 ? { 'common:ApproverDetails': approver } : {}),
        'common:ApprovalTimestamp': utcFromDate(authorisation.grantedAt),
        'common:ApprovalIsEmergency': urgent,
      },
    ],
    ...(urgent
      ? { 'auth:AuthorisationFlags': { 'auth:AuthorisationFlag': [dict('ETSI', 'AuthorisationFlag', 'IsEmergency')] } }
      : {}),
  };
  const tasks = input.items.map((item): LdTaskObject => {
    const taskId = uuids.task(item.ref);
    const value = item.identifier.normalisedValue;
    const [start, end] = [instantFromIso(item.periodStart).utc, instantFromIso(item.periodEnd).utc];
    return {
      '@xsi:type': `{${HI1_NAMESPACES.task}}LDTaskObject`,
      ...base(taskId, item.ref),
      AssociatedObjects: { AssociatedObject: [uuids.authorisation] },
      'task:Reference': ldTaskReference(authority.countryCode, authority.id, input.requestId, item.ref),
      'task:DesiredStatus': dict('ETSI', 'LDTaskDesiredStatus', 'AwaitingDisclosure'),
      'task:RequestDetails': {
        'task:Type': dict('ETSI', 'RequestType', REQUEST_TYPE[item.subtype as EntitySubtype | EventsSubtype]),
        ...(usesObservedTime(item) ? { 'task:ObservedTime': start } : { 'task:StartTime': start, 'task:EndTime': end }),
        'task:RequestValues': {
          'task:RequestValue': [{ 'task:FormatType': requestValueFormat(item.identifier.type, value), 'task:Value': value }],
        },
        'task:Subtype': { 'task:RequestSubtype': [dict(NATIONAL_OWNER, 'RequestSubtype', item.subtype)] },
      },
    };
  });
  return {
    '@xmlns': HI1_NAMESPACES.core,
    '@xmlns:common': HI1_NAMESPACES.common,
    '@xmlns:task': HI1_NAMESPACES.task,
    '@xmlns:auth': HI1_NAMESPACES.auth,
    '@xmlns:xsi': HI1_NAMESPACES.xsi,
    Header: {
      SenderIdentifier: { CountryCode: authority.countryCode, UniqueIdentifier: authority.id },
      ReceiverIdentifier: receiver,
      TransactionIdentifier: uuids.transaction,
      Timestamp: utcMicrosecondsFromDate(input.createdAt),
      Version: { ETSIVersion: ETSI_VERSION, NationalProfileOwner: NATIONAL_OWNER, NationalProfileVersion: NATIONAL_PROFILE_VERSION },
    },
    Payload: {
      RequestPayload: {
        ActionRequests: {
          ActionRequest: [authorisationObject, ...tasks].map((object, index) => ({ ActionIdentifier: index, CREATE: { HI1Object: object } })),
        },
      },
    },
  };
}

/** The checks behind {@link buildHi1Message}'s RangeError that the copy pack shares (not the CSP's HI-1 endpoint). */
export function checkInput(input: Hi1Input): void {
  const fail = (reason: string): never => { throw new RangeError(`Disclosure request ${JSON.stringify(input.requestId)}: ${reason}`); };
  const text = (value: unknown): boolean => typeof value === 'string' && value.trim() !== '';
  if (!text(input.requestId)) fail('the request id is empty');
  if (!/^[A-Z]{2}$/.test(input.authority.countryCode) || !text(input.authority.id)) fail("the authority's endpoint (country code and identifier) is invalid");
  if (!text(input.authorisation.urn)) fail('the authorisation URN is empty');
  if (!(input.authorisation.route in LEGAL_TYPE)) fail(`unknown route ${JSON.stringify(input.authorisation.route)}`);
  for (const d of [input.createdAt, input.authorisation.grantedAt, input.authorisation.validFrom, input.authorisation.expiresAt]) {
    if (!(d instanceof Date) || Number.isNaN(d.getTime())) fail('a date is invalid');
  }
  if (input.items.length === 0) fail('there are no data items');
  const refs = new Set<string>();
  for (const item of input.items) {
    const at = `item ${JSON.stringify(item.ref)}`;
    if (!text(item.ref) || refs.has(item.ref)) fail(`${at}: the ref is empty or repeated`);
    refs.add(item.ref);
    if (!(IDENTIFIER_TYPES as readonly string[]).includes(item.identifier.type)) fail(`${at}: unknown identifier type`);
    if (!text(item.identifier.normalisedValue)) fail(`${at}: the identifier value is empty`);
    const subtypes: readonly string[] = item.category === 'entity' ? ENTITY_SUBTYPES : item.category === 'events' ? EVENTS_SUBTYPES : [];
    if (!subtypes.includes(item.subtype)) fail(`${at}: subtype ${JSON.stringify(item.subtype)} is not ${item.category} data`);
    if (compareInstants(instantFromIso(item.periodStart), instantFromIso(item.periodEnd)) > 0) fail(`${at}: the period ends before it starts`);
  }
}
