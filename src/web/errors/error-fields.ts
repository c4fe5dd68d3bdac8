import {
  CAUSE_CODE_LABELS,
  CD_ERROR_KIND_LABELS,
  DATA_DISPOSAL_LABELS,
  IPC_RESPONSE_LABELS,
  RESPONSIBLE_PARTY_LABELS,
} from '../../workflow/cd-error.labels';
import { fieldId } from '../web-exception.filter';

/** How a field is asked: GOV.UK inputs, a date and time with its zone (partials/date-time-input.njk), or a choice. */
export type ErrorFieldType = 'text' | 'textarea' | 'dateTime' | 'radios' | 'select' | 'yesNo';

/**
 * One question of the register's forms. `path` is where its answer goes in the API's body (`report.discoveredAt`,
 * `initialNotification.whatIsKnown`); `name` is the path the API's refusals name it by (the guards name report
 * fields bare, docs/law.md §4.3), and its id on the page is that name as {@link fieldId} writes it.
 */
export interface ErrorField {
  path: string;
  name: string;
  id: string;
  label: string;
  hint?: string;
  type: ErrorFieldType;
  options?: readonly { value: string; text: string }[];
}

const options = (labels: Readonly<Record<string, string>>) => Object.entries(labels).map(([value, text]) => ({ value, text }));

function field(path: string, type: ErrorFieldType, label: string, extra: Partial<Pick<ErrorField, 'hint' | 'options'>> = {}): ErrorField {
  const name = path.startsWith('report.') ? path.slice('report.'.length) : path;
  return { path, name, id: fieldId(name), label, type, ...extra };
}

/** The report's fields (docs/law.md §4.3), worded as questions; the PDF's labels (error-report.view.ts) name them on the entry's page. */
export const REPORT_FIELDS = {
  urn: field('report.urn', 'text', 'URN of the authorisation or notice concerned (optional)'),
  errorDescription: field('report.errorDescription', 'textarea', 'What went wrong'),
  howItOccurred: field('report.howItOccurred', 'textarea', 'How it happened'),
  occurredAt: field('report.occurredAt', 'dateTime', 'When the error happened (optional)', { hint: 'If it is known.' }),
  discoveredAt: field('report.discoveredAt', 'dateTime', 'When the error was discovered'),
  establishedAt: field('report.establishedAt', 'dateTime', 'When the error was established', {
    hint: 'A relevant error must be reported to the IPC within 10 working days of this.',
  }),
  causeCode: field('report.causeCode', 'select', 'Cause', { options: options(CAUSE_CODE_LABELS) }),
  responsibleParty: field('report.responsibleParty', 'radios', 'Who was responsible', { options: options(RESPONSIBLE_PARTY_LABELS) }),
  isIpRelated: field('report.isIpRelated', 'yesNo', 'Is it about IP address data? (optional)'),
  collateralIntrusion: field('report.collateralIntrusion', 'textarea', 'Collateral intrusion: whose privacy was intruded on, and how'),
  preventiveSteps: field('report.preventiveSteps', 'textarea', 'Steps taken or to be taken so that it does not happen again'),
  dataWronglyObtained: field('report.dataWronglyObtained', 'textarea', 'How much data was wrongly obtained'),
  dataDisposal: field('report.dataDisposal', 'radios', 'What was done with the data wrongly obtained', { options: options(DATA_DISPOSAL_LABELS) }),
  dataDestructionConfirmed: field('report.dataDestructionConfirmed', 'yesNo', 'Has the destruction of the data been confirmed? (optional)'),
  dataDestroyedAt: field('report.dataDestroyedAt', 'dateTime', 'When the data was destroyed', { hint: 'Needed when the data was destroyed.' }),
  actionTakenOnData: field('report.actionTakenOnData', 'textarea', 'Action taken on the data', {
    hint: 'For example, a warrant executed, a visit, an arrest, or the data shared. Say "None" if nothing was done.',
  }),
  cspInformed: field('report.cspInformed', 'yesNo', 'Was the telecommunications operator told of the error?'),
  cspNotInformedReason: field('report.cspNotInformedReason', 'textarea', 'Why the operator was not told', { hint: 'Needed if it was not told.' }),
  excessDataDetails: field('report.excessDataDetails', 'textarea', 'Details of the excess data', { hint: 'Needed when the cause is excess data disclosed.' }),
  authoriserReview: field('report.authoriserReview', 'textarea', 'The authoriser’s review: is using the data still necessary and proportionate? (optional)'),
} as const satisfies Record<string, ErrorField>;

/** What makes a record (RECORD_REPORT_FIELDS, docs/law.md §4.3), with the URN and the optional ones. */
export const RECORD_FIELDS: readonly ErrorField[] = [
  REPORT_FIELDS.urn,
  REPORT_FIELDS.errorDescription,
  REPORT_FIELDS.howItOccurred,
  REPORT_FIELDS.occurredAt,
  REPORT_FIELDS.discoveredAt,
  REPORT_FIELDS.establishedAt,
  REPORT_FIELDS.causeCode,
  REPORT_FIELDS.responsibleParty,
  REPORT_FIELDS.isIpRelated,
];

/** What the report to the IPC adds (IPC_REPORT_FIELDS and the fields they call for, docs/law.md §4.3). */
export const IPC_REPORT_FIELDS: readonly ErrorField[] = [
  REPORT_FIELDS.collateralIntrusion,
  REPORT_FIELDS.preventiveSteps,
  REPORT_FIELDS.dataWronglyObtained,
  REPORT_FIELDS.dataDisposal,
  REPORT_FIELDS.dataDestructionConfirmed,
  REPORT_FIELDS.dataDestroyedAt,
  REPORT_FIELDS.actionTakenOnData,
  REPORT_FIELDS.cspInformed,
  REPORT_FIELDS.cspNotInformedReason,
  REPORT_FIELDS.excessDataDetails,
  REPORT_FIELDS.authoriserReview,
];

/** The events' own fields (CdErrorEventDto), by the step that asks them. */
export const EVENT_FIELDS = {
  dismissReason: field('reason', 'textarea', 'Why this is not an error'),
  kind: field('kind', 'radios', 'What kind of error is it?', {
    hint: 'A relevant error is reported to the IPC within 10 working days; a recordable error stays in the register; an operator error is reported too.',
    options: options(CD_ERROR_KIND_LABELS),
  }),
  agreedDueAt: field('agreedDueAt', 'dateTime', 'The new due date the IPC agreed'),
  ipcAgreementReference: field('ipcAgreementReference', 'text', 'The IPC’s reference for its agreement'),
  extensionReason: field('reason', 'textarea', 'Why more time is needed'),
  whatIsKnown: field('initialNotification.whatIsKnown', 'textarea', 'What is known so far'),
  whyFullReportNotReady: field('initialNotification.whyFullReportNotReady', 'textarea', 'Why the full report is not ready'),
  fullReportExpectedBy: field('initialNotification.fullReportExpectedBy', 'dateTime', 'When the full report will follow'),
  ipcResponse: field('ipcResponse', 'radios', 'What did the IPC decide?', { options: options(IPC_RESPONSE_LABELS) }),
  ipcReference: field('ipcReference', 'text', 'The IPC’s reference (optional)'),
  requestedAt: field('submissionsRequest.requestedAt', 'dateTime', 'When the IPC asked for the authority’s submissions'),
  respondBy: field('submissionsRequest.respondBy', 'dateTime', 'The date the IPC gave for them (optional)'),
  submissionsText: field('submissions.text', 'textarea', 'The authority’s submissions'),
  madeAt: field('submissions.madeAt', 'dateTime', 'When the submissions were made'),
  serious: field('serious', 'yesNo', 'Did the IPC find the error serious?'),
  personInformed: field('personInformed', 'yesNo', 'Was the person concerned informed?'),
  determinationNotes: field('determinationNotes', 'textarea', 'Notes on the determination (optional)'),
  investigationOutcome: field('investigationOutcome', 'textarea', 'The outcome of the IPC’s investigation'),
} as const satisfies Record<string, ErrorField>;
