import { applicationEngine } from './application.engine';
import type { ApplicationFacts, GuardInput } from './application.guards';
import type { ApplicationEvent, ApplicationForm, ApplicationState } from './application.types';
import type { ActorFacts } from './core/actor';
import { NOW, PARTICULARS, applicant, dso, input, ocda, ocdaRecord, spoc } from '../../test/support/application-guard-fixtures';

/**
 * What each effect-bearing transition changes on the application row besides its status: decided by the
 * pure engine (`changes`), so the service only persists it (docs/architecture.md §4 step 3).
 */
const named = (person: ActorFacts, displayName: string): ActorFacts => ({ ...person, displayName });
const namedSpoc = named(spoc, 'PS Sam Spoc');
const URGENT_FORM: Partial<ApplicationForm> = {
  route: 'dso61A',
  priorityGrade: 'grade1',
  urgencyJustification: 'Missing vulnerable person.',
  exceptionalCircumstances: 'No SPOC on duty at 03:00.',
};

function changesOf(
  state: ApplicationState,
  event: ApplicationEvent,
  actor: ActorFacts,
  facts: Partial<ApplicationFacts> = {},
  extra: { form?: Partial<ApplicationForm>; decider?: ActorFacts | null; writtenRecordWorkingDays?: number } = {},
) {
  const guardInput: GuardInput = {
    ...input({ application: { status: state, ...facts }, form: extra.form, actor, decider: extra.decider ?? null }),
    event,
  };
  const result = applicationEngine.apply(state, event, guardInput, { writtenRecordWorkingDays: extra.writtenRecordWorkingDays });
  if (!result.ok) throw new Error(`expected ${event.type} to apply: ${JSON.stringify(result)}`);
  return result.changes;
}

describe('application changes (pure engine)', () => {
  it('SUBMIT_FOR_AUTHORISATION: the submitting SPOC becomes the reviewing SPOC, with their section, the first and last submission times and, on ipc60A, the first submission to OCDA', () => {
    const changes = changesOf(
      'spocReview',
      { type: 'SUBMIT_FOR_AUTHORISATION', spoc: { spocAdvice: 'Secure system.', acquisitionMethod: 'cspSecureSystem' } },
      namedSpoc,
      { spocId: 'u-earlier-spoc', route: 'ipc60A' },
    );
    expect(changes).toEqual({
      spocId: spoc.id,
      submittedForAuthorisationAt: NOW,
      lastSubmittedForAuthorisationAt: NOW,
      submittedToOcdaAt: NOW,
      spocSection: { spocAdvice: 'Secure system.', acquisitionMethod: 'cspSecureSystem', accreditationId: 'SPOC-0001', spocName: 'PS Sam Spoc' },
    });
  });

  it('keeps the first submission times when an application reaches the authoriser again, and moves the last one', () => {
    const earlier = new Date('2026-03-01T09:00:00.000Z');
    const changes = changesOf('spocReview', { type: 'SUBMIT_FOR_AUTHORISATION', spoc: { spocAdvice: 'Again.' } }, namedSpoc, {
      route: 'ipc60A',
      submittedForAuthorisationAt: earlier,
      lastSubmittedForAuthorisationAt: earlier,
      submittedToOcdaAt: earlier,
    });
    expect(changes).not.toHaveProperty('submittedForAuthorisationAt');
    expect(changes).not.toHaveProperty('submittedToOcdaAt');
    expect(changes.lastSubmittedForAuthorisationAt).toEqual(NOW);
  });

  it('records the first submission to OCDA only when the route is ipc60A as it goes: a dso61 submission gives OCDA nothing, a later ipc60A one does', () => {
    const sfa: ApplicationEvent = { type: 'SUBMIT_FOR_AUTHORISATION', spoc: { spocAdvice: 'Lawful.' } };
    // A police force's dso61 route is for national security (Schedule 4; docs/law.md §9).
    const toDso = changesOf('spocReview', sfa, namedSpoc, { route: 'dso61' }, { form: { route: 'dso61', statutoryPurpose: 'nationalSecurity', offences: null } });
    expect(toDso).toMatchObject({ submittedForAuthorisationAt: NOW, lastSubmittedForAuthorisationAt: NOW });
    expect(toDso).not.toHaveProperty('submittedToOcdaAt');
    const earlier = new Date('2026-03-01T09:00:00.000Z');
    const thenToOcda = changesOf('spocReview', sfa, namedSpoc, { route: 'ipc60A', submittedForAuthorisationAt: earlier, lastSubmittedForAuthorisationAt: earlier });
    expect(thenToOcda).toMatchObject({ lastSubmittedForAuthorisationAt: NOW, submittedToOcdaAt: NOW });
    expect(thenToOcda).not.toHaveProperty('submittedForAuthorisationAt');
  });

  it('RETURN_TO_APPLICANT and DECLINE: the first SPOC action makes that SPOC the reviewing SPOC, a later one does not', () => {
    expect(changesOf('spocReview', { type: 'RETURN_TO_APPLICANT', reason: 'Say why nine days.' }, spoc, { spocId: null })).toEqual({
      spocId: spoc.id,
    });
    expect(changesOf('spocReview', { type: 'DECLINE', reason: 'Not necessary.' }, spoc, { spocId: 'u-other-spoc' })).toEqual({});
  });

  it('SUBMIT_URGENT_WITHOUT_SPOC: records when it first reached the authoriser', () => {
    const changes = changesOf('draft', { type: 'SUBMIT_URGENT_WITHOUT_SPOC' }, applicant, { spocId: null, spocSection: null }, { form: URGENT_FORM });
    expect(changes).toEqual({ submittedForAuthorisationAt: NOW, lastSubmittedForAuthorisationAt: NOW });
  });

  it('GRANT by OCDA: the decision, the decider, and a month of validity from the grant', () => {
    const changes = changesOf('awaitingAuthorisation', { type: 'GRANT', decision: { rationale: 'Necessary.', ...PARTICULARS } }, ocda, { route: 'ipc60A' });
    expect(changes).toEqual({
      decision: { rationale: 'Necessary.', ...PARTICULARS, decidedAt: NOW.toISOString() },
      grantedById: ocda.id,
      oralGrant: false,
      writtenRecordDueAt: null,
      validFrom: NOW,
      expiresAt: new Date('2026-04-09T22:59:59.999Z'),
    });
  });

  it("GRANT recorded by a SPOC for OCDA: validity counts from OCDA's decision time, and the decider is OCDA's officer", () => {
    const changes = changesOf('awaitingAuthorisation', { type: 'GRANT', decision: ocdaRecord }, spoc, { route: 'ipc60A' });
    expect(changes).toMatchObject({
      decision: { ...ocdaRecord, decidedAt: '2026-03-10T09:30:00.000Z' },
      validFrom: new Date('2026-03-10T09:30:00.000Z'),
      oralGrant: false,
    });
  });

  it('an oral urgent GRANT recorded by the SPOC: the DSO is the decider and the written record falls due after the configured working days', () => {
    const event: ApplicationEvent = {
      type: 'GRANT',
      decision: {
        rationale: 'Life at risk.',
        ...PARTICULARS,
        independenceDeclaration: true,
        oral: true,
        deciderId: dso.id,
        decidedAt: NOW.toISOString(),
      },
    };
    const oneDay = changesOf('awaitingAuthorisation', event, spoc, { route: 'dso61A' }, { form: URGENT_FORM, decider: dso });
    expect(oneDay).toMatchObject({
      grantedById: dso.id,
      oralGrant: true,
      // Tuesday 10 March 2026 + 1 working day → end of Wednesday 11 March (GMT).
      writtenRecordDueAt: new Date('2026-03-11T23:59:59.999Z'),
      validFrom: NOW,
      // dso61A: the end of the third day beginning with the day of grant.
      expiresAt: new Date('2026-03-12T23:59:59.999Z'),
    });
    const threeDays = changesOf('awaitingAuthorisation', event, spoc, { route: 'dso61A' }, { form: URGENT_FORM, decider: dso, writtenRecordWorkingDays: 3 });
    expect(threeDays.writtenRecordDueAt).toEqual(new Date('2026-03-13T23:59:59.999Z'));
  });

  it('GRANT of a renewal: validity runs from the instant after the original ends', () => {
    const originalEnd = new Date('2026-03-20T23:59:59.999Z');
    const changes = changesOf('awaitingAuthorisation', { type: 'GRANT', decision: { rationale: 'Still needed.', ...PARTICULARS } }, ocda, {
      route: 'ipc60A',
      renewalOfExpiresAt: originalEnd,
      renewalOfLive: true,
    });
    expect(changes).toMatchObject({ validFrom: new Date('2026-03-21T00:00:00.000Z'), expiresAt: new Date('2026-04-20T22:59:59.999Z') });
  });

  it('GRANT when a journalistic source is sought: it goes to a Judicial Commissioner, and that time is recorded once', () => {
    const event: ApplicationEvent = { type: 'GRANT', decision: { rationale: 'Necessary.', ...PARTICULARS } };
    const form = { journalisticSourceSought: true };
    const first = changesOf('awaitingAuthorisation', event, ocda, { route: 'ipc60A' }, { form });
    expect(first).toMatchObject({ judicialApprovalRequestedAt: NOW, grantedById: ocda.id });
    const again = changesOf('awaitingAuthorisation', event, ocda, { route: 'ipc60A', judicialApprovalRequestedAt: new Date('2026-03-01T00:00:00Z') }, { form });
    expect(again).not.toHaveProperty('judicialApprovalRequestedAt');
  });

  it('RECORD_WRITTEN clears the outstanding written record and keeps the state', () => {
    const due = new Date('2026-03-11T23:59:59.999Z');
    const facts = { route: 'dso61A' as const, grantedById: dso.id, oralGrant: true, writtenRecordDueAt: due, expiresAt: new Date('2026-03-12T23:59:59.999Z') };
    const guardInput: GuardInput = { ...input({ application: { status: 'authorised', ...facts }, actor: dso }), event: { type: 'RECORD_WRITTEN', writtenRecord: 'Written up.' } };
    const result = applicationEngine.apply('authorised', guardInput.event, guardInput);
    expect(result).toMatchObject({ ok: true, nextState: 'authorised', changes: { writtenRecordDueAt: null } });
  });

  it('events without effects change nothing but the status', () => {
    expect(changesOf('draft', { type: 'SUBMIT_TO_SPOC' }, applicant, { spocId: null })).toEqual({});
    expect(changesOf('awaitingAuthorisation', { type: 'REFUSE', reason: 'Not proportionate.' }, ocda, { route: 'ipc60A' })).toEqual({});
    expect(changesOf('draft', { type: 'WITHDRAW', reason: 'No longer needed.' }, applicant)).toEqual({});
  });
});
