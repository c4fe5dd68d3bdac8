/**
 * What an application offers a caller (docs/architecture.md §7, blocked events): `allowedEvents` only
 * what they can send now, and under `blockedEvents` what their state and role allow but a rule refuses
 * whatever the payload — and the engine refuses those with exactly that rule.
 */
import { applicationEngine } from './application.engine';
import { DEFAULT_WORKFLOW_POLICY, type ActorFacts, type ApplicationFacts, type GuardInput } from './application.guards';
import type { ApplicationState } from './application.types';
import { NOW, applicant, application, dso, inspectorDso, person, spoc, sro } from '../../test/support/application-guard-fixtures';
import { APPLICATION_UNDER_TEST } from '../../test/support/workflow-arbitraries';
import { describeBlockedEventsAgree } from '../../test/support/workflow-properties';

function eventsFor(state: ApplicationState, actor: ActorFacts, over: Partial<ApplicationFacts> = {}) {
  const facts: Omit<GuardInput, 'event'> = {
    application: application({ status: state, ...over }),
    actor,
    decider: null,
    policy: DEFAULT_WORKFLOW_POLICY,
    now: NOW,
  };
  return applicationEngine.eventsFor(state, facts);
}

const ORAL = { route: 'dso61A' as const, grantedById: dso.id, oralGrant: true, writtenRecordDueAt: new Date(NOW.getTime() + 3_600_000) };

describe('applicationEngine.eventsFor', () => {
  it('blocks RECORD_WRITTEN when no written record is outstanding, saying so', () => {
    expect(eventsFor('authorised', dso, { route: 'dso61', grantedById: dso.id })).toEqual({
      allowedEvents: ['CANCEL'],
      blockedEvents: [
        { event: 'RECORD_WRITTEN', code: 'NO_WRITTEN_RECORD_OUTSTANDING', message: 'no oral grant awaits its written record' },
        { event: 'REQUEST_CANCELLATION', code: 'MAY_CANCEL_DIRECTLY', message: 'you may cancel this authorisation yourself: send CANCEL' },
      ],
    });
  });

  it('offers RECORD_WRITTEN to the DSO who granted orally while the record is outstanding, and blocks it for another DSO', () => {
    expect(eventsFor('authorised', dso, ORAL).allowedEvents).toEqual(['RECORD_WRITTEN', 'CANCEL']);
    // Another DSO of the authority may stand in for the granting DSO (IPA s.65(5)), or ask them to cancel.
    expect(eventsFor('authorised', inspectorDso, ORAL)).toEqual({
      allowedEvents: ['CANCEL', 'REQUEST_CANCELLATION'],
      blockedEvents: [{ event: 'RECORD_WRITTEN', code: 'NOT_GRANTING_DSO', message: 'only the DSO who granted orally may record it in writing' }],
    });
  });

  it('blocks SUBMIT_URGENT_WITHOUT_SPOC on an OCDA route, saying only the urgent route may skip the SPOC', () => {
    const ocdaDraft = application().form;
    expect(eventsFor('draft', applicant, { route: 'ipc60A', form: ocdaDraft })).toEqual({
      allowedEvents: ['SUBMIT_TO_SPOC', 'WITHDRAW'],
      blockedEvents: [{ event: 'SUBMIT_URGENT_WITHOUT_SPOC', code: 'ROUTE_NOT_URGENT', message: 'only the dso61A route may skip the SPOC' }],
    });
  });

  it('offers SUBMIT_URGENT_WITHOUT_SPOC on the urgent route once urgency and the s.76(2) reason are recorded', () => {
    const urgent = { ...application().form, route: 'dso61A' as const, priorityGrade: 'grade1' as const, urgencyJustification: 'Threat to life.' };
    expect(eventsFor('draft', applicant, { form: urgent }).blockedEvents).toEqual([
      { event: 'SUBMIT_URGENT_WITHOUT_SPOC', code: 'EXCEPTIONAL_CIRCUMSTANCES_REQUIRED', message: 'record why no SPOC could be consulted (IPA s.76(2))' },
    ]);
    const ready = { ...urgent, exceptionalCircumstances: 'No SPOC on duty.' };
    expect(eventsFor('draft', applicant, { form: ready }).allowedEvents).toEqual(['SUBMIT_TO_SPOC', 'SUBMIT_URGENT_WITHOUT_SPOC', 'WITHDRAW']);
  });

  it('blocks submitting an incomplete form, naming what is missing, but not withdrawing it (that needs only a reason)', () => {
    const { blockedEvents, allowedEvents } = eventsFor('draft', applicant, { form: { route: 'ipc60A' } });
    expect(allowedEvents).toEqual(['WITHDRAW']);
    expect(blockedEvents.map((b) => [b.event, b.code])).toEqual([
      ['SUBMIT_TO_SPOC', 'FORM_INCOMPLETE'],
      ['SUBMIT_URGENT_WITHOUT_SPOC', 'ROUTE_NOT_URGENT'],
    ]);
    expect(blockedEvents[0].message).toMatch(/^missing: applicantDetails, investigationRef, priorityGrade/);
  });

  it('blocks every applicant event for someone who is not the applicant of record', () => {
    const colleague = person('u-colleague', ['applicant']);
    const notYours = { event: 'x', code: 'NOT_APPLICANT_OF_RECORD', message: 'only the applicant of record may do this' };
    expect(eventsFor('returnedToApplicant', colleague)).toEqual({
      allowedEvents: [],
      blockedEvents: [{ ...notYours, event: 'WITHDRAW' }, { ...notYours, event: 'RESUBMIT' }],
    });
  });

  it('blocks CLOSE while a written record is outstanding, although CLOSE also needs a reason the payload could give', () => {
    expect(eventsFor('expired', sro, ORAL).blockedEvents).toEqual([
      { event: 'CLOSE', code: 'WRITTEN_RECORD_OUTSTANDING', message: 'the written record of the oral grant is outstanding' },
    ]);
    expect(eventsFor('expired', sro, { route: 'dso61A' })).toEqual({ allowedEvents: ['CLOSE'], blockedEvents: [] });
  });

  it('keeps an event allowed while only its payload can fail it (a decision is judged on the decider it names)', () => {
    expect(eventsFor('awaitingAuthorisation', spoc, { route: 'ipc60A' })).toEqual({
      allowedEvents: ['REQUEST_MORE_INFO', 'GRANT', 'REFUSE'],
      blockedEvents: [],
    });
  });

  it('blocks ISSUE_PRODUCT until the disclosures the product rests on are done', () => {
    expect(eventsFor('authorised', spoc, { route: 'ipc60A' }).blockedEvents).toEqual([
      { event: 'ISSUE_PRODUCT', code: 'DISCLOSURES_OPEN', message: 'every disclosure request must be terminal and checked' },
      // A SPOC of the authority is an officer of it, and may cancel an ipc60A authorisation (IPA s.65(3B)).
      { event: 'REQUEST_CANCELLATION', code: 'MAY_CANCEL_DIRECTLY', message: 'you may cancel this authorisation yourself: send CANCEL' },
    ]);
  });
});

describeBlockedEventsAgree(APPLICATION_UNDER_TEST);
