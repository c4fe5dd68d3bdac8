import type { NextFunction, Request, Response } from 'express';
import { DomainException } from './domain-exception';
import { findInvalidCharacters, inputHygieneMiddleware, invalidCharacterIn, invalidFormField, MAX_REPORTED } from './input-hygiene';

const LONE_HIGH = '\ud800';
const LONE_LOW = '\udc00';
const PAIR = '\ud83d\ude93'; // 🚓, a well-formed surrogate pair

describe('invalidCharacterIn', () => {
  it('finds a NUL anywhere in a string', () => {
    for (const text of ['\u0000', 'a\u0000', '\u0000b', 'a\u0000b']) expect(invalidCharacterIn(text)).toBe('nulCharacter');
  });

  it('finds a high or a low surrogate on its own, at either end or in the middle', () => {
    for (const text of [LONE_HIGH, LONE_LOW, `a${LONE_HIGH}`, `${LONE_LOW}b`, `${LONE_HIGH}${LONE_HIGH}`, `${LONE_LOW}${LONE_HIGH}`, `${PAIR}${LONE_LOW}`]) {
      expect({ text: escape(text), kind: invalidCharacterIn(text) }).toEqual({ text: escape(text), kind: 'unpairedSurrogate' });
    }
  });

  it('accepts text, other control characters and well-formed pairs', () => {
    for (const text of ['', 'plain', 'tab\tnew\nline\u0001', PAIR, `${PAIR}${PAIR}`, 'Ünïcödé ✓', '\ufffd']) expect(invalidCharacterIn(text)).toBeNull();
  });
});

describe('findInvalidCharacters', () => {
  it('names every field at fault by its path, in document order, values and keys alike', () => {
    const body = {
      form: { subjects: [{ name: 'ok' }, { name: 'bad\u0000' }], [`key${LONE_HIGH}`]: 'hidden\u0000' },
      'odd key': [LONE_LOW],
      fine: 1,
    };
    expect(findInvalidCharacters(body)).toEqual([
      { field: 'form.subjects[1].name', kind: 'nulCharacter', inKey: false },
      // The key is quoted as JSON, so the path itself carries no lone surrogate; what is under it is not walked.
      { field: 'form["key\\ud800"]', kind: 'unpairedSurrogate', inKey: true },
      { field: '["odd key"][0]', kind: 'unpairedSurrogate', inKey: false },
    ]);
  });

  it('walks a top-level array and a NUL in a key at the top level', () => {
    expect(findInvalidCharacters([{ a: 'x' }, 'y\u0000'])).toEqual([{ field: '[1]', kind: 'nulCharacter', inKey: false }]);
    expect(findInvalidCharacters({ 'a\u0000': 1 })).toEqual([{ field: '["a\\u0000"]', kind: 'nulCharacter', inKey: true }]);
  });

  it('ignores numbers, booleans, null and clean strings', () => {
    expect(findInvalidCharacters({ a: 1, b: true, c: null, d: ['x', { e: 'y' }] })).toEqual([]);
    expect(findInvalidCharacters(undefined)).toEqual([]);
  });

  it('stops after the most it reports', () => {
    expect(findInvalidCharacters(Array.from({ length: 500 }, () => '\u0000'))).toHaveLength(MAX_REPORTED);
  });

  it('walks a body nested far deeper than the stack would allow', () => {
    let deep: unknown = 'bottom\u0000';
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    const [fault] = findInvalidCharacters(deep);
    expect(fault.kind).toBe('nulCharacter');
    expect(fault.field).toBe('[0]'.repeat(100_000));
  });
});

describe('inputHygieneMiddleware', () => {
  const run = (req: Partial<Request>): unknown => {
    let passed: unknown = 'not called';
    inputHygieneMiddleware(req as Request, {} as Response, ((error?: unknown) => (passed = error)) as NextFunction);
    return passed;
  };

  it('passes a clean request on', () => {
    expect(run({ query: { status: 'draft' }, body: { a: 'b' } })).toBeUndefined();
    expect(run({ query: {}, body: undefined })).toBeUndefined();
  });

  it('refuses a NUL in a query parameter or the body with INPUT_CHARACTERS_INVALID, naming each field', () => {
    const error = run({ query: { status: 'dr\u0000aft' }, body: { form: { subjects: [{ name: LONE_HIGH }] } } });
    expect(error).toBeInstanceOf(DomainException);
    const e = error as DomainException;
    expect(e.code).toBe('INPUT_CHARACTERS_INVALID');
    expect(e.extras.errors).toEqual([
      { field: 'status', code: 'nulCharacter', message: 'The query parameter "status" contains a NUL character (U+0000), which is not allowed in text.' },
      {
        field: 'form.subjects[0].name',
        code: 'unpairedSurrogate',
        message: 'The field "form.subjects[0].name" contains an unpaired UTF-16 surrogate (half of a character, such as \\ud800 on its own), which is not allowed in text.',
      },
    ]);
    expect(e.detail).toContain('status, form.subjects[0].name');
    // The answer never echoes the characters it refuses.
    const answer = JSON.stringify(e.extras) + e.detail;
    expect({ nul: answer.includes('\u0000'), surrogate: /[\ud800-\udfff]/.test(answer) }).toEqual({ nul: false, surrogate: false });
  });
});

describe('invalidFormField', () => {
  it('refuses a multipart form field holding a NUL, naming it as a form field, and passes a clean one', () => {
    expect(invalidFormField('deliveryId', 'D-1')).toBeNull();
    const refused = invalidFormField('deliveryId', 'D\u0000X');
    expect(refused?.code).toBe('INPUT_CHARACTERS_INVALID');
    expect(refused?.extras.errors).toEqual([
      { field: 'deliveryId', code: 'nulCharacter', message: 'The form field "deliveryId" contains a NUL character (U+0000), which is not allowed in text.' },
    ]);
  });
});

function escape(text: string): string {
  return JSON.stringify(text);
}
