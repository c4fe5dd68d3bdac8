/**
 * Tampering with the history chain, one column at a time, for EVERY history (applications, CD errors and
 * disclosure requests; docs/architecture.md §11). On SQLite and, with DATABASE_URL, on PostgreSQL.
 *
 * Each test builds a real five-row chain through the HTTP API, checks that `GET …/history/verify` calls it
 * intact, then plays a DBA with raw access: with the append-only triggers switched off
 * (support/history-triggers.ts, restored afterwards) it changes ONE column of the middle row (position 3)
 * and checks that verify reports the chain broken at that row.
 *
 * The columns come from lists in this file: HASHED_COLUMNS (the inputs of the row hash), CHAIN_COLUMNS (the
 * stored hash and the chain order), PAYLOAD_COLUMNS (covered through the digest, with the retention rule).
 * Two guards keep the lists honest: HASHED_COLUMNS must equal the columns whose change alters
 * `HashChain.hashOf` (derived from the code, column by column), and the three lists together must be
 * exactly the columns of the migrated table. A hashed column added without a tamper test fails here.
 * A third checks that the app's ApplicationHistory and CdErrorHistory hash exactly as a bare `HashChain`
 * with their aggregate key, the shape src/database/hash-chain.golden.spec.ts pins with literal vectors.
 *
 * Nothing here depends on what the guard inputs contain (their `guardsRun` entries in particular).
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Type } from '@nestjs/common';
import canonicalize from 'canonicalize';
import type { EntityTarget } from 'typeorm';
import { ApplicationEventEntity } from '../src/applications/application-event.entity';
import { ApplicationHistory } from '../src/applications/application-history';
import { HashChain, type HistoryRow } from '../src/database/hash-chain';
import type { RetentionRecordType } from '../src/database/retention-decision.entity';
import { CdErrorEventEntity } from '../src/errors/cd-error-event.entity';
import { CdErrorHistory } from '../src/errors/cd-error-history';
import { ApplicationLookup } from '../src/applications/public-api';
import { SCHEDULER } from '../src/auth/actor';
import { DisclosureRequestEventEntity } from '../src/disclosures/requests/disclosure-request-event.entity';
import { DisclosureRequestHistory } from '../src/disclosures/requests/disclosure-request-history';
import { DisclosureRequestEntity } from '../src/disclosures/requests/disclosure-request.entity';
import { DisclosureRequestsService } from '../src/disclosures/requests/disclosure-requests.service';
import { ApplicationsService } from '../src/applications/applications.service';
import { CdErrorsService } from '../src/errors/cd-errors.service';
import { createApplication, GRANT_DECISION, SPOC_SECTION, step } from './support/applications';
import { createError, errorStep, patchError, recordReport, verifyError } from './support/errors-http';
import { appendOnlyTriggerNames, appendOnlyTriggersInForce, withAppendOnlyTriggersOff } from './support/history-triggers';
import { rawSql, verifyOf, type VerifyBody } from './support/lifecycle-http';
import { recordRetentionDecision } from './support/retention-decisions';
import { createTestApp, isPostgres, type TestApp } from './support/test-app';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Stands for the history's own aggregate-id column (`application_id`, `error_id`). */
const AGGREGATE = '<aggregate id>';

/** The columns the row hash covers (its inputs), each tampered with below. */
const HASHED_COLUMNS = [
  AGGREGATE,
  'position',
  'kind',
  'from_state',
  'to_state',
  'event_type',
  'actor_id',
  'decider_id',
  'actor_roles',
  'at',
  'machine_version',
  'guard_inputs',
  'payload_digest',
  'prev_hash',
  // What the row committed its aggregate's row to be (issue 21, item 1): a hash input when present.
  'row_digest',
] as const;
type HashedColumn = (typeof HASHED_COLUMNS)[number];

/** Not hash inputs, but the chain itself: the stored hash, and `seq`, the order verify walks. */
const CHAIN_COLUMNS = ['hash', 'seq'] as const;

/** Covered through `payload_digest`; `payload_blanked_by` records the retention decision that may blank it. */
const PAYLOAD_COLUMNS = ['payload', 'payload_blanked_by'] as const;

/** Rows in each chain built here, and the row tampered with. */
const ROWS = 5;
const MIDDLE = 3;

/** A history row with either aggregate key, for building a bare `HashChain` keyed on either. */
type AggregateProperty = 'applicationId' | 'errorId' | 'requestId';
type KeyedHistoryRow = HistoryRow & Record<AggregateProperty, string>;

type RawRow = Record<string, unknown> & { seq: number | string; position: number | string };

interface HistoryCase {
  name: string;
  table: 'application_event' | 'cd_error_event' | 'disclosure_request_event';
  aggregateColumn: 'application_id' | 'error_id' | 'request_id';
  /** How a retention decision names this history's records (migrations/1764080000000-retention-decisions.ts). */
  recordType: RetentionRecordType;
  aggregateProperty: AggregateProperty;
  /** Another history's aggregate key (to show the key's name is hashed). */
  otherAggregateProperty: AggregateProperty;
  entity: EntityTarget<HistoryRow>;
  chain: Type<HashChain<HistoryRow>>;
  /**
   * Columns copied from the row's payload for an index to read (not hash inputs): a changed copy is found by
   * verify at its row, because it no longer says what the hashed payload says; `forged` is a value it never had.
   */
  indexedColumns: readonly { column: string; forged: string }[];
  /** A new aggregate with a five-row chain, built through the HTTP API; returns its id. */
  build(t: TestApp): Promise<string>;
  /** A new aggregate with just its first row. */
  buildOne(t: TestApp): Promise<string>;
  verify(t: TestApp, id: string): Promise<VerifyBody>;
  /** Its history as the API answers it. */
  historyPath: (id: string) => string;
  reader: string;
  /** Deletes its content under a retention decision, through its service (issue 21, item 3). */
  deleteContent(t: TestApp, id: string, decisionId: string): Promise<unknown>;
  /** The fields a deletion empties, in the words its history row uses; the first column as raw SQL reads it once deleted. */
  content: { table: string; fields: string[]; inWords: string; column: string; deleted: unknown };
}

const HISTORIES: HistoryCase[] = [
  {
    name: 'application history',
    table: 'application_event',
    aggregateColumn: 'application_id',
    recordType: 'application',
    aggregateProperty: 'applicationId',
    otherAggregateProperty: 'errorId',
    entity: ApplicationEventEntity,
    chain: ApplicationHistory as unknown as Type<HashChain<HistoryRow>>,
    // The category of a SPOC's reason, for the statistics (docs/statistics.md §3).
    indexedColumns: [{ column: 'reason_code', forged: 'necessityNotShown' }],
    // created, edited, SUBMIT_TO_SPOC, RETURN_TO_APPLICANT, edited
    async build(t) {
      let app: { id: string; version: number } = await createApplication(t);
      app = await patchApplication(t, app, { operationName: 'Op Kestrel II' });
      app = await step(t, 'applicant', app, { type: 'SUBMIT_TO_SPOC' });
      app = await step(t, 'spoc', app, { type: 'RETURN_TO_APPLICANT', reason: 'Say which phone the victim used.' });
      app = await patchApplication(t, app, { investigationSummary: 'A street robbery on 1 March 2026; the victim’s own phone was taken.' });
      return app.id;
    },
    async buildOne(t) {
      return (await createApplication(t)).id;
    },
    verify: (t, id) => verifyOf(t, 'spoc', id),
    historyPath: (id) => `/applications/${id}/history`,
    reader: 'spoc',
    deleteContent: (t, id, decisionId) => t.app.get(ApplicationsService).deleteContentUnderDecision(SRO_ACTS, id, decisionId),
    content: { table: 'application', fields: ['form', 'spocSection'], inWords: 'form, spoc section', column: 'form', deleted: '{}' },
  },
  {
    name: 'CD error history',
    table: 'cd_error_event',
    aggregateColumn: 'error_id',
    recordType: 'cd_error',
    aggregateProperty: 'errorId',
    otherAggregateProperty: 'applicationId',
    entity: CdErrorEventEntity,
    chain: CdErrorHistory as unknown as Type<HashChain<HistoryRow>>,
    indexedColumns: [],
    // created, edited, ASSESS, SIGHT, CLOSE
    async build(t) {
      let entry: { id: string; version: number } = await createError(t, 'spoc');
      const edited = await patchError(t, 'spoc', entry, { report: { preventiveSteps: 'Numbers are now read back to the victim.' } });
      if (edited.status !== 200) throw new Error(`PATCH /errors failed ${edited.status}: ${JSON.stringify(edited.body)}`);
      entry = edited.body as { id: string; version: number };
      entry = await errorStep(t, 'spoc', entry, { type: 'ASSESS', kind: 'recordableError' });
      entry = await errorStep(t, 'sro', entry, { type: 'SIGHT' });
      entry = await errorStep(t, 'sro', entry, { type: 'CLOSE' });
      return entry.id;
    },
    async buildOne(t) {
      return (await createError(t, 'spoc', recordReport())).id;
    },
    verify: async (t, id) => (await verifyError(t, 'sro', id)) as VerifyBody,
    historyPath: (id) => `/errors/${id}/history`,
    reader: 'sro',
    deleteContent: (t, id, decisionId) => t.app.get(CdErrorsService).deleteContentUnderDecision(SRO_ACTS, id, decisionId),
    content: { table: 'cd_error', fields: ['report'], inWords: 'report', column: 'report', deleted: '{}' },
  },
  {
    name: 'disclosure request history',
    table: 'disclosure_request_event',
    aggregateColumn: 'request_id',
    recordType: 'disclosure_request',
    aggregateProperty: 'requestId',
    otherAggregateProperty: 'applicationId',
    entity: DisclosureRequestEventEntity,
    chain: DisclosureRequestHistory as unknown as Type<HashChain<HistoryRow>>,
    indexedColumns: [],
    // created, SEND, CSP_ACKNOWLEDGED, RETURN_RECEIVED (partial), CANCEL. The return comes from the returns
    // endpoint, not built yet (issue 15): the system's event goes through the service, as that endpoint will.
    async build(t) {
      let request = await newRequest(t);
      request = await requestStep(t, request, { type: 'SEND' });
      request = await requestStep(t, request, { type: 'CSP_ACKNOWLEDGED', cspReference: 'EM-2026-0042' });
      const service = t.app.get(DisclosureRequestsService);
      await t.uow.run(async (tx) => {
        const row = await tx.findOneByOrFail(DisclosureRequestEntity, { id: request.id });
        const application = await t.app.get(ApplicationLookup).forDisclosure(tx, row.applicationId, null);
        if (!application) throw new Error('no application');
        await service.transitionIn(tx, SCHEDULER, row, application, { type: 'RETURN_RECEIVED', allItemsComplete: false });
      });
      request = { id: request.id, version: request.version + 1 };
      await requestStep(t, request, { type: 'CANCEL', reason: 'The suspect has been charged.' });
      return request.id;
    },
    async buildOne(t) {
      return (await newRequest(t)).id;
    },
    verify: async (t, id) => {
      const res = await t.http().get(`/disclosure-requests/${id}/history/verify`).set('authorization', `Bearer ${await t.token('spoc')}`);
      if (res.status !== 200) throw new Error(`verify failed ${res.status}`);
      return res.body as VerifyBody;
    },
    historyPath: (id) => `/disclosure-requests/${id}/history`,
    reader: 'spoc',
    deleteContent: (t, id, decisionId) => t.app.get(DisclosureRequestsService).deleteContentUnderDecision(SRO_ACTS, id, decisionId),
    content: { table: 'disclosure_request', fields: ['items'], inWords: 'items', column: 'items', deleted: '[]' },
  },
];

/** Who carries out a deletion here: the accountability work's SRO endpoint will pass the signed-in SRO. */
const SRO_ACTS = { ...SCHEDULER, id: randomUUID(), displayName: 'Senior responsible officer' };

/** A pending request to the demo directory's mobile CSP, for the default form's first item, on a new authorisation. */
async function newRequest(t: TestApp): Promise<{ id: string; version: number }> {
  let app = await createApplication(t);
  app = await step(t, 'applicant', app, { type: 'SUBMIT_TO_SPOC' });
  app = await step(t, 'spoc', app, { type: 'SUBMIT_FOR_AUTHORISATION', spoc: SPOC_SECTION });
  app = await step(t, 'ocda', app, { type: 'GRANT', decision: GRANT_DECISION });
  const csps = await t.http().get('/csps?pageSize=100').set('authorization', `Bearer ${await t.token('spoc')}`);
  const cspId = (csps.body as { items: { code: string; id: string }[] }).items.find((c) => c.code === 'examplemobile')?.id;
  const res = await t.http().post(`/applications/${app.id}/disclosure-requests`).set('authorization', `Bearer ${await t.token('spoc')}`).send({ cspId, items: [{ dataItemRef: 'd1' }] });
  if (res.status !== 201) throw new Error(`request failed ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as { id: string; version: number };
}

async function requestStep(t: TestApp, request: { id: string; version: number }, body: Record<string, unknown>): Promise<{ id: string; version: number }> {
  const res = await t
    .http()
    .post(`/disclosure-requests/${request.id}/events`)
    .set('authorization', `Bearer ${await t.token('spoc')}`)
    .set('If-Match', String(request.version))
    .send(body);
  if (res.status !== 200) throw new Error(`${String(body.type)} failed ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as { id: string; version: number };
}

async function patchApplication(t: TestApp, app: { id: string; version: number }, changes: Record<string, unknown>) {
  const res = await t
    .http()
    .patch(`/applications/${app.id}`)
    .set('authorization', `Bearer ${await t.token('applicant')}`)
    .set('If-Match', String(app.version))
    .send(changes);
  if (res.status !== 200) throw new Error(`PATCH /applications failed ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as { id: string; version: number };
}

const columnOf = (h: HistoryCase, column: string): string => (column === AGGREGATE ? h.aggregateColumn : column);

function rawRows(t: TestApp, h: HistoryCase, id: string): Promise<RawRow[]> {
  return rawSql<RawRow>(t, `SELECT * FROM ${h.table} WHERE ${h.aggregateColumn} = $1 ORDER BY position`, [id]);
}

/** The columns of the migrated table, from the database itself. */
async function tableColumns(t: TestApp, table: string): Promise<string[]> {
  const rows: { name: string }[] = isPostgres()
    ? await t.dataSource.query(
        'SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1',
        [table],
      )
    : await t.dataSource.query(`SELECT name FROM pragma_table_info('${table}')`);
  return rows.map((r) => r.name).sort();
}

/** A fresh chain, checked intact, with its raw rows by position. */
async function intactChain(t: TestApp, h: HistoryCase): Promise<{ id: string; rows: RawRow[]; middle: RawRow }> {
  const id = await h.build(t);
  const rows = await rawRows(t, h, id);
  expect(rows.map((r) => Number(r.position))).toEqual([1, 2, 3, 4, 5]);
  await expect(h.verify(t, id)).resolves.toEqual({ valid: true, rows: ROWS, head: rows[ROWS - 1].hash });
  const middle = rows[MIDDLE - 1];
  // the middle row is a transition: every hashed column has a value worth forging
  expect(middle).toMatchObject({ kind: 'transition', from_state: expect.any(String), event_type: expect.any(String) });
  expect(middle.guard_inputs).toEqual(expect.any(String));
  // ...and commits to its aggregate's row (issue 21, item 1)
  expect(middle.row_digest).toEqual(expect.any(String));
  return { id, rows, middle };
}

/** `UPDATE table SET <changes> WHERE seq = …` with the triggers off; checks they are back in force afterwards. */
async function tamper(t: TestApp, h: HistoryCase, seq: number, changes: Record<string, unknown>): Promise<void> {
  const columns = Object.keys(changes);
  const set = columns.map((c, i) => `${c} = $${i + 1}`).join(', ');
  await withAppendOnlyTriggersOff(t, h.table, () =>
    rawSql(t, `UPDATE ${h.table} SET ${set} WHERE seq = $${columns.length + 1}`, [...columns.map((c) => changes[c]), seq]),
  );
  expect(await appendOnlyTriggersInForce(t, h.table)).toEqual(appendOnlyTriggerNames(h.table).sort());
}

const brokenAt = (row: RawRow, reason: RegExp, rows = ROWS) => ({
  valid: false,
  rows,
  firstBroken: { position: Number(row.position), seq: Number(row.seq), reason: expect.stringMatching(reason) as unknown },
});

const ALTERED = /row content does not match its hash \(row altered\)/;

interface Forgery {
  /** The forged value for the column, from the row as stored (and, for the aggregate id, another aggregate). */
  value(row: RawRow, other: () => Promise<string>): unknown;
  /** What verify names as the reason. */
  reason: RegExp;
}

/** How each hashed column is forged. Every forged value differs from the stored one (checked). */
const FORGERIES: Record<HashedColumn, Forgery> = {
  [AGGREGATE]: { value: (_row, other) => other(), reason: /expected position 3, found 4 \(row deleted or reordered\)/ },
  position: { value: () => 99, reason: /expected position 3, found 99/ },
  kind: { value: (row) => (row.kind === 'edited' ? 'created' : 'edited'), reason: ALTERED },
  from_state: { value: (row) => row.to_state, reason: ALTERED },
  to_state: { value: (row) => row.from_state, reason: ALTERED },
  event_type: { value: () => 'WITHDRAW', reason: ALTERED },
  actor_id: { value: () => randomUUID(), reason: ALTERED },
  decider_id: { value: () => randomUUID(), reason: ALTERED },
  actor_roles: { value: (row) => JSON.stringify([...(JSON.parse(String(row.actor_roles)) as string[]), 'ocda']), reason: ALTERED },
  at: { value: (row) => new Date(Date.parse(String(row.at)) - 3_600_000).toISOString(), reason: ALTERED },
  machine_version: { value: (row) => (row.machine_version === '0' ? '1' : '0'), reason: ALTERED },
  // backdated: the guards "saw" another instant
  guard_inputs: {
    value: (row) => canonicalize({ ...(JSON.parse(String(row.guard_inputs)) as object), now: '2020-01-01T00:00:00.000Z' }),
    reason: ALTERED,
  },
  payload_digest: { value: () => sha256('a forged payload'), reason: /payload does not match its digest/ },
  prev_hash: { value: () => sha256('a forged link'), reason: /prev_hash does not link to the previous row/ },
  // the row "committed to" another status: a well-formed digest, so only the hash gives it away
  row_digest: {
    value: (row) => canonicalize({ ...(JSON.parse(String(row.row_digest)) as object), status: sha256('"closed"') }),
    reason: ALTERED,
  },
};

/** Sorted, for set comparisons. */
const sorted = (values: Iterable<string>): string[] => [...values].sort();

/** A value of the same kind that differs from `value` (for deriving which properties the hash reads). */
function changed(value: unknown): unknown {
  if (value === null || value === undefined) return 'x';
  if (value instanceof Date) return new Date(value.getTime() + 1);
  if (Array.isArray(value)) return [...(value as unknown[]), 'x'];
  if (typeof value === 'number') return value + 1;
  if (typeof value === 'string') return `${value}x`;
  throw new Error(`no change defined for ${typeof value}`);
}

describe(`history tampering, one hashed column at a time (${isPostgres() ? 'PostgreSQL' : 'SQLite'})`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  describe.each(HISTORIES)('$name ($table)', (h) => {
    describe('the column lists match the code and the table', () => {
      it('HASHED_COLUMNS equals the columns whose change alters HashChain.hashOf (derived column by column)', async () => {
        const id = await h.build(t);
        const row = await t.dataSource.getRepository(h.entity).findOneByOrFail({ [h.aggregateProperty]: id, position: MIDDLE });
        const chain = t.app.get(h.chain);
        const hashOf = (r: HistoryRow): string => chain.hashOf(r, (r as unknown as Record<string, string>)[h.aggregateProperty]);
        expect(hashOf(row)).toBe(row.hash);
        const covered = t.dataSource
          .getMetadata(h.entity)
          .columns.filter((c) => {
            const value = (row as unknown as Record<string, unknown>)[c.propertyName];
            const variant: HistoryRow = Object.assign(Object.create(Object.getPrototypeOf(row) as object) as HistoryRow, row, {
              [c.propertyName]: changed(value),
            });
            return hashOf(variant) !== row.hash;
          })
          .map((c) => c.databaseName);
        expect(sorted(covered)).toEqual(sorted(HASHED_COLUMNS.map((c) => columnOf(h, c))));
      });

      it('the app\'s chain hashes every row exactly as HashChain with this aggregate key does (the shape hash-chain.golden.spec.ts pins)', async () => {
        const id = await h.build(t);
        const rows = await t.dataSource.getRepository(h.entity).find({ where: { [h.aggregateProperty]: id } as never, order: { position: 'ASC' } as never });
        expect(rows).toHaveLength(ROWS);
        const app = t.app.get(h.chain);
        const entity = h.entity as EntityTarget<KeyedHistoryRow>;
        const generic = new HashChain<KeyedHistoryRow>(entity, h.aggregateProperty, () => new Error('stale'));
        const otherKey = new HashChain<KeyedHistoryRow>(entity, h.otherAggregateProperty, () => new Error('stale'));
        for (const row of rows) {
          expect(app.hashOf(row, id)).toBe(row.hash);
          expect(generic.hashOf(row, id)).toBe(row.hash);
          // the key's name is part of the canonical form: the other history's key gives another hash
          expect(otherKey.hashOf(row, id)).not.toBe(row.hash);
        }
      });

      it('HASHED_COLUMNS, CHAIN_COLUMNS and PAYLOAD_COLUMNS together are exactly the columns of the migrated table', async () => {
        const listed = [...HASHED_COLUMNS.map((c) => columnOf(h, c)), ...CHAIN_COLUMNS, ...PAYLOAD_COLUMNS, ...h.indexedColumns.map((c) => c.column)];
        expect(new Set(listed).size).toBe(listed.length);
        expect(await tableColumns(t, h.table)).toEqual(sorted(listed));
      });
    });

    describe('a hashed column changed on the middle row: verify reports the chain broken at that row', () => {
      it.each(HASHED_COLUMNS.map((column) => ({ column, label: `${h.table}.${columnOf(h, column)}` })))('$label', async ({ column }) => {
        const { id, rows, middle } = await intactChain(t, h);
        const name = columnOf(h, column);
        let other: string | undefined;
        const forged = await FORGERIES[column].value(middle, async () => (other = await h.buildOne(t)));
        expect(forged).not.toEqual(middle[name]);
        await tamper(t, h, Number(middle.seq), { [name]: forged });

        if (column !== AGGREGATE) {
          expect(await h.verify(t, id)).toEqual(brokenAt(middle, FORGERIES[column].reason));
          return;
        }
        // The row left its chain: the gap is reported at position 3, on the row that now stands there...
        expect(await h.verify(t, id)).toEqual(brokenAt({ ...rows[MIDDLE], position: MIDDLE }, FORGERIES[column].reason, ROWS - 1));
        // ...and in the chain it was moved into, at the moved row itself.
        expect(await h.verify(t, String(other))).toEqual(
          brokenAt({ ...middle, position: 1 }, /expected position 1, found 3 \(row deleted or reordered\)/, 2),
        );
      });
    });

    if (h.indexedColumns.length > 0) {
      describe('a copy of the payload indexed beside it, changed on the middle row: verify reports the chain broken there', () => {
        it.each(h.indexedColumns.map((c) => ({ ...c, label: `${h.table}.${c.column}` })))('$label', async ({ column, forged }) => {
          const { id, middle } = await intactChain(t, h);
          expect(middle[column]).not.toBe(forged);
          await tamper(t, h, Number(middle.seq), { [column]: forged });
          expect(await h.verify(t, id)).toEqual(brokenAt(middle, /does not say what the payload says \(row altered\)/));
        });
      });
    }

    describe('the chain itself changed on the middle row: verify reports the chain broken there', () => {
      it(`${h.table}.hash (another hash stored)`, async () => {
        const { id, middle } = await intactChain(t, h);
        await tamper(t, h, Number(middle.seq), { hash: sha256('a forged hash') });
        expect(await h.verify(t, id)).toEqual(brokenAt(middle, ALTERED));
      });

      it(`${h.table}.seq (the row moved to the end of the order verify walks)`, async () => {
        const { id, rows, middle } = await intactChain(t, h);
        const [{ top }] = await rawSql<{ top: number | string }>(t, `SELECT MAX(seq) AS top FROM ${h.table}`);
        await tamper(t, h, Number(middle.seq), { seq: Number(top) + 1000 });
        expect(await h.verify(t, id)).toEqual(
          brokenAt({ ...rows[MIDDLE], position: MIDDLE }, /expected position 3, found 4 \(row deleted or reordered\)/),
        );
      });
    });

    describe('the payload, covered through its digest', () => {
      const forgedPayload = (row: RawRow): string =>
        canonicalize({ ...(JSON.parse(String(row.payload)) as object), forged: 'added after the fact' }) ?? '';

      it(`${h.table}.payload changed, its digest left alone: broken at that row`, async () => {
        const { id, middle } = await intactChain(t, h);
        await tamper(t, h, Number(middle.seq), { payload: forgedPayload(middle) });
        expect(await h.verify(t, id)).toEqual(brokenAt(middle, /payload does not match its digest/));
      });

      it(`${h.table}.payload changed and its digest recomputed: the row hash gives it away`, async () => {
        const { id, middle } = await intactChain(t, h);
        const payload = forgedPayload(middle);
        await tamper(t, h, Number(middle.seq), { payload, payload_digest: sha256(payload) });
        expect(await h.verify(t, id)).toEqual(brokenAt(middle, ALTERED));
      });

      it(`${h.table}.payload blanked without a retention decision: broken at that row`, async () => {
        const { id, middle } = await intactChain(t, h);
        await tamper(t, h, Number(middle.seq), { payload: null });
        expect(await h.verify(t, id)).toEqual(brokenAt(middle, /payload blanked without a retention decision/));
      });

      it(`${h.table}.payload blanked under a retention decision, digest kept (the designed retention path, triggers in force): NOT a break`, async () => {
        const { id, rows, middle } = await intactChain(t, h);
        const decision = await recordRetentionDecision(t, h.recordType, id);
        await rawSql(t, `UPDATE ${h.table} SET payload = NULL, payload_blanked_by = $1 WHERE seq = $2`, [decision, Number(middle.seq)]);
        const [after] = await rawSql<RawRow>(t, `SELECT * FROM ${h.table} WHERE seq = $1`, [Number(middle.seq)]);
        expect(after).toMatchObject({ payload: null, payload_digest: middle.payload_digest, hash: middle.hash });
        expect(await h.verify(t, id)).toEqual({ valid: true, rows: ROWS, head: rows[ROWS - 1].hash });
      });

      it(`${h.table}.payload blanked naming no delete decision about this record: refused by the database itself (issue 21, item 3)`, async () => {
        const { id, middle } = await intactChain(t, h);
        const other = h.name === 'application history' ? (await createApplication(t)).id : randomUUID();
        const otherKind: RetentionRecordType = h.recordType === 'application' ? 'cd_error' : 'application';
        const names = {
          'a made-up decision id': randomUUID(),
          'a decision about another record': await recordRetentionDecision(t, h.recordType, other),
          'a decision to retain it': await recordRetentionDecision(t, h.recordType, id, 'retain'),
          'a decision about another kind of record with the same id': await recordRetentionDecision(t, otherKind, id),
        };
        for (const [what, decision] of Object.entries(names)) {
          await expect(
            rawSql(t, `UPDATE ${h.table} SET payload = NULL, payload_blanked_by = $1 WHERE seq = $2`, [decision, Number(middle.seq)]).then(() => what),
          ).rejects.toThrow(/append-only/);
        }
        const [after] = await rawSql<RawRow>(t, `SELECT * FROM ${h.table} WHERE seq = $1`, [Number(middle.seq)]);
        expect(after).toMatchObject({ payload: middle.payload, payload_blanked_by: null });
      });

      it(`${h.table}.payload_blanked_by is outside the hash (§11): a changed decision id is refused by the trigger, and verify does not notice it`, async () => {
        const { id, rows, middle } = await intactChain(t, h);
        const seq = Number(middle.seq);
        await rawSql(t, `UPDATE ${h.table} SET payload = NULL, payload_blanked_by = $1 WHERE seq = $2`, [await recordRetentionDecision(t, h.recordType, id), seq]);
        const another = await recordRetentionDecision(t, h.recordType, id);
        await expect(rawSql(t, `UPDATE ${h.table} SET payload_blanked_by = $1 WHERE seq = $2`, [another, seq])).rejects.toThrow(/append-only/);
        await tamper(t, h, seq, { payload_blanked_by: randomUUID() });
        expect(await h.verify(t, id)).toEqual({ valid: true, rows: ROWS, head: rows[ROWS - 1].hash });
      });
    });

    describe('content deleted under a retention decision, through the service (issue 21, item 3)', () => {
      it('every payload blanked naming the decision, one row appended committing to the emptied row, and verify passes', async () => {
        const id = await h.build(t);
        const before = await rawRows(t, h, id);
        const decision = await recordRetentionDecision(t, h.recordType, id);
        await h.deleteContent(t, id, decision);

        const after = await rawRows(t, h, id);
        expect(after).toHaveLength(ROWS + 1);
        after.slice(0, ROWS).forEach((row, i) => {
          expect(row).toMatchObject({ payload: null, payload_blanked_by: decision, payload_digest: before[i].payload_digest, hash: before[i].hash });
        });
        const deletion = after[ROWS];
        expect(deletion).toMatchObject({ kind: 'edited', from_state: before[ROWS - 1].to_state, to_state: before[ROWS - 1].to_state, payload_blanked_by: null, prev_hash: before[ROWS - 1].hash });
        expect(JSON.parse(String(deletion.payload))).toEqual({ retentionDecisionId: decision, deletedFields: h.content.fields });
        // It committed to the row as the deletion left it: the content digest moved, and verify finds the row as committed.
        const digestOf = (row: RawRow) => JSON.parse(String(row.row_digest)) as Record<string, string>;
        expect(digestOf(deletion)[h.content.column]).not.toEqual(digestOf(before[ROWS - 1])[h.content.column]);
        const [record] = await rawSql<Record<string, unknown>>(t, `SELECT ${h.content.column} AS content, version FROM ${h.content.table} WHERE id = $1`, [id]);
        expect(record).toEqual({ content: h.content.deleted, version: ROWS + 1 });
        expect(await h.verify(t, id)).toEqual({ valid: true, rows: ROWS + 1, head: deletion.hash });

        const history = await t.http().get(h.historyPath(id)).set('authorization', `Bearer ${await t.token(h.reader)}`);
        expect(history.status).toBe(200);
        const items = (history.body as { items: { summary: string; payloadBlankedBy: string | null }[] }).items;
        expect(items.slice(0, ROWS).map((item) => item.payloadBlankedBy)).toEqual(Array(ROWS).fill(decision));
        expect(items[ROWS].summary).toBe(`Content deleted under retention decision ${decision}: ${h.content.inWords}.`);
      });

      it('refused without a delete decision about this record from its own authority, or a second time: nothing changes', async () => {
        const id = await h.build(t);
        const other = await h.buildOne(t);
        const carriedOut = await recordRetentionDecision(t, h.recordType, id);
        const refusals = {
          'a made-up decision id': [randomUUID(), /No retention decision .* about this record/],
          'a decision about another record': [await recordRetentionDecision(t, h.recordType, other), /No retention decision .* about this record/],
          'a decision made by another authority': [await recordRetentionDecision(t, h.recordType, id, 'delete', randomUUID()), /No retention decision .* about this record/],
          'a decision to retain it': [await recordRetentionDecision(t, h.recordType, id, 'retain'), /is to retain this record/],
        } as const;
        const before = await rawRows(t, h, id);
        for (const [what, [decision, message]] of Object.entries(refusals)) {
          await expect(h.deleteContent(t, id, decision).then(() => what)).rejects.toMatchObject({ code: 'RETENTION_DECISION_INVALID', message: expect.stringMatching(message) as unknown });
        }
        expect(await rawRows(t, h, id)).toEqual(before);
        await h.deleteContent(t, id, carriedOut);
        const once = await rawRows(t, h, id);
        await expect(h.deleteContent(t, id, carriedOut)).rejects.toMatchObject({ code: 'RETENTION_DECISION_INVALID', message: expect.stringMatching(/already been carried out/) as unknown });
        expect(await rawRows(t, h, id)).toEqual(once);
      });
    });

    it('the append-only triggers are back in force after a tampering (UPDATE and DELETE refused again)', async () => {
      const { id, middle } = await intactChain(t, h);
      await tamper(t, h, Number(middle.seq), { to_state: String(middle.from_state) });
      await expect(rawSql(t, `UPDATE ${h.table} SET kind = 'edited' WHERE seq = $1`, [Number(middle.seq)])).rejects.toThrow(/append-only/);
      await expect(rawSql(t, `DELETE FROM ${h.table} WHERE seq = $1`, [Number(middle.seq)])).rejects.toThrow(/append-only/);
      expect(await rawRows(t, h, id)).toHaveLength(ROWS);
    });
  });
});
