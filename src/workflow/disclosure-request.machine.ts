/**
 * The disclosure request statechart (docs/architecture.md §7.2), built by the workflow core from the
 * transition table (`DISCLOSURE_REQUEST_TRANSITIONS`). Every transition is guarded by the same rule table
 * the engine applies (roles + guards), so the machine itself refuses an invalid transition, and
 * RETURN_RECEIVED picks `disclosed` or `partiallyDisclosed` from whether the return completes every item.
 *
 * Bump {@link DISCLOSURE_REQUEST_MACHINE_VERSION} whenever a state, event, target or guard changes: the
 * version is stored with each history row so a replay uses the rules that applied.
 */
import type { SnapshotFrom } from 'xstate';
import { createWorkflowMachine, type WorkflowMachineEvent } from './core/machine';
import { returnCompletesDisclosure, type DisclosureRequestGuardInput } from './disclosure-request.guards';
import { DISCLOSURE_REQUEST_EVENT_RULES, DISCLOSURE_REQUEST_GUARDS } from './disclosure-request.policy';
import {
  DISCLOSURE_REQUEST_STATES,
  DISCLOSURE_REQUEST_TRANSITIONS,
  type DisclosureRequestEventType,
} from './disclosure-request.types';

export const DISCLOSURE_REQUEST_MACHINE_VERSION = '1';

/** The machine's event: the event type plus everything its guards look at. */
export type DisclosureRequestMachineEvent = WorkflowMachineEvent<DisclosureRequestEventType, DisclosureRequestGuardInput>;

export const disclosureRequestMachine = createWorkflowMachine({
  id: 'disclosureRequest',
  version: DISCLOSURE_REQUEST_MACHINE_VERSION,
  initial: 'pending',
  states: DISCLOSURE_REQUEST_STATES,
  transitions: DISCLOSURE_REQUEST_TRANSITIONS,
  policy: DISCLOSURE_REQUEST_EVENT_RULES,
  guards: DISCLOSURE_REQUEST_GUARDS,
  branches: { returnCompletesDisclosure },
});

export type DisclosureRequestSnapshot = SnapshotFrom<typeof disclosureRequestMachine>;
