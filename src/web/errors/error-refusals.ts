import { DomainException } from '../../http/domain-exception';
import { CD_ERROR_RULE_CATALOGUE, type CdErrorRuleCode } from '../../workflow/cd-error.rule-codes';
import { withFieldsRenamed } from '../form-refusals';
import { fieldId } from '../web-exception.filter';
import type { ErrorField } from './error-fields';
import { REPORT_FIELD_WORDS } from './error-words';

const isErrorRule = (code: string): code is CdErrorRuleCode => Object.prototype.hasOwnProperty.call(CD_ERROR_RULE_CATALOGUE, code);

/** A refusal's field as the form names it: the DTO's `report.x` is the guards' `x` (error-fields.ts). */
const formName = (field: string): string => (field.startsWith('report.') ? field.slice('report.'.length) : field);

/**
 * A register rule's refusal as an error form shows it (src/web/web-exception.filter.ts renders it): the same code
 * and status, in the rule catalogue's words (the guard's detail names fields by their codes), each field error kept
 * when its field is on this form so every link of the error summary lands on the page. A refusal about fields of
 * another page (a report to the IPC missing what the record needs) names them in words instead, pointing at the
 * form's first field. A validation error keeps the DTO's messages, its report fields named as the form names them.
 */
export function asShownOnErrorForm(error: unknown, fields: readonly ErrorField[]): unknown {
  if (!(error instanceof DomainException) || !isErrorRule(error.code)) return withFieldsRenamed(error, formName);
  const onForm = new Set(fields.map((f) => f.name));
  const named = (error.extras.errors ?? []).map((e) => ({ ...e, field: formName(e.field) }));
  const message = CD_ERROR_RULE_CATALOGUE[error.code].message;
  const here = named.filter((e) => onForm.has(e.field));
  if (here.length) return new DomainException(error.code, message, { errors: here.map((e) => ({ ...e, message })) });
  const elsewhere = named.map((e) => REPORT_FIELD_WORDS[e.field] ?? e.field);
  const detail = elsewhere.length ? `${message} It concerns: ${elsewhere.join('; ')}.` : message;
  return new DomainException(error.code, detail, fields.length ? { errors: [{ field: fields[0].name, message: detail, code: error.code }] } : {});
}

/** Runs a form's command, its refusal shown as {@link asShownOnErrorForm} says. */
export async function shownOnErrorForm<T>(work: () => Promise<T>, fields: readonly ErrorField[]): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw asShownOnErrorForm(error, fields);
  }
}

/** The id on the page of the field a refusal without fields points at: the form's first, or the page's main content. */
export function fallbackField(fields: readonly ErrorField[]): string {
  return fields.length ? fieldId(fields[0].name) : 'main-content';
}
