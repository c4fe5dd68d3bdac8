import {
  DISCLOSURE_REQUEST_RULE_CODES as C,
  DISCLOSURE_REQUEST_RULE_KINDS,
  accreditedSpocNotApplicant,
  applicationAuthorised,
  cancellationReasonGiven,
  cancellerEntitled,
  cspReferenceGiven,
  nilReturnStatementGiven,
  rejectionReasonGiven,
  returnChecksReviewed,
  returnCompletenessStated,
  returnCompletesDisclosure,
  sentWithinValidity,
  spocServesAuthority,
  type DisclosureApplicationFacts,
  type DisclosureRequestFacts,
  type DisclosureRequestGuardInput,
} from './disclosure-request.guards';
import type { ActorFacts } from './core/actor';
import type { DisclosureRequestEvent } from './disclosure-request.types';
import { APPLICATION_STATES } from './application.types';
import { APPLICATION_RULE_KINDS } from './application-guards.rule-codes';
import { CD_ERROR_RULE_KINDS } from './cd-error.rule-codes';
import {
  applicantSpoc,
  applicationFacts,
  EXPIRES_AT,
  LOCAL_AUTHORITY,
  nafnSpoc,
  NOW,
  otherForceSpoc,
  person,
  RENEWAL_EXPIRES_AT,
  RENEWAL_FROM,
  requestFacts,
  spoc,
  sro,
  system,
  unaccreditedSpoc,
  VALID_FROM,
} from '../../test/support/disclosure-request-fixtures';

function input(
  event: DisclosureRequestEvent,
  actor: ActorFacts = spoc,
  request: Partial<DisclosureRequestFacts> = {},
  application: Partial<DisclosureApplicationFacts> = {},
  now: Date = NOW,
): DisclosureRequestGuardInput {
  return { request: requestFacts('sent', request), application: applicationFacts(application), actor, event, now };
}

const at = (iso: string) => new Date(iso);

describe('rule kinds', () => {
  it('says the SPOC rules are about who acts and the rest about the request, as the other aggregates say of the codes they share', () => {
    const actorCodes = Object.entries(DISCLOSURE_REQUEST_RULE_KINDS).filter(([, kind]) => kind === 'actor').map(([code]) => code);
    expect(actorCodes.sort()).toEqual(['SPOC_IS_APPLICANT', 'SPOC_NOT_ACCREDITED', 'SPOC_WRONG_AUTHORITY']);
    // The HTTP layer merges every aggregate's kinds into one table: a code both use must have one kind.
    const shared = Object.keys(DISCLOSURE_REQUEST_RULE_KINDS).filter((code) => code in APPLICATION_RULE_KINDS);
    expect(shared.sort()).toEqual(['REASON_REQUIRED', 'SPOC_IS_APPLICANT', 'SPOC_NOT_ACCREDITED', 'SPOC_WRONG_AUTHORITY']);
    for (const code of shared) {
      expect([code, DISCLOSURE_REQUEST_RULE_KINDS[code as keyof typeof C]]).toEqual([code, APPLICATION_RULE_KINDS[code as keyof typeof APPLICATION_RULE_KINDS]]);
    }
    expect(DISCLOSURE_REQUEST_RULE_KINDS.REASON_REQUIRED).toBe(CD_ERROR_RULE_KINDS.REASON_REQUIRED);
  });
});

describe('accreditedSpocNotApplicant', () => {
  it('passes an accredited SPOC who did not make the application', () => {
    expect(accreditedSpocNotApplicant(input({ type: 'SEND' }))).toBeNull();
  });

  it('refuses a sender without the SPOC role, or without a PIN', () => {
    expect(accreditedSpocNotApplicant(input({ type: 'SEND' }, sro))).toEqual({ code: C.SPOC_NOT_ACCREDITED, detail: 'the sender is not an accredited SPOC' });
    expect(accreditedSpocNotApplicant(input({ type: 'SEND' }, unaccreditedSpoc))?.code).toBe(C.SPOC_NOT_ACCREDITED);
    expect(accreditedSpocNotApplicant(input({ type: 'SEND' }, { ...spoc, spocPin: '  ' }))?.code).toBe(C.SPOC_NOT_ACCREDITED);
  });

  it('refuses the applicant of record, even as an accredited SPOC', () => {
    expect(accreditedSpocNotApplicant(input({ type: 'SEND' }, applicantSpoc))?.code).toBe(C.SPOC_IS_APPLICANT);
    // The same person is a SPOC like any other on someone else's application.
    expect(accreditedSpocNotApplicant(input({ type: 'SEND' }, applicantSpoc, {}, { applicantId: 'u-someone-else' }))).toBeNull();
  });

  it('does not let the system through: only CANCEL admits it, through cancellerEntitled', () => {
    expect(accreditedSpocNotApplicant(input({ type: 'SEND' }, system))?.code).toBe(C.SPOC_NOT_ACCREDITED);
  });
});

describe('spocServesAuthority', () => {
  it("passes a SPOC of the request's own authority", () => {
    expect(spocServesAuthority(input({ type: 'SEND' }))).toBeNull();
  });

  it('refuses a SPOC of another authority', () => {
    expect(spocServesAuthority(input({ type: 'SEND' }, otherForceSpoc))).toEqual({
      code: C.SPOC_WRONG_AUTHORITY,
      detail: "the SPOC does not serve the request's authority",
    });
  });

  it("passes a NAFN SPOC on a local authority's request, and on no other", () => {
    const la = { authorityId: LOCAL_AUTHORITY, authorityType: 'localAuthority' as const };
    expect(spocServesAuthority(input({ type: 'SEND' }, nafnSpoc, la))).toBeNull();
    expect(spocServesAuthority(input({ type: 'SEND' }, nafnSpoc))?.code).toBe(C.SPOC_WRONG_AUTHORITY);
    const laSpoc = person('u-la-spoc', ['spoc'], { authorityId: LOCAL_AUTHORITY, authorityType: 'localAuthority', spocPin: 'LA-1' });
    expect(spocServesAuthority(input({ type: 'SEND' }, laSpoc, la))).toBeNull();
    expect(spocServesAuthority(input({ type: 'SEND' }, { ...laSpoc, authorityId: 'auth-la-2' }, la))?.code).toBe(C.SPOC_WRONG_AUTHORITY);
  });
});

describe('cancellerEntitled', () => {
  it('passes the system, acting on the application’s cancellation or expiry', () => {
    expect(cancellerEntitled(input({ type: 'CANCEL' }, system, {}, { status: 'cancelled' }))).toBeNull();
    expect(cancellerEntitled(input({ type: 'CANCEL' }, system, {}, { status: 'expired' }))).toBeNull();
  });

  it('passes an accredited SPOC serving the authority who did not make the application', () => {
    expect(cancellerEntitled(input({ type: 'CANCEL' }))).toBeNull();
    expect(cancellerEntitled(input({ type: 'CANCEL' }, nafnSpoc, { authorityId: LOCAL_AUTHORITY, authorityType: 'localAuthority' }))).toBeNull();
  });

  it('refuses any other SPOC with the SPOC rule it fails, in order', () => {
    expect(cancellerEntitled(input({ type: 'CANCEL' }, unaccreditedSpoc))?.code).toBe(C.SPOC_NOT_ACCREDITED);
    expect(cancellerEntitled(input({ type: 'CANCEL' }, applicantSpoc))?.code).toBe(C.SPOC_IS_APPLICANT);
    expect(cancellerEntitled(input({ type: 'CANCEL' }, otherForceSpoc))?.code).toBe(C.SPOC_WRONG_AUTHORITY);
    expect(cancellerEntitled(input({ type: 'CANCEL' }, { ...otherForceSpoc, spocPin: null }))?.code).toBe(C.SPOC_NOT_ACCREDITED);
  });
});

describe('applicationAuthorised', () => {
  it('passes only an authorised application, naming the state it is in otherwise', () => {
    for (const status of APPLICATION_STATES) {
      const result = applicationAuthorised(input({ type: 'SEND' }, spoc, {}, { status }));
      expect([status, result]).toEqual([
        status,
        status === 'authorised' ? null : { code: C.APPLICATION_NOT_AUTHORISED, detail: `the application is ${status}, not authorised` },
      ]);
    }
  });
});

describe('sentWithinValidity', () => {
  const send = (now: Date, application: Partial<DisclosureApplicationFacts> = {}) => sentWithinValidity(input({ type: 'SEND' }, spoc, {}, application, now));

  it('passes from validFrom to expiresAt, both inclusive', () => {
    expect(send(NOW)).toBeNull();
    expect(send(VALID_FROM)).toBeNull();
    expect(send(EXPIRES_AT)).toBeNull();
  });

  it('refuses before validFrom, saying when the authorisation takes effect', () => {
    expect(send(new Date(VALID_FROM.getTime() - 1))).toEqual({
      code: C.REQUEST_OUTSIDE_VALIDITY,
      detail: 'the authorisation takes effect at 2026-12-07T11:00:00.000Z',
    });
  });

  it('refuses after expiresAt, saying when it ended', () => {
    expect(send(new Date(EXPIRES_AT.getTime() + 1))).toEqual({
      code: C.REQUEST_OUTSIDE_VALIDITY,
      detail: 'the authorisation ended at 2027-01-06T23:59:59.999Z',
    });
  });

  it('holds a renewal’s requests until its period begins, the instant after the original ends (docs/law.md §2.3)', () => {
    const renewal = { validFrom: RENEWAL_FROM, expiresAt: RENEWAL_EXPIRES_AT };
    expect(send(NOW, renewal)?.code).toBe(C.REQUEST_OUTSIDE_VALIDITY);
    expect(send(at('2027-01-06T23:59:59.999Z'), renewal)?.code).toBe(C.REQUEST_OUTSIDE_VALIDITY);
    expect(send(at('2027-01-07T00:00:00.000Z'), renewal)).toBeNull();
  });

  it('refuses an application with no period of validity', () => {
    expect(send(NOW, { validFrom: null })).toEqual({ code: C.REQUEST_OUTSIDE_VALIDITY, detail: 'the application has no period of validity' });
    expect(send(NOW, { expiresAt: null })?.code).toBe(C.REQUEST_OUTSIDE_VALIDITY);
  });
});

describe('cspReferenceGiven', () => {
  it("requires the CSP's reference, not blank", () => {
    expect(cspReferenceGiven(input({ type: 'CSP_ACKNOWLEDGED', cspReference: 'CSP/REF/42' }))).toBeNull();
    for (const cspReference of [undefined, '', '   ']) {
      expect(cspReferenceGiven(input({ type: 'CSP_ACKNOWLEDGED', cspReference }))).toEqual({
        code: C.CSP_REFERENCE_REQUIRED,
        detail: "give the operator's reference for the request",
        fields: ['cspReference'],
      });
    }
  });

  it('reads the payload, not the reference already on the request', () => {
    expect(cspReferenceGiven(input({ type: 'CSP_ACKNOWLEDGED' }, spoc, { cspReference: 'OLD/1' }))?.code).toBe(C.CSP_REFERENCE_REQUIRED);
  });
});

describe('returnCompletenessStated', () => {
  it('requires allItemsComplete as a yes or no', () => {
    expect(returnCompletenessStated(input({ type: 'RETURN_RECEIVED', allItemsComplete: true }, system))).toBeNull();
    expect(returnCompletenessStated(input({ type: 'RETURN_RECEIVED', allItemsComplete: false }, system))).toBeNull();
    for (const allItemsComplete of [undefined, 'yes' as never, 1 as never, null as never]) {
      expect(returnCompletenessStated(input({ type: 'RETURN_RECEIVED', allItemsComplete }, system))).toEqual({
        code: C.RETURN_COMPLETENESS_REQUIRED,
        detail: 'say whether every data item is now complete',
        fields: ['allItemsComplete'],
      });
    }
  });
});

describe('returnCompletesDisclosure', () => {
  it('is true only when the return says every item is complete', () => {
    expect(returnCompletesDisclosure(input({ type: 'RETURN_RECEIVED', allItemsComplete: true }, system))).toBe(true);
    expect(returnCompletesDisclosure(input({ type: 'RETURN_RECEIVED', allItemsComplete: false }, system))).toBe(false);
    expect(returnCompletesDisclosure(input({ type: 'RETURN_RECEIVED' }, system))).toBe(false);
  });
});

describe('nilReturnStatementGiven', () => {
  it("requires the CSP's statement, not blank", () => {
    expect(nilReturnStatementGiven(input({ type: 'NIL_RETURN', cspStatement: 'No subscriber held for that number on those dates.' }))).toBeNull();
    expect(nilReturnStatementGiven(input({ type: 'NIL_RETURN', cspStatement: ' ' }))).toEqual({
      code: C.CSP_STATEMENT_REQUIRED,
      detail: "give the operator's statement that it holds no such data",
      fields: ['cspStatement'],
    });
    expect(nilReturnStatementGiven(input({ type: 'NIL_RETURN' }))?.code).toBe(C.CSP_STATEMENT_REQUIRED);
  });
});

describe('rejectionReasonGiven', () => {
  it("requires the CSP's reason, not blank", () => {
    expect(rejectionReasonGiven(input({ type: 'CSP_REJECTED', cspReason: 'The PIN could not be verified.' }))).toBeNull();
    expect(rejectionReasonGiven(input({ type: 'CSP_REJECTED', cspReason: '' }))).toEqual({
      code: C.CSP_REASON_REQUIRED,
      detail: "give the operator's reason for rejecting the request",
      fields: ['cspReason'],
    });
    // The cancellation reason is another field: it does not stand for the CSP's.
    expect(rejectionReasonGiven(input({ type: 'CSP_REJECTED', reason: 'x' }))?.code).toBe(C.CSP_REASON_REQUIRED);
  });
});

describe('returnChecksReviewed', () => {
  it('passes once every check on every return is reviewed, and refuses otherwise', () => {
    expect(returnChecksReviewed(input({ type: 'MARK_CHECKED' }, spoc, { status: 'disclosed', allChecksReviewed: true }))).toBeNull();
    expect(returnChecksReviewed(input({ type: 'MARK_CHECKED' }, spoc, { status: 'disclosed', allChecksReviewed: false }))).toEqual({
      code: C.CHECKS_NOT_REVIEWED,
      detail: 'not every check on every return has been reviewed',
    });
  });
});

describe('cancellationReasonGiven', () => {
  it('requires a reason, not blank, from a SPOC and from the system alike', () => {
    expect(cancellationReasonGiven(input({ type: 'CANCEL', reason: 'The authorisation was cancelled.' }, system))).toBeNull();
    expect(cancellationReasonGiven(input({ type: 'CANCEL', reason: 'Sent to the wrong operator.' }))).toBeNull();
    expect(cancellationReasonGiven(input({ type: 'CANCEL', reason: '  ' }))).toEqual({
      code: C.REASON_REQUIRED,
      detail: 'say why the request is cancelled',
      fields: ['reason'],
    });
    expect(cancellationReasonGiven(input({ type: 'CANCEL' }, system))?.code).toBe(C.REASON_REQUIRED);
  });
});
