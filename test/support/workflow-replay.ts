/**
 * Test-only helpers over the pure workflow: rebuild a guard input from the record a history row keeps
 * (to show a replay gives the same answer), and judge an instant's London working day.
 */
import type { GuardInputsUsed } from '../../src/workflow/application.engine';
import type { GuardInput } from '../../src/workflow/application.guards';
import type { CdErrorGuardInputsUsed } from '../../src/workflow/cd-error.engine';
import type { CdErrorGuardInput } from '../../src/workflow/cd-error.guards';
import { londonDate } from '../../src/workflow/london-time';
import { isWorkingDay } from '../../src/workflow/working-days';

/** Rebuilds the guard input from a history row's record (for replay and verification). */
export function guardInputFromRecord(record: GuardInputsUsed): GuardInput {
  const app = record.application;
  return {
    application: {
      ...app,
      writtenRecordDueAt: app.writtenRecordDueAt === null ? null : new Date(app.writtenRecordDueAt),
      expiresAt: app.expiresAt === null ? null : new Date(app.expiresAt),
      renewalOfExpiresAt: app.renewalOfExpiresAt === null ? null : new Date(app.renewalOfExpiresAt),
      submittedForAuthorisationAt: app.submittedForAuthorisationAt === null ? null : new Date(app.submittedForAuthorisationAt),
      // Records written before these facts were kept lack them (undefined): replay them as unknown.
      lastSubmittedForAuthorisationAt: app.lastSubmittedForAuthorisationAt == null ? null : new Date(app.lastSubmittedForAuthorisationAt),
      submittedToOcdaAt: app.submittedToOcdaAt == null ? null : new Date(app.submittedToOcdaAt),
      judicialApprovalRequestedAt: app.judicialApprovalRequestedAt === null ? null : new Date(app.judicialApprovalRequestedAt),
    },
    actor: record.actor,
    decider: record.decider,
    event: record.event,
    policy: record.policy,
    now: new Date(record.now),
  };
}

/** Rebuilds the guard input from a history row's record (for replay and verification). */
export function cdErrorGuardInputFromRecord(record: CdErrorGuardInputsUsed): CdErrorGuardInput {
  const { error } = record;
  return {
    error: {
      ...error,
      reportDueAt: error.reportDueAt === null ? null : new Date(error.reportDueAt),
      agreedDueAt: error.agreedDueAt === null ? null : new Date(error.agreedDueAt),
    },
    actor: record.actor,
    event: record.event,
    now: new Date(record.now),
  };
}

/**
 * Whether `instant` falls on a working day, judged on its Europe/London calendar date
 * (IPA s.263 "working day"; docs/law.md §2.3).
 * @throws RangeError for an invalid Date.
 */
export function isWorkingDayAt(instant: Date): boolean {
  return isWorkingDay(londonDate(instant));
}
