/**
 * A product's own codes in words, for what a person reads in its PDF (docs/architecture.md §14: a document
 * shows no code). The product content keeps the codes (product-content.ts); only the renderer puts them
 * into words, through `wordsFor`, which spells out a code a table does not know rather than printing it.
 * The application's vocabulary (routes, identifiers, data types, periods) is worded once, in
 * src/workflow/application-form.labels.ts, the return checks in src/workflow/return-checks.ts, and a product's
 * kind, handling and record types in src/workflow/product.labels.ts.
 */
import type { ReturnCheckCode } from '../workflow/return-checks';
import type { ProductContinuityEntry, WithholdableField } from './product-content';

/** What an intelligence product says it leaves out, without printing it. */
export const WITHHELD_LABELS: Readonly<Record<WithholdableField, string>> = Object.freeze({
  cspNames: 'CSP names withheld',
  spocNotes: "The SPOC's notes withheld",
});

export const CONTINUITY_LABELS: Readonly<Record<ProductContinuityEntry['what'], string>> = Object.freeze({
  requested: 'Requested',
  received: 'Received',
  checked: 'Checked',
  issued: 'Issued',
});

/** A row's accepted flag, as the note under it says what it failed. */
export const RETURN_FLAG_LABELS: Readonly<Record<ReturnCheckCode, string>> = Object.freeze({
  IDENTIFIER_NOT_REQUESTED: 'Identifier not asked for',
  OUTSIDE_PERIOD: 'Outside the period asked for',
  DATA_TYPE_NOT_REQUESTED: 'Data type not asked for',
  ADDRESS_TYPE_MISMATCH: 'Billing address, not the installation address',
  CONTENT_SUSPECTED: 'May hold content',
  EXCESS_DATA: 'More than was asked for',
  AMBIGUOUS_LOCAL_TIME: 'Time cannot be placed (clock change)',
  AFTER_END: 'Arrived after the authorisation ended',
  PARTS_MISSING: 'Part of the delivery missing',
});

/** Call-record event types and directions (docs/returns.md §3.2), read in any case. */
export const EVENT_TYPE_LABELS: Readonly<Record<string, string>> = Object.freeze({
  voice: 'Voice call',
  sms: 'SMS',
  mms: 'MMS',
  data: 'Data session',
});

export const DIRECTION_LABELS: Readonly<Record<string, string>> = Object.freeze({
  in: 'Incoming',
  out: 'Outgoing',
});

export const ADDRESS_TYPE_LABELS: Readonly<Record<string, string>> = Object.freeze({
  installation: 'installation address',
  billing: 'billing address',
});
