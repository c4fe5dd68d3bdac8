/**
 * What a product says, frozen when it is issued (docs/products.md §2): everything its PDF prints, as data.
 * It is built once from the checked returns (product-content.builder.ts), stored as canonical JSON beside the
 * PDF rendered from it, and never changed; rendering the stored content again with the same renderer gives
 * the same bytes, because the only instant the renderer uses is `issuedAt`.
 *
 * Times are UTC ISO strings; the renderer prints them in Europe/London with the zone named, and a returned
 * row's time also in the offset the CSP gave (docs/returns.md). Codes (data types, check codes, routes) stay
 * codes here and are put into words by the renderer.
 */
import type { DataCategory, IdentifierType, PeriodKind, RecordRoute, StatutoryPurpose } from '../workflow/application.types';
import type { ProductHandling, ProductKind, ProductRecordType } from '../workflow/product.types';

export { PRODUCT_HANDLINGS, PRODUCT_KINDS, PRODUCT_RECORD_TYPES, type ProductHandling, type ProductKind, type ProductRecordType } from '../workflow/product.types';

/** What an intelligence product may leave out about how the data was acquired (docs/products.md §3). */
export const WITHHOLDABLE_FIELDS = ['cspNames', 'spocNotes'] as const;
export type WithholdableField = (typeof WITHHOLDABLE_FIELDS)[number];

/** The version of this shape; a renderer reads only the versions it knows. */
export const PRODUCT_CONTENT_VERSION = 1;

export interface ProductPerson {
  id: string;
  displayName: string;
}

export interface ProductContent {
  contentVersion: typeof PRODUCT_CONTENT_VERSION;
  productId: string;
  /** 1 for an application's first product, then 2, 3, … */
  productNumber: number;
  kind: ProductKind;
  handling: ProductHandling;
  /** The protective marking printed in the header and footer of every page. */
  marking: string;
  /** The handling caveat printed under the marking on every page. */
  handlingCaveat: string;
  urn: string;
  authorityName: string;
  /** UTC ISO instant: when it was issued, and the PDF's creation date. */
  issuedAt: string;
  issuedBy: ProductPerson;
  supersedes: { productId: string; productNumber: number; reason: string } | null;
  /** What this product leaves out (an intelligence product; an evidential one withholds nothing). */
  withheld: WithholdableField[];
  /** The evidential product's exhibit block; null for intelligence. */
  exhibit: ProductExhibit | null;
  authorisation: ProductAuthorisation;
  requests: ProductRequest[];
  /** Every returned row the product carries, by request and then by return and row number. */
  records: ProductRecord[];
  /** The SPOC's verification statement: every check of every return used, and its result. */
  verification: ProductVerification;
  /** Caveats printed at the end: corroborate before executive action; the IP-resolution warning when relevant. */
  caveats: string[];
}

export interface ProductExhibit {
  /** The exhibit reference the SPOC gives (e.g. "JS/1"). */
  reference: string;
  /** Who produces the exhibit: the issuing SPOC. */
  producer: ProductPerson;
  /** Continuity: who acquired, checked and issued the data, and when, oldest first. */
  continuity: ProductContinuityEntry[];
}

export interface ProductContinuityEntry {
  what: 'requested' | 'received' | 'checked' | 'issued';
  /** UTC ISO instant. */
  at: string;
  by: ProductPerson;
  /** What it was, in words (e.g. "Request to Example Mobile sent", "Return example.csv received, SHA-256 …"). */
  detail: string;
}

export interface ProductAuthorisation {
  route: RecordRoute | null;
  /** The authoriser's office or rank as recorded with the decision (e.g. "OCDA authorising officer"). */
  authoriserOffice: string | null;
  /** UTC ISO instants; null when not recorded. */
  decidedAt: string | null;
  validFrom: string | null;
  validUntil: string | null;
  statutoryPurpose: StatutoryPurpose | null;
}

export interface ProductRequest {
  requestId: string;
  /** The CSP's name; null when withheld. */
  cspName: string | null;
  /** The CSP's own reference for the request; null when withheld or not given. */
  cspReference: string | null;
  sentAt: string | null;
  /** When the last return used arrived; null for none. */
  returnedAt: string | null;
  /** The SPOC's notes on the request (e.g. the CSP's statement); null when withheld or none. */
  spocNotes: string | null;
  items: ProductItem[];
  /** The CSP's returns the product uses, with the SHA-256 of each file as received. */
  returns: ProductReturn[];
}

export interface ProductItem {
  dataItemRef: string;
  identifierType: IdentifierType;
  /** The identifier exactly as authorised (normalised form). */
  identifier: string;
  category: DataCategory;
  subtype: string;
  periodKind: PeriodKind;
  /** ISO instants with their offsets, as authorised or narrower. */
  periodStart: string;
  periodEnd: string;
  /** The period's declared zone (e.g. Europe/London); null when the instants carry offsets only. */
  timeZone: string | null;
}

export interface ProductReturn {
  returnId: string;
  dataItemRef: string;
  recordType: ProductRecordType;
  fileName: string;
  receivedAt: string;
  /** SHA-256 of the file exactly as received (hex). */
  sha256: string;
  rowCount: number;
  nil: boolean;
}

/** One returned row. Fields a record type does not have are null. */
export interface ProductRecord {
  requestId: string;
  returnId: string;
  rowNumber: number;
  recordType: ProductRecordType;
  identifier: string | null;
  otherParty: string | null;
  /** UTC ISO instant of the event (subscriber: registered from). */
  atUtc: string | null;
  /** UTC ISO instant the event or registration ended. */
  untilUtc: string | null;
  /** The offset the CSP's time was in, e.g. "+01:00". */
  sourceOffset: string | null;
  durationSeconds: number | null;
  eventType: string | null;
  direction: string | null;
  cellId: string | null;
  port: number | null;
  name: string | null;
  address: string | null;
  addressType: string | null;
  /** Checks the row failed that the SPOC accepted (codes); empty for a clean row. */
  acceptedFlags: string[];
}

export interface ProductVerification {
  /** The SPOC who issued the product, vouching that every check was passed or reviewed; when. */
  by: ProductPerson;
  at: string;
  /** One result per check per return used. */
  checks: ProductCheckResult[];
}

export interface ProductCheckResult {
  returnId: string;
  /** A return check code (docs/returns.md §5). */
  code: string;
  result: 'passed' | 'accepted' | 'raisedAsError';
  /** Rows that failed it (0 when passed). */
  rowCount: number;
  /** The SPOC's reason for accepting or raising it; null when passed. */
  reason: string | null;
  /** Who reviewed the failed check, and when (UTC ISO); null when passed. */
  reviewedBy: ProductPerson | null;
  reviewedAt: string | null;
}
