import { DECISION_CHOICES, decisionAnswers, decisionEvent, judicialAnswers, judicialEvent, offeredChoices, spocAdviceRows, type DecisionSections } from './decision-form';
import { sentence } from '../view-filters';

const OCDA: DecisionSections = { independence: false, spocNotConsulted: false, journalisticSource: false, sensitiveProfession: null, oral: false };
const URGENT_DSO: DecisionSections = { independence: true, spocNotConsulted: true, journalisticSource: true, sensitiveProfession: 'Journalist', oral: true };

describe('decisionEvent', () => {
  it('sends a grant with its particulars, and none of the findings a page did not ask for', () => {
    const answers = decisionAnswers({
      decision: 'GRANT',
      rationale: ' Necessary. ',
      officeRank: 'Authorising officer',
      conductAuthorised: 'Subscriber data',
      conditions: '',
      independenceDeclaration: 'yes',
      spocNotConsulted: 'typed anyway',
      oral: 'yes',
    });
    expect(decisionEvent(answers, OCDA)).toEqual({
      type: 'GRANT',
      decision: { rationale: 'Necessary.', officeRank: 'Authorising officer', conductAuthorised: 'Subscriber data', conditions: null },
    });
  });

  it('sends a DSO’s declaration, findings with reasons and an oral grant; an empty finding is left out, an unticked box is null', () => {
    const event = decisionEvent(
      decisionAnswers({ decision: 'GRANT', rationale: 'R', officeRank: 'Superintendent', conductAuthorised: 'C', spocNotConsulted: 'No SPOC on duty', imminentThreatToLife: '  ', oral: 'yes' }),
      URGENT_DSO,
    );
    expect(event).toEqual({
      type: 'GRANT',
      decision: {
        rationale: 'R',
        officeRank: 'Superintendent',
        conductAuthorised: 'C',
        conditions: null,
        sensitiveProfessionConsideration: null,
        independenceDeclaration: null,
        exceptionalCircumstancesOverride: null,
        findings: { spocNotConsulted: { reasons: 'No SPOC on duty' } },
        oral: true,
      },
    });
  });

  it('sends a refusal with its reason and a request with its question, as the API takes them', () => {
    expect(decisionEvent(decisionAnswers({ decision: 'REFUSE', reason: 'Not proportionate.' }), OCDA)).toEqual({ type: 'REFUSE', reason: 'Not proportionate.' });
    expect(decisionEvent(decisionAnswers({ decision: 'REQUEST_MORE_INFO', question: ' ' }), OCDA)).toEqual({ type: 'REQUEST_MORE_INFO', question: null });
  });

  it('asks for a decision when none (or another event) is chosen', () => {
    for (const decision of ['', 'WITHDRAW', 'JC_APPROVE']) {
      expect(() => decisionEvent(decisionAnswers({ decision }), OCDA)).toThrow('Select your decision');
    }
  });
});

describe('judicialEvent', () => {
  it('sends approval with the judge and the time, refusal with its reason', () => {
    expect(judicialEvent(judicialAnswers({ decision: 'JC_APPROVE', judgeName: 'Sir J' }), '2026-03-02T09:30:00+00:00')).toEqual({
      type: 'JC_APPROVE',
      judicialApproval: { judgeName: 'Sir J', decidedAt: '2026-03-02T09:30:00+00:00' },
    });
    expect(judicialEvent(judicialAnswers({ decision: 'JC_REFUSE', reason: 'No.', judgeName: 'Sir J' }), null)).toEqual({
      type: 'JC_REFUSE',
      reason: 'No.',
      judicialApproval: { judgeName: 'Sir J' },
    });
    expect(() => judicialEvent(judicialAnswers({}), null)).toThrow('Select the Judicial Commissioner');
  });

  it('fills the judge’s name with the signed-in person’s until one is posted', () => {
    expect(judicialAnswers({}, 'Sir Julian Commissioner').judgeName).toBe('Sir Julian Commissioner');
    expect(judicialAnswers({ judgeName: '' }, 'Sir Julian Commissioner').judgeName).toBe('');
  });
});

describe('offeredChoices', () => {
  it('offers only what the service allows now', () => {
    expect(offeredChoices(DECISION_CHOICES, ['REQUEST_MORE_INFO', 'CANCEL']).map((c) => c.event)).toEqual(['REQUEST_MORE_INFO']);
  });
});

describe('spocAdviceRows', () => {
  it('labels the SPOC’s section in words and never shows the SPOC’s PIN', () => {
    const rows = spocAdviceRows({ spocAdvice: 'Lawful.', acquisitionMethod: 'notice', accreditationId: 'TVP-SPOC-0001', spocName: 'Pat Spoc', costEstimate: '' });
    expect(rows).toEqual([
      { key: 'SPOC', value: 'Pat Spoc' },
      { key: "The SPOC's advice", value: 'Lawful.' },
      { key: 'Acquisition method', value: 'By notice to the operator' },
    ]);
    expect(spocAdviceRows(null)).toEqual([]);
  });
});

describe('sentence', () => {
  it('capitalises a rule’s message and ends it with a full stop', () => {
    expect(sentence('an ipc60A application is decided by OCDA')).toBe('An ipc60A application is decided by OCDA.');
    expect(sentence('Done.')).toBe('Done.');
  });
});
