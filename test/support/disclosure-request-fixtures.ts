/**
 * Shared fixtures of the pure disclosure request specs (fixed dates; no clock), and the replay of a history
 * row's record into a guard input.
 */
import type { ActorFacts } from '../../src/workflow/core/actor';
import type { DisclosureRequestGuardInputsUsed } from '../../src/workflow/disclosure-request.engine';
import type {
  DisclosureApplicationFacts,
  DisclosureRequestFacts,
  DisclosureRequestGuardInput,
} from '../../src/workflow/disclosure-request.guards';
import type { DisclosureRequestEvent, DisclosureRequestState } from '../../src/workflow/disclosure-request.types';
import type { EventSender } from '../../src/workflow/roles';

export const NOW = new Date('2026-12-21T10:00:00.000Z');
export const POLICE = 'auth-police-1';
export const OTHER_POLICE = 'auth-police-2';
export const LOCAL_AUTHORITY = 'auth-la-1';
export const NAFN = 'auth-nafn';

/** An application granted on 7 December 2026 (dso61: one month, to the end of 6 January 2027, London time). */
export const VALID_FROM = new Date('2026-12-07T11:00:00.000Z');
export const EXPIRES_AT = new Date('2027-01-06T23:59:59.999Z');
/** A renewal's period: from the instant after the original's end (docs/law.md §2.3). */
export const RENEWAL_FROM = new Date('2027-01-07T00:00:00.000Z');
export const RENEWAL_EXPIRES_AT = new Date('2027-02-06T23:59:59.999Z');

export function person(id: string, roles: readonly EventSender[], over: Partial<ActorFacts> = {}): ActorFacts {
  return { id, roles, authorityId: POLICE, authorityType: 'police', rank: null, spocPin: null, ...over };
}

export const spoc = person('u-spoc', ['spoc'], { spocPin: 'SPOC-0001' });
/** The applicant of record, who is also an accredited SPOC. */
export const applicantSpoc = person('u-applicant', ['applicant', 'spoc'], { spocPin: 'SPOC-0002' });
export const unaccreditedSpoc = person('u-spoc-nopin', ['spoc']);
export const otherForceSpoc = person('u-spoc-2', ['spoc'], { authorityId: OTHER_POLICE, spocPin: 'SPOC-0003' });
export const nafnSpoc = person('u-nafn', ['spoc'], { authorityId: NAFN, authorityType: 'nafn', spocPin: 'NAFN-0001' });
export const sro = person('u-sro', ['sro'], { rank: 'superintendent' });
/** The scheduler's and the outbox's actor: the pseudo-role no user holds. */
export const system = person('00000000-0000-0000-0000-000000000000', ['system'], {
  authorityId: '00000000-0000-0000-0000-000000000000',
  authorityType: 'other',
});

/** A request of the police authority, in `status`, with what the earlier events would have set. */
export function requestFacts(status: DisclosureRequestState, over: Partial<DisclosureRequestFacts> = {}): DisclosureRequestFacts {
  const sent = status !== 'pending';
  return {
    id: 'dr-1',
    authorityId: POLICE,
    authorityType: 'police',
    applicationId: 'app-1',
    status,
    cspId: 'csp-1',
    sentAt: sent ? new Date('2026-12-08T09:00:00.000Z') : null,
    cspReference: sent && status !== 'sent' ? 'CSP/REF/42' : null,
    allChecksReviewed: status === 'disclosed' || status === 'nilReturn' || status === 'partiallyDisclosed',
    ...over,
  };
}

/** The application, authorised and within its validity at {@link NOW}. */
export function applicationFacts(over: Partial<DisclosureApplicationFacts> = {}): DisclosureApplicationFacts {
  return { applicantId: applicantSpoc.id, status: 'authorised', validFrom: VALID_FROM, expiresAt: EXPIRES_AT, ...over };
}

export function guardInput(
  request: DisclosureRequestFacts,
  actor: ActorFacts,
  event: DisclosureRequestEvent,
  application: DisclosureApplicationFacts = applicationFacts(),
): DisclosureRequestGuardInput {
  return { request, application, actor, event, now: NOW };
}

/** Rebuilds the guard input from a history row's record (for replay and verification). */
export function disclosureRequestGuardInputFromRecord(record: DisclosureRequestGuardInputsUsed): DisclosureRequestGuardInput {
  const date = (value: string | null) => (value === null ? null : new Date(value));
  return {
    request: { ...record.request, sentAt: date(record.request.sentAt) },
    application: { ...record.application, validFrom: date(record.application.validFrom), expiresAt: date(record.application.expiresAt) },
    actor: record.actor,
    event: record.event,
    now: new Date(record.now),
  };
}
