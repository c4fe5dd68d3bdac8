/**
 * Golden vectors for the history hash (docs/architecture.md §11). A pure unit test: no database.
 *
 * Every stored history row carries `hash = sha256(prev_hash ‖ canonical_json({...}))`, and
 * `GET …/history/verify` recomputes it with today's code. The canonical form is therefore a storage
 * format, not an implementation detail: if a change to it (a key renamed, added or dropped, a value
 * formatted differently, another canonicalizer, the payload covered differently, the aggregate key
 * spelled differently) makes this file fail, EVERY CHAIN ALREADY STORED WOULD STOP VERIFYING. Do not
 * update the literals below to make it pass; a deliberate change of the canonical form needs a new,
 * versioned hash and a migration of the stored chains, decided as such.
 *
 * The literals were computed once with the code as it stood and pasted in. Each vector is checked
 * three ways: the canonical JSON string the code builds (so a failure shows what changed), the hash
 * `hashOf` returns, and the row `append` inserts (payload canonicalized, its digest, the guard inputs
 * canonicalized, the hash). Both histories share `HashChain` but differ in the aggregate key of the
 * canonical object (`applicationId`, `errorId`), so each has its own vectors: a first row of a chain
 * (prev_hash = 64 zeros) and a transition further along. Those four carry no row digest, as rows written before
 * issue 21 item 1 do; a fifth pins a row that commits to its aggregate's row (`rowDigest`, and `digestFields`).
 *
 * src/database imports no feature (docs/architecture.md §3), so the chains are built here from `HashChain`
 * with each history's aggregate key; test/history-tamper.e2e-spec.ts checks that the app's own
 * ApplicationHistory and CdErrorHistory hash exactly as these chains do.
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { EntityManager } from 'typeorm';
import { digestFields, GENESIS_HASH, HashChain, type HistoryEntry, type HistoryRow } from './hash-chain';
import { insertRows } from './insert-rows';

// A pass-through spy, so the test can read the canonical JSON that `hashOf` actually hashed.
jest.mock('canonicalize', () => jest.fn(jest.requireActual<(input: unknown) => string | undefined>('canonicalize')));
// What append hands the INSERT is the stored row; no database is needed to read it.
jest.mock('./insert-rows', () => ({ insertRows: jest.fn(() => Promise.resolve()) }));
const insertSpy = jest.mocked(insertRows);
const canonicalizeSpy = jest.mocked(canonicalize);

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

type Hashable = Parameters<HashChain<HistoryRow>['hashOf']>[0];
type AggregateProperty = 'applicationId' | 'errorId';
type AnyHistoryRow = HistoryRow & Record<AggregateProperty, string>;

/** A history's chain as ApplicationHistory / CdErrorHistory build it: `HashChain` with their aggregate key. */
const chainFor = (table: string, aggregateProperty: AggregateProperty) => (): HashChain<AnyHistoryRow> =>
  new HashChain<AnyHistoryRow>(table, aggregateProperty, (version) => new Error(`stale at ${version}`));

interface GoldenVector {
  name: string;
  chain: () => HashChain<AnyHistoryRow>;
  /** The entity property of the aggregate id (and its key in the canonical object), as `append` inserts it. */
  aggregateProperty: AggregateProperty;
  aggregateId: string;
  /** What the service hands `append` (guard inputs and payload as objects). */
  entry: HistoryEntry;
  /** The row as stored: every hashed field a literal. */
  row: Hashable;
  /** The canonical JSON that is hashed after `prev_hash`. */
  canonical: string;
  hash: string;
}

const APPLICATION_ID = '3f9c2b1e-5a7d-4e21-9c0b-6d8e1f2a3b4c';
const ERROR_ID = '8a1d4f6b-2c3e-4b5a-9d7f-0e1c2b3a4d5e';
const AUTHORITY_ID = 'c0a80101-0000-4000-8000-00000000a001';
const APPLICANT_ID = '11111111-2222-4333-8444-555555555501';
const SPOC_ID = '11111111-2222-4333-8444-555555555502';
const DSO_ID = '11111111-2222-4333-8444-555555555503';

/** A realistic application GRANT record: nested objects, arrays, nulls, booleans, numbers, non-ASCII text. */
const APPLICATION_GUARD_INPUTS = {
  machineVersion: '1',
  eventType: 'GRANT',
  guardsRun: ['deciderIndependent', 'deciderRankSufficient', 'decisionRecorded'],
  now: '2026-03-02T10:03:07.123Z',
  actor: { id: SPOC_ID, roles: ['spoc'], authorityId: AUTHORITY_ID, authorityType: 'police', rank: 'sergeant', spocPin: 'accredited' },
  decider: { id: DSO_ID, roles: ['dso'], authorityId: AUTHORITY_ID, authorityType: 'police', rank: 'superintendent', spocPin: null },
  resolvedDecider: { id: DSO_ID, recordedOnBehalf: true },
  exceptionalCircumstancesOverride: null,
  journalisticSourceBranch: false,
  application: {
    id: APPLICATION_ID,
    status: 'awaitingAuthorisation',
    route: 'dso61A',
    priorityGrade: 'grade1',
    applicantId: APPLICANT_ID,
    teamMemberIds: [],
    offences: [{ description: 'Kidnapping', statute: 'Common law', maxSentenceAdultMonths: 999 }],
    investigationSummary: 'The victim’s phone was last seen at 02:14; €200 ransom demanded.',
    writtenRecordDueAt: null,
    expiresAt: '2026-03-05T10:03:07.123Z',
    renewalOfExpiresAt: null,
    disclosureFacts: null,
  },
  event: {
    type: 'GRANT',
    decision: { rationale: 'Threat to life; necessary and proportionate.', conductAuthorised: 'Obtain cell site data', oral: true, deciderId: DSO_ID },
  },
  policy: { urgentGrades: ['grade1', 'grade2'], dsoMinimumRank: { entity: 'inspector', events: 'superintendent' }, localAuthorityRequiresNafnSpoc: true },
};

/** A realistic CD error ASSESS record. */
const ERROR_GUARD_INPUTS = {
  machineVersion: '1',
  eventType: 'ASSESS',
  guardsRun: ['actorInErrorAuthority', 'kindAssessed'],
  now: '2026-03-02T11:30:00.000Z',
  actor: { id: SPOC_ID, roles: ['spoc'], authorityId: AUTHORITY_ID, authorityType: 'police', rank: 'sergeant', spocPin: null },
  error: {
    id: ERROR_ID,
    authorityId: AUTHORITY_ID,
    status: 'recorded',
    kind: null,
    report: {
      errorDescription: 'Subscriber data for the wrong number was disclosed: digits 7 and 8 transposed.',
      discoveredAt: '2026-02-23T09:00:00+00:00',
      establishedAt: '2026-02-23T09:00:00+00:00',
      causeCode: 'incorrectIdentifier',
      responsibleParty: 'applicant',
    },
    reportDueAt: null,
    agreedDueAt: null,
  },
  event: { type: 'ASSESS', kind: 'relevantError' },
  reportWorkingDays: 10,
  seriousErrorInvestigationBranch: null,
};

/** The row an edit leaves (a few fields of it), as `digestFields` values it: each field's value as stored, canonical, hashed. */
const EDITED_ROW_FIELDS = {
  status: 'draft',
  version: 2,
  form: { route: 'dso61A', operationName: 'Op Kestrel II', priorityGrade: 'grade1' },
  expiresAt: null,
  updatedAt: new Date('2026-03-02T10:01:30.000Z'),
};

/** `digestFields(EDITED_ROW_FIELDS)`, pasted in: each value is sha256 of the field's canonical JSON (`2`, `null`, …). */
const EDITED_ROW_DIGEST = {
  status: '6ae048f08fcab44bfbc8463f074bfdb40f94c6bdf56d3aad9a7e1c05e5d5b5c1',
  version: 'd4735e3a265e16eee03f59718b9b5d03019c07d8b6c51f90da3a666eec13ab35',
  form: 'c31e1f38a9147a4392b32f8044f74d35bcd674eb000bdb5944301e41173eacc7',
  expiresAt: '74234e98afe7498fb5daf1f36ac2d78acc339464f950703b8c019892f982b90b',
  updatedAt: 'ce8d2f4d9a43dd0233206f5f9ebc4c044aa13f6a27d19d448c7e0b6414f0d5bd',
};

const VECTORS: GoldenVector[] = [
  {
    name: 'application history, first row of a chain (created)',
    chain: chainFor('application_event', 'applicationId'),
    aggregateProperty: 'applicationId',
    aggregateId: APPLICATION_ID,
    entry: {
      aggregateId: APPLICATION_ID,
      position: 1,
      kind: 'created',
      fromState: null,
      toState: 'draft',
      eventType: null,
      actorId: APPLICANT_ID,
      deciderId: null,
      actorRoles: ['applicant'],
      at: new Date('2026-03-02T10:00:00.000Z'),
      machineVersion: '1',
      guardInputs: null,
      payload: { form: { route: 'dso61A', operationName: 'Op Kestrel', priorityGrade: 'grade1' }, teamMemberIds: [] },
      rowDigest: null,
    },
    row: {
      position: 1,
      kind: 'created',
      fromState: null,
      toState: 'draft',
      eventType: null,
      actorId: APPLICANT_ID,
      deciderId: null,
      actorRoles: ['applicant'],
      at: new Date('2026-03-02T10:00:00.000Z'),
      machineVersion: '1',
      guardInputs: null,
      payload: '{"form":{"operationName":"Op Kestrel","priorityGrade":"grade1","route":"dso61A"},"teamMemberIds":[]}',
      payloadDigest: '7c621c390da1fda7c4b0ab9c77772f2331ebcad3c589d73e4de9b69af3a5bc47',
      prevHash: '0000000000000000000000000000000000000000000000000000000000000000',
      rowDigest: null,
    },
    canonical:
      '{"actorId":"11111111-2222-4333-8444-555555555501","actorRoles":["applicant"],"applicationId":"3f9c2b1e-5a7d-4e21-9c0b-6d8e1f2a3b4c","at":"2026-03-02T10:00:00.000Z","deciderId":null,"eventType":null,"fromState":null,"guardInputs":null,"kind":"created","machineVersion":"1","payloadDigest":"7c621c390da1fda7c4b0ab9c77772f2331ebcad3c589d73e4de9b69af3a5bc47","position":1,"prevHash":"0000000000000000000000000000000000000000000000000000000000000000","toState":"draft"}',
    hash: '39178dab84e1096296bda194d1ffa42102c6bb8f21ffd355679dff7f78c4db5e',
  },
  {
    name: 'application history, a transition further along (GRANT with a decider and guard inputs)',
    chain: chainFor('application_event', 'applicationId'),
    aggregateProperty: 'applicationId',
    aggregateId: APPLICATION_ID,
    entry: {
      aggregateId: APPLICATION_ID,
      position: 4,
      kind: 'transition',
      fromState: 'awaitingAuthorisation',
      toState: 'authorised',
      eventType: 'GRANT',
      actorId: SPOC_ID,
      deciderId: DSO_ID,
      actorRoles: ['spoc'],
      at: new Date('2026-03-02T10:03:07.123Z'),
      machineVersion: '1',
      guardInputs: APPLICATION_GUARD_INPUTS,
      payload: APPLICATION_GUARD_INPUTS.event,
      rowDigest: null,
    },
    row: {
      position: 4,
      kind: 'transition',
      fromState: 'awaitingAuthorisation',
      toState: 'authorised',
      eventType: 'GRANT',
      actorId: SPOC_ID,
      deciderId: DSO_ID,
      actorRoles: ['spoc'],
      at: new Date('2026-03-02T10:03:07.123Z'),
      machineVersion: '1',
      guardInputs: '{"actor":{"authorityId":"c0a80101-0000-4000-8000-00000000a001","authorityType":"police","id":"11111111-2222-4333-8444-555555555502","rank":"sergeant","roles":["spoc"],"spocPin":"accredited"},"application":{"applicantId":"11111111-2222-4333-8444-555555555501","disclosureFacts":null,"expiresAt":"2026-03-05T10:03:07.123Z","id":"3f9c2b1e-5a7d-4e21-9c0b-6d8e1f2a3b4c","investigationSummary":"The victim’s phone was last seen at 02:14; €200 ransom demanded.","offences":[{"description":"Kidnapping","maxSentenceAdultMonths":999,"statute":"Common law"}],"priorityGrade":"grade1","renewalOfExpiresAt":null,"route":"dso61A","status":"awaitingAuthorisation","teamMemberIds":[],"writtenRecordDueAt":null},"decider":{"authorityId":"c0a80101-0000-4000-8000-00000000a001","authorityType":"police","id":"11111111-2222-4333-8444-555555555503","rank":"superintendent","roles":["dso"],"spocPin":null},"event":{"decision":{"conductAuthorised":"Obtain cell site data","deciderId":"11111111-2222-4333-8444-555555555503","oral":true,"rationale":"Threat to life; necessary and proportionate."},"type":"GRANT"},"eventType":"GRANT","exceptionalCircumstancesOverride":null,"guardsRun":["deciderIndependent","deciderRankSufficient","decisionRecorded"],"journalisticSourceBranch":false,"machineVersion":"1","now":"2026-03-02T10:03:07.123Z","policy":{"dsoMinimumRank":{"entity":"inspector","events":"superintendent"},"localAuthorityRequiresNafnSpoc":true,"urgentGrades":["grade1","grade2"]},"resolvedDecider":{"id":"11111111-2222-4333-8444-555555555503","recordedOnBehalf":true}}',
      payload: '{"decision":{"conductAuthorised":"Obtain cell site data","deciderId":"11111111-2222-4333-8444-555555555503","oral":true,"rationale":"Threat to life; necessary and proportionate."},"type":"GRANT"}',
      payloadDigest: '1f67603d496cbd39992a08c783f3b8e70a1d8327c208a676454004b31856250e',
      prevHash: '8c16b8932b458c4ac4e5a77007840795063e6f66df63f93aa2e1d11af7d390ae',
      rowDigest: null,
    },
    canonical:
      String.raw`{"actorId":"11111111-2222-4333-8444-555555555502","actorRoles":["spoc"],"applicationId":"3f9c2b1e-5a7d-4e21-9c0b-6d8e1f2a3b4c","at":"2026-03-02T10:03:07.123Z","deciderId":"11111111-2222-4333-8444-555555555503","eventType":"GRANT","fromState":"awaitingAuthorisation","guardInputs":"{\"actor\":{\"authorityId\":\"c0a80101-0000-4000-8000-00000000a001\",\"authorityType\":\"police\",\"id\":\"11111111-2222-4333-8444-555555555502\",\"rank\":\"sergeant\",\"roles\":[\"spoc\"],\"spocPin\":\"accredited\"},\"application\":{\"applicantId\":\"11111111-2222-4333-8444-555555555501\",\"disclosureFacts\":null,\"expiresAt\":\"2026-03-05T10:03:07.123Z\",\"id\":\"3f9c2b1e-5a7d-4e21-9c0b-6d8e1f2a3b4c\",\"investigationSummary\":\"The victim’s phone was last seen at 02:14; €200 ransom demanded.\",\"offences\":[{\"description\":\"Kidnapping\",\"maxSentenceAdultMonths\":999,\"statute\":\"Common law\"}],\"priorityGrade\":\"grade1\",\"renewalOfExpiresAt\":null,\"route\":\"dso61A\",\"status\":\"awaitingAuthorisation\",\"teamMemberIds\":[],\"writtenRecordDueAt\":null},\"decider\":{\"authorityId\":\"c0a80101-0000-4000-8000-00000000a001\",\"authorityType\":\"police\",\"id\":\"11111111-2222-4333-8444-555555555503\",\"rank\":\"superintendent\",\"roles\":[\"dso\"],\"spocPin\":null},\"event\":{\"decision\":{\"conductAuthorised\":\"Obtain cell site data\",\"deciderId\":\"11111111-2222-4333-8444-555555555503\",\"oral\":true,\"rationale\":\"Threat to life; necessary and proportionate.\"},\"type\":\"GRANT\"},\"eventType\":\"GRANT\",\"exceptionalCircumstancesOverride\":null,\"guardsRun\":[\"deciderIndependent\",\"deciderRankSufficient\",\"decisionRecorded\"],\"journalisticSourceBranch\":false,\"machineVersion\":\"1\",\"now\":\"2026-03-02T10:03:07.123Z\",\"policy\":{\"dsoMinimumRank\":{\"entity\":\"inspector\",\"events\":\"superintendent\"},\"localAuthorityRequiresNafnSpoc\":true,\"urgentGrades\":[\"grade1\",\"grade2\"]},\"resolvedDecider\":{\"id\":\"11111111-2222-4333-8444-555555555503\",\"recordedOnBehalf\":true}}","kind":"transition","machineVersion":"1","payloadDigest":"1f67603d496cbd39992a08c783f3b8e70a1d8327c208a676454004b31856250e","position":4,"prevHash":"8c16b8932b458c4ac4e5a77007840795063e6f66df63f93aa2e1d11af7d390ae","toState":"authorised"}`,
    hash: 'c879d3d1222bc4fb0468f4fe8f421c493bdb054c64328b20f9dd6fd1cbb05357',
  },
  {
    name: 'CD error history, first row of a chain (created)',
    chain: chainFor('cd_error_event', 'errorId'),
    aggregateProperty: 'errorId',
    aggregateId: ERROR_ID,
    entry: {
      aggregateId: ERROR_ID,
      position: 1,
      kind: 'created',
      fromState: null,
      toState: 'recorded',
      eventType: null,
      actorId: SPOC_ID,
      deciderId: null,
      actorRoles: ['spoc'],
      at: new Date('2026-03-02T11:00:00.000Z'),
      machineVersion: '1',
      guardInputs: null,
      payload: { report: ERROR_GUARD_INPUTS.error.report, applicationIds: [APPLICATION_ID], disclosureRequestIds: [] },
      rowDigest: null,
    },
    row: {
      position: 1,
      kind: 'created',
      fromState: null,
      toState: 'recorded',
      eventType: null,
      actorId: SPOC_ID,
      deciderId: null,
      actorRoles: ['spoc'],
      at: new Date('2026-03-02T11:00:00.000Z'),
      machineVersion: '1',
      guardInputs: null,
      payload: '{"applicationIds":["3f9c2b1e-5a7d-4e21-9c0b-6d8e1f2a3b4c"],"disclosureRequestIds":[],"report":{"causeCode":"incorrectIdentifier","discoveredAt":"2026-02-23T09:00:00+00:00","errorDescription":"Subscriber data for the wrong number was disclosed: digits 7 and 8 transposed.","establishedAt":"2026-02-23T09:00:00+00:00","responsibleParty":"applicant"}}',
      payloadDigest: 'a44de01b92717fe232b0c8a2595d3d9ea80a64e7a274535e4912e7a6acd6def9',
      prevHash: '0000000000000000000000000000000000000000000000000000000000000000',
      rowDigest: null,
    },
    canonical:
      '{"actorId":"11111111-2222-4333-8444-555555555502","actorRoles":["spoc"],"at":"2026-03-02T11:00:00.000Z","deciderId":null,"errorId":"8a1d4f6b-2c3e-4b5a-9d7f-0e1c2b3a4d5e","eventType":null,"fromState":null,"guardInputs":null,"kind":"created","machineVersion":"1","payloadDigest":"a44de01b92717fe232b0c8a2595d3d9ea80a64e7a274535e4912e7a6acd6def9","position":1,"prevHash":"0000000000000000000000000000000000000000000000000000000000000000","toState":"recorded"}',
    hash: '3ab1dcf6e7cb85003164dccb60d39ce94aac5396cdee1b4d83e97d3d4f3f1f66',
  },
  {
    name: 'CD error history, a transition further along (ASSESS with guard inputs)',
    chain: chainFor('cd_error_event', 'errorId'),
    aggregateProperty: 'errorId',
    aggregateId: ERROR_ID,
    entry: {
      aggregateId: ERROR_ID,
      position: 3,
      kind: 'transition',
      fromState: 'recorded',
      toState: 'assessed',
      eventType: 'ASSESS',
      actorId: SPOC_ID,
      deciderId: null,
      actorRoles: ['spoc', 'sro'],
      at: new Date('2026-03-02T11:30:00.000Z'),
      machineVersion: '1',
      guardInputs: ERROR_GUARD_INPUTS,
      payload: ERROR_GUARD_INPUTS.event,
      rowDigest: null,
    },
    row: {
      position: 3,
      kind: 'transition',
      fromState: 'recorded',
      toState: 'assessed',
      eventType: 'ASSESS',
      actorId: SPOC_ID,
      deciderId: null,
      actorRoles: ['spoc', 'sro'],
      at: new Date('2026-03-02T11:30:00.000Z'),
      machineVersion: '1',
      guardInputs: '{"actor":{"authorityId":"c0a80101-0000-4000-8000-00000000a001","authorityType":"police","id":"11111111-2222-4333-8444-555555555502","rank":"sergeant","roles":["spoc"],"spocPin":null},"error":{"agreedDueAt":null,"authorityId":"c0a80101-0000-4000-8000-00000000a001","id":"8a1d4f6b-2c3e-4b5a-9d7f-0e1c2b3a4d5e","kind":null,"report":{"causeCode":"incorrectIdentifier","discoveredAt":"2026-02-23T09:00:00+00:00","errorDescription":"Subscriber data for the wrong number was disclosed: digits 7 and 8 transposed.","establishedAt":"2026-02-23T09:00:00+00:00","responsibleParty":"applicant"},"reportDueAt":null,"status":"recorded"},"event":{"kind":"relevantError","type":"ASSESS"},"eventType":"ASSESS","guardsRun":["actorInErrorAuthority","kindAssessed"],"machineVersion":"1","now":"2026-03-02T11:30:00.000Z","reportWorkingDays":10,"seriousErrorInvestigationBranch":null}',
      payload: '{"kind":"relevantError","type":"ASSESS"}',
      payloadDigest: 'f9da06a69b1a280f75e46d2a8366ee636fb408e988f93f5625ac499590974bbb',
      prevHash: '3f29f7d0d9f73ef885c44905e48e7850fb0147b27b56e5c2eb1439c2589b7015',
      rowDigest: null,
    },
    canonical:
      String.raw`{"actorId":"11111111-2222-4333-8444-555555555502","actorRoles":["spoc","sro"],"at":"2026-03-02T11:30:00.000Z","deciderId":null,"errorId":"8a1d4f6b-2c3e-4b5a-9d7f-0e1c2b3a4d5e","eventType":"ASSESS","fromState":"recorded","guardInputs":"{\"actor\":{\"authorityId\":\"c0a80101-0000-4000-8000-00000000a001\",\"authorityType\":\"police\",\"id\":\"11111111-2222-4333-8444-555555555502\",\"rank\":\"sergeant\",\"roles\":[\"spoc\"],\"spocPin\":null},\"error\":{\"agreedDueAt\":null,\"authorityId\":\"c0a80101-0000-4000-8000-00000000a001\",\"id\":\"8a1d4f6b-2c3e-4b5a-9d7f-0e1c2b3a4d5e\",\"kind\":null,\"report\":{\"causeCode\":\"incorrectIdentifier\",\"discoveredAt\":\"2026-02-23T09:00:00+00:00\",\"errorDescription\":\"Subscriber data for the wrong number was disclosed: digits 7 and 8 transposed.\",\"establishedAt\":\"2026-02-23T09:00:00+00:00\",\"responsibleParty\":\"applicant\"},\"reportDueAt\":null,\"status\":\"recorded\"},\"event\":{\"kind\":\"relevantError\",\"type\":\"ASSESS\"},\"eventType\":\"ASSESS\",\"guardsRun\":[\"actorInErrorAuthority\",\"kindAssessed\"],\"machineVersion\":\"1\",\"now\":\"2026-03-02T11:30:00.000Z\",\"reportWorkingDays\":10,\"seriousErrorInvestigationBranch\":null}","kind":"transition","machineVersion":"1","payloadDigest":"f9da06a69b1a280f75e46d2a8366ee636fb408e988f93f5625ac499590974bbb","position":3,"prevHash":"3f29f7d0d9f73ef885c44905e48e7850fb0147b27b56e5c2eb1439c2589b7015","toState":"assessed"}`,
    hash: '67e2936e278efd21b589e45fb21a5cf7df07d014f71bb4719705352834ac416d',
  },
  {
    // Issue 21, item 1: a row that commits to its aggregate's row. `rowDigest` joins the canonical object only
    // when present, which is why the four vectors above (no digest) keep their hashes.
    name: 'application history, an edit committing to the row it leaves (row digest)',
    chain: chainFor('application_event', 'applicationId'),
    aggregateProperty: 'applicationId',
    aggregateId: APPLICATION_ID,
    entry: {
      aggregateId: APPLICATION_ID,
      position: 2,
      kind: 'edited',
      fromState: 'draft',
      toState: 'draft',
      eventType: null,
      actorId: APPLICANT_ID,
      deciderId: null,
      actorRoles: ['applicant'],
      at: new Date('2026-03-02T10:01:30.000Z'),
      machineVersion: '1',
      guardInputs: null,
      payload: { changes: { operationName: 'Op Kestrel II' } },
      rowDigest: EDITED_ROW_DIGEST,
    },
    row: {
      position: 2,
      kind: 'edited',
      fromState: 'draft',
      toState: 'draft',
      eventType: null,
      actorId: APPLICANT_ID,
      deciderId: null,
      actorRoles: ['applicant'],
      at: new Date('2026-03-02T10:01:30.000Z'),
      machineVersion: '1',
      guardInputs: null,
      payload: '{"changes":{"operationName":"Op Kestrel II"}}',
      payloadDigest: '183a67550ff2890583b85572d7e8c68913f4ce1002f22cfdf52c42f177fdc1dd',
      prevHash: '39178dab84e1096296bda194d1ffa42102c6bb8f21ffd355679dff7f78c4db5e',
      rowDigest:
        '{"expiresAt":"74234e98afe7498fb5daf1f36ac2d78acc339464f950703b8c019892f982b90b","form":"c31e1f38a9147a4392b32f8044f74d35bcd674eb000bdb5944301e41173eacc7","status":"6ae048f08fcab44bfbc8463f074bfdb40f94c6bdf56d3aad9a7e1c05e5d5b5c1","updatedAt":"ce8d2f4d9a43dd0233206f5f9ebc4c044aa13f6a27d19d448c7e0b6414f0d5bd","version":"d4735e3a265e16eee03f59718b9b5d03019c07d8b6c51f90da3a666eec13ab35"}',
    },
    canonical:
      String.raw`{"actorId":"11111111-2222-4333-8444-555555555501","actorRoles":["applicant"],"applicationId":"3f9c2b1e-5a7d-4e21-9c0b-6d8e1f2a3b4c","at":"2026-03-02T10:01:30.000Z","deciderId":null,"eventType":null,"fromState":"draft","guardInputs":null,"kind":"edited","machineVersion":"1","payloadDigest":"183a67550ff2890583b85572d7e8c68913f4ce1002f22cfdf52c42f177fdc1dd","position":2,"prevHash":"39178dab84e1096296bda194d1ffa42102c6bb8f21ffd355679dff7f78c4db5e","rowDigest":"{\"expiresAt\":\"74234e98afe7498fb5daf1f36ac2d78acc339464f950703b8c019892f982b90b\",\"form\":\"c31e1f38a9147a4392b32f8044f74d35bcd674eb000bdb5944301e41173eacc7\",\"status\":\"6ae048f08fcab44bfbc8463f074bfdb40f94c6bdf56d3aad9a7e1c05e5d5b5c1\",\"updatedAt\":\"ce8d2f4d9a43dd0233206f5f9ebc4c044aa13f6a27d19d448c7e0b6414f0d5bd\",\"version\":\"d4735e3a265e16eee03f59718b9b5d03019c07d8b6c51f90da3a666eec13ab35\"}","toState":"draft"}`,
    hash: '4e1cb83d74874902d4ae5f17a8c444fd98946291fe1b09cde9ad378e60c5bcde',
  },
];

/** Runs `hashOf` and returns its hash and the canonical JSON it hashed (the spy's last answer). */
function hashWithCanonical(vector: GoldenVector): { hash: string; canonical: string | undefined } {
  canonicalizeSpy.mockClear();
  const hash = vector.chain().hashOf(vector.row, vector.aggregateId);
  const results = canonicalizeSpy.mock.results;
  const last = results[results.length - 1];
  return { hash, canonical: last?.type === 'return' ? last.value : undefined };
}

describe('history hash golden vectors (a change here breaks every stored chain)', () => {
  it('the chain starts from 64 zeros', () => {
    expect(GENESIS_HASH).toBe('0000000000000000000000000000000000000000000000000000000000000000');
  });

  it('a row digest is each field → sha256 of its canonical JSON, a Date as its instant (issue 21, item 1)', () => {
    expect(digestFields(EDITED_ROW_FIELDS)).toEqual(EDITED_ROW_DIGEST);
    expect(EDITED_ROW_DIGEST.version).toBe(sha256('2'));
    expect(EDITED_ROW_DIGEST.expiresAt).toBe(sha256('null'));
    expect(EDITED_ROW_DIGEST.updatedAt).toBe(sha256('"2026-03-02T10:01:30.000Z"'));
    expect(EDITED_ROW_DIGEST.form).toBe(sha256('{"operationName":"Op Kestrel II","priorityGrade":"grade1","route":"dso61A"}'));
    // undefined is stored as null; a JSON column's value as JSON.stringify leaves it
    expect(digestFields({ expiresAt: undefined, form: { a: 1, b: undefined } })).toEqual({ expiresAt: sha256('null'), form: sha256('{"a":1}') });
  });

  describe.each(VECTORS)('$name', (vector) => {
    it('builds exactly the committed canonical JSON', () => {
      expect(hashWithCanonical(vector).canonical).toBe(vector.canonical);
    });

    it('hashes to the committed sha256', () => {
      expect(hashWithCanonical(vector).hash).toBe(vector.hash);
    });

    it('the committed hash is sha256(prev_hash ‖ the committed canonical JSON), the documented formula', () => {
      expect(sha256(vector.row.prevHash + vector.canonical)).toBe(vector.hash);
    });

    it('the committed payload digest is sha256 of the committed stored payload', () => {
      expect(sha256(String(vector.row.payload))).toBe(vector.row.payloadDigest);
    });

    it('append stores the committed row: canonical payload, its digest, canonical guard inputs, the hash', async () => {
      insertSpy.mockClear();
      const tx = {} as EntityManager;
      const head = await vector.chain().append(tx, vector.entry, vector.row.prevHash);
      expect(head).toBe(vector.hash);
      expect(insertSpy).toHaveBeenCalledTimes(1);
      const [, , inserted] = insertSpy.mock.calls[0] as unknown as [unknown, unknown, Record<string, unknown>];
      expect(inserted).toEqual({
        ...vector.row,
        [vector.aggregateProperty]: vector.aggregateId,
        payloadBlankedBy: null,
        hash: vector.hash,
      });
    });
  });
});
