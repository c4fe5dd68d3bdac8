/**
 * Guards and deadline helpers of the CD error register (docs/architecture.md §7.3; docs/law.md §4). Each guard is a
 * pure function of {@link CdErrorGuardInput} returning `null` (passes) or a {@link CdErrorGuardFailure}
 * with a stable rule code. No clock, no I/O: time arrives as `input.now`.
 *
 * Every exported function here must carry TSDoc citing docs/law.md and a source tag, and have a
 * `describe('<name>')` block in cd-error.guards.spec.ts (enforced by cd-error.guards.meta.spec.ts).
 */
import type { ActorFacts } from './core/actor';
import { failure, type Guard } from './core/rules';
import { CD_ERROR_RULE_CODES, type CdErrorGuardFailure, type CdErrorRuleCode } from './cd-error.rule-codes';
import { hasText, includes, isPresent, parseIsoWithOffset } from './guard-support';
import {
  CAUSE_CODES,
  CD_ERROR_KINDS,
  DATA_DISPOSALS,
  IPC_REPORT_FIELDS,
  IPC_RESPONSES,
  RECORD_REPORT_FIELDS,
  RESPONSIBLE_PARTIES,
  type CdErrorEvent,
  type CdErrorIpcExchange,
  type CdErrorKind,
  type CdErrorReport,
  type CdErrorState,
} from './cd-error.types';
import { londonDate } from './london-time';
import { addWorkingDays, workingDaysBetween } from './working-days';

// ---------------------------------------------------------------------------------------------
// Rule codes (cd-error.rule-codes.ts; re-exported here, the one import point)
// ---------------------------------------------------------------------------------------------

export * from './cd-error.rule-codes';

const C = CD_ERROR_RULE_CODES;

// ---------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------

/** The register entry as the guards see it (a projection of the `cd_error` row; docs/architecture.md §6). */
export interface CdErrorFacts {
  id: string;
  authorityId: string;
  status: CdErrorState;
  /** Set by ASSESS. */
  kind: CdErrorKind | null;
  report: Partial<CdErrorReport>;
  /** Set by ASSESS for a relevant error: 10 working days after `establishedAt` (IPCO-18 17.4). */
  reportDueAt: Date | null;
  /** Set by AGREE_EXTENSION: the due date agreed with the IPC; overrides `reportDueAt`. */
  agreedDueAt: Date | null;
  /** The exchange with the IPC so far (docs/law.md §4.4). */
  ipc: CdErrorIpcExchange;
}

/** Everything a CD error guard may look at. */
export interface CdErrorGuardInput {
  error: CdErrorFacts;
  actor: ActorFacts;
  event: CdErrorEvent;
  now: Date;
}

export type CdErrorGuardFn = Guard<CdErrorGuardInput, CdErrorRuleCode>;

/** Which reminder the outbox should carry (docs/law.md §4.4 "warn … breach"). */
export type CdErrorReminder = 'threeWorkingDaysBefore' | 'dueDay';

/** Working days allowed for a relevant error's report unless configured otherwise (IPCO-18 17.4). */
export const DEFAULT_REPORT_WORKING_DAYS = 10;

/** The first reminder goes this many working days before the due day. */
export const REMINDER_WORKING_DAYS_BEFORE = 3;

const MAX_EXTENSION_MS = 366 * 24 * 3_600_000;

/** States in which a report to the IPC may be owed (a due date exists only after ASSESS). */
const REPORT_OUTSTANDING_STATES: readonly CdErrorState[] = ['assessed', 'sroSighted'];

// ---------------------------------------------------------------------------------------------
// Internal helpers
// ---------------------------------------------------------------------------------------------

function fail(code: CdErrorRuleCode, detail?: string, fields?: readonly string[]): CdErrorGuardFailure {
  return failure(code, detail, fields);
}

const INSTANT_FIELDS = [
  'occurredAt',
  'discoveredAt',
  'establishedAt',
  'dataDestroyedAt',
  'reportedAt',
  'sroSightedAt',
] as const satisfies readonly (keyof CdErrorReport)[];
const BOOLEAN_FIELDS = [
  'dataDestructionConfirmed',
  'cspInformed',
  'isIpRelated',
] as const satisfies readonly (keyof CdErrorReport)[];
const TEXT_FIELDS = [
  'urn',
  'errorDescription',
  'howItOccurred',
  'collateralIntrusion',
  'preventiveSteps',
  'actionTakenOnData',
  'cspNotInformedReason',
  'excessDataDetails',
  'dataWronglyObtained',
  'reportedBy',
  'authoriserReview',
] as const satisfies readonly (keyof CdErrorReport)[];

/** Present fields of the wrong shape (empty fields are "missing", reported separately). */
function invalidReportFields(report: Partial<CdErrorReport>): string[] {
  const invalid: string[] = [];
  const raw = report as Record<string, unknown>;
  for (const field of INSTANT_FIELDS) {
    if (isPresent(raw[field]) && parseIsoWithOffset(raw[field]) === null) invalid.push(field);
  }
  for (const field of BOOLEAN_FIELDS) {
    if (isPresent(raw[field]) && typeof raw[field] !== 'boolean') invalid.push(field);
  }
  for (const field of TEXT_FIELDS) {
    if (isPresent(raw[field]) && typeof raw[field] !== 'string') invalid.push(field);
  }
  if (isPresent(raw.causeCode) && !includes(CAUSE_CODES, raw.causeCode)) invalid.push('causeCode');
  if (isPresent(raw.responsibleParty) && !includes(RESPONSIBLE_PARTIES, raw.responsibleParty)) {
    invalid.push('responsibleParty');
  }
  if (isPresent(raw.dataDisposal) && !includes(DATA_DISPOSALS, raw.dataDisposal)) invalid.push('dataDisposal');
  // The disposal and the destruction flag say the same thing twice; a report that contradicts itself is refused.
  const destroyed = raw.dataDisposal === 'destroyed';
  const quarantined = raw.dataDisposal === 'quarantinedPendingIpc';
  if ((destroyed && raw.dataDestructionConfirmed === false) || (quarantined && raw.dataDestructionConfirmed === true)) {
    invalid.push('dataDestructionConfirmed');
  }
  return invalid;
}

/**
 * The report's dates in the order things happen (docs/law.md §4.3): none in the future (a future instant would
 * move the deadline), established no earlier than discovered (the ten working days run from establishment),
 * and occurred, when known, no later than either. Each rule has its own code, so a refusal says which.
 */
function reportDatesFailure(report: Partial<CdErrorReport>, now: Date): CdErrorGuardFailure | null {
  const occurred = parseIsoWithOffset(report.occurredAt);
  const discovered = parseIsoWithOffset(report.discoveredAt);
  const established = parseIsoWithOffset(report.establishedAt);
  const future = (
    [
      ['occurredAt', occurred],
      ['discoveredAt', discovered],
      ['establishedAt', established],
    ] as const
  )
    .filter(([, at]) => at !== null && at > now.getTime())
    .map(([field]) => field);
  if (future.length > 0) {
    return fail(C.ERROR_DATE_IN_FUTURE, `${future.join(', ')} lies in the future`, future);
  }
  if (discovered !== null && established !== null && established < discovered) {
    return fail(C.ERROR_ESTABLISHED_BEFORE_DISCOVERED, 'the error is established before it was discovered', ['establishedAt']);
  }
  if (occurred !== null && ((discovered !== null && occurred > discovered) || (established !== null && occurred > established))) {
    return fail(C.ERROR_OCCURRED_AFTER_DISCOVERY, 'the error occurred after it was discovered or established', ['occurredAt']);
  }
  return null;
}

function missingFields(report: Partial<CdErrorReport>, fields: readonly (keyof CdErrorReport)[]): string[] {
  return fields.filter((field) => !isPresent(report[field]));
}

/** INCOMPLETE for missing fields first, then INVALID for malformed ones, then the date order; null when all hold. */
function reportFailure(missing: readonly string[], report: Partial<CdErrorReport>, now: Date): CdErrorGuardFailure | null {
  if (missing.length > 0) return fail(C.ERROR_REPORT_INCOMPLETE, `missing: ${missing.join(', ')}`, missing);
  const invalid = invalidReportFields(report);
  if (invalid.length > 0) return fail(C.ERROR_REPORT_INVALID, `invalid: ${invalid.join(', ')}`, invalid);
  return reportDatesFailure(report, now);
}

// ---------------------------------------------------------------------------------------------
// Helpers exported for the engine, the service and the scheduler
// ---------------------------------------------------------------------------------------------

/**
 * The report as it will stand after the event: the register's report with the event's report
 * fields laid over it (docs/law.md §4.3; CoP15 6.20 — RECORD fills it, later events complete it).
 */
export function effectiveReport(input: CdErrorGuardInput): Partial<CdErrorReport> {
  return { ...input.error.report, ...(input.event.report ?? {}) };
}

/**
 * When a relevant error's report to the IPC is due: the end (23:59:59.999 Europe/London) of the
 * `workingDays`th working day after the London day on which the error was established — "as soon as
 * reasonably practicable and no later than 10 working days" (docs/law.md §2.3, §6 row 10; IPCO-18 17.4;
 * working day per IPA-263). The length is configurable; {@link DEFAULT_REPORT_WORKING_DAYS} is 10.
 * @throws RangeError if `workingDays` is not a positive integer or the date is invalid.
 */
export function reportDueAt(establishedAt: Date, workingDays: number): Date {
  return addWorkingDays(establishedAt, workingDays);
}

/**
 * The due date that applies: the one agreed with the IPC if any, else the statutory one, else null
 * (not a relevant error) (docs/law.md §2.3 "or as agreed with IPC"; §6 row 10; IPCO-18 17.4).
 */
export function effectiveDueAt(error: Pick<CdErrorFacts, 'reportDueAt' | 'agreedDueAt'>): Date | null {
  return error.agreedDueAt ?? error.reportDueAt ?? null;
}

/**
 * Whether the full report reached the IPC after the due date that applied (docs/law.md §4.4; IPCO-18 17.4):
 * `null` until it is reported, or when there is no due date (not a relevant error). An initial notification
 * does not move the due date, so a full report after it is still late.
 */
export function reportedLate(error: Pick<CdErrorFacts, 'reportDueAt' | 'agreedDueAt'> & { reportedAt: Date | null }): boolean | null {
  const due = effectiveDueAt(error);
  return error.reportedAt === null || due === null ? null : error.reportedAt.getTime() > due.getTime();
}

function outstandingDueAt(error: Pick<CdErrorFacts, 'status' | 'reportDueAt' | 'agreedDueAt'>): Date | null {
  return REPORT_OUTSTANDING_STATES.includes(error.status) ? effectiveDueAt(error) : null;
}

/**
 * The report to the IPC is still owed (assessed or SRO-sighted, not yet reported) and its due date
 * has passed (docs/law.md §4.4 "breach at day 10"; §6 row 10; IPCO-18 17.4).
 */
export function isOverdue(error: Pick<CdErrorFacts, 'status' | 'reportDueAt' | 'agreedDueAt'>, now: Date): boolean {
  const due = outstandingDueAt(error);
  return due !== null && now.getTime() > due.getTime();
}

/**
 * The report is owed, not yet overdue, and due within the next `n` working days: at most `n` working
 * days lie after today's London day up to the due day (0 when due today) (docs/law.md §2.3, §4.4;
 * IPCO-18 17.4; working day per IPA-263). For the dashboard's deadline list.
 */
export function dueWithinWorkingDays(
  error: Pick<CdErrorFacts, 'status' | 'reportDueAt' | 'agreedDueAt'>,
  now: Date,
  n: number,
): boolean {
  const due = outstandingDueAt(error);
  if (due === null || now.getTime() > due.getTime()) return false;
  return workingDaysBetween(now, due) <= n;
}

/**
 * Which reminders are due now for an owed report (docs/law.md §4.4 "warn … breach" timers; IPCO-18
 * 17.4): `threeWorkingDaysBefore` from the start of the working day three working days before the due
 * day, and `dueDay` on the due day, each until the deadline passes (then the error is overdue, see
 * {@link isOverdue}). Judged on London days and working days (IPA-263). A scheduler that missed a run
 * still sees the reminder; the outbox de-duplicates on (error id, reminder, due instant), so an
 * agreed extension gets reminders of its own.
 */
export function reminderDue(
  error: Pick<CdErrorFacts, 'status' | 'reportDueAt' | 'agreedDueAt'>,
  now: Date,
): CdErrorReminder[] {
  const due = outstandingDueAt(error);
  if (due === null || now.getTime() > due.getTime()) return [];
  const reminders: CdErrorReminder[] = [];
  const today = londonDate(now);
  // At most 3 working days remain after today exactly from the 3rd working day before the due day on
  // (the count only falls as today advances, and the day before that working day still sees 4).
  if (workingDaysBetween(now, due) <= REMINDER_WORKING_DAYS_BEFORE) reminders.push('threeWorkingDaysBefore');
  if (today === londonDate(due)) reminders.push('dueDay');
  return reminders;
}

/**
 * Branch predicate for RECORD_IPC_RESPONSE, not a failure: the IPC opened a serious-error
 * investigation, so the entry waits for its determination instead of closing (docs/law.md §4.4;
 * IPA-231(1)–(7); docs/architecture.md §7.3).
 */
export function ipcResponseOpensInvestigation(input: CdErrorGuardInput): boolean {
  return input.event.ipcResponse === 'seriousErrorInvestigation';
}

/**
 * Branch predicate for RECORD_IPC_RESPONSE, not a failure: the IPC investigates an operator error, outside
 * s.231, so the entry waits for the outcome instead of closing (docs/law.md §4.4; IPCO-19 18.26).
 */
export function ipcResponseOpensOperatorInvestigation(input: CdErrorGuardInput): boolean {
  return input.event.ipcResponse === 'operatorErrorInvestigation';
}

// ---------------------------------------------------------------------------------------------
// Guards
// ---------------------------------------------------------------------------------------------

/**
 * The sender belongs to the authority whose register holds the error: an authority records,
 * assesses and reports its own errors, and its own SRO sights them (docs/law.md §4.1 "who
 * records/reports": the authority's SPoC, reviewed by the SRO; CoP15 6.19; IPCO-19 18.27).
 */
export function actorInErrorAuthority(input: CdErrorGuardInput): CdErrorGuardFailure | null {
  return input.actor.authorityId === input.error.authorityId
    ? null
    : fail(C.NOT_AUTHORITY_ERROR_OFFICER, "the sender does not serve the error's authority");
}

/**
 * RECORD: the report carries what makes a register entry — description, how it occurred, when it
 * was discovered and established, cause code and responsible party — well formed, instants with an
 * offset, and its dates in order: none in the future, established no earlier than discovered, occurred
 * (when known) no later than either, each with its own code (docs/law.md §4.3; §4.2 causeCode and
 * responsible-party enums; CoP15 6.20; IPCO-18 Table 5 and 17.4).
 */
export function recordReportComplete(input: CdErrorGuardInput): CdErrorGuardFailure | null {
  const report = effectiveReport(input);
  return reportFailure(missingFields(report, RECORD_REPORT_FIELDS), report, input.now);
}

/**
 * DISMISS: a reason why it is not an error (docs/law.md §4.4; docs/architecture.md §7.3 "reason (not an
 * error)"; IOCCO-15 7.97 — the register must show what was considered).
 */
export function dismissalReasonGiven(input: CdErrorGuardInput): CdErrorGuardFailure | null {
  return hasText(input.event.reason)
    ? null
    : fail(C.REASON_REQUIRED, 'say why this is not an error', ['reason']);
}

/**
 * ASSESS: the kind is one of relevantError / recordableError / operatorError, and a relevant error
 * has a well-formed `establishedAt` from which its 10 working days run (docs/law.md §4.1 taxonomy;
 * §2.3; IPA-231(9); IPCO-18 17.4; IPCO-19 18.26–18.27).
 */
export function kindAssessed(input: CdErrorGuardInput): CdErrorGuardFailure | null {
  const { kind } = input.event;
  if (!includes(CD_ERROR_KINDS, kind)) {
    return fail(C.ERROR_KIND_REQUIRED, `kind must be one of ${CD_ERROR_KINDS.join(', ')}`, ['kind']);
  }
  const report = effectiveReport(input);
  const missing = kind === 'relevantError' ? missingFields(report, ['establishedAt']) : [];
  return reportFailure(missing, report, input.now);
}

/**
 * AGREE_EXTENSION: only a relevant error has a deadline the IPC can extend (docs/law.md §2.3 "or as
 * agreed with IPC"; §4.1; IPCO-18 17.4).
 */
export function extensionOnlyForRelevantError(input: CdErrorGuardInput): CdErrorGuardFailure | null {
  return input.error.kind === 'relevantError'
    ? null
    : fail(C.EXTENSION_ONLY_FOR_RELEVANT_ERRORS, 'only a relevant error has a report deadline to extend');
}

/**
 * AGREE_EXTENSION: the agreed due instant (ISO with an offset) later than the current due date (or
 * than now when there is none), the IPC's agreement reference, and a reason (docs/law.md §2.3 "or as
 * agreed with IPC"; §6 row 10; IPCO-18 17.4).
 */
export function extensionDetailsGiven(input: CdErrorGuardInput): CdErrorGuardFailure | null {
  const { event } = input;
  const problems: string[] = [];
  const agreed = parseIsoWithOffset(event.agreedDueAt);
  const current = effectiveDueAt(input.error) ?? input.now;
  // An extension is for a report delayed, not abandoned: at most a year beyond the current due date.
  if (agreed === null || agreed <= current.getTime() || agreed > current.getTime() + MAX_EXTENSION_MS) problems.push('agreedDueAt');
  if (!hasText(event.ipcAgreementReference)) problems.push('ipcAgreementReference');
  if (!hasText(event.reason)) problems.push('reason');
  if (problems.length === 0) return null;
  return fail(
    C.EXTENSION_DETAILS_REQUIRED,
    `an extension needs an agreed due date after ${current.toISOString()} and within a year of it, the IPC's agreement reference and a reason`,
    problems,
  );
}

/**
 * CLOSE from sroSighted: only a recordable error closes without a report to the IPC (docs/law.md §4.1
 * recordableError "not notified to IPC"; §4.4 "recorded → sroReviewed → closed"; CoP15 6.17;
 * IPCO-19 18.27).
 */
export function closeOnlyRecordable(input: CdErrorGuardInput): CdErrorGuardFailure | null {
  return input.error.kind === 'recordableError'
    ? null
    : fail(C.CLOSE_ONLY_RECORDABLE, 'a relevant or operator error must be reported to the IPC');
}

/**
 * REPORT_TO_IPC: only relevant errors and operator errors are reported to the IPC; recordable ones
 * stay in the register (docs/law.md §4.1; IPA-231(9); IPCO-19 18.26–18.27).
 */
export function reportOnlyRelevantOrOperator(input: CdErrorGuardInput): CdErrorGuardFailure | null {
  const { kind } = input.error;
  return kind === 'relevantError' || kind === 'operatorError'
    ? null
    : fail(C.REPORT_ONLY_RELEVANT_OR_OPERATOR, 'only relevant and operator errors are reported to the IPC');
}

/**
 * REPORT_TO_IPC: the report is complete — the record's fields plus collateral intrusion, preventive
 * steps, how much data was wrongly obtained and what was done with it (destroyed, and when; or quarantined
 * pending the IPC's view), whether the CSP was told (and why not, if not), action taken on the data, and
 * excess-data details for an excess-data error (docs/law.md §4.3; CoP15 6.20; IPCO-19 p90 and 18.38;
 * IOCCO-FORMS).
 */
export function ipcReportComplete(input: CdErrorGuardInput): CdErrorGuardFailure | null {
  const report = effectiveReport(input);
  const missing = missingFields(report, [...RECORD_REPORT_FIELDS, ...IPC_REPORT_FIELDS]);
  if (report.cspInformed === false && !isPresent(report.cspNotInformedReason)) {
    missing.push('cspNotInformedReason');
  }
  if ((report.dataDisposal === 'destroyed' || report.dataDestructionConfirmed === true) && !isPresent(report.dataDestroyedAt)) {
    missing.push('dataDestroyedAt');
  }
  if (report.causeCode === 'excessData' && !isPresent(report.excessDataDetails)) {
    missing.push('excessDataDetails');
  }
  return reportFailure(missing, report, input.now);
}

/**
 * RECORD_IPC_RESPONSE: the IPC's response is noFurtherAction or seriousErrorInvestigation
 * (docs/law.md §4.4; IPA-231; IPCO-ERR).
 */
export function ipcResponseRecorded(input: CdErrorGuardInput): CdErrorGuardFailure | null {
  return includes(IPC_RESPONSES, input.event.ipcResponse)
    ? null
    : fail(C.IPC_RESPONSE_REQUIRED, `ipcResponse must be one of ${IPC_RESPONSES.join(', ')}`, ['ipcResponse']);
}

/**
 * An operator error is not a relevant error under s.231(9): the IPC makes no s.231 determination on
 * it, so it cannot enter a serious-error investigation (docs/law.md §4.1 operatorError; IPCO-19 18.26).
 */
export function noS231ForOperatorErrors(input: CdErrorGuardInput): CdErrorGuardFailure | null {
  if (input.error.kind === 'operatorError' && input.event.ipcResponse === 'seriousErrorInvestigation') {
    return fail(
      C.NO_S231_FOR_OPERATOR_ERRORS,
      'operator errors get no s.231 determination (IPCO-19 18.26)',
      ['ipcResponse'],
    );
  }
  return null;
}

/**
 * RECORD_DETERMINATION: whether the IPC found the error serious and whether the person was informed,
 * both as booleans (docs/law.md §4.1 seriousError; §4.4 "determination{serious, notSerious} →
 * personInformed"; IPA-231(1)–(7)).
 */
export function determinationRecorded(input: CdErrorGuardInput): CdErrorGuardFailure | null {
  const missing: string[] = [];
  if (typeof input.event.serious !== 'boolean') missing.push('serious');
  if (typeof input.event.personInformed !== 'boolean') missing.push('personInformed');
  return missing.length === 0
    ? null
    : fail(C.DETERMINATION_REQUIRED, 'record whether the error is serious and whether the person was informed', missing);
}

/**
 * NOTIFY_IPC_INITIAL: when the full facts cannot be reported by the due date, the initial notification says
 * what is known, why the full report is not ready, and by when it will follow — a well-formed future instant
 * (docs/law.md §4.4; IPCO-18 17.4). The full report keeps its own due date.
 */
export function initialNotificationGiven(input: CdErrorGuardInput): CdErrorGuardFailure | null {
  const notice = input.event.initialNotification ?? {};
  const problems: string[] = [];
  if (!hasText(notice.whatIsKnown)) problems.push('initialNotification.whatIsKnown');
  if (!hasText(notice.whyFullReportNotReady)) problems.push('initialNotification.whyFullReportNotReady');
  const by = parseIsoWithOffset(notice.fullReportExpectedBy);
  if (by === null || by <= input.now.getTime()) problems.push('initialNotification.fullReportExpectedBy');
  return problems.length === 0
    ? null
    : fail(
        C.INITIAL_NOTIFICATION_DETAILS_REQUIRED,
        'say what is known, why the full report is not ready, and a future time by which it will follow',
        problems,
      );
}

/**
 * NOTIFY_IPC_INITIAL: one initial notification per error; what follows it is the full report, still due ten
 * working days after the error was established (docs/law.md §4.4; IPCO-18 17.4).
 */
export function noInitialNotificationYet(input: CdErrorGuardInput): CdErrorGuardFailure | null {
  return input.error.ipc.initialNotification
    ? fail(C.INITIAL_NOTIFICATION_ALREADY_MADE, 'the initial notification has already been made')
    : null;
}

/**
 * RECORD_IPC_RESPONSE: the IPC investigates an operator error outside s.231; a relevant error goes to the
 * serious-error process instead (docs/law.md §4.1, §4.4; IPCO-19 18.26).
 */
export function operatorInvestigationOnlyForOperatorErrors(input: CdErrorGuardInput): CdErrorGuardFailure | null {
  if (input.event.ipcResponse === 'operatorErrorInvestigation' && input.error.kind !== 'operatorError') {
    return fail(
      C.OPERATOR_INVESTIGATION_ONLY_FOR_OPERATOR_ERRORS,
      'only an operator error goes to an operator-error investigation',
      ['ipcResponse'],
    );
  }
  return null;
}

/**
 * RECORD_SUBMISSIONS_REQUEST: before deciding whether the error is serious and whether the person is to be
 * informed, the IPC asks the authority for its submissions (docs/law.md §4.4; IPA s.231(5)). When it asked is
 * recorded: an instant with an offset, not in the future, not before the error was reported; a date it gave
 * for the answer, if any, is not before it asked.
 */
export function submissionsRequestRecorded(input: CdErrorGuardInput): CdErrorGuardFailure | null {
  const request = input.event.submissionsRequest ?? {};
  const problems: string[] = [];
  const requested = parseIsoWithOffset(request.requestedAt);
  const reported = parseIsoWithOffset(input.error.report.reportedAt);
  if (requested === null || requested > input.now.getTime() || (reported !== null && requested < reported)) {
    problems.push('submissionsRequest.requestedAt');
  }
  if (isPresent(request.respondBy)) {
    const by = parseIsoWithOffset(request.respondBy);
    if (by === null || (requested !== null && by < requested)) problems.push('submissionsRequest.respondBy');
  }
  return problems.length === 0
    ? null
    : fail(
        C.SUBMISSIONS_REQUEST_DETAILS_REQUIRED,
        'record when the IPC asked for submissions (not in the future, not before the report) and any date it gave',
        problems,
      );
}

/**
 * RECORD_SUBMISSIONS: the authority's submissions to the IPC, in words, and when they were made — an instant
 * with an offset, not in the future, not before the IPC asked (docs/law.md §4.4; IPA s.231(5)).
 */
export function submissionsRecorded(input: CdErrorGuardInput): CdErrorGuardFailure | null {
  const submissions = input.event.submissions ?? {};
  const problems: string[] = [];
  if (!hasText(submissions.text)) problems.push('submissions.text');
  const made = parseIsoWithOffset(submissions.madeAt);
  const asked = parseIsoWithOffset(input.error.ipc.submissionsRequest?.requestedAt);
  if (made === null || made > input.now.getTime() || (asked !== null && made < asked)) problems.push('submissions.madeAt');
  return problems.length === 0
    ? null
    : fail(C.SUBMISSIONS_REQUIRED, "record the authority's submissions and when they were made (not before the IPC asked)", problems);
}

/**
 * RECORD_INVESTIGATION_OUTCOME: the outcome of the IPC's investigation of an operator error, in words
 * (docs/law.md §4.4; IPCO-19 18.26).
 */
export function investigationOutcomeRecorded(input: CdErrorGuardInput): CdErrorGuardFailure | null {
  return hasText(input.event.investigationOutcome)
    ? null
    : fail(C.INVESTIGATION_OUTCOME_REQUIRED, "record the outcome of the IPC's investigation", ['investigationOutcome']);
}
