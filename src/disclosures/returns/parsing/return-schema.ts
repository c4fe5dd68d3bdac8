/**
 * The shape of a CSP's return: which record type answers which data subtype, the columns of each, and
 * the reading of a file's header. A return is checked against what was authorised before anyone sees it
 * (docs/law.md §5, Checking), and the first thing to check is that the file is the kind of data that was
 * asked for (docs/law.md §3.4) and carries nothing else (docs/law.md §4.2, contentObtained). Pure: no I/O.
 * docs/returns.md describes every column.
 */

/**
 * The kinds of record a return can hold, one per data subtype whose returns this service can check
 * (docs/law.md §3.4, §5).
 */
export const RETURN_RECORD_TYPES = ['subscriber', 'callDataRecord', 'ipResolution'] as const;
/** One of {@link RETURN_RECORD_TYPES}. */
export type ReturnRecordType = (typeof RETURN_RECORD_TYPES)[number];

/** The data subtypes of the application form (docs/law.md §3.4) whose returns have a record type. */
const RECORD_TYPE_BY_SUBTYPE: ReadonlyMap<string, ReturnRecordType> = new Map([
  ['subscriber', 'subscriber'],
  ['callDataRecords', 'callDataRecord'],
  ['ipAddressResolution', 'ipResolution'],
]);

/**
 * The record type that answers a data item of `subtype` (docs/law.md §3.4): `subscriber` → `subscriber`,
 * `callDataRecords` → `callDataRecord`, `ipAddressResolution` → `ipResolution`. Null for every other
 * subtype: its returns have no schema yet, so they cannot be read or checked here.
 */
export function recordTypeFor(subtype: string): ReturnRecordType | null {
  return RECORD_TYPE_BY_SUBTYPE.get(subtype) ?? null;
}

/**
 * One column of a record type. `maxLength` is in characters (Unicode code points): a longer cell is
 * suspected of carrying the content of a communication (docs/law.md §4.2, contentObtained), because no
 * field of communications data needs that much room.
 */
export interface ColumnSpec {
  name: string;
  required: boolean;
  maxLength: number;
  description: string;
}

/**
 * What a call record may be (`event_type`). `data` is read, then flagged DATA_TYPE_NOT_REQUESTED: a data
 * session is IP session data, another subtype than call records (docs/law.md §3.4).
 */
export const EVENT_TYPES = ['voice', 'sms', 'mms', 'data'] as const;
/** One of {@link EVENT_TYPES}. */
export type EventType = (typeof EVENT_TYPES)[number];
/** Which way a call or message went, seen from the requested identifier (`direction`). */
export const DIRECTIONS = ['in', 'out'] as const;
/**
 * Which address a record gives (`address_type`): where the line is installed, or where the bill goes. An
 * IP resolution must give the installation address (docs/law.md §5; IPCO-19 18.40).
 */
export const ADDRESS_TYPES = ['installation', 'billing'] as const;
/** One of {@link ADDRESS_TYPES}. */
export type AddressType = (typeof ADDRESS_TYPES)[number];

/** Room for an ISO 8601 time with milliseconds and an offset (29 characters) and some padding. */
const TIME_MAX = 40;
/** Room for the longest word of a closed list (`installation`) and some padding. */
const WORD_MAX = 16;
/** An identifier of any type: the application's own limit for free-text identifiers (docs/law.md §3.3). */
const IDENTIFIER_MAX = 256;
/** A telephone party: an E.164 number, a short code, a sender name, or a SIP address such as `sip:+44…@ims.example`. */
const PARTY_MAX = 128;
/** A person's or organisation's name. */
const NAME_MAX = 200;
/** A postal address on one line. */
const ADDRESS_MAX = 500;
/** An IPv4 or IPv6 address in any of its written forms. */
const IP_MAX = 64;
/** A cell or sector identifier (ECGI, CGI or a CSP's own code). */
const CELL_ID_MAX = 64;

const column = (name: string, required: boolean, maxLength: number, description: string): ColumnSpec =>
  Object.freeze({ name, required, maxLength, description });

const TIME_WORDS =
  'ISO 8601 date and time (`2026-03-01T10:00:00Z`, `2026-06-14 13:05:00+01:00`); without an offset it is read in the CSP’s declared time zone';

/**
 * The columns of each record type, in the order docs/returns.md gives them; a file may order them as it
 * likes. Names are lower-case; a header is matched after trimming and lower-casing (readHeader). What a
 * return must hold is what the SPOC checks it against: identifier, time and data type (docs/law.md §5).
 */
export const RETURN_COLUMNS: Readonly<Record<ReturnRecordType, readonly ColumnSpec[]>> = Object.freeze({
  subscriber: Object.freeze([
    column('identifier', true, IDENTIFIER_MAX, 'The identifier the record is about (phone number, IP address, email address…), as the CSP writes it'),
    column('name', false, NAME_MAX, 'The subscriber’s name'),
    column('address', false, ADDRESS_MAX, 'The subscriber’s address, on one line'),
    column('address_type', false, WORD_MAX, 'Which address it is: `installation` or `billing`; may be empty'),
    column('valid_from', true, TIME_MAX, `When this subscriber’s details began to apply: ${TIME_WORDS}`),
    column('valid_to', false, TIME_MAX, `When they stopped applying: ${TIME_WORDS}; empty while they still apply`),
  ]),
  callDataRecord: Object.freeze([
    column('a_party', true, PARTY_MAX, 'The calling or sending party'),
    column('b_party', true, PARTY_MAX, 'The called or receiving party (a short code such as `999` or a sender name such as `BANK` is fine)'),
    column('start_time', true, TIME_MAX, `When the call or message began: ${TIME_WORDS}`),
    column('duration_seconds', true, WORD_MAX, 'How long it lasted, in whole seconds (0 or more; 0 for a message)'),
    column('event_type', true, WORD_MAX, 'What it was: `voice`, `sms`, `mms` or `data`'),
    column('direction', false, WORD_MAX, 'Seen from the requested identifier: `in` or `out`; may be empty'),
    column('cell_id', false, CELL_ID_MAX, 'The cell or sector serving the requested identifier, as the CSP names it'),
  ]),
  ipResolution: Object.freeze([
    column('ip_address', true, IP_MAX, 'The public IP address resolved (IPv4 or IPv6)'),
    column('port', false, WORD_MAX, 'The source port, a whole number from 0 to 65535; needed behind carrier-grade NAT'),
    column('observed_time', true, TIME_MAX, `The time the address (and port) was in use: ${TIME_WORDS}`),
    column('subscriber_name', false, NAME_MAX, 'The name of the subscriber using the address then'),
    column('address', true, ADDRESS_MAX, 'The subscriber’s address, on one line'),
    column('address_type', true, WORD_MAX, 'Which address it is: `installation` or `billing` (it must be `installation`)'),
  ]),
});

/**
 * What a header says about a file. `ok`: the expected record type's required columns are all there once;
 * `columnIndex` gives the position of every column of the header by its lower-cased name (the schema's
 * columns and the extra ones alike, so its size is the header's width), and `extra` lists the columns
 * outside the schema, which the caller quarantines as CONTENT_SUSPECTED. `otherType`: the header is not
 * the expected type's but has every required column of another type: the CSP sent data that was not
 * asked for (DATA_TYPE_NOT_REQUESTED; docs/law.md §4.2, incorrectDataType). `invalid`: neither; the file
 * is refused, since an unreadable return cannot be checked (docs/law.md §5).
 */
export type HeaderVerdict =
  | { kind: 'ok'; columnIndex: Readonly<Record<string, number>>; extra: readonly string[] }
  | { kind: 'otherType'; recordType: ReturnRecordType }
  | { kind: 'invalid'; missing: readonly string[]; duplicate: readonly string[]; empty: boolean };

const BYTE_ORDER_MARK = '\uFEFF';

/**
 * How a column without a name is listed: it holds data nobody can identify, so it is an extra column and
 * its file is quarantined as possible content (docs/law.md §4.2, contentObtained).
 */
export const unnamedColumn = (position: number): string => `(unnamed column ${position})`;

/**
 * Reads a return's header for a request of the `expected` record type. Names are compared after
 * trimming and lower-casing, and a byte-order mark before the first name is ignored, because spreadsheet
 * tools add both without anyone meaning anything by it. A column named twice is refused (which cell would
 * be the answer?). A column without a name counts as an extra column, named `(unnamed column N)`
 * (N from 1). A header whose names are all empty is refused as `empty`.
 *
 * When the expected type's required columns are missing but another type's are all present, the verdict
 * is `otherType`, even if the header also names a column twice: that the CSP sent another kind of data
 * is the finding that matters (docs/law.md §4.2, incorrectDataType).
 */
export function readHeader(expected: ReturnRecordType, header: readonly string[]): HeaderVerdict {
  const names = header.map((raw, position) => {
    const text = position === 0 && raw.startsWith(BYTE_ORDER_MARK) ? raw.slice(1) : raw;
    const name = text.trim().toLowerCase();
    return name === '' ? unnamedColumn(position + 1) : name;
  });
  const requiredOf = (type: ReturnRecordType): string[] =>
    RETURN_COLUMNS[type].filter((spec) => spec.required).map((spec) => spec.name);

  if (header.every((raw) => raw.replace(BYTE_ORDER_MARK, '').trim() === '')) {
    return { kind: 'invalid', missing: requiredOf(expected), duplicate: [], empty: true };
  }

  const present = new Set(names);
  const duplicate = [...new Set(names.filter((name, position) => names.indexOf(name) !== position))];
  const missing = requiredOf(expected).filter((name) => !present.has(name));
  if (missing.length === 0 && duplicate.length === 0) {
    const known = new Set(RETURN_COLUMNS[expected].map((spec) => spec.name));
    // No prototype: a header may name a column `constructor` or `__proto__`, which must stay a plain key.
    const columnIndex = Object.create(null) as Record<string, number>;
    names.forEach((name, position) => {
      columnIndex[name] = position;
    });
    return { kind: 'ok', columnIndex: Object.freeze(columnIndex), extra: names.filter((name) => !known.has(name)) };
  }

  if (missing.length > 0) {
    const other = RETURN_RECORD_TYPES.find(
      (type) => type !== expected && requiredOf(type).every((name) => present.has(name)),
    );
    if (other !== undefined) return { kind: 'otherType', recordType: other };
  }
  return { kind: 'invalid', missing, duplicate, empty: false };
}
