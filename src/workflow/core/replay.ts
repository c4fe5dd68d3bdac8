/**
 * Replaying a recorded transition through the production machine (issue 21, item 1; docs/architecture.md §11,
 * "Verification"): the guard inputs a history row kept are turned back into the event, the guard input and the
 * options (each aggregate's `fromRecord`), the engine applies them to the row's `from_state`, and the outcome must
 * be the row's `to_state` and exactly the guard inputs it recorded — the same guards run, the same branch taken.
 * Pure: the rows come from the caller.
 */
import canonicalize from 'canonicalize';
import type { WorkflowEngine, WorkflowTypes } from './engine';

/** An instant a record keeps as ISO text, back as the Date the guards read. */
export const instantOf = (iso: string | null | undefined): Date | null => (iso == null ? null : new Date(iso));

/** A history row as replay reads it: the replay inputs, outside the blankable payload. */
export interface RecordedTransition {
  kind: string;
  fromState: string | null;
  toState: string;
  eventType: string | null;
  machineVersion: string;
  /** Canonical JSON, as stored; null on rows that are not transitions. */
  guardInputs: string | null;
}

/** Why replaying `row` through `engine` does not give what the row recorded; null when it does. */
export function replayFinding<T extends WorkflowTypes>(engine: WorkflowEngine<T>, row: RecordedTransition): string | null {
  const { definition } = engine;
  if (row.machineVersion !== definition.machineVersion) {
    return `it was recorded under ${definition.noun} machine version ${row.machineVersion}, and this build (version ${definition.machineVersion}) has no migration path from it, so it cannot be replayed`;
  }
  if (row.guardInputs === null || row.fromState === null) return 'a transition without the guard inputs or the state to replay it from';
  let recorded: T['record'];
  try {
    recorded = JSON.parse(row.guardInputs) as T['record'];
  } catch {
    return 'its guard inputs cannot be read, so it cannot be replayed';
  }
  let outcome;
  try {
    const { event, input, options } = definition.fromRecord(recorded);
    if (event.type !== row.eventType) return `its guard inputs are for ${event.type}, but the row records ${String(row.eventType)}`;
    outcome = engine.apply(row.fromState as T['state'], event, input, options);
  } catch (error) {
    return `replaying it fails: ${error instanceof Error ? error.message : String(error)}`;
  }
  const what = `replaying ${String(row.eventType)} from ${row.fromState}`;
  if (!outcome.ok) {
    const why = outcome.kind === 'ruleFailed' ? `rule ${outcome.failure.code}` : outcome.kind === 'forbiddenRole' ? 'the sender’s role' : 'the machine has no such transition';
    return `${what} is refused (${why}), so the recorded transition does not follow from its inputs`;
  }
  if (outcome.nextState !== row.toState) return `${what} reaches ${outcome.nextState}, but the row records ${row.toState}`;
  const replayed = JSON.parse(canonicalize(outcome.guardInputsUsed) ?? 'null') as Record<string, unknown>;
  const stored = recorded as Record<string, unknown>;
  const differing = [...new Set([...Object.keys(replayed), ...Object.keys(stored)])]
    .filter((key) => canonicalize(replayed[key] ?? null) !== canonicalize(stored[key] ?? null))
    .sort();
  return differing.length === 0 ? null : `${what} gives other guard inputs than recorded: ${differing.join(', ')}`;
}
