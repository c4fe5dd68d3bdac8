import type { DataCategory, IdentifierType, PeriodKind } from '../../workflow/application.types';

/**
 * One data item of a request, as the application authorised it (docs/law.md §3.3–§3.4): copied from the form
 * when the request is made, so the identifier the CSP receives is the application's normalised value, byte
 * for byte, and no one keys it again. A narrower period than the authorised one may be asked for.
 */
export interface DisclosureItem {
  /** The data item's reference within the application. */
  dataItemRef: string;
  identifier: { ref: string; type: IdentifierType; value: string; normalisedValue: string };
  category: DataCategory;
  subtype: string;
  periodKind: PeriodKind;
  /** ISO 8601 with an explicit offset, as authorised or narrower. */
  periodStart: string;
  periodEnd: string;
  timeZone: string | null;
}

/** What the request's transitions recorded besides its columns (disclosure-request.engine.ts `DisclosureRequestChanges`). */
export interface DisclosureOutcome {
  sentBy?: string;
  cspStatement?: string;
  cspReason?: string;
  checkedAt?: string;
  checkedBy?: string;
  cancellationReason?: string;
  cancelledBy?: string;
}
