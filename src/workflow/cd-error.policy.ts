/**
 * Who may send each CD error event, and which guards it must pass, in order (docs/architecture.md §7.3 "sent by"
 * and "notes" columns). The first failure is reported, so the authority check (403) comes first, then
 * the kind checks, then the payload.
 */
import {
  actorInErrorAuthority,
  closeOnlyRecordable,
  determinationRecorded,
  dismissalReasonGiven,
  extensionDetailsGiven,
  extensionOnlyForRelevantError,
  ipcReportComplete,
  ipcResponseRecorded,
  kindAssessed,
  noS231ForOperatorErrors,
  recordReportComplete,
  reportOnlyRelevantOrOperator,
  type CdErrorGuardFailure,
  type CdErrorGuardFn,
  type CdErrorGuardInput,
} from './cd-error.guards';
import {
  CD_ERROR_EVENT_TYPES,
  CD_ERROR_TRANSITIONS,
  type CdErrorEventType,
  type CdErrorState,
} from './cd-error.types';
import type { EventSender } from './roles';

export interface CdErrorEventRule {
  /** Roles that may send the event at all (for `allowedEvents` and 403). */
  roles: readonly EventSender[];
  /** Guards run in order; the first failure is returned. */
  guards: readonly CdErrorGuardFn[];
}

const SPOC_OR_SRO: readonly EventSender[] = ['spoc', 'sro'];
const SRO: readonly EventSender[] = ['sro'];

export const CD_ERROR_EVENT_RULES: Readonly<Record<CdErrorEventType, CdErrorEventRule>> = {
  RECORD: { roles: SPOC_OR_SRO, guards: [actorInErrorAuthority, recordReportComplete] },
  DISMISS: { roles: SPOC_OR_SRO, guards: [actorInErrorAuthority, dismissalReasonGiven] },
  ASSESS: { roles: SPOC_OR_SRO, guards: [actorInErrorAuthority, kindAssessed] },
  SIGHT: { roles: SRO, guards: [actorInErrorAuthority] },
  AGREE_EXTENSION: {
    roles: SRO,
    guards: [actorInErrorAuthority, extensionOnlyForRelevantError, extensionDetailsGiven],
  },
  CLOSE: { roles: SRO, guards: [actorInErrorAuthority, closeOnlyRecordable] },
  REPORT_TO_IPC: {
    roles: SRO,
    guards: [actorInErrorAuthority, reportOnlyRelevantOrOperator, ipcReportComplete],
  },
  RECORD_IPC_RESPONSE: {
    roles: SRO,
    guards: [actorInErrorAuthority, ipcResponseRecorded, noS231ForOperatorErrors],
  },
  RECORD_DETERMINATION: { roles: SRO, guards: [actorInErrorAuthority, determinationRecorded] },
};

/** True when any of `roles` may send `type` (guards aside). */
export function cdErrorRolesMaySend(type: CdErrorEventType, roles: readonly EventSender[]): boolean {
  return CD_ERROR_EVENT_RULES[type].roles.some((role) => roles.includes(role));
}

/** Runs the event's guards in order; returns the first failure and the names of the guards run. */
export function runCdErrorEventGuards(
  type: CdErrorEventType,
  input: CdErrorGuardInput,
): { failure: CdErrorGuardFailure | null; guardsRun: string[] } {
  const guardsRun: string[] = [];
  for (const guard of CD_ERROR_EVENT_RULES[type].guards) {
    guardsRun.push(guard.name);
    const failure = guard(input);
    if (failure !== null) return { failure, guardsRun };
  }
  return { failure: null, guardsRun };
}

/** Role check plus guards: the predicate the machine itself applies (defence in depth). */
export function cdErrorEventPermitted(type: CdErrorEventType, input: CdErrorGuardInput): boolean {
  return (
    input.event.type === type &&
    cdErrorRolesMaySend(type, input.actor.roles) &&
    runCdErrorEventGuards(type, input).failure === null
  );
}

/** Events for which the state defines a transition (guards aside), in catalogue order (docs/architecture.md §7.3). */
export function cdErrorDefinedEvents(state: CdErrorState): CdErrorEventType[] {
  const own = new Set(CD_ERROR_TRANSITIONS.filter(([from]) => from === state).map(([, type]) => type));
  return CD_ERROR_EVENT_TYPES.filter((type) => own.has(type));
}

/** `allowedEvents` for a caller: events defined in the state ∩ events their roles may send (docs/architecture.md §7). */
export function cdErrorAllowedEvents(state: CdErrorState, roles: readonly EventSender[]): CdErrorEventType[] {
  return cdErrorDefinedEvents(state).filter((type) => cdErrorRolesMaySend(type, roles));
}
