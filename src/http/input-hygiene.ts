import type { NextFunction, Request, Response } from 'express';
import { DomainException, type FieldError } from './domain-exception';

/**
 * Input hygiene (issue 18 point 4; ASVS 5.0 V1.1.1: input decoded once, then checked before it is processed;
 * V2.2.1/V2.2.2: all input validated, at the service; OWASP API8:2023): no string the service accepts may hold
 *
 * - a NUL character (U+0000): PostgreSQL's `text` and `jsonb` cannot store one, so the driver throws and the
 *   request ended as a 500 after it had passed validation (SQLite stores it, so the two databases disagreed);
 * - an unpaired UTF-16 surrogate (U+D800–U+DFFF without its partner), which `JSON.parse` turns a `\ud800` escape
 *   into: it is not a character, has no UTF-8 form, and would be written as U+FFFD or refused by whatever stores
 *   or sends it next — so what was stored would not be what was sent.
 *
 * One check over the whole parsed body (every string value and object key, at any depth) and every decoded
 * query parameter, run as Express middleware right after the JSON parser: before the guard, the interceptors
 * (idempotency fingerprints the body), the validation pipe and any handler, so no route can forget it and no
 * such string reaches a driver. Uploaded files are left alone (a return is bytes, checked as UTF-8 by its own
 * reader); the text fields of a multipart upload are for {@link invalidFormField} where they are read.
 */

export type InvalidCharacterKind = 'nulCharacter' | 'unpairedSurrogate';

export interface InvalidCharacter {
  /** Where it is, as the validation errors name fields: `form.subjects[0].name`, `["odd key"]`, `status`. */
  field: string;
  kind: InvalidCharacterKind;
  /** The character is in an object key (a field's name), not in a value. */
  inKey: boolean;
}

/** More than enough to show a client what to fix; a hostile body with thousands stops being walked here. */
export const MAX_REPORTED = 20;

// A high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What is wrong with one string, if anything (a NUL first: it is the one that breaks PostgreSQL). */
export function invalidCharacterIn(text: string): InvalidCharacterKind | null {
  if (text.includes('\u0000')) return 'nulCharacter';
  if (LONE_SURROGATE.test(text)) return 'unpairedSurrogate';
  return null;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

interface Step {
  value: unknown;
  parent: Step | null;
  key: string | number | null;
  /** The key itself is at fault: reported when its turn comes, and what is under it is not walked. */
  badKey?: InvalidCharacterKind;
}

/**
 * A path as `flattenValidationErrors` writes one (`a.b[0].c`). A key that is not a plain name is quoted as JSON,
 * which also escapes the offending character (`["a\u0000b"]`), so the answer never echoes a NUL or a surrogate.
 */
function pathOf(step: Step): string {
  const parts: string[] = [];
  for (let s: Step | null = step; s && s.key !== null; s = s.parent) {
    const { key } = s;
    if (typeof key === 'number') parts.push(`[${key}]`);
    else if (IDENTIFIER.test(key)) parts.push(s.parent?.key === null ? key : `.${key}`);
    else parts.push(`[${JSON.stringify(key)}]`);
  }
  return parts.reverse().join('');
}

/**
 * Every string value and object key of a parsed JSON value (or a decoded query object) holding a NUL or an
 * unpaired surrogate, in document order, at most {@link MAX_REPORTED}. Iterative, with parent links instead of
 * path strings, so a body nested thousands deep neither overflows the stack nor costs its depth squared.
 */
export function findInvalidCharacters(root: unknown): InvalidCharacter[] {
  const found: InvalidCharacter[] = [];
  const stack: Step[] = [{ value: root, parent: null, key: null }];
  while (stack.length > 0 && found.length < MAX_REPORTED) {
    const step = stack.pop() as Step;
    const { value } = step;
    if (step.badKey) {
      found.push({ field: pathOf(step), kind: step.badKey, inKey: true });
      continue;
    }
    if (typeof value === 'string') {
      const kind = invalidCharacterIn(value);
      if (kind) found.push({ field: pathOf(step), kind, inKey: false });
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    const children: Step[] = [];
    if (Array.isArray(value)) {
      value.forEach((item: unknown, index) => children.push({ value: item, parent: step, key: index }));
    } else {
      for (const [key, item] of Object.entries(value)) {
        // A key at fault is reported once, not what is under it: a field with no name cannot be named.
        const kind = invalidCharacterIn(key);
        children.push(kind ? { value: undefined, parent: step, key, badKey: kind } : { value: item, parent: step, key });
      }
    }
    for (let i = children.length - 1; i >= 0; i -= 1) stack.push(children[i]);
  }
  return found;
}

const WHAT: Record<InvalidCharacterKind, string> = {
  nulCharacter: 'a NUL character (U+0000)',
  unpairedSurrogate: 'an unpaired UTF-16 surrogate (half of a character, such as \\ud800 on its own)',
};

/** Where the strings came from, as a person reads it. */
export type InputLocation = 'body' | 'query' | 'form';
const LOCATION: Record<InputLocation, string> = { body: 'field', query: 'query parameter', form: 'form field' };

function toFieldError(fault: InvalidCharacter, location: InputLocation): FieldError {
  const subject = fault.inKey ? `The name of the ${LOCATION[location]} "${fault.field}"` : `The ${LOCATION[location]} "${fault.field}"`;
  return { field: fault.field, code: fault.kind, message: `${subject} contains ${WHAT[fault.kind]}, which is not allowed in text.` };
}

/** The refusal: 400 `INPUT_CHARACTERS_INVALID`, naming each field at fault (docs/security.md, "Input, headers and limits"). */
export function invalidCharactersException(faults: readonly { fault: InvalidCharacter; location: InputLocation }[]): DomainException {
  const errors = faults.map(({ fault, location }) => toFieldError(fault, location));
  const named = errors.map((e) => e.field).join(', ');
  return new DomainException(
    'INPUT_CHARACTERS_INVALID',
    `The request has text with a NUL character or an unpaired UTF-16 surrogate, which the service does not accept, in: ${named}.`,
    { errors },
  );
}

/**
 * For one text field of a multipart upload, as its streaming reader meets it (src/disclosures/returns/return-upload.ts
 * parses the upload itself, after this middleware has run): the refusal, or null. The file itself is not text here.
 */
export function invalidFormField(name: string, value: string): DomainException | null {
  const faults = findInvalidCharacters({ [name]: value });
  return faults.length > 0 ? invalidCharactersException(faults.map((fault) => ({ fault, location: 'form' }))) : null;
}

/**
 * Express middleware, installed after the JSON body parser (src/app.setup.ts): the decoded query, then the
 * parsed body. Express 5 parses `req.query` from the URL on each read; a body not parsed as JSON (a multipart
 * upload, a CSV import) is not yet an object here and is left to its own reader.
 */
export function inputHygieneMiddleware(req: Request, _res: Response, next: NextFunction): void {
  const faults = [
    ...findInvalidCharacters(req.query).map((fault) => ({ fault, location: 'query' as const })),
    ...(req.body !== null && typeof req.body === 'object' ? findInvalidCharacters(req.body).map((fault) => ({ fault, location: 'body' as const })) : []),
  ].slice(0, MAX_REPORTED);
  next(faults.length > 0 ? invalidCharactersException(faults) : undefined);
}
