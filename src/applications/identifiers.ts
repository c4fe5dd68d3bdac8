/**
 * Communications identifiers: validation and normalisation (docs/law.md §3.3).
 *
 * Transposing identifiers is the top cause of errors in communications-data acquisition
 * (IPCO-17 14.26–14.27; IPCO-19 18.33: 286 applicant errors transcribing phone numbers). Every
 * identifier is therefore checked as strictly as its format allows, and stored both as supplied and
 * in one canonical form, so that the same line, handset or address always compares equal.
 *
 * Pure functions, no Nest: the DTO layer calls {@link normaliseIdentifier} and turns a refusal's
 * `reason` into an API error message.
 */
import ipaddr from 'ipaddr.js';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import validator from 'validator';
import { IDENTIFIER_TYPES, type IdentifierType } from '../workflow/application.types';

export { IDENTIFIER_TYPES, type IdentifierType };

/** Outcome of {@link normaliseIdentifier}: the canonical value, or a short human reason for refusal. */
export type NormaliseResult = { ok: true; normalised: string } | { ok: false; reason: string };

/** Outcome of {@link parseIpWithOptionalPort}. `address` is canonical and never bracketed. */
export type IpParseResult =
  | { ok: true; address: string; family: 4 | 6; port?: number }
  | { ok: false; reason: string };

/** Longest free-text identifier (account id, username, postal item, other), in code points. */
export const FREE_TEXT_MAX_LENGTH = 256;

const refuse = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

/**
 * Validate an identifier of the given type and return its canonical form.
 *
 * Canonical forms: `msisdn` E.164 (`+447911123456`); `imei` 15 digits; `imsi` 14–15 digits;
 * `ipv4` dotted quad, `ipv6` RFC 5952, both with an optional port (`203.0.113.7:8080`,
 * `[2001:db8::1]:8080`); `ipPort` the same with the port required; `email` with the domain
 * lower-cased; free-text types trimmed. Normalising a normalised value returns it unchanged.
 *
 * Refuses anything a mistyped digit could produce where the format allows the check (phone-number
 * validity, IMEI Luhn digit), because transposition is the top error cause (docs/law.md §3.3;
 * IPCO-17 14.26).
 */
export function normaliseIdentifier(type: IdentifierType, value: string): NormaliseResult {
  if (typeof value !== 'string') return refuse('The identifier value must be text');
  switch (type) {
    case 'msisdn':
      return normaliseMsisdn(value);
    case 'imei':
      return normaliseImei(value);
    case 'imsi':
      return normaliseImsi(value);
    case 'ipv4':
      return normaliseIp(value, 4, false);
    case 'ipv6':
      return normaliseIp(value, 6, false);
    case 'ipPort':
      return normaliseIp(value, undefined, true);
    case 'email':
      return normaliseEmail(value);
    case 'accountId':
    case 'username':
    case 'postalItem':
    case 'other':
      return normaliseFreeText(value);
    default: {
      const unknownType: never = type;
      return refuse(`Unknown identifier type ${JSON.stringify(unknownType)}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// msisdn
// ---------------------------------------------------------------------------------------------

/** Digits, whitespace, ASCII/Unicode dashes and brackets, optionally one leading `+`. */
const PHONE_CHARACTERS = /^\+?[\d\s()\-\u2010-\u2015]+$/;

/**
 * Ofcom's numbers reserved for TV and radio drama (never allocated to a line), as E.164:
 * 0113/4/5/6/7/8, 0121, 0131, 0141, 0151, 0161 496 0xxx; 0191 498 0xxx; 020 7946 0xxx;
 * 028 9649 6xxx; 029 2018 0xxx; 01632 960xxx; 07700 900xxx; 08081 570xxx; 0909 8790xxx;
 * 03069 990xxx.
 */
const OFCOM_DRAMA =
  /^\+44(?:(?:11[3-8]|121|131|141|151|161)4960|1914980|2079460|2896496|2920180|1632960|7700900|8081570|9098790|3069990)\d{3}$/;

/**
 * MSISDN: parsed with libphonenumber-js (full "max" metadata, default country GB) and accepted only
 * when the library considers it *valid* for some country. +44 numbers of Guernsey, Jersey and the
 * Isle of Man are therefore accepted (`@IsPhoneNumber('GB')` wrongly rejects them:
 * docs/architecture.md §10, Validation and data).
 *
 * Numbers that are merely "possible" (right length, unallocated range) are refused, so a mistyped
 * digit cannot slip through. Ofcom drama numbers that libphonenumber does not list as valid
 * (07700 900xxx, 01632 960xxx, 0115 496 0xxx) are refused with their own reason. Drama ranges the
 * library *does* list as valid (e.g. 020 7946 0xxx) are accepted: validity is the single gate, and
 * the project uses them as fixtures (docs/architecture.md §10, Validation and data).
 */
function normaliseMsisdn(raw: string): NormaliseResult {
  const value = raw.trim();
  if (value === '') return refuse('The phone number is empty');
  if (/[a-z]/i.test(value)) {
    return refuse('A phone number must not contain letters (give any extension separately)');
  }
  if (!PHONE_CHARACTERS.test(value)) {
    return refuse(
      'A phone number may contain only digits, spaces, dashes, brackets and a leading +',
    );
  }
  const cleaned = value.replace(/[\u2010-\u2015]/g, '-').replace(/\s+/g, ' ');
  const parsed = parsePhoneNumberFromString(cleaned, 'GB');
  if (parsed === undefined) return refuse('This is not a phone number');
  if (OFCOM_DRAMA.test(parsed.number) && !parsed.isValid()) {
    return refuse('Ofcom drama number: not a real line');
  }
  if (!parsed.isValid()) {
    return refuse(
      'Not a valid phone number: check for a mistyped, missing or extra digit ' +
        '(international numbers need + and the country code)',
    );
  }
  return { ok: true, normalised: parsed.number };
}

// ---------------------------------------------------------------------------------------------
// imei / imsi
// ---------------------------------------------------------------------------------------------

/** Removes the separators people type inside long digit strings: whitespace and dashes. */
const stripDigitSeparators = (value: string): string =>
  value.trim().replace(/[\s\-\u2010-\u2015]/g, '');

/**
 * IMEI: 15 digits whose last is the Luhn check digit, verified by `validator.isIMEI`. Separators
 * are stripped first (`isIMEI`'s `allow_hyphens` accepts *only* the `AA-BBBBBB-CCCCCC-D` layout,
 * so it is not used). A 14-digit IMEI (without check digit) is refused: the check digit is what
 * catches a mistyped or transposed digit (IPCO-17 14.26).
 */
function normaliseImei(raw: string): NormaliseResult {
  const digits = stripDigitSeparators(raw);
  if (digits === '') return refuse('The IMEI is empty');
  if (!/^\d+$/.test(digits)) {
    return refuse('An IMEI may contain only digits (spaces and dashes are ignored)');
  }
  if (digits.length === 14) return refuse('IMEI needs its 15th (Luhn) digit');
  if (digits.length === 16) {
    return refuse('16 digits looks like an IMEISV (software version): give the 15-digit IMEI');
  }
  if (digits.length !== 15) return refuse(`An IMEI has 15 digits, not ${digits.length}`);
  if (!validator.isIMEI(digits)) {
    return refuse('The IMEI check digit does not match: look for a mistyped or transposed digit');
  }
  return { ok: true, normalised: digits };
}

/**
 * IMSI: 14–15 digits (ITU-T E.212: 3-digit MCC + 2–3-digit MNC + MSIN). The first MCC digit must
 * be 2–7 (geographic MCC zones; UK MCCs are 234/235). There is no check digit, so nothing more
 * can be verified offline.
 */
function normaliseImsi(raw: string): NormaliseResult {
  const digits = stripDigitSeparators(raw);
  if (digits === '') return refuse('The IMSI is empty');
  if (!/^\d+$/.test(digits)) {
    return refuse('An IMSI may contain only digits (spaces and dashes are ignored)');
  }
  if (digits.length < 14 || digits.length > 15) {
    return refuse(`An IMSI has 14 or 15 digits, not ${digits.length}`);
  }
  if (!/^[2-7]/.test(digits)) {
    return refuse('An IMSI starts with its country code (MCC), whose first digit is 2 to 7');
  }
  return { ok: true, normalised: digits };
}

// ---------------------------------------------------------------------------------------------
// IP addresses
// ---------------------------------------------------------------------------------------------

const PORT = /^[1-9]\d{0,4}$/;
const PORT_REASON = 'The port must be a whole number from 1 to 65535 without leading zeros';

function parsePort(text: string): number | undefined {
  if (!PORT.test(text)) return undefined;
  const port = Number(text);
  return port <= 65535 ? port : undefined;
}

/** Canonical IPv4 (four decimal parts, no leading zeros), or a refusal. */
function canonicalIpv4(text: string): IpParseResult {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) {
    return { ok: true, address: ipaddr.IPv4.parse(text).toString(), family: 4 };
  }
  if (ipaddr.IPv4.isValid(text)) {
    return refuse(
      'Give the IPv4 address as four decimal numbers 0–255 without leading zeros ' +
        '(010 could be read as octal)',
    );
  }
  return refuse('Not a valid IPv4 address (expected e.g. 203.0.113.7)');
}

/**
 * Canonical IPv6 (RFC 5952: lower case, longest zero run compressed), or a refusal. IPv4-mapped
 * addresses keep RFC 5952 §5 mixed notation (`::ffff:192.0.2.1`). Refused: zone ids (local to one
 * machine), an embedded IPv4 with leading zeros, and the deprecated IPv4-compatible form
 * `::a.b.c.d`, which ipaddr.js would silently turn into a *different* (mapped) address.
 */
function canonicalIpv6(text: string): IpParseResult {
  if (text.includes('%')) {
    return refuse('Remove the zone id (the part from %): it only has meaning on one machine');
  }
  if (text.includes('.')) {
    const lastColon = text.lastIndexOf(':');
    const embedded = text.slice(lastColon + 1);
    if (lastColon < 0) return refuse('Not a valid IPv6 address (expected e.g. 2001:db8::1)');
    if (!ipaddr.IPv4.isValidFourPartDecimal(embedded)) {
      return refuse(
        'The IPv4 part of this IPv6 address must be four decimal numbers 0–255 without leading zeros',
      );
    }
    if (text.slice(0, lastColon + 1) === '::') {
      return refuse(
        'The IPv4-compatible form ::a.b.c.d is deprecated and ambiguous: give the IPv4 address ' +
          'as type ipv4, or the mapped form ::ffff:a.b.c.d',
      );
    }
  }
  if (!ipaddr.IPv6.isValid(text)) {
    return refuse('Not a valid IPv6 address (expected e.g. 2001:db8::1)');
  }
  const address = ipaddr.IPv6.parse(text);
  const canonical = address.isIPv4MappedAddress()
    ? `::ffff:${address.toIPv4Address().toString()}`
    : address.toRFC5952String();
  return { ok: true, address: canonical, family: 6 };
}

/**
 * Parse an IPv4 or IPv6 address with an optional port into canonical parts. Accepted shapes:
 * `203.0.113.7`, `203.0.113.7:443`, `2001:db8::1`, `[2001:db8::1]`, `[2001:db8::1]:443`.
 * An IPv6 address with a port must be bracketed (RFC 3986 §3.2.2): without brackets the last
 * group and a port cannot be told apart. Ports are 1–65535 without leading zeros.
 *
 * IP resolution needs the exact address (and, behind carrier-grade NAT, the port) at the exact
 * time; a wrong address identifies the wrong subscriber (docs/law.md §3.3, §3.4).
 */
export function parseIpWithOptionalPort(value: string): IpParseResult {
  if (typeof value !== 'string') return refuse('The IP address must be text');
  const text = value.trim();
  if (text === '') return refuse('The IP address is empty');

  if (text.startsWith('[')) {
    const match = /^\[([^\]]*)\](?::(.*))?$/.exec(text);
    if (match === null) {
      return refuse('Write a bracketed IPv6 address as [2001:db8::1] or [2001:db8::1]:443');
    }
    const [, inner, portText] = match;
    const parsed = canonicalIpv6(inner);
    if (!parsed.ok) return parsed;
    if (portText === undefined) return parsed;
    const port = parsePort(portText);
    return port === undefined ? refuse(PORT_REASON) : { ...parsed, port };
  }

  const colons = text.split(':').length - 1;
  if (colons >= 2) return canonicalIpv6(text);
  if (colons === 1) {
    const [host, portText] = text.split(':');
    const parsed = canonicalIpv4(host);
    if (!parsed.ok) return parsed;
    const port = parsePort(portText);
    return port === undefined ? refuse(PORT_REASON) : { ...parsed, port };
  }
  return canonicalIpv4(text);
}

/** Formats canonical parts as `a.b.c.d`, `a.b.c.d:port`, `v6` or `[v6]:port`. */
function formatIp(address: string, family: 4 | 6, port: number | undefined): string {
  if (port === undefined) return address;
  return family === 6 ? `[${address}]:${port}` : `${address}:${port}`;
}

function normaliseIp(raw: string, family: 4 | 6 | undefined, portRequired: boolean): NormaliseResult {
  const parsed = parseIpWithOptionalPort(raw);
  if (!parsed.ok) return parsed;
  if (family === 4 && parsed.family !== 4) {
    return refuse('This is an IPv6 address: choose the identifier type ipv6');
  }
  if (family === 6 && parsed.family !== 6) {
    return refuse('This is an IPv4 address: choose the identifier type ipv4');
  }
  if (portRequired && parsed.port === undefined) {
    return refuse('Give the port as well, e.g. 203.0.113.7:443 or [2001:db8::1]:443');
  }
  return { ok: true, normalised: formatIp(parsed.address, parsed.family, parsed.port) };
}

// ---------------------------------------------------------------------------------------------
// email and free text
// ---------------------------------------------------------------------------------------------

/**
 * Email: `validator.isEmail` with its defaults (top-level domain required, no display name, no IP
 * literal). Only the domain is lower-cased: the local part may be case-sensitive (RFC 5321 §2.4)
 * and provider-specific rewriting (`normalizeEmail`'s Gmail dot removal) would change the
 * identifier the operator is asked about.
 */
function normaliseEmail(raw: string): NormaliseResult {
  const value = raw.trim();
  if (value === '') return refuse('The email address is empty');
  if (!validator.isEmail(value)) {
    return refuse('Not a valid email address (expected e.g. name@example.com)');
  }
  const at = value.lastIndexOf('@');
  return { ok: true, normalised: `${value.slice(0, at)}@${value.slice(at + 1).toLowerCase()}` };
}

/**
 * Account ids, usernames, postal items and other identifiers have no common format: trimmed,
 * non-empty, at most {@link FREE_TEXT_MAX_LENGTH} code points, no control characters (a pasted
 * line break or tab is invisible on screen and would be transposed to the operator as is).
 */
function normaliseFreeText(raw: string): NormaliseResult {
  const value = raw.trim();
  if (value === '') return refuse('The identifier is empty');
  if (/\p{Cc}/u.test(value)) {
    return refuse('The identifier contains control characters such as line breaks or tabs');
  }
  if ([...value].length > FREE_TEXT_MAX_LENGTH) {
    return refuse(`The identifier is longer than ${FREE_TEXT_MAX_LENGTH} characters`);
  }
  return { ok: true, normalised: value };
}
