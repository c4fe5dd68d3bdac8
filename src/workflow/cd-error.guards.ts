/**
 * Guards of the CD error register up to the report to the IPC (docs/architecture.md §7.3; docs/law.md §4), and
 * the one import point for the rest: the report-due helpers (cd-error-guards.deadlines.ts) and the guards of
 * the exchange with the IPC after the report (cd-error-guards.ipc.ts). Each guard is a pure function of
 * {@link CdErrorGuardInput} returning `null` (passes) or a {@link CdErrorGuardFailure} with a stable rule
 * code. No clock, no I/O: time arrives as `input.now`.
 *
 * Every exported function of these files must carry TSDoc citing docs/law.md and a source tag, and have a
 * `describe('<name>')` block in cd-error.guards.spec.ts (enforced by cd-error.guards.meta.spec.ts).
 */
import type { ActorFacts } from './core/actor';
import type { Guard } from './core/rules';
import { CD_ERROR_RULE_CODES, type CdErrorGuardFailure, type CdErrorRuleCode } from './cd-error.rule-codes';
import { hasText, includes, isPresent, parseIsoWithOffset } from './guard-support';
import {
  CAUSE_CODES,
  CD_ERROR_KINDS,
  DATA_DISPOSALS,
  IPC_REPORT_FIELDS,
  RECORD_REPORT_FIELDS,
  RESPONSIBLE_PARTIES,
  type CdErrorEvent,
  type CdErrorIpcExchange,
  type CdErrorKind,
  type CdErrorReport,
  type CdErrorState,
} from './cd-error.types';
import { cdErrorFailure as fail } from './cd-error-guards.support';
import { effectiveDueAt } from './cd-error-guards.deadlines';

// ---------------------------------------------------------------------------------------------
// Rule codes (cd-error.rule-codes.ts; re-exported here, the one import point)
// ---------------------------------------------------------------------------------------------

export * from './cd-error.rule-codes';
export * from './cd-error-guards.deadlines';
export * from './cd-error-guards.ipc';

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


const MAX_EXTENSION_MS = 366 * 24 * 3_600_000;


// ---------------------------------------------------------------------------------------------
// Internal helpers
// ---------------------------------------------------------------------------------------------


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
