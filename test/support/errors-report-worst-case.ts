/**
 * The worst-case report to the IPC (docs/law.md §4.3) for the report specs and the bench: every free-text
 * field at its limit (src/errors/cd-error.limits.ts) with no space in it, names at their column's length,
 * and a history long enough to run the table over pages. Unbroken text is what made pdfkit slow (it
 * splits an over-wide word by trial), so this is the report that must render fast and read back whole.
 *
 * Plain data only (no application, no database): the bench imports it too.
 */
import type { ErrorReportIpcExchange, ErrorReportView } from '../../src/errors/error-report.view';
import { REPORT_TEXT_FIELDS, REPORT_TEXT_LIMITS, type ReportTextField } from '../../src/errors/cd-error.limits';

/** Letters and digits in a fixed order: no white space, and no hyphen or slash where a line may break. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Exactly `length` characters without white space, starting with `tag` and ending with `END` (when room). */
export function unbrokenText(tag: string, length: number): string {
  const end = length >= tag.length + 3 + 3 ? 'END' : '';
  let body = tag;
  for (let i = 0; body.length < length - end.length; i += 1) body += ALPHABET[(i * 7) % ALPHABET.length];
  return (body.slice(0, length - end.length) + end).slice(0, length);
}

/** The tag each field's text starts with, distinctive so the read-back can find it. */
const TAGS: Readonly<Record<ReportTextField, string>> = {
  urn: 'URNx',
  errorDescription: 'DESCx',
  howItOccurred: 'HOWx',
  collateralIntrusion: 'COLLx',
  preventiveSteps: 'PREVx',
  actionTakenOnData: 'ACTx',
  cspNotInformedReason: 'NOTINFx',
  excessDataDetails: 'EXCESSx',
  dataWronglyObtained: 'AMOUNTx',
  authoriserReview: 'AUTHREVx',
};

/** Every free-text field at its limit, without a space. */
export function worstCaseReportText(): Record<ReportTextField, string> {
  return Object.fromEntries(REPORT_TEXT_FIELDS.map((field) => [field, unbrokenText(TAGS[field], REPORT_TEXT_LIMITS[field])])) as Record<
    ReportTextField,
    string
  >;
}

/** The report's exchange with the IPC before the IPC has answered (docs/law.md §4.4). */
export const NO_IPC_EXCHANGE: ErrorReportIpcExchange = Object.freeze({
  response: null,
  reference: null,
  submissionsRequestedAt: null,
  submissionsDueBy: null,
  submissions: null,
  submissionsMadeAt: null,
  seriousError: null,
  personInformed: null,
  determinationNotes: null,
  investigationOutcome: null,
});

/** Length of `user_account.display_name` and `authority.name`. */
export const NAME_MAX = 200;

/** The instants of the worst case: GMT and BST both, so the read-back sees both zone names. */
export const WORST_CASE_TIMES = {
  discoveredAt: '2026-03-26T08:13:00+00:00',
  establishedAt: '2026-03-27T14:42:00+00:00',
  dataDestroyedAt: '2026-03-28T16:05:00+00:00',
  sroSightedAt: '2026-04-01T10:17:00.000Z',
  reportedAt: '2026-04-02T15:48:00.000Z',
  reportDueAt: '2026-04-13T22:59:59.999Z',
  generatedAt: '2026-04-03T07:05:00.000Z',
} as const;

/** How the worst case's instants and codes must read in the PDF. */
export const WORST_CASE_READS = {
  discoveredAt: '26 Mar 2026 08:13 GMT',
  establishedAt: '27 Mar 2026 14:42 GMT',
  dataDestroyedAt: '28 Mar 2026 16:05 GMT',
  sroSightedAt: '1 Apr 2026 11:17 BST',
  reportedAt: '2 Apr 2026 16:48 BST',
  reportDueAt: '13 Apr 2026 23:59 BST',
  generatedAt: '3 Apr 2026 08:05 BST',
  status: 'Reported to the IPC',
  kind: 'Relevant error (IPA 2016 s.231(9))',
  causeCode: 'Incorrect identifier',
  responsibleParty: 'Single point of contact (SPOC)',
} as const;

/**
 * Codes the worst case carries that are not also English words (`recorded`, `created` and `edited` are:
 * "Not recorded", "Entry created"), none of which may appear in the PDF as a word of its own.
 */
export const WORST_CASE_CODES = [
  'reportedToIpc',
  'sroSighted',
  'relevantError',
  'incorrectIdentifier',
  'spoc',
  'ASSESS',
  'SIGHT',
  'REPORT_TO_IPC',
] as const;

/**
 * The worst-case view: the text fields at their limits, names at theirs, and `historyRows` rows of
 * history (created, edits, then ASSESS, SIGHT and REPORT_TO_IPC).
 */
export function worstCaseErrorReportView(historyRows = 40): ErrorReportView {
  const text = worstCaseReportText();
  const name = (tag: string): string => unbrokenText(tag, NAME_MAX);
  const t = WORST_CASE_TIMES;
  const edits = Math.max(0, historyRows - 4);
  const steps: { event: string; from: string | null; to: string }[] = [
    { event: 'created', from: null, to: 'recorded' },
    ...Array.from({ length: edits }, () => ({ event: 'edited', from: 'recorded', to: 'recorded' })),
    { event: 'ASSESS', from: 'recorded', to: 'assessed' },
    { event: 'SIGHT', from: 'assessed', to: 'sroSighted' },
    { event: 'REPORT_TO_IPC', from: 'sroSighted', to: 'reportedToIpc' },
  ];
  let prevHash = '0'.repeat(64);
  const history = steps.map((step, i) => {
    const hash = (i + 1).toString(16).padStart(64, 'a');
    const row = {
      position: i + 1,
      at: new Date(Date.parse('2026-03-27T15:00:00.000Z') + i * 3_600_000).toISOString(),
      event: step.event,
      actor: name(`ACTORx${i + 1}x`),
      fromState: step.from,
      toState: step.to,
      hash,
      prevHash,
    };
    prevHash = hash;
    return row;
  });
  return {
    errorId: '0f6c1d2e-7a4b-4c3d-9e8f-0123456789ab',
    authorityName: name('AUTHORITYx'),
    status: 'reportedToIpc',
    kind: 'relevantError',
    causeCode: 'incorrectIdentifier',
    responsibleParty: 'spoc',
    isIpRelated: true,
    linkedUrns: [text.urn],
    linkedDisclosureRequestIds: [],
    fields: {
      errorDescription: text.errorDescription,
      howItOccurred: text.howItOccurred,
      collateralIntrusion: text.collateralIntrusion,
      preventiveSteps: text.preventiveSteps,
      dataDestructionConfirmed: true,
      dataDestroyedAt: t.dataDestroyedAt,
      actionTakenOnData: text.actionTakenOnData,
      cspInformed: false,
      cspNotInformedReason: text.cspNotInformedReason,
      excessDataDetails: text.excessDataDetails,
      dataWronglyObtained: text.dataWronglyObtained,
      dataDisposal: 'destroyed',
      occurredAt: t.discoveredAt,
      discoveredAt: t.discoveredAt,
      establishedAt: t.establishedAt,
      reportedAt: t.reportedAt,
      reportedBy: name('REPORTERx'),
      sroSightedAt: t.sroSightedAt,
      authoriserReview: text.authoriserReview,
    },
    reportDueAt: t.reportDueAt,
    agreedDueAt: null,
    reportedLate: false,
    initialNotification: null,
    ipc: NO_IPC_EXCHANGE,
    timeline: [
      { at: t.discoveredAt, label: 'Error discovered' },
      { at: t.establishedAt, label: 'Error established' },
      { at: t.sroSightedAt, label: 'SRO sighted' },
      { at: t.reportedAt, label: 'Reported to the IPC' },
      { at: t.reportDueAt, label: 'Report due to the IPC (10 working days)' },
    ],
    history,
    generatedAt: t.generatedAt,
    generatedBy: name('GENERATEDx'),
  };
}
