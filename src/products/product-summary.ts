/**
 * "Read at a glance": what a product's summary page says, as data, computed from the frozen content before
 * anything is drawn (product.pdf.ts draws it; product-activity-chart.ts draws the grid). Pure functions: no
 * clock, no I/O, and every order is total, so the same content always gives the same summary.
 *
 * - Call records, per identifier asked for: its contacts (the other parties) ranked by how many events each
 *   has, and its activity, events counted by Europe/London day and hour (docs/law.md §2.3: the day that
 *   counts is the UK civil day).
 * - Subscriber details and IP address resolutions: one sentence per returned row answering the question
 *   the request asked ("… was registered to …", "… was assigned to the subscriber …"), or saying that nothing was returned.
 */
import { londonTime } from '../pdf/plain-english';
import { formatIsoDate, londonOffsetMinutes, type IsoDate } from '../workflow/london-time';
import type { ProductContent, ProductItem, ProductRecord, ProductRecordType } from './product-content';
import { ADDRESS_TYPE_LABELS } from './product-labels';

/** One other party of the calls and messages of an identifier. */
export interface ContactSummary {
  contact: string;
  /** Calls and messages with this party. */
  events: number;
  /** UTC ISO instants of the first and last of them; null when none of them has a time. */
  firstSeen: string | null;
  lastSeen: string | null;
}

/** Events of one Europe/London day, by London hour. */
export interface ActivityDay {
  date: IsoDate;
  /** 24 counts, hour 0 to 23 of the London wall clock. */
  hours: number[];
  total: number;
}

export interface ActivityGrid {
  /** Days with at least one event, oldest first. */
  days: ActivityDay[];
  /** 24 counts over every day. */
  byHour: number[];
  /** Events with a time. */
  total: number;
  /** Events without a time (one that could not be placed, docs/returns.md §4): counted nowhere in the grid. */
  untimed: number;
}

/** The call records of one identifier asked for. */
export interface CallRecordSummary {
  identifier: string;
  events: number;
  /** Most events first; ties by earliest first seen (no time last), then by the contact's text. */
  contacts: ContactSummary[];
  /** Events whose other party is not given. */
  withoutContact: number;
  activity: ActivityGrid;
  /** UTC ISO instants of the first and last event; null when no event has a time. */
  firstEvent: string | null;
  lastEvent: string | null;
}

/** The answers for one identifier asked for subscriber details or an IP address resolution. */
export interface IdentifierAnswers {
  recordType: Exclude<ProductRecordType, 'callDataRecord'>;
  identifier: string;
  /** One sentence per returned row; one saying nothing was returned when there is none. */
  lines: string[];
}

export interface ProductSummary {
  answers: IdentifierAnswers[];
  callRecords: CallRecordSummary[];
}

const HOURS = 24;
const MS_PER_MINUTE = 60_000;

/** The record type a data item's return holds (docs/returns.md §2); null for a subtype with none. */
const RECORD_TYPE_OF_SUBTYPE: Readonly<Record<string, ProductRecordType>> = Object.freeze({
  subscriber: 'subscriber',
  callDataRecords: 'callDataRecord',
  ipAddressResolution: 'ipResolution',
});

/** Orders strings by their UTF-16 code units: the same order on every machine, whatever its locale. */
function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The other parties of `records` (call records), most events first; ties are broken by the earliest first
 * seen (a party never seen at a known time last), then by the party's text. Records without an other party
 * are left out.
 */
export function rankContacts(records: readonly ProductRecord[]): ContactSummary[] {
  interface Tally {
    contact: string;
    events: number;
    first: number;
    last: number;
    firstSeen: string | null;
    lastSeen: string | null;
  }
  const byContact = new Map<string, Tally>();
  for (const record of records) {
    if (record.otherParty === null) continue;
    let tally = byContact.get(record.otherParty);
    if (tally === undefined) {
      tally = { contact: record.otherParty, events: 0, first: Infinity, last: -Infinity, firstSeen: null, lastSeen: null };
      byContact.set(record.otherParty, tally);
    }
    tally.events += 1;
    const t = record.atUtc === null ? NaN : Date.parse(record.atUtc);
    if (Number.isNaN(t)) continue;
    if (t < tally.first) [tally.first, tally.firstSeen] = [t, record.atUtc];
    if (t > tally.last) [tally.last, tally.lastSeen] = [t, record.atUtc];
  }
  return [...byContact.values()]
    // Infinity - Infinity (two parties never seen at a known time) is NaN, which falls through to the text.
    .sort((a, b) => b.events - a.events || a.first - b.first || byText(a.contact, b.contact))
    .map(({ contact, events, firstSeen, lastSeen }) => ({ contact, events, firstSeen, lastSeen }));
}

/** The Europe/London day and hour of `instant` (london-time.ts: the offset from the tz database). */
export function londonDayAndHour(instant: Date, offsetOf: (instant: Date) => number = londonOffsetMinutes): { date: IsoDate; hour: number } {
  const wall = new Date(instant.getTime() + offsetOf(instant) * MS_PER_MINUTE);
  return {
    date: formatIsoDate(wall.getUTCFullYear(), wall.getUTCMonth() + 1, wall.getUTCDate()),
    hour: wall.getUTCHours(),
  };
}

const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;
/** Since 1900 the UK's clocks have changed only on whole UTC hours, at most once a day (before, London kept its own mean time). */
const WHOLE_HOUR_CHANGES_FROM = Date.UTC(1900, 0, 1);

/**
 * {@link londonOffsetMinutes}, remembered: the tz database is asked at the first and last hour of each UTC
 * day met, and when the two agree (every day but the two a year the clocks change) the whole day has that
 * offset; on a day of change, each hour is asked on its own. Thousands of events fall in a few days, so this
 * asks a few dozen times rather than once per event.
 */
function londonOffsets(): (instant: Date) => number {
  const byDay = new Map<number, number | null>();
  const byHour = new Map<number, number>();
  const atHour = (hour: number): number => {
    let offset = byHour.get(hour);
    if (offset === undefined) {
      offset = londonOffsetMinutes(new Date(hour * MS_PER_HOUR));
      byHour.set(hour, offset);
    }
    return offset;
  };
  return (instant) => {
    const t = instant.getTime();
    if (t < WHOLE_HOUR_CHANGES_FROM) return londonOffsetMinutes(instant);
    const day = Math.floor(t / MS_PER_DAY);
    let whole = byDay.get(day);
    if (whole === undefined) {
      const first = atHour(day * 24);
      whole = first === atHour(day * 24 + 23) ? first : null;
      byDay.set(day, whole);
    }
    return whole ?? atHour(Math.floor(t / MS_PER_HOUR));
  };
}

/** Events of `records` counted by Europe/London day and hour; a record without a (valid) time is `untimed`. */
export function activityGrid(records: readonly ProductRecord[]): ActivityGrid {
  const days = new Map<IsoDate, ActivityDay>();
  const byHour = new Array<number>(HOURS).fill(0);
  let total = 0;
  let untimed = 0;
  const offsetOf = londonOffsets();
  for (const record of records) {
    const instant = record.atUtc === null ? null : new Date(record.atUtc);
    if (instant === null || Number.isNaN(instant.getTime())) {
      untimed += 1;
      continue;
    }
    const { date, hour } = londonDayAndHour(instant, offsetOf);
    let day = days.get(date);
    if (day === undefined) {
      day = { date, hours: new Array<number>(HOURS).fill(0), total: 0 };
      days.set(date, day);
    }
    day.hours[hour] += 1;
    day.total += 1;
    byHour[hour] += 1;
    total += 1;
  }
  return { days: [...days.values()].sort((a, b) => byText(a.date, b.date)), byHour, total, untimed };
}

/** The call-record summary of one identifier from its records. */
export function summariseCallRecords(identifier: string, records: readonly ProductRecord[]): CallRecordSummary {
  let first = Infinity;
  let last = -Infinity;
  let firstEvent: string | null = null;
  let lastEvent: string | null = null;
  let withoutContact = 0;
  for (const { atUtc, otherParty } of records) {
    if (otherParty === null) withoutContact += 1;
    const t = atUtc === null ? NaN : Date.parse(atUtc);
    if (Number.isNaN(t)) continue;
    if (t < first) [first, firstEvent] = [t, atUtc];
    if (t > last) [last, lastEvent] = [t, atUtc];
  }
  return {
    identifier,
    events: records.length,
    contacts: rankContacts(records),
    withoutContact,
    activity: activityGrid(records),
    firstEvent,
    lastEvent,
  };
}

/** Who, where: the name and address of a row, with the kind of address when the CSP gave it. */
function holder(record: ProductRecord, unnamed: string): string {
  const address =
    record.address === null
      ? null
      : record.addressType === null
        ? record.address
        : `${record.address} (${ADDRESS_TYPE_LABELS[record.addressType.toLowerCase()] ?? `${record.addressType} address`})`;
  const parts = [record.name, address].filter((part): part is string => part !== null && part.trim() !== '');
  return parts.length === 0 ? unnamed : parts.join(', ');
}

/**
 * One sentence for a subscriber row: `+44 7911 123456 was registered to Jane Example, 1 High Street, from
 * 1 Mar 2026 00:00 GMT to 2 Mar 2026 00:00 GMT`. `identifier` is the one asked for, printed when the row
 * does not give its own.
 */
export function subscriberAnswer(identifier: string, record: ProductRecord): string {
  const who = holder(record, 'a subscriber whose name and address were not given');
  const from = record.atUtc === null ? '' : `, from ${londonTime(record.atUtc)}`;
  const to = record.untilUtc === null ? (record.atUtc === null ? '' : ' onwards (no end given)') : ` to ${londonTime(record.untilUtc)}`;
  return `${record.identifier ?? identifier} was registered to ${who}${from}${to}`;
}

/**
 * One sentence for an IP address resolution row: `203.0.113.7 port 40000 at 1 Mar 2026 10:00 GMT was used
 * by Jane Example, 1 High Street`.
 */
export function ipResolutionAnswer(identifier: string, record: ProductRecord): string {
  const port = record.port === null ? '' : ` port ${record.port}`;
  const at = record.atUtc === null ? ' at a time not given' : ` at ${londonTime(record.atUtc)}`;
  const who = holder(record, 'a subscriber whose name and address were not given');
  return `${record.identifier ?? identifier}${port}${at} was assigned to the subscriber ${who}`;
}

function nothingReturned(recordType: IdentifierAnswers['recordType'], identifier: string): string {
  return recordType === 'subscriber'
    ? `No subscriber details were returned for ${identifier}`
    : `No IP address resolution was returned for ${identifier}`;
}

interface ItemRecords {
  item: ProductItem;
  recordType: ProductRecordType | null;
  records: ProductRecord[];
}

/** Each data item of the product, in request and item order, with the records of the returns made for it. */
function recordsByItem(content: ProductContent): { items: ItemRecords[]; unmatched: ProductRecord[] } {
  const items: ItemRecords[] = [];
  const itemOfReturn = new Map<string, ItemRecords>();
  for (const request of content.requests) {
    for (const item of request.items) {
      const entry: ItemRecords = { item, recordType: RECORD_TYPE_OF_SUBTYPE[item.subtype] ?? null, records: [] };
      items.push(entry);
      for (const ret of request.returns) {
        if (ret.dataItemRef !== item.dataItemRef) continue;
        entry.recordType ??= ret.recordType;
        itemOfReturn.set(`${request.requestId}\u0000${ret.returnId}`, entry);
      }
    }
  }
  const unmatched: ProductRecord[] = [];
  for (const record of content.records) {
    const entry = itemOfReturn.get(`${record.requestId}\u0000${record.returnId}`);
    if (entry === undefined) unmatched.push(record);
    else entry.records.push(record);
  }
  return { items, unmatched };
}

/**
 * The summary of a product: the answers for its subscriber and IP-resolution items and the call-record
 * summary of each identifier whose call records returned rows, in request and item order. Items asking
 * about the same identifier (two requests, two CSPs) are summarised together. A row whose return the
 * content does not list is summarised under the identifier it gives.
 */
export function summariseProduct(content: ProductContent): ProductSummary {
  const { items, unmatched } = recordsByItem(content);
  /** By record type and identifier, in the order first met. */
  const groups = new Map<string, { recordType: ProductRecordType; identifier: string; records: ProductRecord[] }>();
  const group = (recordType: ProductRecordType, identifier: string) => {
    const key = `${recordType}\u0000${identifier}`;
    let found = groups.get(key);
    if (found === undefined) {
      found = { recordType, identifier, records: [] };
      groups.set(key, found);
    }
    return found;
  };
  for (const { item, recordType, records } of items) {
    if (recordType === null) continue;
    const target = group(recordType, item.identifier);
    for (const record of records) if (record.recordType === recordType) target.records.push(record);
  }
  for (const record of unmatched) group(record.recordType, record.identifier ?? 'an identifier not given').records.push(record);

  const answers: IdentifierAnswers[] = [];
  const callRecords: CallRecordSummary[] = [];
  for (const { recordType, identifier, records } of groups.values()) {
    if (recordType === 'callDataRecord') {
      if (records.length > 0) callRecords.push(summariseCallRecords(identifier, records));
      continue;
    }
    const line = recordType === 'subscriber' ? subscriberAnswer : ipResolutionAnswer;
    answers.push({
      recordType,
      identifier,
      lines: records.length === 0 ? [nothingReturned(recordType, identifier)] : records.map((r) => line(identifier, r)),
    });
  }
  return { answers, callRecords };
}
