import { APPLICATION_RULE_CODES as C } from './application-guards.rule-codes';
import {
  dataWithinValidity, expiryReached, grantInstant, grantStillValid, grantValidity, notExpired,
  recordedDecisionTimeInWindow, renewalGrantedInTime,
} from './application-guards.validity';
import type { DataItem } from './application.types';
import { NOW, spoc, ocda, dso, subscriberItem, input, ocdaRecord, GRANT } from '../../test/support/application-guard-fixtures';

describe('grantInstant', () => {
  it('is the recorded decision time when a SPOC records OCDA’s decision', () => {
    const recorded = input({ actor: spoc, application: { route: 'ipc60A', status: 'awaitingAuthorisation' }, decision: ocdaRecord });
    expect(grantInstant(recorded)).toEqual(new Date('2026-03-10T09:30:00.000Z'));
  });
  it('is now for a direct decider, whatever decidedAt they send', () => {
    const direct = input({ actor: ocda, application: { route: 'ipc60A' }, decision: { rationale: 'x', decidedAt: '2030-01-01T00:00:00Z' } });
    expect(grantInstant(direct)).toEqual(NOW);
  });
});

describe('grantValidity', () => {
  it('runs from the grant instant to the end of the statutory month (ipc60A) or third day (dso61A)', () => {
    expect(grantValidity(input({ application: { route: 'ipc60A' } }).application, NOW)).toEqual({
      validFrom: NOW,
      expiresAt: new Date('2026-04-09T22:59:59.999Z'),
    });
    expect(grantValidity(input({ application: { route: 'dso61A' } }).application, NOW)?.expiresAt).toEqual(
      new Date('2026-03-12T23:59:59.999Z'),
    );
  });
  it('starts a renewal when the original ends: 6 Jul ends → 7 Jul to 6 Aug', () => {
    const original = new Date('2026-07-06T22:59:59.999Z');
    const validity = grantValidity(input({ application: { route: 'ipc60A', renewalOfExpiresAt: original } }).application, NOW);
    expect(validity).toEqual({ validFrom: new Date('2026-07-06T23:00:00.000Z'), expiresAt: new Date('2026-08-06T22:59:59.999Z') });
  });
  it('gives nothing without a route', () => {
    expect(grantValidity(input({ application: { route: null, form: { route: null } } }).application, NOW)).toBeNull();
  });
});

describe('recordedDecisionTimeInWindow', () => {
  const FIRST = new Date('2026-03-01T09:00:00.000Z');
  const LAST = new Date('2026-03-09T12:00:00.000Z');
  const submitted = { route: 'ipc60A' as const, submittedForAuthorisationAt: FIRST, lastSubmittedForAuthorisationAt: LAST };
  const recordedOcda = (decidedAt: string | undefined, type: 'GRANT' | 'REFUSE' | 'REQUEST_MORE_INFO' = 'GRANT') =>
    input({ actor: spoc, application: submitted, decision: { ...ocdaRecord, decidedAt }, event: { type } });
  const oralFor = (decidedAt: string | undefined) =>
    input({
      actor: spoc,
      decider: dso,
      application: { ...submitted, route: 'dso61A' },
      decision: { ...GRANT, oral: true, deciderId: dso.id, decidedAt },
    });

  it('passes a recorded decision dated at or after the last submission and at or before now, bounds included', () => {
    for (const decidedAt of ['2026-03-09T12:00:00.000Z', '2026-03-10T09:30:00+00:00', '2026-03-10T10:00:00.000Z', '2026-03-10T11:00:00+01:00']) {
      expect(recordedDecisionTimeInWindow(recordedOcda(decidedAt))).toBeNull();
      expect(recordedDecisionTimeInWindow(oralFor(decidedAt))).toBeNull();
    }
  });
  it('refuses a decision dated before the application last went for authorisation: DECISION_BEFORE_SUBMISSION', () => {
    for (const decidedAt of ['2026-03-09T11:59:59.999Z', '2026-03-05T10:00:00+00:00', '2025-12-25T10:00:00+00:00']) {
      expect(recordedDecisionTimeInWindow(recordedOcda(decidedAt))).toEqual({
        code: C.DECISION_BEFORE_SUBMISSION,
        detail: `the decision is dated ${new Date(decidedAt).toISOString()}, before the application last went for authorisation at 2026-03-09T12:00:00.000Z`,
        fields: ['decision.decidedAt'],
      });
      expect(recordedDecisionTimeInWindow(oralFor(decidedAt))?.code).toBe(C.DECISION_BEFORE_SUBMISSION);
    }
  });
  it('bounds by the first submission when the record carries no later one', () => {
    const firstOnly = input({ actor: spoc, application: { route: 'ipc60A', submittedForAuthorisationAt: FIRST }, decision: { ...ocdaRecord, decidedAt: '2026-02-28T09:00:00Z' } });
    expect(recordedDecisionTimeInWindow(firstOnly)?.code).toBe(C.DECISION_BEFORE_SUBMISSION);
  });
  it('refuses a decision dated later than now, its offset taken into account: DECISION_IN_FUTURE', () => {
    for (const decidedAt of ['2026-03-10T10:00:00.001Z', '2026-03-10T11:00:01+01:00', '2030-01-01T00:00:00Z']) {
      const failure = recordedDecisionTimeInWindow(recordedOcda(decidedAt));
      expect(failure?.code).toBe(C.DECISION_IN_FUTURE);
      expect(failure?.fields).toEqual(['decision.decidedAt']);
      expect(recordedDecisionTimeInWindow(oralFor(decidedAt))?.code).toBe(C.DECISION_IN_FUTURE);
    }
  });
  it('refuses a recorded decision without a time, or with one that has no offset: DECISION_TIME_REQUIRED', () => {
    for (const decidedAt of [undefined, '', 'this morning', '2026-03-10T09:30:00']) {
      expect(recordedDecisionTimeInWindow(oralFor(decidedAt))?.code).toBe(C.DECISION_TIME_REQUIRED);
      expect(recordedDecisionTimeInWindow(recordedOcda(decidedAt))?.code).toBe(C.DECISION_TIME_REQUIRED);
    }
  });
  it('applies to OCDA’s refusal and question recorded by a SPOC as to its grant', () => {
    expect(recordedDecisionTimeInWindow(recordedOcda('2026-03-05T10:00:00Z', 'REFUSE'))?.code).toBe(C.DECISION_BEFORE_SUBMISSION);
    expect(recordedDecisionTimeInWindow(recordedOcda('2026-03-11T10:00:00Z', 'REQUEST_MORE_INFO'))?.code).toBe(C.DECISION_IN_FUTURE);
  });
  it('does not apply to a direct decider, who decides when they send the event', () => {
    for (const decidedAt of [undefined, '2020-01-01T00:00:00Z', '2030-01-01T00:00:00Z']) {
      expect(recordedDecisionTimeInWindow(input({ actor: ocda, application: submitted, decision: { ...GRANT, decidedAt } }))).toBeNull();
      expect(recordedDecisionTimeInWindow(input({ actor: dso, application: { ...submitted, route: 'dso61' }, decision: { ...GRANT, decidedAt } }))).toBeNull();
    }
  });
});

describe('grantStillValid', () => {
  it('passes a decision recorded within its validity', () => {
    expect(grantStillValid(input({ actor: spoc, application: { route: 'ipc60A' }, decision: ocdaRecord }))).toBeNull();
  });
  it('fails a decision recorded after the month it would have given had ended', () => {
    const late = input({ actor: spoc, application: { route: 'ipc60A' }, decision: { ...ocdaRecord, decidedAt: '2026-02-05T09:30:00+00:00' } });
    expect(grantStillValid(late)?.code).toBe(C.VALIDITY_ALREADY_ENDED);
  });
});

describe('renewalGrantedInTime', () => {
  const original = new Date('2026-03-10T10:00:00.001Z');
  it('passes for an ordinary application and for a renewal granted before the original expires', () => {
    expect(renewalGrantedInTime(input({}))).toBeNull();
    expect(renewalGrantedInTime(input({ application: { renewalOfExpiresAt: original } }))).toBeNull();
  });
  it('fails a renewal granted at or after the original’s expiry, or once the original is no longer in force', () => {
    expect(renewalGrantedInTime(input({ application: { renewalOfExpiresAt: NOW } }))?.code).toBe(C.RENEWAL_TOO_LATE);
    expect(renewalGrantedInTime(input({ application: { renewalOfExpiresAt: original, renewalOfLive: false } }))?.code).toBe(C.RENEWAL_TOO_LATE);
  });
});

describe('dataWithinValidity', () => {
  const item = (periodEnd: string): DataItem => ({ ...subscriberItem, periodEnd });
  it('passes when every item ends within the authorisation', () => {
    expect(dataWithinValidity(input({ application: { route: 'ipc60A', form: { dataItems: [item('2026-04-09T23:59:59.999+01:00')] } } }))).toBeNull();
  });
  it('fails naming each item that ends after the authorisation would', () => {
    const failure = dataWithinValidity(
      input({ application: { route: 'ipc60A', form: { dataItems: [item('2026-03-11T00:00:00Z'), item('2026-04-10T00:00:00+01:00')] } } }),
    );
    expect(failure?.code).toBe(C.DATA_PERIOD_BEYOND_VALIDITY);
    expect(failure?.fields).toEqual(['dataItems[1].periodEnd']);
  });
});

describe('notExpired', () => {
  it('passes before expiry and when there is none', () => {
    expect(notExpired(input({ application: { expiresAt: new Date(NOW.getTime() + 1) } }))).toBeNull();
    expect(notExpired(input({ application: { expiresAt: null } }))).toBeNull();
  });
  it('fails at and after expiry', () => {
    expect(notExpired(input({ application: { expiresAt: NOW } }))?.code).toBe(C.AUTHORISATION_EXPIRED);
  });
});

describe('expiryReached', () => {
  const expiresAt = new Date('2026-03-10T10:00:00.000Z');
  it('passes at and after expiry', () => {
    expect(expiryReached(input({ application: { expiresAt }, now: expiresAt }))).toBeNull();
    expect(expiryReached(input({ application: { expiresAt }, now: new Date('2026-04-01T00:00:00Z') }))).toBeNull();
  });
  it('fails a millisecond before, and without an expiry', () => {
    expect(expiryReached(input({ application: { expiresAt }, now: new Date(expiresAt.getTime() - 1) }))?.code).toBe(
      C.NOT_YET_EXPIRED,
    );
    expect(expiryReached(input({ application: { expiresAt: null } }))?.code).toBe(C.NOT_YET_EXPIRED);
  });
});
