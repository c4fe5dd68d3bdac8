import { UserEntity } from '../../src/auth/user.entity';
import { CspEntity } from '../../src/disclosures/csp/csp.entity';
import { completeForm, createApplication, GRANT_DECISION, JOURNALISTIC_SOURCE, NATIONAL_SECURITY, SPOC_SECTION, step, type AppRecord } from './applications';
import { createError, errorStep, expectNoErrorChange } from './errors-http';
import { expectNoBusinessChange } from './guards-no-change';
import type { TestApp } from './test-app';

/** Every demo user (docs/architecture.md §8; demo seed), plus the caller without a token. */
export const DEMO_USERNAMES = [
  'applicant',
  'applicant2',
  'spoc',
  'dso',
  'sro',
  'admin',
  'other-applicant',
  'other-spoc',
  'other-dso',
  'other-sro',
  'ocda',
  'jc',
  'la-applicant',
  'nafn-spoc',
  'inspector',
] as const;
export type DemoUsername = (typeof DEMO_USERNAMES)[number];
export type Caller = 'anonymous' | DemoUsername;
export const CALLERS: readonly Caller[] = ['anonymous', ...DEMO_USERNAMES];

/** States a fixture can be driven to through the API. */
export type FixtureState =
  | 'draft'
  | 'spocReview'
  | 'awaitingAuthorisation'
  | 'moreInfoRequested'
  | 'awaitingJudicialApproval'
  | 'judiciallyApproved'
  | 'authorised';

/** An application fixture. */
export interface ApplicationFixtureSpec {
  state: FixtureState;
  owner?: DemoUsername;
  route?: 'ipc60A' | 'dso61';
  /** Usernames put on the investigation team. */
  team?: DemoUsername[];
  form?: Record<string, unknown>;
}

/**
 * A CD error register entry of Thames Valley Police (docs/architecture.md §7.3), created by its SPOC through
 * POST /errors and driven through the API: ASSESSed by the SPOC as `kind`, SIGHTed by the SRO.
 */
export interface ErrorFixtureSpec {
  error: 'recorded' | 'assessed' | 'sroSighted';
  kind?: 'relevantError' | 'recordableError' | 'operatorError';
}

/** What a row's request is about: an application, or a CD error entry. */
export type FixtureSpec = ApplicationFixtureSpec | ErrorFixtureSpec;

/** The SPOC who reviews an owner's applications: their own force's, or NAFN for a local authority. */
export function spocFor(owner: DemoUsername): DemoUsername {
  if (owner === 'la-applicant') return 'nafn-spoc';
  return owner === 'other-applicant' ? 'other-spoc' : 'spoc';
}

function authoriserFor(owner: DemoUsername, route: 'ipc60A' | 'dso61'): DemoUsername {
  if (route === 'ipc60A') return 'ocda';
  return owner === 'other-applicant' ? 'other-dso' : 'dso';
}

export async function userId(t: TestApp, username: string): Promise<string> {
  const user = await t.dataSource.getRepository(UserEntity).findOneByOrFail({ username });
  return user.id;
}

/** Creates an application as `owner` and drives it through the API to `spec.state`. */
export async function buildFixture(t: TestApp, spec: FixtureSpec): Promise<AppRecord> {
  if ('error' in spec) return buildErrorFixture(t, spec);
  const owner = spec.owner ?? 'applicant';
  const route = spec.route ?? 'ipc60A';
  const journalistic = spec.state === 'awaitingJudicialApproval' || spec.state === 'judiciallyApproved';
  const teamMemberIds = await Promise.all((spec.team ?? []).map((u) => userId(t, u)));
  const form = completeForm({
    route,
    // A police force's dso61 route is for national security (Schedule 4; docs/law.md §9).
    ...(route === 'dso61' ? NATIONAL_SECURITY : {}),
    ...(journalistic ? JOURNALISTIC_SOURCE : {}),
    ...(teamMemberIds.length > 0 ? { teamMemberIds } : {}),
    ...spec.form,
  });
  const app = await drive(t, owner, route, spec.state, await createApplication(t, owner, form));
  const expected = spec.state === 'moreInfoRequested' ? 'spocReview' : spec.state === 'judiciallyApproved' ? 'authorised' : spec.state;
  if (app.status !== expected) throw new Error(`fixture reached ${app.status}, wanted ${expected}`);
  return app;
}

async function drive(t: TestApp, owner: DemoUsername, route: 'ipc60A' | 'dso61', state: FixtureState, created: AppRecord): Promise<AppRecord> {
  let app = created;
  if (state === 'draft') return app;
  app = await step(t, owner, app, { type: 'SUBMIT_TO_SPOC' });
  if (state === 'spocReview') return app;
  app = await step(t, spocFor(owner), app, { type: 'SUBMIT_FOR_AUTHORISATION', spoc: SPOC_SECTION });
  if (state === 'awaitingAuthorisation') return app;
  const authoriser = authoriserFor(owner, route);
  if (state === 'moreInfoRequested') {
    return step(t, authoriser, app, { type: 'REQUEST_MORE_INFO', question: 'Which CSP holds the data?' });
  }
  app = await step(t, authoriser, app, { type: 'GRANT', decision: GRANT_DECISION });
  if (state !== 'judiciallyApproved') return app;
  return step(t, 'jc', app, { type: 'JC_APPROVE', judicialApproval: { judgeName: 'Sir Julian Commissioner' } });
}

/**
 * A TVP error entry in `spec.error`. The matrix reads only `id`, `status`, `version` and
 * `allowedEvents`, which an entry has as an application does (an entry has no URN).
 */
async function buildErrorFixture(t: TestApp, spec: ErrorFixtureSpec): Promise<AppRecord> {
  let entry = await createError(t, 'spoc');
  if (spec.error !== 'recorded') entry = await errorStep(t, 'spoc', entry, { type: 'ASSESS', kind: spec.kind ?? 'recordableError' });
  if (spec.error === 'sroSighted') entry = await errorStep(t, 'sro', entry, { type: 'SIGHT' });
  if (entry.status !== spec.error) throw new Error(`error fixture reached ${entry.status}, wanted ${spec.error}`);
  return entry as unknown as AppRecord;
}

/** Runs a request expected to be refused and asserts it changed nothing about the fixture (application or error entry). */
export function expectFixtureUnchanged<T>(t: TestApp, spec: FixtureSpec, id: string, fn: () => Promise<T>): Promise<T> {
  return 'error' in spec ? expectNoErrorChange(t, id, fn) : expectNoBusinessChange(t, id, fn);
}

/** States a disclosure request fixture can be driven to through the API (docs/architecture.md §7.2). */
export type RequestFixtureState = 'pending' | 'sent';

/** The seeded CSP that answers the default form's data item `d1` (a subscriber on an msisdn). */
export const REQUEST_CSP = 'examplemobile';

/** The id of a seeded CSP in the directory. */
export async function seededCspId(t: TestApp, code = REQUEST_CSP): Promise<string> {
  const csp = await t.dataSource.getRepository(CspEntity).findOneByOrFail({ code });
  return csp.id;
}

/** The body of POST /applications/{id}/disclosure-requests for the default form: its item `d1`, to `cspId`. */
export function requestBody(cspId: string): Record<string, unknown> {
  return { cspId, items: [{ dataItemRef: 'd1' }] };
}

/**
 * A disclosure request on `app`, an authorised application built from `spec` (the default form): made
 * through POST /applications/{id}/disclosure-requests by the SPOC who serves the application's owner, to
 * {@link REQUEST_CSP} for the item `d1`, then driven to `state` by that SPOC. The matrix reads only `id`,
 * `status` and `version`.
 */
export async function buildRequestFixture(t: TestApp, spec: FixtureSpec, app: AppRecord, state: RequestFixtureState = 'pending'): Promise<AppRecord> {
  if ('error' in spec) throw new Error('a disclosure request is made under an application, not a CD error entry');
  const spoc = spocFor(spec.owner ?? 'applicant');
  const bearer = `Bearer ${await t.token(spoc)}`;
  const made = await t.http().post(`/applications/${app.id}/disclosure-requests`).set('authorization', bearer).send(requestBody(await seededCspId(t)));
  if (made.status !== 201) throw new Error(`disclosure request fixture: ${made.status} ${JSON.stringify(made.body)}`);
  let request = made.body as AppRecord;
  if (state === 'sent') {
    const sent = await t.http().post(`/disclosure-requests/${request.id}/events`).set('authorization', bearer).set('If-Match', String(request.version)).send({ type: 'SEND' });
    if (sent.status !== 200) throw new Error(`disclosure request fixture SEND: ${sent.status} ${JSON.stringify(sent.body)}`);
    request = sent.body as AppRecord;
  }
  if (request.status !== state) throw new Error(`disclosure request fixture reached ${request.status}, wanted ${state}`);
  return request;
}
