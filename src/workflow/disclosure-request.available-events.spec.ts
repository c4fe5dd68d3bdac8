/**
 * What a disclosure request offers a caller (docs/architecture.md §7, blocked events): `allowedEvents` only
 * what they can send now, and under `blockedEvents` what their state and role allow but a rule refuses
 * whatever the payload — and the engine refuses those with exactly that rule.
 */
import type { ActorFacts } from './core/actor';
import { disclosureRequestEngine } from './disclosure-request.engine';
import type { DisclosureApplicationFacts, DisclosureRequestFacts } from './disclosure-request.guards';
import type { DisclosureRequestState } from './disclosure-request.types';
import {
  applicantSpoc,
  applicationFacts,
  NOW,
  otherForceSpoc,
  RENEWAL_EXPIRES_AT,
  RENEWAL_FROM,
  requestFacts,
  spoc,
  sro,
  system,
} from '../../test/support/disclosure-request-fixtures';
import { DISCLOSURE_REQUEST_UNDER_TEST } from '../../test/support/workflow-arbitraries';
import { describeBlockedEventsAgree } from '../../test/support/workflow-properties';

function eventsFor(
  state: DisclosureRequestState,
  actor: ActorFacts,
  request: Partial<DisclosureRequestFacts> = {},
  application: Partial<DisclosureApplicationFacts> = {},
) {
  return disclosureRequestEngine.eventsFor(state, { request: requestFacts(state, request), application: applicationFacts(application), actor, now: NOW });
}

describe('disclosureRequestEngine.eventsFor', () => {
  it('offers a SPOC a pending request to send or cancel while the authorisation is valid', () => {
    expect(eventsFor('pending', spoc)).toEqual({ allowedEvents: ['SEND', 'CANCEL'], blockedEvents: [] });
  });

  it('blocks sending under an application that is not authorised, or before a renewal takes effect', () => {
    expect(eventsFor('pending', spoc, {}, { status: 'cancelled' })).toEqual({
      allowedEvents: ['CANCEL'],
      blockedEvents: [{ event: 'SEND', code: 'APPLICATION_NOT_AUTHORISED', message: 'the application is cancelled, not authorised' }],
    });
    expect(eventsFor('pending', spoc, {}, { validFrom: RENEWAL_FROM, expiresAt: RENEWAL_EXPIRES_AT })).toEqual({
      allowedEvents: ['CANCEL'],
      blockedEvents: [{ event: 'SEND', code: 'REQUEST_OUTSIDE_VALIDITY', message: 'the authorisation takes effect at 2027-01-07T00:00:00.000Z' }],
    });
  });

  it('offers the CSP’s answers on a sent request, which only the payload can fail', () => {
    expect(eventsFor('sent', spoc)).toEqual({ allowedEvents: ['CSP_ACKNOWLEDGED', 'NIL_RETURN', 'CSP_REJECTED', 'CANCEL'], blockedEvents: [] });
    expect(eventsFor('acknowledged', spoc)).toEqual({ allowedEvents: ['NIL_RETURN', 'CSP_REJECTED', 'CANCEL'], blockedEvents: [] });
  });

  it('offers the system returns and cancellation, and nothing a SPOC records', () => {
    expect(eventsFor('sent', system)).toEqual({ allowedEvents: ['RETURN_RECEIVED', 'CANCEL'], blockedEvents: [] });
    expect(eventsFor('partiallyDisclosed', system)).toEqual({ allowedEvents: ['RETURN_RECEIVED', 'CANCEL'], blockedEvents: [] });
    expect(eventsFor('disclosed', system)).toEqual({ allowedEvents: [], blockedEvents: [] });
  });

  it('blocks marking checked until every check on every return is reviewed', () => {
    expect(eventsFor('disclosed', spoc, { allChecksReviewed: true })).toEqual({ allowedEvents: ['MARK_CHECKED'], blockedEvents: [] });
    expect(eventsFor('nilReturn', spoc, { allChecksReviewed: false })).toEqual({
      allowedEvents: [],
      blockedEvents: [{ event: 'MARK_CHECKED', code: 'CHECKS_NOT_REVIEWED', message: 'not every check on every return has been reviewed' }],
    });
  });

  it('blocks everything for a SPOC of another authority and for the applicant as SPOC, saying why', () => {
    const wrong = { code: 'SPOC_WRONG_AUTHORITY', message: "the SPOC does not serve the request's authority" };
    expect(eventsFor('partiallyDisclosed', otherForceSpoc)).toEqual({
      allowedEvents: [],
      blockedEvents: [
        { event: 'MARK_CHECKED', ...wrong },
        { event: 'CANCEL', ...wrong },
      ],
    });
    const own = { code: 'SPOC_IS_APPLICANT', message: 'a SPOC may not deal with the operator on an application they made' };
    expect(eventsFor('pending', applicantSpoc)).toEqual({ allowedEvents: [], blockedEvents: [{ event: 'SEND', ...own }, { event: 'CANCEL', ...own }] });
  });

  it('offers nothing in a final state, nor to a role that sends no event', () => {
    for (const state of ['checked', 'rejectedByCsp', 'cancelled'] as const) {
      expect([state, eventsFor(state, { ...spoc, roles: ['spoc', 'system'] })]).toEqual([state, { allowedEvents: [], blockedEvents: [] }]);
    }
    expect(eventsFor('sent', sro)).toEqual({ allowedEvents: [], blockedEvents: [] });
  });
});

describeBlockedEventsAgree(DISCLOSURE_REQUEST_UNDER_TEST);
