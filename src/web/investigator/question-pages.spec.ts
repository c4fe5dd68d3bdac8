import { DomainException } from '../../http/domain-exception';
import type { ApplicationForm } from '../../workflow/application.types';
import { inPlainWords, plainMessage } from './plain-words';
import { changedAnswers } from './changed-answers';
import { pageAfter, questionPage } from './question-pages';

const page = (name: string) => {
  const found = questionPage(name);
  if (!found) throw new Error(name);
  return found;
};

describe('question pages', () => {
  it('go in the order of the record’s summary, the last leading to check your answers', () => {
    expect(['about', 'purpose', 'subjects', 'identifiers', 'data', 'justification'].map((p) => pageAfter(p as never))).toEqual([
      'purpose',
      'subjects',
      'identifiers',
      'data',
      'justification',
      null,
    ]);
    expect(questionPage('nonsense')).toBeNull();
    expect(questionPage('constructor')).toBeNull();
  });

  it('add and remove rows without saving, drop blank rows and give new ones the next free reference', () => {
    const identifiers = page('identifiers');
    const body = {
      'identifiers-0-ref': 'id2',
      'identifiers-0-type': 'msisdn',
      'identifiers-0-value': '07911 123456',
      'identifiers-0-source': 'victim',
      'identifiers-3-ref': '',
      'identifiers-3-type': '',
      'identifiers-3-value': '',
      'identifiers-3-source': '',
      'identifiers-7-ref': '',
      'identifiers-7-type': 'email',
      'identifiers-7-value': 'a@example.com',
      'identifiers-7-source': 'witness',
    };
    const posted = identifiers.fromBody(body);
    expect((posted.afterRowAction('add-identifiers')?.view({}).values as { identifiers: unknown[] }).identifiers).toHaveLength(4);
    expect((posted.afterRowAction('remove-identifiers-0')?.view({}).values as { identifiers: { value: string }[] }).identifiers.map((i) => i.value)).toEqual(['', 'a@example.com']);
    expect(posted.afterRowAction('continue')).toBeNull();
    expect(posted.compact().toPlain().plain).toEqual({
      identifiers: [
        { ref: 'id2', type: 'msisdn', value: '07911 123456', source: 'victim', subjectRef: null },
        { ref: 'id1', type: 'email', value: 'a@example.com', source: 'witness', subjectRef: null },
      ],
    });
    // Nothing left: the list is not given, and the page still shows one row to fill in.
    const none = identifiers.fromBody({ 'identifiers-0-ref': '', 'identifiers-0-type': '', 'identifiers-0-value': '', 'identifiers-0-source': '' }).compact();
    expect(none.toPlain().plain).toEqual({ identifiers: null });
    expect((none.view({}).values as { identifiers: unknown[] }).identifiers).toHaveLength(1);
  });

  it('read a period typed in UK time with the offset in force, and report one that cannot be read against its field', () => {
    const data = page('data');
    const at = (prefix: string, parts: string[], zone: string): Record<string, string> =>
      Object.fromEntries([...['day', 'month', 'year', 'hour', 'minute'].map((p, i): [string, string] => [`${prefix}-${p}`, parts[i]]), [`${prefix}-zone`, zone]]);
    const body = {
      'dataItems-0-identifierRef': 'id1',
      'dataItems-0-subtype': 'cellSite',
      'dataItems-0-periodKind': 'historic',
      ...at('dataItems-0-periodStart', ['1', '6', '2025', '14', '30'], 'Europe/London'),
      ...at('dataItems-0-periodEnd', ['1', '6', '2025', '25', '00'], 'UTC'),
      'dataItems-0-csp': 'Vodafone',
    };
    const { plain, errors } = data.fromBody(body).compact().toPlain();
    expect(plain.dataItems).toEqual([
      expect.objectContaining({ ref: 'd1', category: 'events', subtype: 'cellSite', periodStart: '2025-06-01T14:30:00+01:00', periodEnd: null, icrCondition: null }),
    ]);
    expect(errors).toEqual([{ field: 'dataItems[0].periodEnd', message: 'The end of the period must be a real date and time', code: 'dateTime' }]);
  });

  it('save only the answers that differ from the stored form (instants compared as instants, identifiers without their normalised value)', () => {
    const form: ApplicationForm = {
      necessity: 'N',
      identifiers: [{ ref: 'id1', type: 'msisdn', value: '07911 123456', normalisedValue: '+447911123456', source: 'victim', subjectRef: null }],
      dataItems: [
        { ref: 'd1', identifierRef: 'id1', category: 'entity', subtype: 'subscriber', periodKind: 'historic', periodStart: '2025-06-01T13:30:00+00:00', periodEnd: '2025-06-02T00:00:00Z', csp: 'V', icrCondition: null },
      ],
    };
    expect(
      changedAnswers(
        {
          necessity: 'N',
          proportionality: null,
          identifiers: [{ ref: 'id1', type: 'msisdn', value: '07911 123456', source: 'victim', subjectRef: null }],
          dataItems: [
            { ref: 'd1', identifierRef: 'id1', category: 'entity', subtype: 'subscriber', periodKind: 'historic', periodStart: '2025-06-01T14:30:00+01:00', periodEnd: '2025-06-02T01:00:00+01:00', timeZone: null, csp: 'V', icrCondition: null },
          ],
        },
        form,
      ),
    ).toEqual({});
    expect(changedAnswers({ necessity: 'N, and more', collateralIntrusion: 'C' }, form)).toEqual({ necessity: 'N, and more', collateralIntrusion: 'C' });
  });
});

describe('plain words', () => {
  it('say what to do about a field, naming its row', () => {
    expect(plainMessage({ field: 'identifiers[1].value', message: 'not a valid msisdn: This is not a phone number', code: 'isIdentifierValue' })).toBe('Identifier 2: this is not a phone number');
    expect(plainMessage({ field: 'identifiers[0].source', message: 'source must be longer than or equal to 1 characters', code: 'isLength' })).toBe(
      'Identifier 1: enter where the identifier came from',
    );
    expect(plainMessage({ field: 'route', message: 'route must be one of …', code: 'isIn' })).toBe('Choose who will authorise the application');
    expect(plainMessage({ field: 'investigationRef', message: 'investigationRef must be shorter than or equal to 500 characters', code: 'maxLength' })).toBe(
      'The investigation reference must be 500 characters or fewer',
    );
    expect(plainMessage({ field: 'somethingNew', message: 'as the service says it', code: 'whatever' })).toBe('as the service says it');
  });

  it('keep the refusal’s code and field paths, and give a refusal without fields the field it is about', () => {
    const refused = inPlainWords(new DomainException('REASON_REQUIRED', 'a reason is required for WITHDRAW', { errors: [{ field: 'reason', message: 'a reason is required for WITHDRAW', code: 'REASON_REQUIRED' }] }), {
      fields: { reason: 'Enter why you are withdrawing the application' },
    }) as DomainException;
    expect(refused.code).toBe('REASON_REQUIRED');
    expect(refused.extras.errors).toEqual([{ field: 'reason', message: 'Enter why you are withdrawing the application', code: 'REASON_REQUIRED' }]);
    const moved = inPlainWords(new DomainException('RENEWAL_NOT_RENEWABLE', 'A renewal cannot take the urgent dso61A route (IPA s.65(2)).'), {
      codes: { RENEWAL_NOT_RENEWABLE: 'A renewal cannot take the urgent route' },
      codeFields: { RENEWAL_NOT_RENEWABLE: 'route' },
    }) as DomainException;
    expect(moved.detail).toBe('A renewal cannot take the urgent route');
    expect(moved.extras.errors).toEqual([{ field: 'route', message: 'A renewal cannot take the urgent route', code: 'RENEWAL_NOT_RENEWABLE' }]);
    const other = new Error('boom');
    expect(inPlainWords(other)).toBe(other);
  });
});
