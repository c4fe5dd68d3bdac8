/**
 * Renders an {@link ErrorReportView} as the PDF report of a communications-data error to the
 * Investigatory Powers Commissioner (docs/law.md §4.3), marked OFFICIAL-SENSITIVE in the header and
 * footer of every page (docs/law.md §5), with the PDF kit of src/pdf.
 *
 * The view holds codes and ISO instants (it is also the JSON answer); here every code is printed in
 * words (cd-error.labels.ts) and every instant as a Europe/London time with its zone, e.g.
 * `18 Dec 2026 14:03 GMT`: the reader is a person, and the day that counts is the UK civil day
 * (docs/law.md §2.3).
 *
 * Synchronous layout on the calling thread: the service renders through the worker pool
 * (error-report.worker.ts), never on the event loop (docs/architecture.md §10, PDF). The same view and
 * creation date give byte-identical output.
 */
import { drawTable } from '../pdf/pdf-table';
import type { PdfWriter } from '../pdf/pdf-writer';
import { listOrNone, londonTime, wordsFor, yesNo } from '../pdf/plain-english';
import { renderPdf } from '../pdf/render-pdf';
import {
  CAUSE_CODE_LABELS,
  CD_ERROR_EVENT_LABELS,
  CD_ERROR_RECORD_CHANGE_LABELS,
  CD_ERROR_STATE_LABELS,
  DATA_DISPOSAL_LABELS,
  IPC_RESPONSE_LABELS,
  RESPONSIBLE_PARTY_LABELS,
} from '../workflow/cd-error.labels';
import {
  NOT_RECORDED,
  REPORT_FIELD_FORMATS,
  REPORT_FIELD_LABELS,
  REPORT_IDENTIFICATION_LABELS as ID_LABELS,
  REPORT_MARKING,
  REPORT_TITLE,
  formatErrorKind,
  type ErrorReportFieldKey,
  type ErrorReportHistoryRow,
  type ErrorReportView,
} from './error-report.view';

export interface RenderErrorReportPdfOptions {
  /** Written as the PDF's CreationDate and ModDate (and so into its `/ID`): pass a fixed date in tests. */
  creationDate: Date;
}

/** Words for what a history row records: a machine event, or the entry's creation or an edit. */
const HISTORY_EVENT_LABELS: Readonly<Record<string, string>> = Object.freeze({
  ...CD_ERROR_EVENT_LABELS,
  ...CD_ERROR_RECORD_CHANGE_LABELS,
});

/** Headings of the history table (tests read them back). */
export const HISTORY_COLUMNS = Object.freeze({
  position: 'No.',
  at: 'When',
  event: 'What happened',
  actor: 'By',
  fromState: 'State before',
  toState: 'State after',
} as const);

export const HASH_LABEL = 'Hash';
export const PREVIOUS_HASH_LABEL = 'Previous hash';

export function renderErrorReportPdf(view: ErrorReportView, options: RenderErrorReportPdfOptions): Promise<Buffer> {
  return renderPdf(
    {
      title: `${REPORT_TITLE} (${view.errorId})`,
      subject: REPORT_MARKING,
      marking: REPORT_MARKING,
      creationDate: options.creationDate,
    },
    (writer) => writeReport(writer, view),
  );
}

function writeReport(w: PdfWriter, view: ErrorReportView): void {
  w.title(
    REPORT_TITLE,
    `Investigatory Powers Act 2016, Part 3. Error ${view.errorId}, ${view.authorityName}. Handle on a need-to-know basis.`,
  );
  identification(w, view);
  reportFields(w, view);
  initialNotification(w, view);
  ipcExchange(w, view);
  timeline(w, view);
  history(w, view.history);
  generated(w, view);
}

function identification(w: PdfWriter, view: ErrorReportView): void {
  w.heading('1. Identification');
  const rows: [string, string][] = [
    [ID_LABELS.errorId, view.errorId],
    [ID_LABELS.authorityName, view.authorityName],
    [ID_LABELS.status, wordsFor(CD_ERROR_STATE_LABELS, view.status)],
    [ID_LABELS.kind, formatErrorKind(view.kind)],
    [ID_LABELS.causeCode, wordsFor(CAUSE_CODE_LABELS, view.causeCode)],
    [ID_LABELS.responsibleParty, wordsFor(RESPONSIBLE_PARTY_LABELS, view.responsibleParty)],
    [ID_LABELS.isIpRelated, yesNo(view.isIpRelated)],
    [ID_LABELS.reportDueAt, instantOrNone(view.reportDueAt)],
    [ID_LABELS.agreedDueAt, instantOrNone(view.agreedDueAt)],
    [ID_LABELS.reportedLate, view.reportedLate === null ? 'Not yet reported' : view.reportedLate ? 'Yes: reported after its due date' : 'No'],
    // One per line: URNs contain slashes and hyphens, where a line may otherwise break.
    [ID_LABELS.linkedUrns, listOrNone(view.linkedUrns)],
    [ID_LABELS.linkedDisclosureRequestIds, listOrNone(view.linkedDisclosureRequestIds)],
  ];
  for (const [label, value] of rows) w.field(label, value, { mutedValue: value === NOT_RECORDED });
}

function reportFields(w: PdfWriter, view: ErrorReportView): void {
  w.heading('2. Details of the error');
  for (const { key, label } of REPORT_FIELD_LABELS) {
    const value = fieldValue(view, key);
    w.field(label, value, { mutedValue: value === NOT_RECORDED });
  }
}

function fieldValue(view: ErrorReportView, key: ErrorReportFieldKey): string {
  const value = view.fields[key];
  if (value === null) return NOT_RECORDED;
  if (typeof value === 'boolean') return yesNo(value);
  if (value.trim() === '') return NOT_RECORDED;
  const format = REPORT_FIELD_FORMATS[key];
  if (format === 'instant') return londonTime(value);
  return format === 'disposal' ? wordsFor(DATA_DISPOSAL_LABELS, value) : value;
}

/** Headings of the sections on the exchange with the IPC (tests read them back). */
export const INITIAL_NOTIFICATION_HEADING = '3. Initial notification';
export const IPC_EXCHANGE_HEADING = "4. The IPC's response";

function initialNotification(w: PdfWriter, view: ErrorReportView): void {
  w.heading(INITIAL_NOTIFICATION_HEADING);
  const notice = view.initialNotification;
  if (notice === null) {
    w.paragraph('No initial notification was made.', { muted: true });
    return;
  }
  w.field('Made at', `${londonTime(notice.madeAt)} by ${notice.madeBy}`);
  w.field('What is known', notice.whatIsKnown);
  w.field('Why the full report is not ready', notice.whyFullReportNotReady);
  w.field('Full report expected by', londonTime(notice.fullReportExpectedBy));
}

function ipcExchange(w: PdfWriter, view: ErrorReportView): void {
  w.heading(IPC_EXCHANGE_HEADING);
  const { ipc } = view;
  if (ipc.response === null) {
    w.paragraph('No response from the IPC is recorded.', { muted: true });
    return;
  }
  const rows: [string, string | null][] = [
    ['Response', wordsFor(IPC_RESPONSE_LABELS, ipc.response)],
    ["IPC's reference", ipc.reference],
    ['Submissions requested at (IPA s.231(5))', ipc.submissionsRequestedAt && londonTime(ipc.submissionsRequestedAt)],
    ['Submissions due by', ipc.submissionsDueBy && londonTime(ipc.submissionsDueBy)],
    ['Submissions made', ipc.submissions],
    ['Submissions made at', ipc.submissionsMadeAt && londonTime(ipc.submissionsMadeAt)],
    ['Serious error', ipc.seriousError === null ? null : yesNo(ipc.seriousError)],
    ['Person informed', ipc.personInformed === null ? null : yesNo(ipc.personInformed)],
    ['Determination notes', ipc.determinationNotes],
    ['Outcome of the investigation', ipc.investigationOutcome],
  ];
  for (const [label, value] of rows) if (value !== null) w.field(label, value);
}

function timeline(w: PdfWriter, view: ErrorReportView): void {
  w.heading('5. Timeline');
  if (view.timeline.length === 0) {
    w.paragraph('No timeline entries.', { muted: true });
    return;
  }
  for (const entry of view.timeline) w.field(londonTime(entry.at), entry.label, { labelFont: 'regular' });
}

function history(w: PdfWriter, rows: readonly ErrorReportHistoryRow[]): void {
  w.heading('6. History (hash chain)');
  if (rows.length === 0) {
    w.paragraph('No history recorded.', { muted: true });
    return;
  }
  drawTable(w, {
    columns: [
      // "When" is wide enough for "13 Mar 2026 23:59 GMT" on one line.
      { header: HISTORY_COLUMNS.position, weight: 0.35 },
      { header: HISTORY_COLUMNS.at, weight: 1.75 },
      { header: HISTORY_COLUMNS.event, weight: 1.5 },
      { header: HISTORY_COLUMNS.actor, weight: 1.5 },
      { header: HISTORY_COLUMNS.fromState, weight: 1.3 },
      { header: HISTORY_COLUMNS.toState, weight: 1.3 },
    ],
    rows: rows.map((row) => ({
      cells: [
        String(row.position),
        londonTime(row.at),
        wordsFor(HISTORY_EVENT_LABELS, row.event),
        row.actor,
        row.fromState === null ? 'None' : wordsFor(CD_ERROR_STATE_LABELS, row.fromState),
        wordsFor(CD_ERROR_STATE_LABELS, row.toState),
      ],
      notes: [`${HASH_LABEL} ${row.hash}`, `${PREVIOUS_HASH_LABEL} ${row.prevHash}`],
    })),
  });
}

function generated(w: PdfWriter, view: ErrorReportView): void {
  w.moveDown(0.3);
  // The rule and the line under it stay together.
  w.ensureSpace(24);
  w.rule();
  w.moveDown(0.2);
  w.paragraph(`Generated by ${view.generatedBy} at ${londonTime(view.generatedAt)}.`, { size: 9, muted: true });
}

function instantOrNone(value: string | null): string {
  return value === null ? NOT_RECORDED : londonTime(value);
}
