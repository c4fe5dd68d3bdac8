/** Thrown when a machine and its rule table disagree, or a persisted value is not one the machine knows: a bug, never bad input. */
export class WorkflowInvariantError extends Error {
  override readonly name = 'WorkflowInvariantError';
}
