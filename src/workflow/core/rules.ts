/**
 * What every aggregate's guards have in common: a refusal with a stable rule code, and whether the rule
 * is about who is acting or about what they sent. No HTTP here: `src/http` decides what a kind means
 * on the wire (docs/architecture.md §5).
 */

/** `actor`: the rule is about who sends the event (or the decider they name); `content`: about the record, the payload or the law. */
export type RuleKind = 'actor' | 'content';

/** Why a guard refused: the rule code, a plain-English detail, and the form or payload fields at fault. */
export interface RuleFailure<C extends string = string> {
  code: C;
  detail?: string;
  fields?: readonly string[];
}

/** A guard: a pure function of the aggregate's guard input, `null` when it passes. */
export type Guard<I, C extends string> = (input: I) => RuleFailure<C> | null;

/** Builds a refusal, leaving out what was not given (so recorded and compared values stay minimal). */
export function failure<C extends string>(code: C, detail?: string, fields?: readonly string[]): RuleFailure<C> {
  const result: RuleFailure<C> = { code };
  if (detail !== undefined) result.detail = detail;
  if (fields !== undefined && fields.length > 0) result.fields = fields;
  return result;
}

/**
 * A rule as a person reads it, one per rule code, for inspectors and the rules table (docs/rules.md): what it
 * requires in plain English, and where the requirement comes from (a section of docs/law.md and the source).
 */
export interface RuleDescription {
  message: string;
  citation: string;
}
