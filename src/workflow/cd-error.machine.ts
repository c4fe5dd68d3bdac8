/**
 * The CD error statechart (docs/architecture.md §7.3): flat top-level states so `status` is one string; no
 * `invoke`, no `after`, no clock — the report deadline is a column driven by a scheduler. Every
 * transition is guarded by the same rule table the engine applies (roles + guards), so the machine
 * itself refuses an invalid transition, and RECORD_IPC_RESPONSE picks its target from the IPC's answer.
 *
 * Bump {@link CD_ERROR_MACHINE_VERSION} whenever a state, event, target or guard changes: the version
 * is stored with each history row so a replay uses the rules that applied.
 */
import { and, setup, type SnapshotFrom } from 'xstate';
import { ipcResponseOpensInvestigation, type CdErrorGuardInput } from './cd-error.guards';
import { cdErrorEventPermitted } from './cd-error.policy';
import type { CdErrorEventType, CdErrorState } from './cd-error.types';

export const CD_ERROR_MACHINE_VERSION = '1';

/** The machine's event: the event type plus everything its guards look at. */
export interface CdErrorMachineEvent {
  type: CdErrorEventType;
  guardInput: CdErrorGuardInput;
}

/** Only the machine version: the facts live on the `cd_error` row and arrive in `guardInput`. */
export interface CdErrorMachineContext {
  machineVersion: string;
}

const permitted = { type: 'eventPermitted' } as const;

/**
 * AGREE_EXTENSION keeps the state: an explicit self-target (a targetless transition is inert to
 * XState, so `can()` and `ownEvents` would not see it).
 */
function agreeExtensionIn<const S extends CdErrorState>(state: S) {
  return { AGREE_EXTENSION: { target: state, guard: permitted } } as const;
}

export const cdErrorMachine = setup({
  types: {
    context: {} as CdErrorMachineContext,
    events: {} as CdErrorMachineEvent,
  },
  guards: {
    eventPermitted: ({ event }) => cdErrorEventPermitted(event.type, event.guardInput),
    ipcResponseOpensInvestigation: ({ event }) => ipcResponseOpensInvestigation(event.guardInput),
  },
}).createMachine({
  id: 'cdError',
  initial: 'suspected',
  context: { machineVersion: CD_ERROR_MACHINE_VERSION },
  states: {
    suspected: {
      on: {
        RECORD: { target: 'recorded', guard: permitted },
        DISMISS: { target: 'dismissed', guard: permitted },
      },
    },
    recorded: {
      on: {
        DISMISS: { target: 'dismissed', guard: permitted },
        ASSESS: { target: 'assessed', guard: permitted },
      },
    },
    assessed: {
      on: {
        SIGHT: { target: 'sroSighted', guard: permitted },
        ...agreeExtensionIn('assessed'),
      },
    },
    sroSighted: {
      on: {
        ...agreeExtensionIn('sroSighted'),
        CLOSE: { target: 'closed', guard: permitted },
        REPORT_TO_IPC: { target: 'reportedToIpc', guard: permitted },
      },
    },
    reportedToIpc: {
      on: {
        RECORD_IPC_RESPONSE: [
          {
            target: 'seriousErrorInvestigation',
            guard: and(['eventPermitted', 'ipcResponseOpensInvestigation']),
          },
          { target: 'closed', guard: permitted },
        ],
      },
    },
    seriousErrorInvestigation: {
      on: {
        RECORD_DETERMINATION: { target: 'closed', guard: permitted },
      },
    },
    dismissed: { type: 'final' },
    closed: { type: 'final' },
  },
});

export type CdErrorSnapshot = SnapshotFrom<typeof cdErrorMachine>;
