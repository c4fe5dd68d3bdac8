/**
 * A product's codes in words, for what a person reads in its PDF (docs/architecture.md §14: a document
 * shows no code). The product content keeps the codes (product-content.ts); only the renderer puts them
 * into words, through `wordsFor`, which spells out a code a table does not know rather than printing it.
 *
 * The tables are the product's own: a feature does not import another feature's internals
 * (docs/architecture.md §3), so the return check codes are worded here too, shortly, as a verification
 * statement lists them.
 */
import type { DataCategory, IdentifierType, PeriodKind, RecordRoute } from '../workflow/application.types';
import type { ProductContinuityEntry, ProductHandling, ProductKind, ProductRecordType, WithholdableField } from './product-content';

/** Who authorised, and under which section (docs/law.md §2.1). */
export const ROUTE_LABELS: Readonly<Record<RecordRoute, string>> = Object.freeze({
  ipc60A: 'Authorised by the Office for Communications Data Authorisations (IPA s.60A)',
  dso61: 'Authorised by a designated senior officer (IPA s.61)',
  dso61A: 'Urgent authorisation by a designated senior officer (IPA s.61A)',
  ripa22: 'Obtained under RIPA 2000 s.22',
});

export const IDENTIFIER_TYPE_LABELS: Readonly<Record<IdentifierType, string>> = Object.freeze({
  msisdn: 'Telephone number',
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
});

export const DATA_CATEGORY_LABELS: Readonly<Record<DataCategory, string>> = Object.freeze({
  entity: 'Entity data',
  events: 'Events data',
});

/** Data subtypes (docs/law.md §3.4), entity and events alike. */
export const DATA_SUBTYPE_LABELS: Readonly<Record<string, string>> = Object.freeze({
  subscriber: 'Subscriber details',
  deviceDetails: 'Device details',
  ipAddressResolution: 'IP address resolution',
  callDataRecords: 'Call records',
  cellSite: 'Cell site (location) records',
  ipSessionLogs: 'IP session logs',
  emailConnectionLogs: 'Email connection logs',
  internetConnectionRecord: 'Internet connection records',
  dataVolumes: 'Data volumes',
  postalTracking: 'Postal tracking records',
});

export const PERIOD_KIND_LABELS: Readonly<Record<PeriodKind, string>> = Object.freeze({
  historic: 'Historic',
  current: 'Current',
  future: 'Future',
  lastTransaction: 'Last transaction',
});

/** The returned data's tables, one per record type (docs/returns.md §2). */
export const RECORD_TYPE_LABELS: Readonly<Record<ProductRecordType, string>> = Object.freeze({
  subscriber: 'Subscriber details',
  callDataRecord: 'Call records',
  ipResolution: 'IP address resolutions',
});

export const PRODUCT_KIND_LABELS: Readonly<Record<ProductKind, string>> = Object.freeze({
  interim: 'Interim product',
  final: 'Final product',
});

export const PRODUCT_HANDLING_LABELS: Readonly<Record<ProductHandling, string>> = Object.freeze({
  intelligence: 'Intelligence product',
  evidential: 'Evidential product',
});

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

/** The checks of a CSP's return (docs/returns.md §5), as the verification statement names them. */
export const RETURN_CHECK_LABELS: Readonly<Record<string, string>> = Object.freeze({
  IDENTIFIER_NOT_REQUESTED: 'Identifier is the one asked for',
  OUTSIDE_PERIOD: 'Within the period asked for',
  DATA_TYPE_NOT_REQUESTED: 'Data of the type asked for',
  ADDRESS_TYPE_MISMATCH: 'Address is the installation address',
  CONTENT_SUSPECTED: 'No content of communications',
  EXCESS_DATA: 'No more data than asked for',
  AMBIGUOUS_LOCAL_TIME: 'Every time can be placed',
  AFTER_END: 'Arrived while the authorisation was in force',
  PARTS_MISSING: 'Every part of the delivery arrived',
});

/** A row's accepted flag, as the note under it says what it failed. */
export const RETURN_FLAG_LABELS: Readonly<Record<string, string>> = Object.freeze({
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
