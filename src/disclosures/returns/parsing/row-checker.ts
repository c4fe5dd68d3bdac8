/**
 * Reads and checks the rows of a CSP's return against the data item it answers, before anyone sees the
 * data: the SPOC must check every return against what was authorised (the identifier, the period, the
 * time zone and the data type) before the product is released, and a mismatch is a suspected error
 * (docs/law.md §5, Checking, and §4.1; CoP06 3.14; IPCO-17 8.24). A row that cannot be read is refused
 * (RowRefusal), and the caller refuses the file with it; a row that can be read comes back with the
 * checks it failed as flags (docs/returns.md lists them).
 *
 * Pure: no Nest, no database, no clock; the time zones come from the platform's tz database. The
 * streaming pipeline calls `check` once per row, for files of up to a million rows, so everything that
 * does not depend on the row is worked out here, once.
 */
import { IDENTIFIER_TYPES, type IdentifierType } from '../../../workflow/application.types';
import { CallRecordRows } from './call-record-rows';
import { IpResolutionRows } from './ip-resolution-rows';
import { recordTypeFor, RETURN_COLUMNS, type ReturnRecordType } from './return-schema';
import { readTime } from './return-time';
import type { ReturnContext, RowChecker } from './returned-row';
import type { CheckerSetup } from './row-reader';
import type { RequestedPeriod } from './row-checks';
import { SubscriberRows } from './subscriber-rows';
import { zoneOffsets } from './zone-offsets';

export { RowRefusal, WHOLE_ROW } from './returned-row';
export type { AcquiredRow, ReturnContext, ReturnItem, RowChecker } from './returned-row';

/** One period end of the item: it was authorised with an explicit offset (docs/law.md §3.4), so it reads without a zone. */
function periodEnd(text: string, which: string): number {
  const reading = readTime(text, null);
  if (!reading.ok) throw new RangeError(`The item's ${which} cannot be read: ${reading.reason}`);
  return reading.utcMs;
}

function isIdentifierType(type: string): type is IdentifierType {
  return (IDENTIFIER_TYPES as readonly string[]).includes(type);
}

/**
 * A checker for the rows of one return of `ctx.item`, whose header readHeader found `ok`:
 * `columnIndex` is that verdict's `columnIndex` (every column of the header by name, so its largest
 * position plus one is the number of cells every row must have).
 *
 * The checker remembers earlier rows (EXCESS_DATA) and the identifiers it has normalised, so use one per
 * file and give it the rows in file order.
 *
 * @throws RangeError for a context no return can be checked against: a subtype without a record type
 * (recordTypeFor), an unknown identifier type, a period end without an offset or before its start, a
 * zone the platform does not know, a negative or non-finite precision, or a required column missing from
 * `columnIndex`. These are the caller's mistakes, not the CSP's.
 */
export function createRowChecker(ctx: ReturnContext, columnIndex: Readonly<Record<string, number>>): RowChecker {
  const { item, zone, precisionSeconds } = ctx;
  const recordType: ReturnRecordType | null = recordTypeFor(item.subtype);
  if (recordType === null) throw new RangeError(`Returns of the subtype ${JSON.stringify(item.subtype)} have no schema`);
  if (!isIdentifierType(item.identifierType)) {
    throw new RangeError(`Unknown identifier type ${JSON.stringify(item.identifierType)}`);
  }
  const startMs = periodEnd(item.periodStart, 'period start');
  const endMs = periodEnd(item.periodEnd, 'period end');
  if (endMs < startMs) throw new RangeError("The item's period ends before it starts");
  const offsets = zone === null ? null : zoneOffsets(zone);
  if (zone !== null && offsets === null) throw new RangeError(`The time zone ${JSON.stringify(zone)} is not known`);
  if (!Number.isFinite(precisionSeconds) || precisionSeconds < 0) {
    throw new RangeError('The precision of IP resolution times must be a number of seconds, 0 or more');
  }
  const positions = Object.values(columnIndex);
  if (positions.some((position) => !Number.isInteger(position) || position < 0)) {
    throw new RangeError('Every column position must be a whole number, 0 or more');
  }
  const missing = RETURN_COLUMNS[recordType].filter((spec) => spec.required && !Object.hasOwn(columnIndex, spec.name));
  if (missing.length > 0) {
    throw new RangeError(`The header lacks the required columns ${missing.map((spec) => spec.name).join(', ')}`);
  }

  const period: RequestedPeriod = { startText: item.periodStart, endText: item.periodEnd, startMs, endMs };
  const setup: CheckerSetup = {
    recordType,
    identifierType: item.identifierType,
    requested: item.normalisedValue,
    period,
    zone: offsets,
    precisionSeconds,
    columnIndex,
    width: Math.max(-1, ...positions) + 1,
  };
  switch (recordType) {
    case 'subscriber':
      return new SubscriberRows(setup);
    case 'callDataRecord':
      return new CallRecordRows(setup);
    case 'ipResolution':
      return new IpResolutionRows(setup);
  }
}
