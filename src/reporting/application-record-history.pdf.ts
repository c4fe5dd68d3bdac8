/**
 * The exchange and the history in the record PDF: the conversation between the applicant, the SPOC, the
 * authoriser and a Judicial Commissioner (docs/architecture.md §8), every history row with its hash and
 * previous hash whole in a fixed-width font, what the rows outside the conversation record, and whether
 * the chain verifies (docs/architecture.md §11).
 */
import { drawTable } from '../pdf/pdf-table';
import type { PdfWriter } from '../pdf/pdf-writer';
import { londonTime, wordsFor } from '../pdf/plain-english';
import { APPLICATION_RECORD_CHANGE_LABELS, APPLICATION_STATE_LABELS } from '../workflow/application.labels';
import { fieldsInWords } from './application-record.labels';
import { field, none, person, subheading, type Sections } from './application-record-text';
import type { ApplicationRecordView, RecordHistoryRow } from './application-record.view';

/** Headings of the history table and the hash notes (tests read them back). */
export const HISTORY_COLUMNS = Object.freeze({
  position: 'No.',
  at: 'When',
  what: 'What happened',
  by: 'By',
  fromState: 'State before',
  toState: 'State after',
} as const);
export const HASH_LABEL = 'Hash';
export const PREVIOUS_HASH_LABEL = 'Previous hash';
export const CHAIN_VALID = 'The history chain verifies';
export const CHAIN_BROKEN = 'The history chain does not verify';

/** The conversation, oldest first. */
export function conversation(w: PdfWriter, s: Sections, view: ApplicationRecordView): void {
  s.heading('The conversation');
  if (view.conversation.length === 0) {
    none(w, view.imported ? 'The record was imported: no conversation took place in this service.' : 'Nothing has been sent yet.');
    return;
  }
  for (const entry of view.conversation) {
    subheading(w, `No. ${entry.position}: ${entry.what}, ${londonTime(entry.at)}`);
    field(w, 'From', person(entry.from));
    if (entry.decider !== null) field(w, 'The decision of', person(entry.decider));
    if (entry.inReplyTo !== null) field(w, 'In reply to', `No. ${entry.inReplyTo}`);
    if (entry.inReplyTo !== null) field(w, 'Form fields changed since', fieldsInWords(entry.changedFields));
    if (entry.eventType === 'RETURN_TO_APPLICANT' || entry.eventType === 'REQUEST_MORE_INFO') {
      field(w, 'Answered by', entry.answeredBy === null ? 'Not yet answered' : `No. ${entry.answeredBy}`);
    }
    for (const note of entry.notes) field(w, note.label, note.text);
  }
}

/** The history rows with their hashes, what the rows outside the conversation record, and the verification. */
export function history(w: PdfWriter, s: Sections, view: ApplicationRecordView): void {
  s.heading('History (hash chain)');
  drawTable(w, {
    columns: [
      // "When" is wide enough for "13 Mar 2026 23:59 GMT" on one line.
      { header: HISTORY_COLUMNS.position, weight: 0.35 },
      { header: HISTORY_COLUMNS.at, weight: 1.75 },
      { header: HISTORY_COLUMNS.what, weight: 1.6 },
      { header: HISTORY_COLUMNS.by, weight: 1.6 },
      { header: HISTORY_COLUMNS.fromState, weight: 1.3 },
      { header: HISTORY_COLUMNS.toState, weight: 1.3 },
    ],
    rows: view.history.map((row) => ({
      cells: [
        String(row.position),
        londonTime(row.at),
        whatOf(row),
        row.decider === null ? person(row.actor) : `${person(row.actor)}, for ${person(row.decider)}`,
        row.fromState === null ? 'None' : wordsFor(APPLICATION_STATE_LABELS, row.fromState),
        wordsFor(APPLICATION_STATE_LABELS, row.toState),
      ],
      notes: [`${HASH_LABEL} ${row.hash}`, `${PREVIOUS_HASH_LABEL} ${row.prevHash}`],
    })),
  });
  beyondConversation(w, view.history);
  verification(w, view);
}

/** A row's event in words; a creation, edit or import in words too. */
function whatOf(row: RecordHistoryRow): string {
  if (row.eventType !== null) return row.what;
  return Object.prototype.hasOwnProperty.call(APPLICATION_RECORD_CHANGE_LABELS, row.kind)
    ? APPLICATION_RECORD_CHANGE_LABELS[row.kind as keyof typeof APPLICATION_RECORD_CHANGE_LABELS]
    : row.what;
}

/** The rows the conversation does not show, with the fields they wrote and what the person wrote. */
function beyondConversation(w: PdfWriter, rows: readonly RecordHistoryRow[]): void {
  const rest = rows.filter((row) => !row.inConversation && (row.payloadBlanked || row.fields.length > 0 || row.notes.length > 0));
  if (rest.length === 0) return;
  subheading(w, 'What the other history rows record');
  for (const row of rest) {
    subheading(w, `No. ${row.position}: ${whatOf(row)}`);
    if (row.payloadBlanked) {
      field(w, 'Content', 'Removed under a retention decision');
      continue;
    }
    if (row.fields.length > 0) field(w, row.kind === 'edited' ? 'Fields changed' : 'Fields given', fieldsInWords(row.fields));
    for (const note of row.notes) field(w, note.label, note.text);
  }
}

/** Whether the chain verifies, or the first broken row and why (docs/architecture.md §11). */
function verification(w: PdfWriter, view: ApplicationRecordView): void {
  subheading(w, 'Verification of the chain');
  const result = view.verification;
  if (result.valid) {
    w.paragraph(
      `${CHAIN_VALID}: ${result.rows} row${result.rows === 1 ? '' : 's'}, each linked to the one before and matching its hash, the last matching the record.`,
      { size: 9.5 },
    );
    w.paragraph(`Head ${result.head}`, { font: 'mono', size: 7.5 });
    return;
  }
  const { position, seq, reason } = result.firstBroken;
  w.paragraph(`${CHAIN_BROKEN}. The first broken row is No. ${position}${seq === null ? '' : ` (stored as row ${seq})`}: ${reason}.`, { size: 9.5, font: 'bold' });
}
