import { APPLICATION_RULE_CODES as C } from './application-guards.rule-codes';
import { dsoRankSufficient, schedule4RouteAndPurpose } from './application-guards.schedule4';
import { ROUTES, STATUTORY_PURPOSES, type ApplicationForm, type Route } from './application.types';
import { AUTHORITY_TYPES } from './roles';
import { purposesOpen } from './schedule4';
import {
  callRecordsItem, dso, inspectorDso, input, ocda, person, spoc, subscriberItem,
} from '../../test/support/application-guard-fixtures';

const LA = { authorityType: 'localAuthority' as const, authorityId: 'auth-la' };

describe('schedule4RouteAndPurpose', () => {
  const check = (authorityType: (typeof AUTHORITY_TYPES)[number], route: Route | null, form: Partial<ApplicationForm> = {}) =>
    schedule4RouteAndPurpose(input({ application: { authorityType, route: null }, form: { route, ...form } }));

  it('passes every purpose Schedule 4 specifies for the authority on the route, and refuses every other', () => {
    for (const type of ['police', 'localAuthority'] as const) {
      for (const route of ROUTES) {
        const open = purposesOpen(type, route);
        for (const purpose of STATUTORY_PURPOSES) {
          const failure = check(type, route, { statutoryPurpose: purpose });
          if (open.includes(purpose)) expect(failure).toBeNull();
          else expect(failure?.code).toBe(open.length === 0 ? C.SCH4_ROUTE_NOT_AVAILABLE : C.SCH4_PURPOSE_NOT_SPECIFIED);
        }
      }
    }
  });

  it('refuses a police dso61 application for the applicable crime purpose, citing Schedule 4, and passes national security', () => {
    const failure = check('police', 'dso61', { statutoryPurpose: 'applicableCrime' });
    expect(failure).toEqual({
      code: C.SCH4_PURPOSE_NOT_SPECIFIED,
      detail: expect.stringContaining('Schedule 4'),
      fields: ['statutoryPurpose'],
    });
    expect(failure?.detail).toContain('(a), (c)');
    expect(check('police', 'dso61', { statutoryPurpose: 'nationalSecurity' })).toBeNull();
    expect(check('police', 'dso61', { statutoryPurpose: 'economicWellBeingNS' })).toBeNull();
  });

  it('refuses a police force the miscarriage-of-justice purpose on every route', () => {
    for (const route of ROUTES) expect(check('police', route, { statutoryPurpose: 'miscarriageOfJustice' })?.code).toBe(C.SCH4_PURPOSE_NOT_SPECIFIED);
  });

  it('keeps a local authority to s.60A and the crime purpose', () => {
    expect(check('localAuthority', 'ipc60A')).toBeNull();
    expect(check('localAuthority', 'dso61A')).toEqual(expect.objectContaining({ code: C.SCH4_ROUTE_NOT_AVAILABLE, fields: ['route'] }));
    expect(check('localAuthority', 'ipc60A', { statutoryPurpose: 'publicSafety' })?.code).toBe(C.SCH4_PURPOSE_NOT_SPECIFIED);
  });

  it('fails closed for an authority type with no row, whatever the route and purpose', () => {
    for (const type of ['nafn', 'ocda', 'judicialOffice', 'other'] as const) {
      for (const route of [...ROUTES, null]) expect(check(type, route)?.code).toBe(C.SCH4_AUTHORITY_NOT_LISTED);
    }
  });

  it('refuses a missing route, then a missing or unknown purpose', () => {
    expect(check('police', null)).toEqual(expect.objectContaining({ code: C.SCH4_ROUTE_NOT_AVAILABLE, fields: ['route'] }));
    expect(check('police', 'ipc60A', { statutoryPurpose: null })?.code).toBe(C.PURPOSE_NOT_STATUTORY);
    const unknown = { statutoryPurpose: 'curiosity' } as unknown as Partial<ApplicationForm>;
    expect(check('police', 'ipc60A', unknown)).toEqual(expect.objectContaining({ code: C.PURPOSE_NOT_STATUTORY, fields: ['statutoryPurpose'] }));
  });

  it('reads the route of the row once set, not the form’s', () => {
    const failure = schedule4RouteAndPurpose(input({ application: { route: 'dso61' }, form: { route: 'ipc60A' } }));
    expect(failure?.code).toBe(C.SCH4_PURPOSE_NOT_SPECIFIED);
  });
});

describe('dsoRankSufficient', () => {
  it('passes an inspector for entity data and a superintendent for events data, on both DSO routes', () => {
    for (const route of ['dso61', 'dso61A'] as const) {
      expect(dsoRankSufficient(input({ actor: inspectorDso, form: { route } }))).toBeNull();
      expect(dsoRankSufficient(input({ actor: dso, form: { route, dataItems: [callRecordsItem] } }))).toBeNull();
    }
  });

  it('fails an inspector when any events data is sought, and an unknown or missing rank', () => {
    const f = { route: 'dso61A' as const, dataItems: [subscriberItem, callRecordsItem] };
    expect(dsoRankSufficient(input({ actor: inspectorDso, form: f }))).toEqual({
      code: C.DSO_RANK_INSUFFICIENT,
      detail: 'the DSO must hold at least the rank of superintendent (holds inspector)',
    });
    expect(dsoRankSufficient(input({ actor: { ...dso, rank: 'Head of Fraud' }, form: f }))?.code).toBe(C.DSO_RANK_INSUFFICIENT);
    expect(dsoRankSufficient(input({ actor: { ...dso, rank: null }, form: f }))?.code).toBe(C.DSO_RANK_INSUFFICIENT);
    expect(dsoRankSufficient(input({ actor: person('u-sgt', ['dso'], { rank: 'sergeant' }), form: { route: 'dso61' } }))?.code).toBe(
      C.DSO_RANK_INSUFFICIENT,
    );
  });

  it('accepts a higher office than the minimum', () => {
    const chief = person('u-cc', ['dso'], { rank: 'chiefConstable' });
    expect(dsoRankSufficient(input({ actor: chief, form: { route: 'dso61', dataItems: [callRecordsItem] } }))).toBeNull();
  });

  it('does not apply to ipc60A', () => {
    expect(dsoRankSufficient(input({ actor: ocda, form: { dataItems: [callRecordsItem] } }))).toBeNull();
  });

  it('checks the named decider of an oral grant recorded by a SPOC', () => {
    const oral = { rationale: 'x', deciderId: inspectorDso.id, oral: true };
    const f = { route: 'dso61A' as const, dataItems: [callRecordsItem] };
    expect(dsoRankSufficient(input({ actor: spoc, decider: inspectorDso, decision: oral, form: f }))?.code).toBe(C.DSO_RANK_INSUFFICIENT);
    expect(dsoRankSufficient(input({ actor: spoc, decider: dso, decision: { ...oral, deciderId: dso.id }, form: f }))).toBeNull();
  });

  it('fails closed for an authority with no row, and for one without a DSO, instead of passing', () => {
    const other = { authorityType: 'other' as const };
    expect(dsoRankSufficient(input({ actor: dso, application: other, form: { route: 'dso61' } }))?.code).toBe(C.SCH4_AUTHORITY_NOT_LISTED);
    const laDso = person('u-la-dso', ['dso'], { ...LA, rank: 'director' });
    expect(dsoRankSufficient(input({ actor: laDso, application: LA, form: { route: 'dso61A' } }))).toEqual(
      expect.objectContaining({ code: C.SCH4_ROUTE_NOT_AVAILABLE, fields: ['route'] }),
    );
  });
});
