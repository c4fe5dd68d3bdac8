/**
 * The CD error guards of the register's exchange with the IPC after the report (docs/architecture.md §7.3;
 * docs/law.md §4.4): the IPC's response and where it leads, the initial notification, the request for the
 * authority's submissions and the submissions made before a serious-error determination (IPA s.231(5)), the
 * determination, and the outcome of an operator-error investigation. Import through cd-error.guards.ts, which
 * re-exports this file; every exported function carries TSDoc citing docs/law.md and a source tag, and has a
 * `describe('<name>')` block in cd-error.guards.spec.ts (cd-error.guards.meta.spec.ts).
 */
import type { CdErrorGuardInput } from './cd-error.guards';
import { CD_ERROR_RULE_CODES as C, type CdErrorGuardFailure } from './cd-error.rule-codes';
import { cdErrorFailure as fail } from './cd-error-guards.support';
import { hasText, includes, isPresent, parseIsoWithOffset } from './guard-support';
import { IPC_RESPONSES } from './cd-error.types';

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
