/**
 * A subject in a profession that handles confidential information, over HTTP (docs/law.md §3.3 sensitive
 * professions; CoP15 3.72–3.77): the applicant addresses it before the form leaves them, the SPOC's advice
 * addresses it before the authoriser sees it, and a grant says how it was weighed, on every route and
 * however the grant arrives. Every refusal changes nothing (`expectRefusedEvent`).
 */
import {
  completeForm,
  createApplication,
  DSO_SPOC_EXCEPTION,
  GRANT_DECISION,
  NATIONAL_SECURITY,
  patchApplication,
  SPOC_SECTION,
  step,
  type AppRecord,
} from './support/applications';
import { expectRefusedEvent } from './support/guards-no-change';
import { createTestApp, type TestApp } from './support/test-app';

const LAWYER = { sensitiveProfession: 'lawyer', sensitiveProfessionConsiderations: null };
const CONSIDERATIONS = 'The subject is a solicitor and the victim: the data shows only who called them, not why.';
const SPOC_ON_PROFESSION = 'Collateral intrusion into privileged contacts weighed; subscriber data only.';
const DECIDER_ON_PROFESSION = 'The profession was weighed: the data shows who, not why, and the subject is the victim.';
const SPOC_WITH = { ...SPOC_SECTION, sensitiveProfessionAdvice: SPOC_ON_PROFESSION };
const DECISION_WITH = { ...GRANT_DECISION, sensitiveProfessionConsideration: DECIDER_ON_PROFESSION };

describe('sensitive professions over HTTP (docs/law.md §3.3; CoP15 3.72–3.77)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  async function draft(form: Record<string, unknown>): Promise<AppRecord> {
    return createApplication(t, 'applicant', completeForm(form));
  }

  it('the applicant cannot submit until they say how the profession bears on the application, and is told why', async () => {
    let app = await draft(LAWYER);
    expect(app.blockedEvents).toContainEqual(expect.objectContaining({ event: 'SUBMIT_TO_SPOC', code: 'SENSITIVE_PROFESSION_NOT_ADDRESSED' }));
    const res = await expectRefusedEvent(t, 'applicant', app, { type: 'SUBMIT_TO_SPOC' }, 422, 'SENSITIVE_PROFESSION_NOT_ADDRESSED');
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'sensitiveProfessionConsiderations' })]);
    app = await patchApplication(t, 'applicant', app, { sensitiveProfessionConsiderations: CONSIDERATIONS });
    app = await step(t, 'applicant', app, { type: 'SUBMIT_TO_SPOC' });
    expect(app.status).toBe('spocReview');
  });

  it('a form naming no profession needs no such account', async () => {
    const app = await step(t, 'applicant', await draft({ sensitiveProfession: null }), { type: 'SUBMIT_TO_SPOC' });
    expect(app.status).toBe('spocReview');
  });

  it('a journalist subject must answer the journalistic-source question', async () => {
    const app = await draft({ sensitiveProfession: 'journalist', sensitiveProfessionConsiderations: CONSIDERATIONS, journalisticSourceSought: null });
    const res = await expectRefusedEvent(t, 'applicant', app, { type: 'SUBMIT_TO_SPOC' }, 422, 'FORM_INCOMPLETE');
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'journalisticSourceSought' })]);
  });

  it('the SPOC’s advice must address it; then the grant must say how it was weighed; all three stay on the record', async () => {
    let app = await step(t, 'applicant', await draft({ ...LAWYER, sensitiveProfessionConsiderations: CONSIDERATIONS }), { type: 'SUBMIT_TO_SPOC' });
    const noAdvice = await expectRefusedEvent(t, 'spoc', app, { type: 'SUBMIT_FOR_AUTHORISATION', spoc: SPOC_SECTION }, 422, 'SENSITIVE_PROFESSION_NOT_ADVISED');
    expect(noAdvice.body.errors).toEqual([expect.objectContaining({ field: 'spoc.sensitiveProfessionAdvice' })]);
    app = await step(t, 'spoc', app, { type: 'SUBMIT_FOR_AUTHORISATION', spoc: SPOC_WITH });

    const unweighed = await expectRefusedEvent(t, 'ocda', app, { type: 'GRANT', decision: GRANT_DECISION }, 422, 'SENSITIVE_PROFESSION_NOT_CONSIDERED');
    expect(unweighed.body.errors).toEqual([expect.objectContaining({ field: 'decision.sensitiveProfessionConsideration' })]);
    app = await step(t, 'ocda', app, { type: 'GRANT', decision: DECISION_WITH });
    expect(app).toMatchObject({
      status: 'authorised',
      form: { sensitiveProfession: 'lawyer', sensitiveProfessionConsiderations: CONSIDERATIONS },
      spocSection: { sensitiveProfessionAdvice: SPOC_ON_PROFESSION },
      decision: { sensitiveProfessionConsideration: DECIDER_ON_PROFESSION },
    });
  });

  it('the SPOC’s advice on it survives a second submission that does not repeat it', async () => {
    let app = await step(t, 'applicant', await draft({ ...LAWYER, sensitiveProfessionConsiderations: CONSIDERATIONS }), { type: 'SUBMIT_TO_SPOC' });
    app = await step(t, 'spoc', app, { type: 'SUBMIT_FOR_AUTHORISATION', spoc: SPOC_WITH });
    app = await step(t, 'ocda', app, { type: 'REQUEST_MORE_INFO', question: 'Why two days?' });
    app = await step(t, 'spoc', app, { type: 'SUBMIT_FOR_AUTHORISATION', spoc: { spocAdvice: 'Answered: the second day covers the resale.' } });
    expect(app.spocSection).toMatchObject({ spocAdvice: 'Answered: the second day covers the resale.', sensitiveProfessionAdvice: SPOC_ON_PROFESSION });
  });

  it('a DSO granting on the urgent route without a SPOC must weigh it too', async () => {
    const urgent = {
      ...LAWYER,
      ...NATIONAL_SECURITY,
      sensitiveProfessionConsiderations: CONSIDERATIONS,
      route: 'dso61A',
      priorityGrade: 'grade1',
      urgencyJustification: 'A bomb threat naming tonight.',
      exceptionalCircumstances: 'No SPOC could be reached at 03:00.',
    };
    const app = await step(t, 'applicant', await draft(urgent), { type: 'SUBMIT_URGENT_WITHOUT_SPOC' });
    const decision = { ...GRANT_DECISION, officeRank: 'Superintendent', findings: DSO_SPOC_EXCEPTION };
    await expectRefusedEvent(t, 'dso', app, { type: 'GRANT', decision }, 422, 'SENSITIVE_PROFESSION_NOT_CONSIDERED');
    const granted = await step(t, 'dso', app, { type: 'GRANT', decision: { ...decision, sensitiveProfessionConsideration: DECIDER_ON_PROFESSION } });
    expect(granted.status).toBe('authorised');
  });
});
