import { REPORT_FIELD_FORMATS, REPORT_FIELD_LABELS, REPORT_IDENTIFICATION_LABELS, type CdErrorHistoryItem, type CdErrorResponse } from '../../errors/public-api';
import {
  CAUSE_CODE_LABELS,
  CD_ERROR_EVENT_LABELS,
  CD_ERROR_KIND_LABELS,
  CD_ERROR_STATE_LABELS,
  DATA_DISPOSAL_LABELS,
  IPC_RESPONSE_LABELS,
  RESPONSIBLE_PARTY_LABELS,
} from '../../workflow/cd-error.labels';
import type { TimelineEntry } from '../record/timeline';
import { londonTime } from '../view-filters';

const word = (labels: Readonly<Record<string, string>>, code: string | null | undefined, none = 'Not recorded'): string =>
  code ? (labels[code] ?? code) : none;

/** Each report field in words, as the report to the IPC names it (error-report.view.ts), and the identification block's. */
export const REPORT_FIELD_WORDS: Readonly<Record<string, string>> = {
  ...Object.fromEntries(REPORT_FIELD_LABELS.map(({ key, label }) => [key, label])),
  urn: 'URN',
  causeCode: REPORT_IDENTIFICATION_LABELS.causeCode,
  responsibleParty: REPORT_IDENTIFICATION_LABELS.responsibleParty,
  isIpRelated: REPORT_IDENTIFICATION_LABELS.isIpRelated,
  links: 'Linked applications and requests',
};

/** GOV.UK tag colours: what waits on the authority stands out, what is over is grey. */
const STATUS_TAG: Readonly<Record<string, string>> = {
  suspected: 'govuk-tag--orange',
  recorded: 'govuk-tag--blue',
  assessed: 'govuk-tag--blue',
  sroSighted: 'govuk-tag--purple',
  reportedToIpc: 'govuk-tag--turquoise',
  dismissed: 'govuk-tag--grey',
  closed: 'govuk-tag--grey',
};

/** An entry's codes in words, for the register's table and the entry's page. */
export function entryWords(entry: CdErrorResponse) {
  return {
    status: word(CD_ERROR_STATE_LABELS, entry.status),
    statusTag: STATUS_TAG[entry.status] ?? 'govuk-tag--yellow',
    kind: word(CD_ERROR_KIND_LABELS, entry.kind, 'Not yet assessed'),
    cause: word(CAUSE_CODE_LABELS, entry.causeCode),
    responsibleParty: word(RESPONSIBLE_PARTY_LABELS, entry.responsibleParty),
    description: typeof entry.report.errorDescription === 'string' && entry.report.errorDescription !== '' ? entry.report.errorDescription : 'No description yet',
  };
}

/** A report field's value as a person reads it: an instant in London time, yes or no, a disposal in words. */
function shown(key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return 'Not recorded';
  const format = (REPORT_FIELD_FORMATS as Record<string, string>)[key];
  if (format === 'instant' && typeof value === 'string') return londonTime(value);
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value !== 'string') return JSON.stringify(value);
  return format === 'disposal' ? word(DATA_DISPOSAL_LABELS, value) : value;
}

/** The report's fields, in the order the report to the IPC prints them (`reportedBy` is a person's id there: left to the PDF). */
export function reportRows(entry: CdErrorResponse): { key: { text: string }; value: { text: string } }[] {
  const report = entry.report as Record<string, unknown>;
  return [
    { key: { text: 'URN' }, value: { text: shown('urn', report.urn) } },
    ...REPORT_FIELD_LABELS.filter(({ key }) => key !== 'reportedBy').map(({ key, label }) => ({ key: { text: label }, value: { text: shown(key, report[key]) } })),
  ];
}

/** What the IPC exchange holds so far, in words (docs/law.md §4.4). */
export function ipcRows(entry: CdErrorResponse): { key: { text: string }; value: { text: string } }[] {
  const ipc = entry.ipc;
  const rows: [string, string][] = [];
  if (ipc.initialNotification) {
    rows.push(['Initial notification made', londonTime(ipc.initialNotification.recordedAt)]);
    rows.push(['Full report expected by', londonTime(ipc.initialNotification.fullReportExpectedBy)]);
  }
  if (ipc.response) rows.push(['The IPC’s response', word(IPC_RESPONSE_LABELS, ipc.response.ipcResponse) + (ipc.response.ipcReference ? ` (${ipc.response.ipcReference})` : '')]);
  if (ipc.submissionsRequest) rows.push(['The IPC asked for submissions on', londonTime(ipc.submissionsRequest.requestedAt)]);
  if (ipc.submissions) rows.push(['Submissions made on', londonTime(ipc.submissions.madeAt)]);
  if (ipc.determination) {
    rows.push(['Serious error', ipc.determination.serious ? 'Yes' : 'No']);
    rows.push(['Person informed', ipc.determination.personInformed ? 'Yes' : 'No']);
  }
  if (ipc.investigationOutcome) rows.push(['Outcome of the IPC’s investigation', ipc.investigationOutcome.outcome]);
  return rows.map(([key, value]) => ({ key: { text: key }, value: { text: value } }));
}

/** The entry's history newest first, as the MoJ timeline shows it (partials/timeline.njk), report fields in words. */
export function errorTimeline(items: readonly CdErrorHistoryItem[]): TimelineEntry[] {
  return [...items].reverse().map((item) => {
    const fields = item.changes.fields.map((f) => REPORT_FIELD_WORDS[f] ?? f);
    return {
      what: item.eventType ? CD_ERROR_EVENT_LABELS[item.eventType] : item.what,
      at: item.at,
      by: [item.actor.displayName ?? 'The service', item.actor.roleLabel].filter(Boolean).join(', '),
      changed: fields.length ? `${item.kind === 'edited' ? 'Changed' : 'Report'}: ${fields.join('; ')}.` : null,
      notes: item.changes.notes.map((n) => ({ label: n.label, text: /^\d{4}-\d{2}-\d{2}T/.test(n.text) ? londonTime(n.text) : n.text })),
      blanked: item.payloadBlankedBy !== null,
    };
  });
}
