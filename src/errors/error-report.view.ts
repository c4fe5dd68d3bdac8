/**
 * View model of the report of a communications-data error to the Investigatory Powers Commissioner
 * (docs/law.md §4.3). Plain data, the same for the JSON endpoint and the PDF: the caller loads the error,
 * its linked records and its history and builds the view (`buildErrorReportView`). Values stay as the
 * API speaks them, codes (`reportedToIpc`, `excessData`) and ISO instants, so the JSON can be read by a
 * program; the PDF (`renderErrorReportPdf`) prints every code in words and every instant as a London time
 * with its zone. Booleans are `isIpRelated`, `dataDestructionConfirmed` and `cspInformed`; `null` is
 * "not recorded".
 */
import { CD_ERROR_KIND_LABELS } from '../workflow/cd-error.labels';
import type { CdErrorKind } from '../workflow/cd-error.types';

/** Error classes that can be reported (docs/law.md §4.1); `null` while the error is unclassified. */
export type ErrorReportKind = CdErrorKind;

/** The §4.3 report fields (`null` = not recorded); instants as ISO strings with an offset. */
export interface ErrorReportFields {
  errorDescription: string | null;
  howItOccurred: string | null;
  collateralIntrusion: string | null;
  preventiveSteps: string | null;
  dataDestructionConfirmed: boolean | null;
  dataDestroyedAt: string | null;
  actionTakenOnData: string | null;
  cspInformed: boolean | null;
  cspNotInformedReason: string | null;
  excessDataDetails: string | null;
  dataWronglyObtained: string | null;
  /** A code of `DATA_DISPOSALS`. */
  dataDisposal: string | null;
  occurredAt: string | null;
  discoveredAt: string | null;
  establishedAt: string | null;
  reportedAt: string | null;
  reportedBy: string | null;
  sroSightedAt: string | null;
  authoriserReview: string | null;
}

export type ErrorReportFieldKey = keyof ErrorReportFields;

export interface ErrorReportTimelineEntry {
  /** ISO instant. */
  at: string;
  label: string;
}

/** One row of the error's hash-chained history (oldest first). */
export interface ErrorReportHistoryRow {
  position: number;
  /** ISO instant. */
  at: string;
  /** A code of `CD_ERROR_EVENT_TYPES`, or `created` / `edited` for rows that are not machine events. */
  event: string;
  actor: string;
  fromState: string | null;
  toState: string;
  hash: string;
  prevHash: string;
}

/** The initial notification, when the full facts could not be reported in time (docs/law.md §4.4). */
export interface ErrorReportInitialNotification {
  whatIsKnown: string;
  whyFullReportNotReady: string;
  /** ISO instant. */
  fullReportExpectedBy: string;
  /** ISO instant. */
  madeAt: string;
  madeBy: string;
}

/** The IPC's answer and what followed (docs/law.md §4.4; IPA s.231(5)); `null` = not yet. */
export interface ErrorReportIpcExchange {
  /** A code of `IPC_RESPONSES`. */
  response: string | null;
  reference: string | null;
  submissionsRequestedAt: string | null;
  submissionsDueBy: string | null;
  submissions: string | null;
  submissionsMadeAt: string | null;
  seriousError: boolean | null;
  personInformed: boolean | null;
  determinationNotes: string | null;
  investigationOutcome: string | null;
}

export interface ErrorReportView {
  errorId: string;
  authorityName: string;
  /** The entry's state, a code of `CD_ERROR_STATES`. */
  status: string;
  kind: ErrorReportKind | null;
  /** A code of `CAUSE_CODES`, or "not recorded". */
  causeCode: string;
  /** A code of `RESPONSIBLE_PARTIES`, or "not recorded". */
  responsibleParty: string;
  isIpRelated: boolean;
  /** URNs of the authorisations/notices concerned (§4.3 `urn`). */
  linkedUrns: string[];
  linkedDisclosureRequestIds: string[];
  fields: ErrorReportFields;
  reportDueAt: string | null;
  agreedDueAt: string | null;
  /** Reported after the due date that applied (`true`), by it (`false`), or not yet reported or with no due date (`null`). */
  reportedLate: boolean | null;
  initialNotification: ErrorReportInitialNotification | null;
  ipc: ErrorReportIpcExchange;
  timeline: ErrorReportTimelineEntry[];
  history: ErrorReportHistoryRow[];
  /** ISO instant. */
  generatedAt: string;
  generatedBy: string;
}

export const REPORT_TITLE = 'Report of a communications data error to the Investigatory Powers Commissioner';

/** Protective marking of the report (docs/law.md §5): header and footer of every page. */
export const REPORT_MARKING = 'OFFICIAL-SENSITIVE';

/** Shown for `null` values. */
export const NOT_RECORDED = 'Not recorded';

/** Labels of the identification block (the §4.3 `urn`, `causeCode`, `responsibleParty`, `isIpRelated`, and the deadline). */
export const REPORT_IDENTIFICATION_LABELS = Object.freeze({
  errorId: 'Error reference',
  authorityName: 'Public authority',
  status: 'Status',
  kind: 'Classification',
  causeCode: 'Cause',
  responsibleParty: 'Responsible party',
  isIpRelated: 'IP address related',
  reportDueAt: 'Report due by',
  agreedDueAt: 'Agreed due date',
  reportedLate: 'Full report late',
  linkedUrns: 'Authorisation/notice URNs',
  linkedDisclosureRequestIds: 'Disclosure requests',
} as const);

export const UNCLASSIFIED_KIND_LABEL = 'Not yet classified';

/**
 * How each §4.3 field is printed: `text` as given, `instant` as a London time with its zone, `flag` as
 * Yes/No, `disposal` in words. A `Record`, so a new field without a format fails to compile.
 */
export type ReportFieldFormat = 'text' | 'instant' | 'flag' | 'disposal';

export const REPORT_FIELD_FORMATS: Readonly<Record<ErrorReportFieldKey, ReportFieldFormat>> = Object.freeze({
  errorDescription: 'text',
  howItOccurred: 'text',
  collateralIntrusion: 'text',
  preventiveSteps: 'text',
  dataDestructionConfirmed: 'flag',
  dataDestroyedAt: 'instant',
  actionTakenOnData: 'text',
  cspInformed: 'flag',
  cspNotInformedReason: 'text',
  excessDataDetails: 'text',
  dataWronglyObtained: 'text',
  dataDisposal: 'disposal',
  occurredAt: 'instant',
  discoveredAt: 'instant',
  establishedAt: 'instant',
  reportedAt: 'instant',
  reportedBy: 'text',
  sroSightedAt: 'instant',
  authoriserReview: 'text',
});

/** Label of every §4.3 field of {@link ErrorReportFields}, keyed and ordered as the report prints them. */
const FIELD_LABELS: Readonly<Record<ErrorReportFieldKey, string>> = {
  errorDescription: 'Description of the error',
  howItOccurred: 'How the error occurred',
  collateralIntrusion: 'Collateral intrusion',
  preventiveSteps: 'Steps to prevent recurrence',
  dataWronglyObtained: 'Data wrongly obtained (amount)',
  dataDisposal: 'What was done with the data',
  dataDestructionConfirmed: 'Data destruction confirmed',
  dataDestroyedAt: 'Data destroyed at',
  actionTakenOnData: 'Action taken on the data',
  cspInformed: 'Operator (CSP) informed',
  cspNotInformedReason: 'Reason operator not informed',
  excessDataDetails: 'Excess data details',
  occurredAt: 'Occurred at',
  discoveredAt: 'Discovered at',
  establishedAt: 'Established at',
  reportedAt: 'Reported at',
  reportedBy: 'Reported by',
  sroSightedAt: 'SRO sighted at',
  authoriserReview: 'Authoriser review of the data',
};

/**
 * The §4.3 fields in report order, each with its label. Built from a `Record` so that adding a field
 * to {@link ErrorReportFields} without a label fails to compile.
 */
export const REPORT_FIELD_LABELS: ReadonlyArray<{ readonly key: ErrorReportFieldKey; readonly label: string }> =
  Object.freeze(
    (Object.keys(FIELD_LABELS) as ErrorReportFieldKey[]).map((key) => Object.freeze({ key, label: FIELD_LABELS[key] })),
  );

/** The kind in words (cd-error.labels.ts, with the register's other vocabularies), or "Not yet classified". */
export function formatErrorKind(kind: ErrorReportKind | null): string {
  return kind === null ? UNCLASSIFIED_KIND_LABEL : CD_ERROR_KIND_LABELS[kind];
}
