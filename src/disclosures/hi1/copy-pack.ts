/**
 * The copy pack: a disclosure request as plain text, for a CSP that takes requests only through its own
 * web portal. A SPOC copies each field into the portal, so every value is printed exactly as it is sent
 * over HI-1 (hi1-message.ts) and every time is given both in UTC and in UK time with the zone named:
 * copying an identifier wrongly, and getting the time zone wrong, are the commonest errors
 * (docs/law.md §3.3, §3.4). Pure: the same input gives the same text.
 *
 * Layout: the marking, a header about the request, then one block per data item with its fields always
 * in the same order (URN, CSP, data, identifier type, identifier value, kind of period, start and end or
 * the single time, the CSP's own time zone when it is not UK time, the applicant's zone, the authoriser),
 * then the marking again. Plain English: no internal codes.
 */
import { formatLondonDateTime } from '../../workflow/london-time';
import type { DataCategory, IdentifierType, PeriodKind, Route } from '../../workflow/application.types';
import type { Hi1Input, Hi1Item } from './hi1-input';
import { checkInput, instantFromIso, usesObservedTime, utcFromDate, type Hi1Instant } from './hi1-message';

/** The protective marking printed first and last (Government Security Classifications). */
export const COPY_PACK_MARKING = 'OFFICIAL-SENSITIVE';

const LONDON = 'Europe/London';

/** The identifier types in words. */
export const IDENTIFIER_TYPE_WORDS: Readonly<Record<IdentifierType, string>> = {
  msisdn: 'Telephone number (international format)',
  imei: 'Handset identity number (IMEI)',
  imsi: 'SIM subscriber identity (IMSI)',
  ipv4: 'IP address (version 4)',
  ipv6: 'IP address (version 6)',
  ipPort: 'IP address and port',
  email: 'Email address',
  accountId: 'Account identifier',
  username: 'Username',
  postalItem: 'Postal item reference',
  other: 'Other identifier',
};

/** The data sought in words, by subtype. */
export const DATA_WORDS: Readonly<Record<string, string>> = {
  subscriber: 'Subscriber details',
  deviceDetails: 'Device details',
  ipAddressResolution: 'IP address resolution: who was using the IP address',
  callDataRecords: 'Call records',
  cellSite: 'Cell site (location) records',
  ipSessionLogs: 'IP session logs',
  emailConnectionLogs: 'Email connection logs',
  internetConnectionRecord: 'Internet connection records',
  dataVolumes: 'Data volumes',
  postalTracking: 'Postal tracking records',
};

const CATEGORY_WORDS: Readonly<Record<DataCategory, string>> = {
  entity: 'entity data',
  events: 'events data',
};

const PERIOD_KIND_WORDS: Readonly<Record<PeriodKind, string>> = {
  historic: 'Historic: a period in the past',
  current: 'Current',
  future: 'Future: data from now on, within the authorisation',
  lastTransaction: 'Last transaction',
};

const ROUTE_WORDS: Readonly<Record<Route, string>> = {
  ipc60A: 'Office for Communications Data Authorisations, section 60A of the Investigatory Powers Act 2016',
  dso61: 'Designated senior officer, section 61 of the Investigatory Powers Act 2016',
  dso61A: 'Designated senior officer, urgent, section 61A of the Investigatory Powers Act 2016',
};

/** Width of the label column. */
const LABEL_WIDTH = 36;

function line(label: string, value: string): string {
  const head = `${label}:`;
  return head.length < LABEL_WIDTH ? `${head.padEnd(LABEL_WIDTH)}${value}` : `${head} ${value}`;
}

/**
 * An instant in UTC and in UK time, e.g. `2026-03-01 00:00:00 UTC (1 Mar 2026 00:00 GMT)`. The UK time
 * comes from london-time.ts; its seconds (and any fraction) are added when they are not zero, because an
 * IP resolution turns on the second.
 */
export function formatBothZones(instant: Hi1Instant): string {
  const utc = instant.utc.replace('T', ' ').replace(/Z$/, ' UTC');
  const seconds = instant.utc.slice(17, 19) + instant.fraction;
  let london = formatLondonDateTime(new Date(instant.epochMs));
  if (instant.nanos !== 0 || seconds.slice(0, 2) !== '00') {
    london = london.replace(/ (\d{2}:\d{2}) (\S+)$/, ` $1:${seconds} $2`);
  }
  return `${utc} (${london})`;
}

/**
 * An instant as the wall clock of an IANA zone reads it, with its offset from UTC, e.g.
 * `2026-02-28 16:00:00 America/Los_Angeles (UTC-08:00)`. Seconds and any fraction are kept.
 * @throws RangeError for a zone the platform does not know.
 */
export function formatInZone(instant: Hi1Instant, timeZone: string): string {
  const parts: Record<string, string> = {};
  const formatter = new Intl.DateTimeFormat('en-GB', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  });
  const date = new Date(instant.epochSeconds * 1000);
  for (const part of formatter.formatToParts(date)) parts[part.type] = part.value;
  const wall = new Date(0);
  wall.setUTCFullYear(Number(parts.year), Number(parts.month) - 1, Number(parts.day));
  wall.setUTCHours(Number(parts.hour), Number(parts.minute), Number(parts.second), 0);
  const offset = Math.round((wall.getTime() - date.getTime()) / 60_000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const hhmm = `${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}${instant.fraction} ${timeZone} (UTC${sign}${hhmm})`;
}

function itemBlock(input: Hi1Input, item: Hi1Item, index: number): string[] {
  const { authorisation, csp } = input;
  const start = instantFromIso(item.periodStart);
  const end = instantFromIso(item.periodEnd);
  const pointInTime = usesObservedTime(item);
  const lines = [
    `Item ${index + 1} of ${input.items.length}`,
    line('Authorisation URN', authorisation.urn),
    line('Communications service provider', csp.name),
    line('Data requested', `${DATA_WORDS[item.subtype] ?? item.subtype} (${CATEGORY_WORDS[item.category]})`),
    line('Identifier type', IDENTIFIER_TYPE_WORDS[item.identifier.type]),
    line('Identifier', item.identifier.normalisedValue),
    line('Period', PERIOD_KIND_WORDS[item.periodKind]),
  ];
  if (pointInTime) {
    lines.push(line('At the time', formatBothZones(start)));
  } else {
    lines.push(line('Period start', formatBothZones(start)), line('Period end', formatBothZones(end)));
  }
  const cspZone = csp.timeZone;
  if (cspZone === null) {
    // Without a declared zone a time with no offset cannot be read, and a return holding one is refused (docs/returns.md).
    lines.push(line("CSP's time zone", 'none declared: give every time with its UTC offset'));
  } else if (cspZone !== LONDON) {
    const local = (instant: Hi1Instant): string => formatInZone(instant, cspZone);
    lines.push(line("CSP's records are kept in", `${cspZone}, not UK time`));
    if (pointInTime) {
      lines.push(line("At the time, CSP's local time", local(start)));
    } else {
      lines.push(line("Period start, CSP's local time", local(start)), line("Period end, CSP's local time", local(end)));
    }
  }
  if (item.timeZone !== null && item.timeZone !== LONDON) {
    lines.push(line('Time zone the applicant worked in', item.timeZone));
  }
  lines.push(line('Our item reference', item.ref));
  return lines;
}

/**
 * The copy pack for one disclosure request: plain text, lines ending `\n`.
 * @throws RangeError on the same inputs as `buildHi1Message`, on an identifier value containing a line
 * break or other control character (it could not be copied faithfully), and on an unknown CSP time zone.
 */
export function buildCopyPack(input: Hi1Input): string {
  checkInput(input);
  for (const item of input.items) {
    if (/\p{Cc}/u.test(item.identifier.normalisedValue)) {
      throw new RangeError(`Item ${JSON.stringify(item.ref)}: the identifier contains a control character`);
    }
  }
  const { authority, authorisation, csp } = input;
  const when = (d: Date): string => formatBothZones(instantFromIso(utcFromDate(d)));
  const header = [
    COPY_PACK_MARKING,
    '',
    'Communications data request: details to enter in the provider portal',
    line('Authorisation URN', authorisation.urn),
    ...(authorisation.reference !== authorisation.urn ? [line('Application reference', authorisation.reference)] : []),
    line('Public authority', authority.name),
    line('Communications service provider', csp.name),
    line('Authorised by', ROUTE_WORDS[authorisation.route]),
    ...(authorisation.authoriserName !== null ? [line('Name of the person who authorised', authorisation.authoriserName)] : []),
    ...(authorisation.authoriserOfficeRank !== null ? [line('Their office, rank or position', authorisation.authoriserOfficeRank)] : []),
    line('Authorised at', when(authorisation.grantedAt)),
    line('Valid from', when(authorisation.validFrom)),
    line('Valid until', when(authorisation.expiresAt)),
    line('Request prepared', when(input.createdAt)),
    line('Number of items', String(input.items.length)),
    line('Request reference', input.requestId),
  ];
  const blocks = input.items.map((item, index) => ['', ...itemBlock(input, item, index)]);
  return [...header, ...blocks.flat(), '', COPY_PACK_MARKING, ''].join('\n');
}
