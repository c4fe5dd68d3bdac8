/**
 * What the CD error guard files share (cd-error.guards.ts and cd-error-guards.*.ts). Not re-exported by
 * cd-error.guards.ts: the exported surface there is the guards and the deadline helpers.
 */
import { failure } from './core/rules';
import type { CdErrorGuardFailure, CdErrorRuleCode } from './cd-error.rule-codes';

/** A refusal with a CD error rule code. */
export function cdErrorFailure(code: CdErrorRuleCode, detail?: string, fields?: readonly string[]): CdErrorGuardFailure {
  return failure(code, detail, fields);
}
