import { DomainException } from '../../http/domain-exception';
import { APPLICATION_RULE_CATALOGUE } from '../../workflow/application-guards.rule-codes';
import { asShownOnForm } from '../form-refusals';
import { dsoOralGrantEvent, ocdaDecisionEvent, recordingFor } from './recorded-decision';
import { fieldInWords, rankInWords } from './words';

const AT = '2026-03-02T09:30:00+00:00';

describe('recordingFor', () => {
  it('records OCDA’s decision on ipc60A, a DSO’s oral grant on dso61A, nothing on dso61', () => {
    expect([recordingFor('ipc60A'), recordingFor('dso61A'), recordingFor('dso61'), recordingFor(null)]).toEqual(['ocda', 'dsoOral', null, null]);
  });
});

describe('ocdaDecisionEvent', () => {
  const body = {
    'decision-ocdaReference': ' OCDA-1 ',
    'decision-deciderName': 'Quinn Officer',
    'decision-officeRank': '',
    'decision-rationale': 'Necessary.',
    'decision-conductAuthorised': 'Subscriber data.',
    'decision-findings-imminentThreatToLife-reasons': '',
    reason: 'Not proportionate.',
    question: 'Which CSP?',
  };

  it('sends a grant with OCDA’s details, its time and the grant’s particulars; what is left empty is not given', () => {
    expect(ocdaDecisionEvent('GRANT', body, AT)).toEqual({
      type: 'GRANT',
      decision: {
        ocdaReference: 'OCDA-1',
        deciderName: 'Quinn Officer',
        officeRank: null,
        decidedAt: AT,
        rationale: 'Necessary.',
        conductAuthorised: 'Subscriber data.',
        conditions: null,
        sensitiveProfessionConsideration: null,
        findings: null,
      },
    });
  });

  it('sends a refusal with its reason, and a request with its question, each with OCDA’s details only', () => {
    const details = { ocdaReference: 'OCDA-1', deciderName: 'Quinn Officer', officeRank: null, decidedAt: AT };
    expect(ocdaDecisionEvent('REFUSE', body, AT)).toEqual({ type: 'REFUSE', reason: 'Not proportionate.', decision: details });
    expect(ocdaDecisionEvent('REQUEST_MORE_INFO', body, null)).toEqual({ type: 'REQUEST_MORE_INFO', question: 'Which CSP?', decision: { ...details, decidedAt: null } });
  });
});

describe('dsoOralGrantEvent', () => {
  it('sends an oral grant naming the DSO, with the declaration of independence only when ticked and findings only with reasons', () => {
    const event = dsoOralGrantEvent(
      { 'decision-deciderId': 'u-dso', 'decision-independenceDeclaration': 'yes', 'decision-findings-spocNotConsulted-reasons': 'No SPOC on duty.' },
      AT,
    );
    expect(event).toMatchObject({
      type: 'GRANT',
      decision: { oral: true, deciderId: 'u-dso', decidedAt: AT, independenceDeclaration: true, findings: { spocNotConsulted: { reasons: 'No SPOC on duty.' } } },
    });
    expect((dsoOralGrantEvent({}, AT).decision as Record<string, unknown>).independenceDeclaration).toBeNull();
  });
});

describe('asShownOnForm', () => {
  it('words a rule’s refusal from the catalogue, keeping only the fields on the form', () => {
    const refusal = new DomainException('OCDA_DECISION_DETAILS_REQUIRED', 'recording OCDA’s decision needs…', {
      errors: [
        { field: 'decision.ocdaReference', message: 'x', code: 'OCDA_DECISION_DETAILS_REQUIRED' },
        { field: 'elsewhere', message: 'x', code: 'OCDA_DECISION_DETAILS_REQUIRED' },
      ],
    });
    const shown = asShownOnForm(refusal, ['decision-ocdaReference']) as DomainException;
    const message = APPLICATION_RULE_CATALOGUE.OCDA_DECISION_DETAILS_REQUIRED.message;
    expect([shown.code, shown.detail, shown.extras.errors]).toEqual([
      'OCDA_DECISION_DETAILS_REQUIRED',
      message,
      [{ field: 'decision.ocdaReference', message, code: 'OCDA_DECISION_DETAILS_REQUIRED' }],
    ]);
  });

  it('points a refusal without a field on the form at the field named for its rule, or at none', () => {
    const refusal = new DomainException('AUTHORISER_WRONG_ROUTE', 'the named decider is not a DSO');
    expect((asShownOnForm(refusal, [], { AUTHORISER_WRONG_ROUTE: 'decision.deciderId' }) as DomainException).extras.errors).toEqual([
      { field: 'decision.deciderId', message: APPLICATION_RULE_CATALOGUE.AUTHORISER_WRONG_ROUTE.message, code: 'AUTHORISER_WRONG_ROUTE' },
    ]);
    expect((asShownOnForm(refusal, []) as DomainException).extras).toEqual({});
  });

  it('leaves anything else as it is', () => {
    const validation = new DomainException('VALIDATION_FAILED', 'bad', { errors: [{ field: 'reason', message: 'reason must be a string', code: 'isString' }] });
    expect(asShownOnForm(validation, [])).toBe(validation);
    const other = new Error('boom');
    expect(asShownOnForm(other, [])).toBe(other);
  });
});

describe('words', () => {
  it('names the fields a rule names as the record does', () => {
    expect(['offences', 'dataItems[1].periodEnd', 'spoc.spocAdvice', 'applicantDetails.name', 'mystery'].map(fieldInWords)).toEqual([
      'Offences',
      'Data items (number 2)',
      "The SPOC's advice",
      "Applicant's details",
      'mystery',
    ]);
    expect([rankInWords('chiefSuperintendent'), rankInWords('inspector'), rankInWords(null)]).toEqual(['Chief superintendent', 'Inspector', null]);
  });
});
