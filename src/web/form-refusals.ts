import { DomainException } from '../http/domain-exception';
import { APPLICATION_RULE_CATALOGUE, type ApplicationRuleCode } from '../workflow/application-guards.rule-codes';
import { fieldId } from './web-exception.filter';

const isApplicationRule = (code: string): code is ApplicationRuleCode => Object.prototype.hasOwnProperty.call(APPLICATION_RULE_CATALOGUE, code);

/**
 * Refusals as a form shows them (src/web/web-exception.filter.ts renders them), and a form's answers as text.
 * Each form family has its own way of pointing a refusal at its fields: the SPOC's forms below (application rules),
 * the register's (src/web/errors/error-refusals.ts: register rules, the report's fields); what they share is
 * {@link withFieldsRenamed}.
 */

/**
 * A refusal with its field errors pointed at the fields of the form that sent it: each error's field renamed as
 * the form names it, the code, detail and everything else kept. Anything without field errors passes unchanged.
 */
export function withFieldsRenamed(error: unknown, rename: (field: string) => string): unknown {
  if (!(error instanceof DomainException) || !error.extras.errors?.length) return error;
  const errors = error.extras.errors.map((e) => ({ ...e, field: rename(e.field) }));
  return new DomainException(error.code, error.detail, { ...error.extras, errors });
}

/**
 * A guard's refusal as a SPOC's form shows it (src/web/web-exception.filter.ts renders it): the same code and
 * status, in the rule catalogue's words rather than the guard's detail (which names fields and events by their
 * codes), each field error kept only when its field is on this form, so every link of the error summary lands
 * on the page. A refusal whose fields are elsewhere (the applicant's form) points at the page's fallback (its
 * checks); `fieldFor` names the field of this form a refusal without fields is about, where there is one.
 * Anything that is not a rule's refusal passes unchanged (validation keeps the DTO's own messages).
 */
export function asShownOnForm(error: unknown, fieldsOnForm: readonly string[], fieldFor: Partial<Record<ApplicationRuleCode, string>> = {}): unknown {
  if (!(error instanceof DomainException) || !isApplicationRule(error.code)) return error;
  const message = APPLICATION_RULE_CATALOGUE[error.code].message;
  const onForm = (error.extras.errors ?? []).filter((e) => fieldsOnForm.includes(fieldId(e.field)));
  const fallback = fieldFor[error.code];
  const errors = onForm.length ? onForm.map((e) => ({ field: e.field, message, code: e.code })) : fallback ? [{ field: fallback, message, code: error.code }] : [];
  return new DomainException(error.code, message, errors.length ? { errors } : {});
}

/** Runs a form's command, its refusal shown as {@link asShownOnForm} says. */
export async function shownOnForm<T>(work: () => Promise<T>, fieldsOnForm: readonly string[], fieldFor: Partial<Record<ApplicationRuleCode, string>> = {}): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw asShownOnForm(error, fieldsOnForm, fieldFor);
  }
}

/** A form's answer as text: trimmed, and null when left empty (the API's "not given"). */
export function answer(body: Record<string, unknown>, name: string): string | null {
  const value = body[name];
  const text = typeof value === 'string' ? value.trim() : '';
  return text === '' ? null : text;
}
