import { APPLICATION_RULE_CODES as C } from './application-guards.rule-codes';
import {
  dataWithinValidity, expiryReached, grantInstant, grantStillValid, grantValidity, notExpired,
  renewalGrantedInTime,
} from './application-guards.validity';
import type { DataItem } from './application.types';
import { NOW, spoc, ocda, subscriberItem, input, ocdaRecord } from '../../test/support/application-guard-fixtures';

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
