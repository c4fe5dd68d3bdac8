/**
 * View model of the report of a communications-data error to the Investigatory Powers Commissioner
 * (docs/law.md §4.3). Plain data: the caller loads the error, its linked records and its history, and
 * formats every date and enum value into display strings before handing the view to a renderer
 * (`renderErrorReportPdf`) or to the JSON endpoint. The only non-string values are the booleans
 * (`isIpRelated`, `dataDestructionConfirmed`, `cspInformed`) and `null` for "not recorded"; both
 * renderers format them with {@link formatReportValue} so the PDF and the JSON agree.
 */

/** Error classes that can be reported (docs/law.md §4.1); `null` while the error is unclassified. */
export type ErrorReportKind = 'relevantError' | 'recordableError' | 'operatorError';

/** The §4.3 report fields, as display strings (`null` = not recorded). */
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
  discoveredAt: string | null;
  establishedAt: string | null;
  reportedAt: string | null;
  reportedBy: string | null;
  sroSightedAt: string | null;
  authoriserReview: string | null;
}

export type ErrorReportFieldKey = keyof ErrorReportFields;

export interface ErrorReportTimelineEntry {
  at: string;
  label: string;
}

/** One row of the error's hash-chained history (oldest first). */
export interface ErrorReportHistoryRow {
  position: number;
  at: string;
  event: string;
  actor: string;
  fromState: string | null;
  toState: string;
  hash: string;
  prevHash: string;
}

export interface ErrorReportView {
  errorId: string;
  authorityName: string;
  status: string;
  kind: ErrorReportKind | null;
  causeCode: string;
  responsibleParty: string;
  isIpRelated: boolean;
  /** URNs of the authorisations/notices concerned (§4.3 `urn`). */
  linkedUrns: string[];
  linkedDisclosureRequestIds: string[];
  fields: ErrorReportFields;
  reportDueAt: string | null;
  agreedDueAt: string | null;
  timeline: ErrorReportTimelineEntry[];
  history: ErrorReportHistoryRow[];
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
  linkedUrns: 'Authorisation/notice URNs',
  linkedDisclosureRequestIds: 'Disclosure requests',
} as const);

export const ERROR_KIND_LABELS: Readonly<Record<ErrorReportKind, string>> = Object.freeze({
  relevantError: 'Relevant error (IPA 2016 s.231(9))',
  recordableError: 'Recordable error',
  operatorError: 'Operator (telecommunications operator) error',
});

export const UNCLASSIFIED_KIND_LABEL = 'Not yet classified';

/** Label of every §4.3 field of {@link ErrorReportFields}, keyed and ordered as the report prints them. */
const FIELD_LABELS: Readonly<Record<ErrorReportFieldKey, string>> = {
  errorDescription: 'Description of the error',
  howItOccurred: 'How the error occurred',
  collateralIntrusion: 'Collateral intrusion',
  preventiveSteps: 'Steps to prevent recurrence',
  dataDestructionConfirmed: 'Data destruction confirmed',
  dataDestroyedAt: 'Data destroyed at',
  actionTakenOnData: 'Action taken on the data',
  cspInformed: 'Operator (CSP) informed',
  cspNotInformedReason: 'Reason operator not informed',
  excessDataDetails: 'Excess data details',
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

/** Display form of a report value: booleans as Yes/No, `null` (or blank) as "Not recorded". */
export function formatReportValue(value: string | boolean | null): string {
  if (value === null) return NOT_RECORDED;
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return value.trim() === '' ? NOT_RECORDED : value;
}

export function formatErrorKind(kind: ErrorReportKind | null): string {
  return kind === null ? UNCLASSIFIED_KIND_LABEL : ERROR_KIND_LABELS[kind];
}
