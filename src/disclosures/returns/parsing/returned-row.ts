/**
 * What the row checker reads a return against, and what it gives back for each row. Kept apart from
 * the checker so that the checks of each record type can share them; row-checker.ts re-exports them.
 */
import type { ReturnCheckCode } from './return-check-codes';
import type { ReturnRecordType } from './return-schema';

/**
 * The data item of a disclosure request, as authorised and sent (docs/law.md §8): the identifier's type
 * (an IdentifierType: `msisdn`, `ipv4`, `ipv6`, `ipPort`, `imei`, …) and its normalised value, byte for
 * byte as sent (docs/law.md §3.3), the subtype (docs/law.md §3.4), and the period asked for, both ends
 * ISO 8601 with an explicit offset and inclusive. An IP address resolution at a point in time has start
 * and end the same instant.
 */
export interface ReturnItem {
  identifierType: string;
  normalisedValue: string;
  subtype: string;
  periodStart: string;
  periodEnd: string;
}

/**
 * Everything a return's rows are checked against. `zone`: the IANA zone the CSP has declared for times
 * without an offset (the directory's file time zone), or null when it has declared none, and then such a
 * time is refused. `precisionSeconds`: how far, either way, the CSP says its IP resolution times may be
 * from the time asked for (0 or more).
 */
export interface ReturnContext {
  item: ReturnItem;
  zone: string | null;
  precisionSeconds: number;
}

/**
 * One row of a return, read and checked. Instants are 24-character ISO UTC strings
 * (`2026-03-01T10:00:00.000Z`, docs/architecture.md §6).
 *
 * - `identifier`: subscriber, the identifier; call record, the A party; IP resolution, the IP address.
 *   Normalised as the application normalises identifiers (docs/law.md §3.3) when it can be, else as
 *   written; an IP address is in canonical form, without its port.
 * - `otherParty`: call record, the B party, normalised when it can be, else as written; else null.
 * - `atUtc`: subscriber `valid_from`, call `start_time`, IP `observed_time`; null when that time happened
 *   twice or never in the CSP's zone (AMBIGUOUS_LOCAL_TIME).
 * - `untilUtc`: subscriber `valid_to`; null when the details still apply, and also when `valid_to` was
 *   ambiguous (the row is then flagged AMBIGUOUS_LOCAL_TIME and its detail says so). Else null.
 * - `sourceOffset`: the offset of the `atUtc` time as written, or as resolved in the zone (`+01:00`);
 *   null when it was ambiguous. `localTime`: that time as written when it carried no offset, else null.
 * - `flags`: the checks the row failed, in RETURN_CHECK_CODES order, without repeats; `details` one short
 *   plain-English reason per flag, in the same order. A clean row's two arrays are one shared, frozen,
 *   empty array: copy before adding to them.
 */
export interface AcquiredRow {
  rowNumber: number;
  recordType: ReturnRecordType;
  identifier: string | null;
  otherParty: string | null;
  atUtc: string | null;
  untilUtc: string | null;
  sourceOffset: string | null;
  localTime: string | null;
  durationSeconds: number | null;
  eventType: string | null;
  cellId: string | null;
  port: number | null;
  name: string | null;
  address: string | null;
  addressType: 'installation' | 'billing' | null;
  flags: ReturnCheckCode[];
  details: string[];
}

/** The `column` of a refusal that is about the row as a whole (its number of cells). */
export const WHOLE_ROW = '(whole row)';

/**
 * A row that cannot be read at all: the wrong number of cells, a required cell empty, a time or number
 * that cannot be read, a time without an offset when the CSP has declared no zone, a word outside its
 * column's list. The caller refuses the whole file with this row, column and reason: a file that cannot
 * be read cannot be checked, and an unchecked return cannot be released (docs/law.md §5).
 */
export class RowRefusal extends Error {
  constructor(
    readonly rowNumber: number,
    readonly column: string,
    readonly reason: string,
    /** `noZone`: a time without an offset from a CSP that declared no zone, refused with its own code. */
    readonly kind: 'unreadable' | 'noZone' = 'unreadable',
  ) {
    super(`row ${rowNumber}, ${column}: ${reason}`);
    this.name = 'RowRefusal';
  }
}

/** Reads and checks the rows of one return, one call per row, in file order (docs/law.md §5, Checking). */
export interface RowChecker {
  /**
   * The row's cells, in the header's order, and its number as the caller counts rows (shown in refusals
   * and details). Rows must come in file order: the EXCESS_DATA check remembers earlier rows.
   * @throws RowRefusal when the row cannot be read.
   */
  check(cells: readonly string[], rowNumber: number): AcquiredRow;
}
