import { APPLICATION_RULE_CODES as C } from './application-guards.rule-codes';
import {
  decisionConsidersSensitiveProfession,
  sensitiveProfessionAddressed,
  spocAdvisesOnSensitiveProfession,
} from './application-guards.sensitive-profession';
import { formComplete } from './application-guards.form';
import { SENSITIVE_PROFESSIONS } from './application.types';
import { GRANT, input, spoc } from '../../test/support/application-guard-fixtures';

const blanks = [undefined, null, '', '   '];

describe('sensitiveProfessionAddressed', () => {
  it('does not apply when no profession is named', () => {
    expect(sensitiveProfessionAddressed(input({ form: { sensitiveProfession: null } }))).toBeNull();
    expect(sensitiveProfessionAddressed(input({ form: { sensitiveProfession: undefined } }))).toBeNull();
  });
  it.each(SENSITIVE_PROFESSIONS)('a %s subject needs the applicant’s account of it, and passes with one', (sensitiveProfession) => {
    for (const blank of blanks) {
      expect(sensitiveProfessionAddressed(input({ form: { sensitiveProfession, sensitiveProfessionConsiderations: blank } }))).toEqual({
        code: C.SENSITIVE_PROFESSION_NOT_ADDRESSED,
        detail: expect.any(String),
        fields: ['sensitiveProfessionConsiderations'],
      });
    }
    const addressed = { sensitiveProfession, sensitiveProfessionConsiderations: 'Victim of the offence; profession not relevant.' };
    expect(sensitiveProfessionAddressed(input({ form: addressed }))).toBeNull();
  });
  it('a journalist subject still has to answer the journalistic-source question (formComplete)', () => {
    const journalist = { sensitiveProfession: 'journalist' as const, sensitiveProfessionConsiderations: 'Suspect; role as journalist weighed.' };
    expect(formComplete(input({ form: { ...journalist, journalisticSourceSought: null } }))).toEqual({
      code: C.FORM_INCOMPLETE,
      detail: expect.any(String),
      fields: ['journalisticSourceSought'],
    });
    expect(formComplete(input({ form: { ...journalist, journalisticSourceSought: false } }))).toBeNull();
  });
});

describe('spocAdvisesOnSensitiveProfession', () => {
  const lawyer = { sensitiveProfession: 'lawyer' as const, sensitiveProfessionConsiderations: 'x' };
  it('does not apply when no profession is named', () => {
    expect(spocAdvisesOnSensitiveProfession(input({ event: { type: 'SUBMIT_FOR_AUTHORISATION', spoc: { spocAdvice: 'ok' } } }))).toBeNull();
  });
  it('needs the SPOC’s advice on it, in the event or on the record', () => {
    const submit = (spocSection: object | null, advice?: string | null) =>
      spocAdvisesOnSensitiveProfession(
        input({
          actor: spoc,
          form: lawyer,
          application: { spocSection },
          event: { type: 'SUBMIT_FOR_AUTHORISATION', spoc: { spocAdvice: 'ok', sensitiveProfessionAdvice: advice } },
        }),
      );
    expect(submit(null, 'Collateral intrusion on privileged contacts weighed.')).toBeNull();
    expect(submit({ spocAdvice: 'ok', sensitiveProfessionAdvice: 'Weighed at first submission.' })).toBeNull();
    for (const blank of blanks) {
      expect(submit(null, blank)).toEqual({
        code: C.SENSITIVE_PROFESSION_NOT_ADVISED,
        detail: expect.any(String),
        fields: ['spoc.sensitiveProfessionAdvice'],
      });
    }
  });
});

describe('decisionConsidersSensitiveProfession', () => {
  const doctor = { sensitiveProfession: 'medicalDoctor' as const, sensitiveProfessionConsiderations: 'x' };
  it('does not apply when no profession is named', () => {
    expect(decisionConsidersSensitiveProfession(input())).toBeNull();
  });
  it('needs the decider to say how they weighed it', () => {
    const considered = { ...GRANT, sensitiveProfessionConsideration: 'Subscriber check only; no patient data inferred.' };
    expect(decisionConsidersSensitiveProfession(input({ form: doctor, decision: considered }))).toBeNull();
    for (const blank of blanks) {
      expect(decisionConsidersSensitiveProfession(input({ form: doctor, decision: { ...GRANT, sensitiveProfessionConsideration: blank } }))).toEqual({
        code: C.SENSITIVE_PROFESSION_NOT_CONSIDERED,
        detail: expect.any(String),
        fields: ['decision.sensitiveProfessionConsideration'],
      });
    }
  });
});
