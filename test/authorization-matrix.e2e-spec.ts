/**
 * Authorisation matrix (docs/architecture.md §4 step 1, §5, §8; docs/law.md §1): every (method, path) in the OpenAPI
 * document × every demo user (own authority and other authority) × the caller without a token.
 *
 * Rules the table encodes:
 * - no token → 401; public routes (`/health`, `/auth/login`, `/docs-json`) → 2xx for everyone;
 * - a role the route's policy excludes → 403 FORBIDDEN_ROLE (decided before any record is read);
 * - outside need-to-know → 404, never 403 (the record's existence is not revealed);
 * - within need-to-know, an event the caller's roles may not send → 403 FORBIDDEN_ROLE, a rule about
 *   who the caller is → 403 with the rule's code, an event the state does not define → 409 listing the
 *   events this caller can send now (docs/architecture.md §7: of the events defined here that a role may
 *   send, those no rule on the facts alone blocks).
 * Every non-2xx body is `application/problem+json`, and a refused request changes no business data.
 *
 * A new endpoint in the OpenAPI document without a row here fails the first test: add a row (a decision
 * for every caller) before shipping it.
 */
import type { Response } from 'supertest';
import { CspEntity } from '../src/disclosures/csp/csp.entity';
import { DisclosureRequestEventEntity } from '../src/disclosures/requests/disclosure-request-event.entity';
import { DisclosureRequestEntity } from '../src/disclosures/requests/disclosure-request.entity';
import { DisclosureReturnCheckEntity } from '../src/disclosures/returns/disclosure-return-check.entity';
import { DisclosureReturnEntity } from '../src/disclosures/returns/disclosure-return.entity';
import { completeForm, GRANT_DECISION, SPOC_SECTION, type AppRecord } from './support/applications';
import {
  buildFixture,
  buildRequestFixture,
  CALLERS,
  DEMO_USERNAMES,
  expectFixtureUnchanged,
  requestBody,
  seededCspId,
  userId,
  type Caller,
  type FixtureSpec,
  type RequestFixtureState,
} from './support/authz-fixtures';
import { buildProductFixture, type ProductFixture } from './support/authz-products';
import { buildReturnFixture, subscriberUpload, type MultipartBody, type ReturnFixture } from './support/authz-returns';
import { recordReport } from './support/errors-http';
import { expectProblem } from './support/guards-no-change';
import { ripaRecord } from './support/ripa-records';
import { createTestApp, DEMO_PASSWORD, type TestApp } from './support/test-app';

interface Cell {
  status: number;
  /** The problem `code` for non-2xx answers. */
  code?: string;
  /** Overrides the endpoint's fixture for this caller. */
  fixture?: FixtureSpec;
  /** Overrides the endpoint's request body for this caller. */
  body?: Record<string, unknown>;
  /** For a 2xx event: the application's status afterwards. */
  to?: string;
  /** For a 409: the events this caller could send in that state. */
  allowedEvents?: string[];
  /** For a row about one disclosure request: the state its request fixture is in (`pending` unless told). */
  request?: RequestFixtureState;
}

interface Endpoint {
  /** The application the request is about ({id} in the path); null when the path has none. */
  fixture: FixtureSpec | null;
  /** True when a 2xx changes data: every cell then gets a fresh fixture. */
  mutates: boolean;
  /** Sends `If-Match: <version>` (docs/architecture.md §4). */
  ifMatch?: boolean;
  query?: string;
  body?: (caller: Caller) => Record<string, unknown> | Record<string, unknown>[];
  /** Sends multipart/form-data (an upload) instead of a JSON body: the caller's form fields, then the file. */
  multipart?: (caller: Caller) => MultipartBody;
  cells: Record<Caller, Cell>;
  /** Further cases for the same endpoint: other states, team membership, the 403/409 distinction. */
  extra?: (Cell & { caller: Caller; why: string })[];
  /**
   * A row of the CSP directory, which is neither an application nor an error entry: `target` makes the
   * CSP the path names ({id}), fresh for each cell when the endpoint mutates; a refusal must leave the
   * whole directory as it was.
   */
  csp?: { target?: (t: TestApp, fresh: boolean) => Promise<{ id: string; version: number }> };
  /**
   * A row about disclosure requests (docs/architecture.md §7.2): a refusal must leave every request and its
   * history as it was, besides the application. With `target`, {id} in the path is a disclosure request's
   * id, not the application's: `target` makes one on the row's (or the cell's) fixture application, in the
   * cell's `request` state (else `state`, else `pending`), fresh for each cell when the endpoint mutates (and
   * then on a fresh application).
   */
  request?: {
    target?: (t: TestApp, spec: FixtureSpec, app: AppRecord, state: RequestFixtureState) => Promise<AppRecord>;
    state?: RequestFixtureState;
  };
  /**
   * A row about one return of a request (docs/returns.md): `target` makes a return on the row's request (which
   * must then be sent), and {returnId} and {checkId} in the path name it and its failed check; fresh for each
   * cell when the endpoint mutates, one per request otherwise (a file is received once).
   */
  returns?: { target: (t: TestApp, spec: FixtureSpec, request: AppRecord) => Promise<ReturnFixture> };
  /**
   * A row about products (docs/products.md): `target` gives the row's (or the cell's) fixture application a
   * checked return and a final product, fresh for each cell when the endpoint mutates; with `inPath`, {id} in the
   * path is the product's id, not the application's.
   */
  product?: { target: (t: TestApp, spec: FixtureSpec, app: AppRecord) => Promise<ProductFixture>; inPath: boolean };
  /**
   * A row about reverse audits (issue 24, item 4): `csv` is the CSP's list sent as `text/csv`, with `query` made at
   * run time (the CSP's id); `target` makes {id} a reverse audit of TVP's, made once and shared by the row's cells.
   */
  reverseAudit?: { csv?: () => string; query?: (t: TestApp) => Promise<string>; target?: (t: TestApp) => Promise<{ id: string; version: number }> };
  /** Path parameters that name no record (`{tile}` of the dashboard), each with the value to send. */
  pathParams?: Record<string, string>;
  /**
   * Rows about sessions (docs/security.md, "Sessions"), each cell with sessions of its own so that ending one
   * never ends the cached token the other rows use: `bearer` signs the caller into a fresh session for the
   * request; `pathOf` makes {id} a fresh session of that user; `refresh` sends the refresh token of a fresh
   * session of the caller (of `applicant` for the anonymous caller).
   */
  sessions?: { bearer?: boolean; pathOf?: Caller; refresh?: boolean };
}

const ok: Cell = { status: 200 };
const created: Cell = { status: 201 };
const unauthenticated: Cell = { status: 401, code: 'AUTH_REQUIRED' };
const roleExcluded: Cell = { status: 403, code: 'FORBIDDEN_ROLE' };
const notFound: Cell = { status: 404, code: 'NOT_FOUND' };

const DRAFT: FixtureSpec = { state: 'draft' };
const SPOC_REVIEW: FixtureSpec = { state: 'spocReview' };
const AWAITING_IPC: FixtureSpec = { state: 'awaitingAuthorisation', route: 'ipc60A' };
const AWAITING_DSO: FixtureSpec = { state: 'awaitingAuthorisation', route: 'dso61' };
const AWAITING_JC: FixtureSpec = { state: 'awaitingJudicialApproval' };
const AUTHORISED: FixtureSpec = { state: 'authorised' };

const everyone = (cell: Cell): Record<Caller, Cell> =>
  Object.fromEntries(CALLERS.map((c) => [c, cell])) as Record<Caller, Cell>;

/**
 * Reading one application on a TVP draft owned by `applicant` (need-to-know, need-to-know.ts): the
 * applicant and TVP's SPOC, DSO and SRO see it; nobody else does (admin has no need-to-know; OCDA only
 * once an ipc60A application went for authorisation; the JC only once it went for judicial approval).
 */
const READ_ONE: Record<Caller, Cell> = {
  anonymous: unauthenticated,
  applicant: ok,
  applicant2: notFound,
  spoc: ok,
  dso: ok,
  sro: ok,
  admin: notFound,
  'other-applicant': notFound,
  'other-spoc': notFound,
  'other-dso': notFound,
  'other-sro': notFound,
  ocda: notFound,
  jc: notFound,
  'la-applicant': notFound,
  'nafn-spoc': notFound,
  // An inspector without a grant sees nothing (issue 24, item 3): a grant is what opens records to them.
  inspector: notFound,
};

const READ_ONE_EXTRA: Endpoint['extra'] = [
  { caller: 'applicant2', fixture: { state: 'draft', team: ['applicant2'] }, ...ok, why: 'on the team' },
  { caller: 'ocda', fixture: AWAITING_IPC, ...ok, why: 'ipc60A submitted for authorisation' },
  { caller: 'ocda', fixture: { state: 'moreInfoRequested' }, ...ok, why: 'ipc60A once submitted, back with the SPOC' },
  { caller: 'ocda', fixture: SPOC_REVIEW, ...notFound, why: 'not yet submitted for authorisation' },
  { caller: 'ocda', fixture: AWAITING_DSO, ...notFound, why: 'a dso61 application is not OCDA’s' },
  { caller: 'jc', fixture: AWAITING_IPC, ...notFound, why: 'not sent for judicial approval' },
  { caller: 'jc', fixture: AWAITING_JC, ...ok, why: 'sent for judicial approval' },
  { caller: 'jc', fixture: { state: 'judiciallyApproved' }, ...ok, why: 'approved by the JC' },
  { caller: 'other-spoc', fixture: AUTHORISED, ...notFound, why: 'another force’s authorised application' },
  { caller: 'nafn-spoc', fixture: AWAITING_IPC, ...notFound, why: 'NAFN serves local authorities, not TVP' },
];

const event = (type: string, extra: Record<string, unknown> = {}) => ({ type, ...extra });
const SUBMIT = event('SUBMIT_TO_SPOC');
const SFA = event('SUBMIT_FOR_AUTHORISATION', { spoc: SPOC_SECTION });
const GRANT = event('GRANT', { decision: GRANT_DECISION });
const DECLINE = event('DECLINE', { reason: 'Not proportionate.' });
const JC_APPROVE = event('JC_APPROVE', { judicialApproval: { judgeName: 'Sir Julian Commissioner' } });

/**
 * The CD error register's decision for every caller (docs/architecture.md §8): TVP's SPOC and SRO get `own`;
 * another authority's SPOC or SRO gets `others` (its own register; 404 for a TVP entry); every other
 * role 403 from the route policy.
 */
const ERROR_REGISTER = (own: Cell, others: Cell): Record<Caller, Cell> => ({
  anonymous: unauthenticated,
  applicant: roleExcluded,
  applicant2: roleExcluded,
  spoc: own,
  dso: roleExcluded,
  sro: own,
  admin: roleExcluded,
  'other-applicant': roleExcluded,
  'other-spoc': others,
  'other-dso': roleExcluded,
  'other-sro': others,
  ocda: roleExcluded,
  jc: roleExcluded,
  'la-applicant': roleExcluded,
  'nafn-spoc': others,
  inspector: roleExcluded,
});


const ERROR_RECORDED: FixtureSpec = { error: 'recorded' };
const ERROR_ASSESSED: FixtureSpec = { error: 'assessed' };
const ERROR_SIGHTED: FixtureSpec = { error: 'sroSighted' };
const ASSESS = event('ASSESS', { kind: 'recordableError' });
const SIGHT = event('SIGHT');

/**
 * The national CSP directory (docs/architecture.md §8): every authority's SPOCs and SROs read it, as do
 * administrators; only administrators change it. Other roles get 403 from the route policy.
 */
const CSP_READERS = (cell: Cell): Record<Caller, Cell> => ({
  ...everyone(roleExcluded),
  anonymous: unauthenticated,
  spoc: cell,
  sro: cell,
  admin: cell,
  'other-spoc': cell,
  'other-sro': cell,
  'nafn-spoc': cell,
});

/** The statistics return (docs/statistics.md §1): each authority's SRO reads their own; everyone else is refused by role. */
/** An id no record has: the retention rows' decisions, holds and certificates name it. */
const NO_SUCH_RECORD = '00000000-0000-4000-8000-00000000dead';
const SROS_ONLY: Record<Caller, Cell> = { ...everyone(roleExcluded), anonymous: unauthenticated, sro: ok, 'other-sro': ok };

/**
 * The manager's dashboard (docs/statistics.md §5): the SPOCs and SROs of every authority, each seeing their
 * own authority's; every other role is refused by the route policy.
 */
const DASHBOARD_READERS: Record<Caller, Cell> = {
  ...everyone(roleExcluded),
  anonymous: unauthenticated,
  spoc: ok,
  sro: ok,
  'other-spoc': ok,
  'other-sro': ok,
  'nafn-spoc': ok,
};

/** A CSP's list of one disclosure, and the query naming its CSP and period (issue 24, item 4). */
const REVERSE_AUDIT_CSV = 'csp_reference,identifier,data_type,disclosed_at\nEM-1,+447911123456,subscriber,2026-03-02T10:15:00Z\n';
const reverseAuditQuery = async (t: TestApp): Promise<string> => `?cspId=${await seededCspId(t)}&from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z`;
let reverseAuditMade: Promise<{ id: string; version: number }> | null = null;
/** One reverse audit of TVP's, run by its SRO on first use and shared by the rows that read it. */
const sharedReverseAudit = (t: TestApp): Promise<{ id: string; version: number }> => {
  reverseAuditMade ??= (async () => {
    const res = await t.http().post(`/reverse-audits${await reverseAuditQuery(t)}`).set('authorization', `Bearer ${await t.token('sro')}`).set('content-type', 'text/csv').send(REVERSE_AUDIT_CSV);
    if (res.status !== 201) throw new Error(`reverse audit fixture: ${res.status} ${JSON.stringify(res.body)}`);
    return { id: (res.body as { id: string }).id, version: 0 };
  })();
  return reverseAuditMade;
};

let cspSerial = 0;
/** A valid new CSP, with a code and endpoint identifier no other has. */
const newCsp = (): Record<string, unknown> => {
  cspSerial += 1;
  return {
    code: `matrix-csp-${cspSerial}`,
    name: `Matrix Test Telecom ${cspSerial} Ltd`,
    etsiEndpointId: `GB-MATRIX-${cspSerial}`,
    dataTypes: ['subscriber'],
    identifierKinds: ['msisdn'],
    returnFormats: ['csv'],
    fileTimeZone: 'Europe/London',
  };
};

/** A seeded CSP to read; a new one (made by the administrator) to change. */
async function cspTarget(t: TestApp, fresh: boolean): Promise<{ id: string; version: number }> {
  if (!fresh) return t.dataSource.getRepository(CspEntity).findOneByOrFail({ code: 'examplemobile' });
  const res = await t.http().post('/admin/csps').set('authorization', `Bearer ${await t.token('admin')}`).send(newCsp());
  if (res.status !== 201) throw new Error(`CSP fixture: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; version: number };
}

/** Runs a request expected to be refused and asserts the CSP directory is exactly as it was. */
async function expectDirectoryUnchanged<T>(t: TestApp, fn: () => Promise<T>): Promise<T> {
  const snapshot = () => t.dataSource.getRepository(CspEntity).find({ order: { id: 'ASC' } });
  const before = await snapshot();
  const result = await fn();
  expect(await snapshot()).toEqual(before);
  return result;
}

/**
 * Disclosure requests (docs/architecture.md §7.2, §8; docs/law.md §1): a request is seen by whoever may see
 * its application (need-to-know), among the roles the route admits. On TVP's authorised ipc60A application
 * owned by `applicant`: its applicant and TVP's SPOC, DSO and SRO; other applicants and other authorities'
 * staff (NAFN's SPOC too: TVP is no local authority) get 404. OCDA, who does see the application, and every
 * other role get 403 from the route policy before any record is read.
 */
const REQUEST_READERS: Record<Caller, Cell> = {
  ...READ_ONE,
  admin: roleExcluded,
  ocda: roleExcluded,
  jc: roleExcluded,
  inspector: roleExcluded,
};

/** Only a SPOC deals with the CSP (docs/law.md §1): TVP's SPOC; another authority's SPOC gets 404. */
const REQUEST_SPOC = (cell: Cell): Record<Caller, Cell> => ({
  ...everyone(roleExcluded),
  anonymous: unauthenticated,
  spoc: cell,
  'other-spoc': notFound,
  'nafn-spoc': notFound,
});

/** A local authority's authorised application: NAFN's SPOC serves it (docs/law.md §1). */
const LA_AUTHORISED: FixtureSpec = { state: 'authorised', owner: 'la-applicant' };

const REQUEST_READERS_EXTRA: Endpoint['extra'] = [
  { caller: 'applicant2', fixture: { state: 'authorised', team: ['applicant2'] }, ...ok, why: 'on the application’s team' },
  { caller: 'la-applicant', fixture: LA_AUTHORISED, ...ok, why: 'a request on their own application' },
  { caller: 'nafn-spoc', fixture: LA_AUTHORISED, ...ok, why: 'NAFN serves the local authority' },
  { caller: 'other-spoc', fixture: LA_AUTHORISED, ...notFound, why: 'another force’s SPOC on a local authority’s request' },
];

const REQUEST_SPOC_EXTRA: Endpoint['extra'] = [
  { caller: 'nafn-spoc', fixture: LA_AUTHORISED, ...ok, why: 'NAFN serves the local authority' },
  { caller: 'la-applicant', fixture: LA_AUTHORISED, ...roleExcluded, why: 'an applicant, even on their own application' },
];

/**
 * A return's rows and the file as received (docs/returns.md): the SPOCs and the SRO of the request's authority
 * only (another authority's: 404); every other role 403 from the route policy, the applicant and the DSO too.
 */
const RETURN_CONTENT_READERS: Record<Caller, Cell> = {
  ...everyone(roleExcluded),
  anonymous: unauthenticated,
  spoc: ok,
  sro: ok,
  'other-spoc': notFound,
  'other-sro': notFound,
  'nafn-spoc': notFound,
};

/** A return is for a request that has been sent; the rows about one return read its id and its failed check's. */
const SENT_REQUEST: Endpoint['request'] = { target: buildRequestFixture, state: 'sent' };
const ONE_RETURN: Endpoint['returns'] = { target: buildReturnFixture };
const REVIEW = { decision: 'accepted', reason: 'The CSP sent a neighbouring number’s details; they are withheld from the product.' };

/** The seeded CSP's id (set once the app is up): the body of a new request reads it. */
let requestCspId = '';

/**
 * Products (docs/products.md): read by whoever may read the application's requests; issued and sent only by the
 * SPOC serving its authority. A product is sent to a user of its own authority: the applicant, or for a local
 * authority its applicant (ids set once the app is up).
 */
const PRODUCT_OF_APPLICATION: Endpoint['product'] = { target: buildProductFixture, inPath: false };
/**
 * The applications products are read on: authorised ones of their own (the route named, so the fixture key
 * differs), because a final product needs every request finished and the request rows leave theirs open.
 */
const PRODUCT_AUTHORISED: FixtureSpec = { state: 'authorised', route: 'ipc60A' };
const PRODUCT_READERS_EXTRA: Endpoint['extra'] = (REQUEST_READERS_EXTRA ?? []).map((cell) => ({ ...cell, fixture: { ...cell.fixture, route: 'ipc60A' } as FixtureSpec }));
const PRODUCT_IN_PATH: Endpoint['product'] = { target: buildProductFixture, inPath: true };
const ISSUE = { kind: 'interim', handling: 'intelligence' };
const recipients: Partial<Record<Caller, string>> = {};
const dissemination = (caller: Caller) => ({ recipientId: recipients[caller === 'nafn-spoc' ? 'la-applicant' : 'applicant'], note: 'For the officer in the case.' });
const SEND = event('SEND');

/**
 * Runs a request expected to be refused and asserts every disclosure request and its history, and every return
 * and its checks (their reviews), are exactly as they were.
 */
async function expectRequestsUnchanged<T>(t: TestApp, fn: () => Promise<T>): Promise<T> {
  const snapshot = async () => ({
    requests: await t.dataSource.getRepository(DisclosureRequestEntity).find({ order: { id: 'ASC' } }),
    history: await t.dataSource.getRepository(DisclosureRequestEventEntity).find({ order: { requestId: 'ASC', position: 'ASC' } }),
    returns: await t.dataSource.getRepository(DisclosureReturnEntity).find({ order: { id: 'ASC' } }),
    checks: await t.dataSource.getRepository(DisclosureReturnCheckEntity).find({ order: { id: 'ASC' } }),
  });
  const before = await snapshot();
  const result = await fn();
  expect(await snapshot()).toEqual(before);
  return result;
}

const MATRIX: Record<string, Endpoint> = {
  'GET /health': { fixture: null, mutates: false, cells: everyone(ok) },

  'POST /auth/login': {
    fixture: null,
    mutates: false,
    body: (caller) => ({ username: caller === 'anonymous' ? 'applicant' : caller, password: DEMO_PASSWORD }),
    cells: everyone(ok),
  },

  'POST /auth/refresh': { fixture: null, mutates: false, sessions: { refresh: true }, cells: everyone(ok) },
  'POST /auth/logout': { fixture: null, mutates: true, sessions: { bearer: true }, cells: { ...everyone({ status: 204 }), anonymous: unauthenticated } },
  'GET /me/sessions': { fixture: null, mutates: false, cells: { ...everyone(ok), anonymous: unauthenticated } },
  // Only the session's own user may end it; to anyone else it does not exist.
  'DELETE /me/sessions/{id}': {
    fixture: null,
    mutates: true,
    sessions: { pathOf: 'applicant' },
    cells: { ...everyone(notFound), anonymous: unauthenticated, applicant: { status: 204 } },
  },

  'POST /applications': {
    fixture: null,
    mutates: true,
    body: () => completeForm(),
    cells: {
      anonymous: unauthenticated,
      applicant: created,
      applicant2: created,
      spoc: roleExcluded,
      dso: roleExcluded,
      sro: roleExcluded,
      admin: roleExcluded,
      'other-applicant': created,
      'other-spoc': roleExcluded,
      'other-dso': roleExcluded,
      'other-sro': roleExcluded,
      ocda: roleExcluded,
      jc: roleExcluded,
      'la-applicant': created,
      'nafn-spoc': roleExcluded,
      inspector: roleExcluded,
    },
  },

  'GET /applications': { fixture: null, mutates: false, query: '?pageSize=100', cells: { ...everyone(ok), anonymous: unauthenticated } },

  'GET /applications/{id}': { fixture: DRAFT, mutates: false, cells: READ_ONE, extra: READ_ONE_EXTRA },
  'GET /applications/{id}/history': { fixture: DRAFT, mutates: false, cells: READ_ONE, extra: READ_ONE_EXTRA },
  'GET /applications/{id}/history/verify': { fixture: DRAFT, mutates: false, cells: READ_ONE, extra: READ_ONE_EXTRA },

  // The route is for applicants: other roles get 403 before any record is read (so nothing is revealed);
  // an applicant outside need-to-know gets 404.
  'PATCH /applications/{id}': {
    fixture: DRAFT,
    mutates: true,
    ifMatch: true,
    body: () => ({ operationName: 'Op Heron' }),
    cells: {
      anonymous: unauthenticated,
      applicant: ok,
      applicant2: notFound,
      spoc: roleExcluded,
      dso: roleExcluded,
      sro: roleExcluded,
      admin: roleExcluded,
      'other-applicant': notFound,
      'other-spoc': roleExcluded,
      'other-dso': roleExcluded,
      'other-sro': roleExcluded,
      ocda: roleExcluded,
      jc: roleExcluded,
      'la-applicant': notFound,
      'nafn-spoc': roleExcluded,
      inspector: roleExcluded,
    },
    extra: [
      { caller: 'applicant2', fixture: { state: 'draft', team: ['applicant2'] }, status: 403, code: 'NOT_APPLICANT_OF_RECORD', why: 'on the team, not the applicant of record' },
      { caller: 'applicant', fixture: SPOC_REVIEW, status: 409, code: 'WORKFLOW_INVALID_TRANSITION', why: 'not editable in spocReview' },
    ],
  },

  // A renewal is a linked new draft, by the applicant of record, of an authorised application
  // (docs/architecture.md §7.1 Validity; §8): other roles 403 before any record is read, other applicants 404.
  'POST /applications/{id}/renewal': {
    fixture: AUTHORISED,
    mutates: true,
    cells: {
      anonymous: unauthenticated,
      applicant: created,
      applicant2: notFound,
      spoc: roleExcluded,
      dso: roleExcluded,
      sro: roleExcluded,
      admin: roleExcluded,
      'other-applicant': notFound,
      'other-spoc': roleExcluded,
      'other-dso': roleExcluded,
      'other-sro': roleExcluded,
      ocda: roleExcluded,
      jc: roleExcluded,
      'la-applicant': notFound,
      'nafn-spoc': roleExcluded,
      inspector: roleExcluded,
    },
    extra: [
      { caller: 'applicant2', fixture: { state: 'authorised', team: ['applicant2'] }, status: 403, code: 'NOT_APPLICANT_OF_RECORD', why: 'on the team, not the applicant of record' },
      { caller: 'applicant', fixture: DRAFT, status: 409, code: 'RENEWAL_NOT_ALLOWED', why: 'only an authorised application is renewed' },
    ],
  },

  // Each caller sends the event they would plausibly send, on an application in the state it needs.
  'POST /applications/{id}/events': {
    fixture: DRAFT,
    mutates: true,
    ifMatch: true,
    body: () => SUBMIT,
    cells: {
      anonymous: unauthenticated,
      applicant: { ...ok, to: 'spocReview' },
      applicant2: notFound,
      spoc: { ...ok, fixture: SPOC_REVIEW, body: SFA, to: 'awaitingAuthorisation' },
      dso: { ...ok, fixture: AWAITING_DSO, body: GRANT, to: 'authorised' },
      sro: { ...roleExcluded, fixture: SPOC_REVIEW, body: DECLINE },
      admin: notFound,
      'other-applicant': notFound,
      'other-spoc': { ...notFound, fixture: SPOC_REVIEW, body: SFA },
      'other-dso': { ...notFound, fixture: AWAITING_DSO, body: GRANT },
      'other-sro': { ...notFound, fixture: SPOC_REVIEW, body: DECLINE },
      ocda: { ...ok, fixture: AWAITING_IPC, body: GRANT, to: 'authorised' },
      jc: { ...ok, fixture: AWAITING_JC, body: JC_APPROVE, to: 'authorised' },
      'la-applicant': notFound,
      'nafn-spoc': { ...notFound, fixture: SPOC_REVIEW, body: SFA },
      inspector: notFound,
    },
    extra: [
      // 403: the event is defined in the state, but the caller's roles may not send it (unambiguous: the
      // state is not in question).
      { caller: 'spoc', fixture: DRAFT, body: SUBMIT, ...roleExcluded, why: 'a SPOC cannot submit the applicant’s draft' },
      { caller: 'applicant', fixture: SPOC_REVIEW, body: SFA, ...roleExcluded, why: 'an applicant cannot do the SPOC’s step' },
      { caller: 'dso', fixture: SPOC_REVIEW, body: SFA, ...roleExcluded, why: 'a DSO cannot do the SPOC’s step' },
      { caller: 'ocda', fixture: AWAITING_JC, body: JC_APPROVE, ...roleExcluded, why: 'OCDA cannot give judicial approval' },
      // 403 with a rule code: the role may send GRANT, but not as this application's authoriser.
      { caller: 'dso', fixture: AWAITING_IPC, body: GRANT, status: 403, code: 'AUTHORISER_WRONG_ROUTE', why: 'a DSO cannot decide an ipc60A application' },
      { caller: 'applicant2', fixture: { state: 'draft', team: ['applicant2'] }, body: SUBMIT, status: 403, code: 'NOT_APPLICANT_OF_RECORD', why: 'a team member is not the applicant of record' },
      // 409: the event is not defined in this state; the answer lists what this caller could send.
      // Each is an event the caller's roles may send, so only the state is in question.
      // SUBMIT_URGENT_WITHOUT_SPOC is blocked on this ipc60A draft, not allowed (docs/architecture.md §7).
      { caller: 'applicant', fixture: DRAFT, body: event('RESUBMIT'), status: 409, code: 'WORKFLOW_INVALID_TRANSITION', allowedEvents: ['SUBMIT_TO_SPOC', 'WITHDRAW'], why: 'RESUBMIT is not defined in draft' },
      { caller: 'sro', fixture: AUTHORISED, body: event('CLOSE', { reason: 'Done.' }), status: 409, code: 'WORKFLOW_INVALID_TRANSITION', allowedEvents: ['CANCEL'], why: 'CLOSE is not defined in authorised; an SRO is an officer of the authority and may cancel on ipc60A (IPA s.65(3B))' },
      { caller: 'ocda', fixture: { state: 'moreInfoRequested' }, body: GRANT, status: 409, code: 'WORKFLOW_INVALID_TRANSITION', allowedEvents: [], why: 'back with the SPOC: nothing for OCDA to do' },
      { caller: 'spoc', fixture: AWAITING_IPC, body: event('ISSUE_PRODUCT'), status: 409, code: 'WORKFLOW_INVALID_TRANSITION', allowedEvents: ['REQUEST_MORE_INFO', 'GRANT', 'REFUSE'], why: 'ISSUE_PRODUCT is not defined in awaitingAuthorisation' },
      // 404: outside need-to-know, whatever the event.
      { caller: 'ocda', fixture: SPOC_REVIEW, body: GRANT, ...notFound, why: 'OCDA before submission' },
      { caller: 'ocda', fixture: AWAITING_DSO, body: GRANT, ...notFound, why: 'OCDA on a dso61 application' },
      { caller: 'jc', fixture: AWAITING_IPC, body: JC_APPROVE, ...notFound, why: 'the JC before judicial approval was sought' },
      { caller: 'other-dso', fixture: AWAITING_IPC, body: event('CANCEL', { reason: 'x' }), ...notFound, why: 'another force’s DSO' },
    ],
  },

  // Records made under RIPA 2000, imported into the caller's own authority by its administrator; every
  // other role 403 from the route policy (a fresh original reference each time: each is imported once).
  // Inspectors' grants (issue 24, item 3): the administrator's alone. The row's grant names no inspector, so the
  // administrator gets past the policy to the check of whom it names (test/inspector.e2e-spec.ts grants one).
  'POST /admin/inspection-grants': {
    fixture: null,
    mutates: true,
    body: () => ({ inspectorId: '00000000-0000-4000-8000-000000000000', periodFrom: '2026-01-01T00:00:00Z', periodTo: '2026-07-01T00:00:00Z', expiresAt: '2026-04-01T00:00:00Z', reason: 'Inspection' }),
    cells: { ...everyone(roleExcluded), anonymous: unauthenticated, admin: { status: 400, code: 'VALIDATION_FAILED' } },
  },
  'GET /admin/inspection-grants': { fixture: null, mutates: false, cells: { ...everyone(roleExcluded), anonymous: unauthenticated, admin: ok } },
  'POST /admin/ripa-records': {
    fixture: null,
    mutates: true,
    body: () => [ripaRecord()],
    cells: { ...everyone(roleExcluded), anonymous: unauthenticated, admin: created },
  },

  // The CD error register (docs/architecture.md §8): TVP's SPOC and SRO. Other roles get 403 from the route policy
  // before any entry is read; another authority's SPOC or SRO (NAFN's too) gets 404 for a TVP entry.
  'POST /errors': { fixture: null, mutates: true, body: () => ({ report: recordReport() }), cells: ERROR_REGISTER(created, created) },
  'GET /errors': { fixture: null, mutates: false, query: '?pageSize=100', cells: ERROR_REGISTER(ok, ok) },
  'GET /errors/{id}': { fixture: ERROR_RECORDED, mutates: false, cells: ERROR_REGISTER(ok, notFound) },
  'GET /errors/{id}/report': { fixture: ERROR_RECORDED, mutates: false, cells: ERROR_REGISTER(ok, notFound) },
  'GET /errors/{id}/report.pdf': { fixture: ERROR_RECORDED, mutates: false, cells: ERROR_REGISTER(ok, notFound) },
  'GET /errors/{id}/history': { fixture: ERROR_RECORDED, mutates: false, cells: ERROR_REGISTER(ok, notFound) },
  'GET /errors/{id}/history/verify': { fixture: ERROR_RECORDED, mutates: false, cells: ERROR_REGISTER(ok, notFound) },

  'PATCH /errors/{id}': {
    fixture: ERROR_RECORDED,
    mutates: true,
    ifMatch: true,
    body: () => ({ report: { preventiveSteps: 'Numbers are read back to the victim before submission.' } }),
    cells: ERROR_REGISTER(ok, notFound),
    extra: [
      { caller: 'sro', fixture: ERROR_ASSESSED, ...ok, why: 'still editable when assessed' },
      { caller: 'spoc', fixture: ERROR_SIGHTED, status: 409, code: 'WORKFLOW_INVALID_TRANSITION', why: 'not editable once the SRO has sighted it' },
    ],
  },

  // §7.3: the SPOC ASSESSes a recorded entry; the SRO SIGHTs an assessed one.
  'POST /errors/{id}/events': {
    fixture: ERROR_RECORDED,
    mutates: true,
    ifMatch: true,
    body: () => ASSESS,
    cells: {
      ...ERROR_REGISTER(ok, notFound),
      spoc: { ...ok, to: 'assessed' },
      sro: { ...ok, fixture: ERROR_ASSESSED, body: SIGHT, to: 'sroSighted' },
      'other-sro': { ...notFound, fixture: ERROR_ASSESSED, body: SIGHT },
    },
    extra: [
      // 403: the event is defined in the state, but only the SRO may send it.
      { caller: 'spoc', fixture: ERROR_ASSESSED, body: SIGHT, ...roleExcluded, why: 'a SPOC cannot sight' },
      { caller: 'spoc', fixture: ERROR_SIGHTED, body: event('CLOSE'), ...roleExcluded, why: 'a SPOC cannot close' },
      // 409: not defined in the state; the answer lists what this caller could send.
      { caller: 'sro', fixture: ERROR_RECORDED, body: SIGHT, status: 409, code: 'WORKFLOW_INVALID_TRANSITION', allowedEvents: ['DISMISS', 'ASSESS'], why: 'SIGHT is not defined in recorded' },
      { caller: 'spoc', fixture: ERROR_SIGHTED, body: ASSESS, status: 409, code: 'WORKFLOW_INVALID_TRANSITION', allowedEvents: [], why: 'sighted: nothing for the SPOC to do' },
      // 422: a rule about the entry, not the caller.
      { caller: 'sro', fixture: ERROR_SIGHTED, body: event('REPORT_TO_IPC'), status: 422, code: 'REPORT_ONLY_RELEVANT_OR_OPERATOR', why: 'a recordable error is not reported to the IPC' },
    ],
  },

  // The CSP directory (national, not per authority): read by SPOCs, SROs and administrators of any authority.
  'GET /csps': { fixture: null, mutates: false, query: '?pageSize=100', csp: {}, cells: CSP_READERS(ok) },
  'GET /csps/{id}': { fixture: null, mutates: false, csp: { target: cspTarget }, cells: CSP_READERS(ok) },
  'POST /admin/csps': { fixture: null, mutates: true, csp: {}, body: () => newCsp(), cells: { ...everyone(roleExcluded), anonymous: unauthenticated, admin: created } },
  'PATCH /admin/csps/{id}': {
    fixture: null,
    mutates: true,
    ifMatch: true,
    csp: { target: cspTarget },
    body: () => ({ name: 'Renamed Test Telecom Ltd' }),
    cells: { ...everyone(roleExcluded), anonymous: unauthenticated, admin: ok },
  },

  // A request to one CSP for some of an authorisation's data items: made by a SPOC serving the authority,
  // while the application is authorised (docs/architecture.md §7.2; docs/law.md §8).
  'POST /applications/{id}/disclosure-requests': {
    fixture: AUTHORISED,
    mutates: true,
    request: {},
    body: () => requestBody(requestCspId),
    cells: REQUEST_SPOC(created),
    extra: [
      { caller: 'nafn-spoc', fixture: LA_AUTHORISED, ...created, why: 'NAFN serves the local authority' },
      { caller: 'other-spoc', fixture: { state: 'authorised', owner: 'other-applicant' }, ...created, why: 'their own force’s application' },
      // 422: a rule about the application or the request, not the caller.
      { caller: 'spoc', fixture: DRAFT, status: 422, code: 'APPLICATION_NOT_AUTHORISED', why: 'a draft is not authorised' },
      { caller: 'spoc', fixture: AWAITING_IPC, status: 422, code: 'APPLICATION_NOT_AUTHORISED', why: 'still being decided' },
      { caller: 'other-spoc', fixture: DRAFT, ...notFound, why: 'outside need-to-know, whatever the state' },
      { caller: 'ocda', ...roleExcluded, why: 'OCDA sees the application but does not deal with the CSP' },
    ],
  },
  'GET /applications/{id}/disclosure-requests': { fixture: AUTHORISED, mutates: false, request: {}, cells: REQUEST_READERS, extra: REQUEST_READERS_EXTRA },

  // The duplicate-acquisition warning (docs/architecture.md §8): the roles that read requests, within the
  // application's need-to-know; OCDA, who sees an ipc60A application once submitted, reads no list.
  'GET /applications/{id}/overlaps': {
    fixture: DRAFT,
    mutates: false,
    cells: REQUEST_READERS,
    extra: [
      { caller: 'applicant2', fixture: { state: 'draft', team: ['applicant2'] }, ...ok, why: 'on the team' },
      { caller: 'ocda', fixture: AWAITING_IPC, ...roleExcluded, why: 'OCDA sees the application but reads no list' },
      { caller: 'la-applicant', fixture: { state: 'draft', owner: 'la-applicant' }, ...ok, why: 'their own application' },
      { caller: 'nafn-spoc', fixture: { state: 'draft', owner: 'la-applicant' }, ...ok, why: 'NAFN serves the local authority' },
      { caller: 'other-spoc', fixture: AUTHORISED, ...notFound, why: 'another force’s authorised application' },
    ],
  },

  // {id} is the request's: its visibility is its application's need-to-know.
  'GET /disclosure-requests/{id}': { fixture: AUTHORISED, mutates: false, request: { target: buildRequestFixture }, cells: REQUEST_READERS, extra: REQUEST_READERS_EXTRA },
  'GET /disclosure-requests/{id}/history': { fixture: AUTHORISED, mutates: false, request: { target: buildRequestFixture }, cells: REQUEST_READERS, extra: REQUEST_READERS_EXTRA },
  'GET /disclosure-requests/{id}/history/verify': { fixture: AUTHORISED, mutates: false, request: { target: buildRequestFixture }, cells: REQUEST_READERS, extra: REQUEST_READERS_EXTRA },
  'GET /disclosure-requests/{id}/hi1': { fixture: AUTHORISED, mutates: false, request: { target: buildRequestFixture }, cells: REQUEST_SPOC(ok), extra: REQUEST_SPOC_EXTRA },
  'GET /disclosure-requests/{id}/copy-pack': { fixture: AUTHORISED, mutates: false, request: { target: buildRequestFixture }, cells: REQUEST_SPOC(ok), extra: REQUEST_SPOC_EXTRA },

  // §7.2: the SPOC sends the request and records the CSP's answers; the returns are the system's.
  'POST /disclosure-requests/{id}/events': {
    fixture: AUTHORISED,
    mutates: true,
    ifMatch: true,
    request: { target: buildRequestFixture },
    body: () => SEND,
    cells: REQUEST_SPOC({ ...ok, to: 'sent' }),
    extra: [
      { caller: 'nafn-spoc', fixture: LA_AUTHORISED, ...ok, to: 'sent', why: 'NAFN serves the local authority' },
      { caller: 'spoc', request: 'sent', body: event('CSP_ACKNOWLEDGED', { cspReference: 'EM-1' }), ...ok, to: 'acknowledged', why: 'the CSP’s acknowledgement, recorded by the SPOC' },
      // 403: the event is defined in the state, but only the system (the returns endpoint) sends it.
      { caller: 'spoc', request: 'sent', body: event('RETURN_RECEIVED'), ...roleExcluded, why: 'a return arrives through the returns endpoint' },
      // 409: not defined in the state; the answer lists what this caller could send.
      { caller: 'spoc', body: event('CSP_ACKNOWLEDGED', { cspReference: 'EM-1' }), status: 409, code: 'WORKFLOW_INVALID_TRANSITION', allowedEvents: ['SEND', 'CANCEL'], why: 'nothing to acknowledge before it is sent' },
      { caller: 'spoc', request: 'sent', body: SEND, status: 409, code: 'WORKFLOW_INVALID_TRANSITION', allowedEvents: ['CSP_ACKNOWLEDGED', 'NIL_RETURN', 'CSP_REJECTED', 'CANCEL'], why: 'already sent' },
      // 422: a rule about the payload, not the caller.
      { caller: 'spoc', body: event('CANCEL'), status: 422, code: 'REASON_REQUIRED', why: 'a cancellation gives its reason' },
      // 404: outside need-to-know, whatever the event.
      { caller: 'other-spoc', request: 'sent', body: event('CANCEL', { reason: 'x' }), ...notFound, why: 'another force’s SPOC' },
    ],
  },

  // Returns from CSPs (docs/returns.md): only a SPOC receives one, as a multipart upload (each caller's own
  // file: the same file twice is 409), for a request that has been sent.
  'POST /disclosure-requests/{id}/returns': {
    fixture: AUTHORISED,
    mutates: true,
    request: SENT_REQUEST,
    multipart: subscriberUpload,
    cells: REQUEST_SPOC(created),
    extra: [
      { caller: 'nafn-spoc', fixture: LA_AUTHORISED, ...created, why: 'NAFN serves the local authority' },
      { caller: 'la-applicant', fixture: LA_AUTHORISED, ...roleExcluded, why: 'an applicant, even on their own application' },
      { caller: 'spoc', request: 'pending', status: 409, code: 'RETURN_NOT_EXPECTED', why: 'nothing comes back for a request not yet sent' },
      { caller: 'other-spoc', request: 'pending', ...notFound, why: 'outside need-to-know, whatever the state' },
    ],
  },
  // The returns and their failed checks are read as the request is; the rows and the file by its SPOCs and SRO.
  'GET /disclosure-requests/{id}/returns': { fixture: AUTHORISED, mutates: false, request: SENT_REQUEST, returns: ONE_RETURN, cells: REQUEST_READERS, extra: REQUEST_READERS_EXTRA },
  'GET /disclosure-requests/{id}/returns/{returnId}': { fixture: AUTHORISED, mutates: false, request: SENT_REQUEST, returns: ONE_RETURN, cells: REQUEST_READERS, extra: REQUEST_READERS_EXTRA },
  'GET /disclosure-requests/{id}/returns/{returnId}/records': { fixture: AUTHORISED, mutates: false, request: SENT_REQUEST, returns: ONE_RETURN, cells: RETURN_CONTENT_READERS, extra: REQUEST_SPOC_EXTRA },
  'GET /disclosure-requests/{id}/returns/{returnId}/file': { fixture: AUTHORISED, mutates: false, request: SENT_REQUEST, returns: ONE_RETURN, cells: RETURN_CONTENT_READERS, extra: REQUEST_SPOC_EXTRA },
  // Only a SPOC reviews a failed check, once (a second review is 409 CHECK_ALREADY_REVIEWED).
  'POST /disclosure-requests/{id}/returns/{returnId}/checks/{checkId}/review': {
    fixture: AUTHORISED,
    mutates: true,
    request: SENT_REQUEST,
    returns: ONE_RETURN,
    body: () => REVIEW,
    cells: REQUEST_SPOC(ok),
    extra: REQUEST_SPOC_EXTRA,
  },

  // The statistics return (docs/statistics.md): the SRO of each authority, for their own authority only.
  'GET /returns/statistics': { fixture: null, mutates: false, query: '?from=2026-01-01&to=2026-12-31', cells: SROS_ONLY },
  'GET /returns/statistics/records': { fixture: null, mutates: false, query: '?from=2026-01-01&to=2026-12-31&figure=authorisations.byRoute&key=ipc60A', cells: SROS_ONLY },

  // The manager's dashboard: the caller's own authority, whatever records it holds.
  'GET /dashboard': { fixture: null, mutates: false, cells: DASHBOARD_READERS },
  // The security audit stream (issue 24, item 1): each authority's SRO reads its own authority's.
  // An inspector without a grant reads an empty stream (test/inspector.e2e-spec.ts reads one under a grant).
  'GET /audit': { fixture: null, mutates: false, cells: { ...SROS_ONLY, inspector: ok } },
  // Reverse audits (issue 24, item 4): each authority's SRO runs them and reads its own authority's.
  'POST /reverse-audits': {
    fixture: null,
    mutates: true,
    reverseAudit: { csv: () => REVERSE_AUDIT_CSV, query: reverseAuditQuery },
    cells: { ...everyone(roleExcluded), anonymous: unauthenticated, sro: created, 'other-sro': created },
  },
  'GET /reverse-audits/{id}': { fixture: null, mutates: false, reverseAudit: { target: sharedReverseAudit }, cells: { ...SROS_ONLY, 'other-sro': notFound } },
  'GET /reverse-audits/{id}/report.pdf': { fixture: null, mutates: false, reverseAudit: { target: sharedReverseAudit }, cells: { ...SROS_ONLY, 'other-sro': notFound } },

  // Retention (issue 24, item 6): each authority's SRO, about its own records only. Decisions and holds here name a
  // record that does not exist, so the SROs get past the policy to the lookup (test/retention.e2e-spec.ts makes them).
  'GET /retention/reviews': { fixture: null, mutates: false, cells: SROS_ONLY },
  'GET /retention/records/{recordType}/{id}': {
    fixture: DRAFT,
    mutates: false,
    pathParams: { recordType: 'application' },
    cells: { ...everyone(roleExcluded), anonymous: unauthenticated, sro: ok, 'other-sro': notFound },
  },
  'POST /retention/decisions': {
    fixture: null,
    mutates: true,
    body: () => ({ recordType: 'application', recordId: NO_SUCH_RECORD, decision: 'delete', reason: 'Past its period.' }),
    cells: { ...SROS_ONLY, sro: notFound, 'other-sro': notFound },
  },
  'POST /retention/holds': {
    fixture: null,
    mutates: true,
    body: () => ({ recordType: 'application', recordId: NO_SUCH_RECORD, kind: 'ipcInvestigation', reason: 'An IPC investigation.' }),
    cells: { ...SROS_ONLY, sro: notFound, 'other-sro': notFound },
  },
  'POST /retention/holds/{id}/release': {
    fixture: null,
    mutates: true,
    pathParams: { id: NO_SUCH_RECORD },
    body: () => ({ reason: 'Concluded.' }),
    cells: { ...SROS_ONLY, sro: notFound, 'other-sro': notFound },
  },
  'GET /retention/certificates/{id}': { fixture: null, mutates: false, pathParams: { id: NO_SUCH_RECORD }, cells: { ...SROS_ONLY, sro: notFound, 'other-sro': notFound } },

  // Signed checkpoints (issue 21, item 2): the public key is for anyone, inspectors included; the verification
  // covers the whole database and names records of every authority when it fails, so it is the administrators'.
  'GET /checkpoints/key': { fixture: null, mutates: false, cells: everyone(ok) },
  'GET /checkpoints/verify': { fixture: null, mutates: false, cells: { ...everyone(roleExcluded), anonymous: unauthenticated, admin: ok } },
  'GET /dashboard/tiles/{tile}': { fixture: null, mutates: false, pathParams: { tile: 'openApplications' }, query: '?pageSize=100', cells: DASHBOARD_READERS },

  // Products: the SPOC issues one from the checked returns and sends it; its readers read and download it.
  'POST /applications/{id}/products': {
    fixture: AUTHORISED,
    mutates: true,
    product: PRODUCT_OF_APPLICATION,
    body: () => ISSUE,
    cells: REQUEST_SPOC(created),
    extra: [
      { caller: 'nafn-spoc', fixture: LA_AUTHORISED, ...created, why: 'NAFN serves the local authority' },
      { caller: 'la-applicant', fixture: LA_AUTHORISED, ...roleExcluded, why: 'an applicant, even on their own application' },
    ],
  },
  // The whole record: only the roles that may read every part of it (docs/products.md §7).
  // An inspector may read the record, under a grant (test/inspector.e2e-spec.ts); without one they do not see it.
  'GET /applications/{id}/record.pdf': { fixture: DRAFT, mutates: false, cells: { ...RETURN_CONTENT_READERS, inspector: notFound }, extra: [{ caller: 'nafn-spoc', fixture: LA_AUTHORISED, ...ok, why: 'NAFN serves the local authority' }] },
  'GET /applications/{id}/products': { fixture: PRODUCT_AUTHORISED, mutates: false, product: PRODUCT_OF_APPLICATION, cells: REQUEST_READERS, extra: PRODUCT_READERS_EXTRA },
  'GET /applications/{id}/product.pdf': { fixture: PRODUCT_AUTHORISED, mutates: false, product: PRODUCT_OF_APPLICATION, cells: REQUEST_READERS, extra: PRODUCT_READERS_EXTRA },
  'GET /applications/{id}/disseminations': { fixture: PRODUCT_AUTHORISED, mutates: false, product: PRODUCT_OF_APPLICATION, cells: REQUEST_READERS, extra: PRODUCT_READERS_EXTRA },
  'GET /products/{id}': { fixture: PRODUCT_AUTHORISED, mutates: false, product: PRODUCT_IN_PATH, cells: REQUEST_READERS, extra: PRODUCT_READERS_EXTRA },
  'GET /products/{id}/pdf': { fixture: PRODUCT_AUTHORISED, mutates: false, product: PRODUCT_IN_PATH, cells: REQUEST_READERS, extra: PRODUCT_READERS_EXTRA },
  'GET /products/{id}/disseminations': { fixture: PRODUCT_AUTHORISED, mutates: false, product: PRODUCT_IN_PATH, cells: REQUEST_READERS, extra: PRODUCT_READERS_EXTRA },
  'POST /products/{id}/disseminations': {
    fixture: AUTHORISED,
    mutates: true,
    product: PRODUCT_IN_PATH,
    body: dissemination,
    cells: REQUEST_SPOC(created),
    extra: [
      { caller: 'nafn-spoc', fixture: LA_AUTHORISED, ...created, why: 'NAFN serves the local authority' },
      { caller: 'la-applicant', fixture: LA_AUTHORISED, ...roleExcluded, why: 'an applicant, even on their own application' },
      { caller: 'spoc', fixture: LA_AUTHORISED, ...notFound, why: 'a force’s SPOC on a local authority’s product' },
    ],
  },
};

describe('authorisation matrix (docs/architecture.md §4, §5, §8)', () => {
  let t: TestApp;
  let documented: string[];
  const shared = new Map<string, Promise<AppRecord>>();
  const sharedRequests = new Map<string, Promise<AppRecord>>();
  const sharedReturns = new Map<string, Promise<ReturnFixture>>();
  const sharedProducts = new Map<string, Promise<ProductFixture>>();

  beforeAll(async () => {
    t = await createTestApp();
    const res = await t.http().get('/docs-json').expect(200);
    const paths = (res.body as { paths: Record<string, Record<string, unknown>> }).paths;
    const methods = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];
    requestCspId = await seededCspId(t);
    for (const user of ['applicant', 'la-applicant'] as const) recipients[user] = await userId(t, user);
    documented = Object.entries(paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => methods.includes(m))
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
  });
  afterAll(() => t.close());

  /** A fresh fixture for a mutating endpoint; one shared per spec otherwise. */
  function fixtureFor(spec: FixtureSpec, fresh: boolean): Promise<AppRecord> {
    if (fresh) return buildFixture(t, spec);
    const key = JSON.stringify(spec);
    let app = shared.get(key);
    if (!app) {
      app = buildFixture(t, spec);
      shared.set(key, app);
    }
    return app;
  }

  /** The disclosure request {id} names: fresh on a fresh application for a mutating endpoint; one shared per application and state otherwise. */
  function requestFor(endpoint: Endpoint, spec: FixtureSpec, app: AppRecord, state: RequestFixtureState): Promise<AppRecord> | null {
    const make = endpoint.request?.target;
    if (!make) return null;
    if (endpoint.mutates) return make(t, spec, app, state);
    const key = `${app.id} ${state}`;
    let request = sharedRequests.get(key);
    if (!request) {
      request = make(t, spec, app, state);
      sharedRequests.set(key, request);
    }
    return request;
  }

  /** The return {returnId} names, on the request {id} names: fresh for a mutating endpoint; one per request otherwise. */
  function returnFor(endpoint: Endpoint, spec: FixtureSpec, request: AppRecord): Promise<ReturnFixture> | null {
    const make = endpoint.returns?.target;
    if (!make) return null;
    if (endpoint.mutates) return make(t, spec, request);
    let made = sharedReturns.get(request.id);
    if (!made) {
      made = make(t, spec, request);
      sharedReturns.set(request.id, made);
    }
    return made;
  }

  /** The product of the application: fresh for a mutating endpoint; one per application otherwise. */
  function productFor(endpoint: Endpoint, spec: FixtureSpec, app: AppRecord): Promise<ProductFixture> | null {
    const make = endpoint.product?.target;
    if (!make) return null;
    if (endpoint.mutates) return make(t, spec, app);
    let made = sharedProducts.get(app.id);
    if (!made) {
      made = make(t, spec, app);
      sharedProducts.set(app.id, made);
    }
    return made;
  }

  async function freshLogin(username: Caller): Promise<{ accessToken: string; refreshToken: string; sessionId: string }> {
    const res = await t.http().post('/auth/login').send({ username, password: DEMO_PASSWORD }).expect(200);
    return res.body as { accessToken: string; refreshToken: string; sessionId: string };
  }

  async function send(key: string, endpoint: Endpoint, caller: Caller, cell: Cell, bearer?: string): Promise<{ res: Response; app: AppRecord | null }> {
    const [method, template] = key.split(' ');
    const spec = cell.fixture ?? endpoint.fixture;
    const app = spec ? await fixtureFor(spec, endpoint.mutates) : null;
    const csp = endpoint.csp?.target ? await endpoint.csp.target(t, endpoint.mutates) : null;
    const request = app && spec ? await requestFor(endpoint, spec, app, cell.request ?? endpoint.request?.state ?? 'pending') : null;
    const received = request && spec ? await returnFor(endpoint, spec, request) : null;
    const product = app && spec ? await productFor(endpoint, spec, app) : null;
    const productTarget = product && endpoint.product?.inPath ? { id: product.productId, version: 0 } : null;
    const session = endpoint.sessions?.pathOf ? await freshLogin(endpoint.sessions.pathOf) : null;
    const audit = endpoint.reverseAudit?.target ? await endpoint.reverseAudit.target(t) : null;
    const target = productTarget ?? request ?? app ?? csp ?? audit ?? (session ? { id: session.sessionId, version: 0 } : null);
    const path =
      template
        .replace('{id}', target?.id ?? '{id}')
        .replace('{returnId}', received?.returnId ?? '{returnId}')
        .replace('{checkId}', received?.checkId ?? '{checkId}')
        .replace(/\{(\w+)\}/g, (whole, name: string) => endpoint.pathParams?.[name] ?? whole) +
      (endpoint.query ?? '') +
      (endpoint.reverseAudit?.query ? await endpoint.reverseAudit.query(t) : '');
    const agent = t.http();
    let req = method === 'GET' ? agent.get(path) : method === 'POST' ? agent.post(path) : method === 'PATCH' ? agent.patch(path) : agent.delete(path);
    const token =
      bearer ?? (caller === 'anonymous' ? undefined : endpoint.sessions?.bearer ? (await freshLogin(caller)).accessToken : await t.token(caller));
    if (token) req = req.set('authorization', `Bearer ${token}`);
    if (endpoint.ifMatch && target) req = req.set('If-Match', String(target.version));
    const refresh = endpoint.sessions?.refresh ? { refreshToken: (await freshLogin(caller === 'anonymous' ? 'applicant' : caller)).refreshToken } : undefined;
    const body = cell.body ?? refresh ?? endpoint.body?.(caller);
    const form = endpoint.multipart?.(caller);
    if (form) {
      for (const [name, value] of Object.entries(form.fields)) req = req.field(name, value);
      req = req.attach('file', Buffer.from(form.file.content, 'utf8'), { filename: form.file.fileName, contentType: form.file.contentType });
    }
    const csv = endpoint.reverseAudit?.csv?.();
    if (csv !== undefined) req = req.set('content-type', 'text/csv');
    const go = async () => await (csv !== undefined ? req.send(csv) : body ? req.send(body) : req);
    const run = endpoint.request && cell.status >= 400 ? () => expectRequestsUnchanged(t, go) : go;
    const res =
      app && spec && cell.status >= 400
        ? await expectFixtureUnchanged(t, spec, app.id, run)
        : endpoint.csp && cell.status >= 400
          ? await expectDirectoryUnchanged(t, run)
          : await run();
    return { res, app };
  }

  function check(res: Response, cell: Cell): void {
    if (cell.status >= 400) {
      expectProblem(res, cell.status, cell.code);
      if (cell.allowedEvents) expect(res.body.allowedEvents).toEqual(cell.allowedEvents);
    } else {
      expect([res.status, res.status === cell.status ? null : res.body]).toEqual([cell.status, null]);
      if (cell.to) expect(res.body.status).toBe(cell.to);
    }
  }

  it('has a row for every (method, path) in the OpenAPI document, and no row for a path it lacks', () => {
    expect(documented.length).toBeGreaterThan(0);
    const missing = documented.filter((k) => !(k in MATRIX));
    const stale = Object.keys(MATRIX).filter((k) => !documented.includes(k));
    expect({ missing, stale }).toEqual({ missing: [], stale: [] });
  });

  it('has a decision for every demo user and the anonymous caller in every row', () => {
    for (const [key, endpoint] of Object.entries(MATRIX)) {
      expect({ key, callers: Object.keys(endpoint.cells).sort() }).toEqual({ key, callers: [...CALLERS].sort() });
    }
    expect(DEMO_USERNAMES).toHaveLength(15);
  });

  const cases = Object.entries(MATRIX).flatMap(([key, endpoint]) => [
    ...CALLERS.map((caller) => ({ key, endpoint, caller, cell: endpoint.cells[caller], why: 'table' })),
    ...(endpoint.extra ?? []).map(({ caller, why, ...cell }) => ({ key, endpoint, caller, cell, why })),
  ]);

  it.each(cases.map((c) => [c.key, c.caller, `${c.cell.status}${c.cell.code ? ` ${c.cell.code}` : ''}`, c.why, c] as const))('%s as %s → %s (%s)', async (_k, _c, _s, _w, c) => {
    const { res } = await send(c.key, c.endpoint, c.caller, c.cell);
    check(res, c.cell);
  });

  it('answers 401 AUTH_TOKEN_INVALID to a forged bearer token on every non-public route', async () => {
    for (const [key, endpoint] of Object.entries(MATRIX)) {
      if (endpoint.cells.anonymous.status !== 401) continue;
      const { res } = await send(key, endpoint, 'anonymous', endpoint.cells.anonymous, 'not.a.jwt');
      expectProblem(res, 401, 'AUTH_TOKEN_INVALID');
    }
  });

  it('serves the API document and the health check without a token', async () => {
    const docs = await t.http().get('/docs-json');
    expect(docs.status).toBe(200);
    expect(docs.body.openapi).toMatch(/^3\./);
    const health = await t.http().get('/health');
    expect(health.body).toMatchObject({ status: 'ok', database: 'up', protections: 'ok' });
  });

  it('answers a problem document to a wrong password and to an unknown route', async () => {
    const login = await t.http().post('/auth/login').send({ username: 'applicant', password: 'wrong-password' });
    expectProblem(login, 401, 'AUTH_INVALID_CREDENTIALS');
    const unknown = await t.http().get('/no-such-route').set('authorization', `Bearer ${await t.token('admin')}`);
    expectProblem(unknown, 404, 'NOT_FOUND');
  });

  it('answers the same 404 for a hidden application as for one that does not exist', async () => {
    const app = await fixtureFor(DRAFT, false);
    const hidden = await t.http().get(`/applications/${app.id}`).set('authorization', `Bearer ${await t.token('other-spoc')}`);
    const absent = await t
      .http()
      .get('/applications/00000000-0000-4000-8000-000000000000')
      .set('authorization', `Bearer ${await t.token('other-spoc')}`);
    expectProblem(hidden, 404, 'NOT_FOUND');
    expectProblem(absent, 404, 'NOT_FOUND');
    expect({ ...hidden.body, traceId: null }).toEqual({ ...absent.body, traceId: null });
  });
});

describe('need-to-know on GET /applications (need-to-know.ts; docs/law.md §1)', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    const make = async (name: string, spec: FixtureSpec) => {
      ids[name] = (await buildFixture(t, spec)).id;
    };
    await make('tvpDraft', DRAFT);
    await make('tvpTeam', { state: 'draft', owner: 'applicant2', team: ['applicant'] });
    await make('tvpApplicant2', { state: 'spocReview', owner: 'applicant2' });
    await make('tvpSubmitted', AWAITING_IPC);
    await make('tvpDso61Submitted', AWAITING_DSO);
    await make('tvpDso61Authorised', { state: 'authorised', route: 'dso61' });
    await make('tvpMoreInfo', { state: 'moreInfoRequested' });
    await make('tvpJudicial', AWAITING_JC);
    await make('tvpJudiciallyApproved', { state: 'judiciallyApproved' });
    await make('hamDraft', { state: 'draft', owner: 'other-applicant' });
    await make('hamSubmitted', { state: 'awaitingAuthorisation', owner: 'other-applicant' });
    await make('wltDraft', { state: 'draft', owner: 'la-applicant' });
    await make('wltSubmitted', { state: 'awaitingAuthorisation', owner: 'la-applicant' });
  });
  afterAll(() => t.close());

  const TVP = ['tvpDraft', 'tvpTeam', 'tvpApplicant2', 'tvpSubmitted', 'tvpDso61Submitted', 'tvpDso61Authorised', 'tvpMoreInfo', 'tvpJudicial', 'tvpJudiciallyApproved'];
  const HAM = ['hamDraft', 'hamSubmitted'];
  const WLT = ['wltDraft', 'wltSubmitted'];
  const VISIBLE: Record<Exclude<Caller, 'anonymous'>, string[]> = {
    applicant: TVP.filter((n) => n !== 'tvpApplicant2'),
    applicant2: ['tvpTeam', 'tvpApplicant2'],
    spoc: TVP,
    dso: TVP,
    sro: TVP,
    admin: [],
    'other-applicant': HAM,
    'other-spoc': HAM,
    'other-dso': HAM,
    'other-sro': HAM,
    ocda: ['tvpSubmitted', 'tvpMoreInfo', 'tvpJudicial', 'tvpJudiciallyApproved', 'hamSubmitted', 'wltSubmitted'],
    jc: ['tvpJudicial', 'tvpJudiciallyApproved'],
    'la-applicant': WLT,
    'nafn-spoc': WLT,
    // Without a grant, none (test/inspector.e2e-spec.ts lists what a grant opens).
    inspector: [],
  };

  it.each(DEMO_USERNAMES.map((u) => [u]))('%s lists exactly the applications they may see', async (user) => {
    const res = await t.http().get('/applications?pageSize=100').set('authorization', `Bearer ${await t.token(user)}`);
    expect(res.status).toBe(200);
    const names = Object.fromEntries(Object.entries(ids).map(([name, id]) => [id, name]));
    const listed = (res.body.items as { id: string }[]).map((i) => names[i.id] ?? `unexpected ${i.id}`).sort();
    expect(listed).toEqual([...VISIBLE[user]].sort());
    expect(res.body.total).toBe(VISIBLE[user].length);
  });

  it('applies need-to-know before paging and filtering', async () => {
    const ocda = `Bearer ${await t.token('ocda')}`;
    const page = await t.http().get('/applications?pageSize=2&page=2').set('authorization', ocda);
    expect(page.body).toMatchObject({ page: 2, pageSize: 2, total: VISIBLE.ocda.length });
    expect(page.body.items).toHaveLength(2);
    const awaiting = await t.http().get('/applications?status=awaitingAuthorisation&pageSize=100').set('authorization', ocda);
    const names = (awaiting.body.items as { id: string }[]).map((i) => Object.keys(ids).find((n) => ids[n] === i.id)).sort();
    expect(names).toEqual(['hamSubmitted', 'tvpSubmitted', 'wltSubmitted']);
  });
});
