import {
  ENTITY_SUBTYPES,
  EVENTS_SUBTYPES,
  IDENTIFIER_TYPES,
  type EntitySubtype,
  type EventsSubtype,
  type IdentifierType,
} from '../../workflow/application.types';

/*
 * The vocabulary of the CSP directory: what a communications service provider answers, in the words the
 * application form uses, so that a request built from an application can be matched to the CSPs that can
 * answer it.
 */

/** The data a CSP answers: the entity and events subtypes of the application form (docs/law.md §3.4). */
export const CSP_DATA_TYPES: readonly (EntitySubtype | EventsSubtype)[] = [...ENTITY_SUBTYPES, ...EVENTS_SUBTYPES];
export type CspDataType = EntitySubtype | EventsSubtype;

/** The identifiers a CSP can search on: the identifier types of the application form (docs/law.md §3.3). */
export const CSP_IDENTIFIER_KINDS: readonly IdentifierType[] = IDENTIFIER_TYPES;
export type CspIdentifierKind = IdentifierType;

/** How a CSP returns its results: files (`csv`, `json`, `xlsx`) or an ETSI TS 103 120 HI-1 delivery. */
export const RETURN_FORMATS = ['csv', 'json', 'xlsx', 'etsiHi1'] as const;
export type ReturnFormat = (typeof RETURN_FORMATS)[number];

/**
 * The address a CSP gives when it resolves an IP address to a subscriber: where the line is installed, or
 * where the bill goes. They can differ, and the difference matters to whoever acts on the answer.
 */
export const IP_RESOLUTION_ADDRESSES = ['installation', 'billing'] as const;
export type IpResolutionAddress = (typeof IP_RESOLUTION_ADDRESSES)[number];

/** The data subtype whose answer carries an address, and so needs {@link IpResolutionAddress}. */
export const IP_RESOLUTION_DATA_TYPE: CspDataType = 'ipAddressResolution';

/** A CSP's stable short name: lower-case letters and digits, single hyphens between them. */
export const CSP_CODE_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const CSP_CODE_MAX = 40;
export const CSP_NAME_MAX = 200;

/**
 * The identifier of the CSP's endpoint in ETSI TS 103 120 exchanges: printable ASCII without spaces,
 * compared exactly as written.
 */
export const ETSI_ENDPOINT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:/-]*$/;
export const ETSI_ENDPOINT_ID_MAX = 200;

/** A time-zone name of the tz database is at most this long (`America/Argentina/ComodRivadavia` is 32). */
export const TIME_ZONE_MAX = 64;

/**
 * The precision a CSP states for the times in its IP-address resolutions, in whole seconds: how far the time
 * it observed an address in use may be from the instant asked about and still answer it. At most an hour;
 * a CSP that states none is taken at {@link TIME_PRECISION_SECONDS_DEFAULT}, the second.
 */
export const TIME_PRECISION_SECONDS_MIN = 0;
export const TIME_PRECISION_SECONDS_MAX = 3600;
export const TIME_PRECISION_SECONDS_DEFAULT = 1;

/**
 * A communications service provider in the national directory, as other parts of the service read it.
 * Instants are ISO-8601 UTC strings.
 */
export interface Csp {
  readonly id: string;
  /** Short, stable and unique (`examplemobile`); never changes once created. */
  readonly code: string;
  readonly name: string;
  /** Its ETSI TS 103 120 endpoint identifier, unique; null for a portal-only CSP, which has no ETSI interface. */
  readonly etsiEndpointId: string | null;
  /** The data it answers, in {@link CSP_DATA_TYPES} order. */
  readonly dataTypes: readonly CspDataType[];
  /** The identifiers it can search on, in {@link CSP_IDENTIFIER_KINDS} order. */
  readonly identifierKinds: readonly CspIdentifierKind[];
  /** How it returns results, in {@link RETURN_FORMATS} order. */
  readonly returnFormats: readonly ReturnFormat[];
  /**
   * The IANA zone its files use when a time in them carries no offset; null when it has declared none, and
   * then a time in its files without an offset is refused, never guessed.
   */
  readonly fileTimeZone: string | null;
  /**
   * The precision it states for the times in its IP-address resolutions, in whole seconds
   * ({@link TIME_PRECISION_SECONDS_MIN} to {@link TIME_PRECISION_SECONDS_MAX}): how far an observed time may
   * be from the instant asked about and still answer it.
   */
  readonly timePrecisionSeconds: number;
  /** The address its IP resolutions give; null when it does not resolve IP addresses. */
  readonly ipResolutionAddress: IpResolutionAddress | null;
  /** No ETSI interface: the SPOC sends the request through the CSP's portal (the copy pack). */
  readonly portalOnly: boolean;
  readonly active: boolean;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/**
 * Whether `zone` names a real zone of the tz database, as this runtime's `Intl` knows it. Only the
 * `Area/Location` form (`Europe/London`, `America/Argentina/Buenos_Aires`, `Etc/GMT+5`) and `UTC` are
 * accepted: not an offset (`+01:00`), which says nothing about summer time, nor a legacy alias such as
 * `GB` or `EST5EDT`, nor a name in the wrong case.
 */
export function isIanaTimeZone(zone: unknown): zone is string {
  if (typeof zone !== 'string' || zone.length > TIME_ZONE_MAX) return false;
  if (zone !== 'UTC' && !/^[A-Z][A-Za-z]*(?:\/[A-Za-z0-9][A-Za-z0-9_+-]*)+$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** `values` without repeats, in the order of `vocabulary`, so that a stored list reads the same however it was sent. */
export function inVocabularyOrder<T extends string>(vocabulary: readonly T[], values: readonly T[]): T[] {
  const given = new Set(values);
  return vocabulary.filter((value) => given.has(value));
}
