/**
 * The CD error statechart (docs/architecture.md §7.3), built by the workflow core from the §7.3 table
 * (`CD_ERROR_TRANSITIONS`). Every transition is guarded by the same rule table the engine applies
 * (roles + guards), so the machine itself refuses an invalid transition, and RECORD_IPC_RESPONSE picks
 * its target from the IPC's answer: a serious-error investigation, an operator-error investigation, or closed.
 *
 * Bump {@link CD_ERROR_MACHINE_VERSION} whenever a state, event, target or guard changes: the version
 * is stored with each history row so a replay uses the rules that applied.
 */
import type { SnapshotFrom } from 'xstate';
import { createWorkflowMachine, type WorkflowMachineEvent } from './core/machine';
import { ipcResponseOpensInvestigation, ipcResponseOpensOperatorInvestigation, type CdErrorGuardInput } from './cd-error.guards';
import { CD_ERROR_EVENT_RULES, CD_ERROR_GUARDS } from './cd-error.policy';
import { CD_ERROR_STATES, CD_ERROR_TRANSITIONS, type CdErrorEventType } from './cd-error.types';

export const CD_ERROR_MACHINE_VERSION = '2';

/** The machine's event: the event type plus everything its guards look at. */
export type CdErrorMachineEvent = WorkflowMachineEvent<CdErrorEventType, CdErrorGuardInput>;

export const cdErrorMachine = createWorkflowMachine({
  id: 'cdError',
  version: CD_ERROR_MACHINE_VERSION,
  initial: 'suspected',
  states: CD_ERROR_STATES,
  transitions: CD_ERROR_TRANSITIONS,
  policy: CD_ERROR_EVENT_RULES,
  guards: CD_ERROR_GUARDS,
  branches: { ipcResponseOpensInvestigation, ipcResponseOpensOperatorInvestigation },
});

export type CdErrorSnapshot = SnapshotFrom<typeof cdErrorMachine>;
