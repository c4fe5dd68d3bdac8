import { DomainException, type FieldError } from '../../http/domain-exception';
import { dateTimeParts, parseDateTime, partsOf, type DateTimeParts } from '../forms/date-time-input';
import type { ErrorField } from './error-fields';

/** What a form shows in each field: text, `true`/`false`/`` for yes-no questions, or a date-time's parts. */
export type FieldValues = Record<string, string | DateTimeParts | null>;

const EMPTY_PARTS: DateTimeParts = { day: '', month: '', year: '', hour: '', minute: '', zone: 'Europe/London' };

function at(source: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), source);
}

function put(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]] = value;
}

/** The fields as a record holds them (the entry's report and kind): what a form starts from. */
export function valuesOf(fields: readonly ErrorField[], record: Record<string, unknown>): FieldValues {
  return Object.fromEntries(
    fields.map((f): [string, string | DateTimeParts] => {
      const value = at(record, f.path);
      if (f.type === 'dateTime') return [f.id, partsOf(typeof value === 'string' ? value : null) ?? EMPTY_PARTS];
      return [f.id, typeof value === 'boolean' ? String(value) : typeof value === 'string' ? value : ''];
    }),
  );
}

/** The fields as posted, to show them again as typed. */
export function valuesPosted(fields: readonly ErrorField[], body: Record<string, unknown>): FieldValues {
  return Object.fromEntries(
    fields.map((f): [string, string | DateTimeParts] => {
      if (f.type === 'dateTime') return [f.id, dateTimeParts(body, f.id)];
      const value = body[f.id];
      return [f.id, typeof value === 'string' ? value : ''];
    }),
  );
}

/**
 * The posted answers as the API's body: each answer at its path, yes-no as booleans, a date and time as an
 * instant with its offset. An answer left empty is left out (an event keeps what the register already holds, as
 * an API client that omits it would), or with `clearEmpty` sent as null (an edit that empties a field clears it,
 * and the service refuses clearing what makes a record). A date-time that cannot be read is refused here, naming
 * its field, before anything is sent; everything else is the API's to check.
 */
export function payloadOf(fields: readonly ErrorField[], body: Record<string, unknown>, clearEmpty = false): Record<string, unknown> {
  const payload: Record<string, unknown> = {};
  const problems: FieldError[] = [];
  for (const f of fields) {
    if (f.type === 'dateTime') {
      const when = parseDateTime(dateTimeParts(body, f.id), f.label.replace(/ \(optional\)$/, ''));
      if (!when.ok) problems.push({ field: f.name, message: when.message, code: 'dateTime' });
      else if (when.iso !== null || clearEmpty) put(payload, f.path, when.iso);
      continue;
    }
    const raw = body[f.id];
    const text = typeof raw === 'string' ? raw.trim() : '';
    if (text === '') {
      if (clearEmpty) put(payload, f.path, null);
      continue;
    }
    put(payload, f.path, f.type === 'yesNo' ? (text === 'true' ? true : text === 'false' ? false : text) : text);
  }
  if (problems.length) throw new DomainException('VALIDATION_FAILED', problems[0].message, { errors: problems });
  return payload;
}

/**
 * Of an edited report, only what differs from the report as it stands (an empty field and an absent one are the
 * same): the history then names what the person changed, not every field the form showed.
 */
export function changedFields(edited: Record<string, unknown>, current: Record<string, unknown>): Record<string, unknown> {
  // An instant typed again is the same instant whatever its offset was written with (`+00:00` or `Z`).
  const instant = (v: unknown) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) ? Date.parse(v) : Number.NaN);
  const same = (a: unknown, b: unknown) => (a ?? null) === (b ?? null) || (!Number.isNaN(instant(a)) && instant(a) === instant(b));
  return Object.fromEntries(Object.entries(edited).filter(([key, value]) => !same(value, current[key])));
}
