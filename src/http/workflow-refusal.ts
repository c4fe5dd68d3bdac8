import type { WorkflowRefusal } from '../workflow/core/engine';
import type { RuleFailure } from '../workflow/core/rules';
import { DomainException } from './domain-exception';
import { isRuleCode } from './error-codes';

/**
 * The one mapping from a workflow engine's refusal to the problem the client receives
 * (docs/architecture.md §5). A rule failure names its fields in the same `errors: [{ field, message, code }]`
 * shape as a validation failure, so a client handles both alike.
 */
export function workflowRefusal(refusal: WorkflowRefusal): DomainException {
  switch (refusal.kind) {
    case 'invalidTransition':
      return new DomainException(
        'WORKFLOW_INVALID_TRANSITION',
        `${refusal.eventType} is not allowed while the ${refusal.noun} is ${refusal.state}.`,
        { allowedEvents: refusal.allowedEvents, blockedEvents: refusal.blockedEvents },
      );
    case 'forbiddenRole':
      return new DomainException('FORBIDDEN_ROLE', `${refusal.eventType} may be sent only by: ${refusal.allowedRoles.join(', ')}.`);
    case 'ruleFailed':
      return ruleRefusal(refusal.failure);
  }
}

/**
 * A guard's refusal as a problem: also for a guard a service applies outside a transition (a CD error
 * entry created or edited must still make a record, docs/law.md §4.3).
 */
export function ruleRefusal(failure: RuleFailure): DomainException {
  const { code, detail, fields } = failure;
  if (!isRuleCode(code)) throw new Error(`rule code ${code} is not in the error catalogue`);
  const message = detail ?? code;
  return new DomainException(code, message, fields ? { errors: fields.map((field) => ({ field, message, code })) } : {});
}
