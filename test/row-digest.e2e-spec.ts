/**
 * Verify binds the current row (issue 21, item 1; docs/architecture.md §11), for EVERY aggregate with a history
 * (applications, CD errors, disclosure requests). On SQLite and, with DATABASE_URL, on PostgreSQL.
 *
 * Each record is built through the HTTP API and verifies intact. Then, playing an insider with raw access, the
 * test edits the aggregate's own row alone — its status; its form (the CD error's report, the request's items);
 * its expiry (the CD error's report deadline, the request's time of sending) — leaving the chain untouched, and
 * checks that `GET …/history/verify` names the field, at the chain's last row. Put back as it was, the record
 * verifies again. The aggregate tables carry no triggers, so no trigger needs switching off.
 */
import canonicalize from 'canonicalize';
import { createApplication, GRANT_DECISION, SPOC_SECTION, step } from './support/applications';
import { createError, errorStep, verifyError } from './support/errors-http';
import { rawSql, verifyOf, type VerifyBody } from './support/lifecycle-http';
import { createTestApp, isPostgres, type TestApp } from './support/test-app';

/** One column of the aggregate's row, how to forge it, and how verify names it. */
interface RowEdit {
  what: string;
  column: string;
  /** A value it never had, from the stored one. */
  forge(stored: unknown): unknown;
  /** The field's key in `differs` and its name in words in the reason. */
  field: string;
  words: string;
}

interface AggregateCase {
  name: string;
  table: 'application' | 'cd_error' | 'disclosure_request';
  history: 'application_event' | 'cd_error_event' | 'disclosure_request_event';
  aggregateColumn: 'application_id' | 'error_id' | 'request_id';
  /** A record built through the API, with a value in every column edited below. */
  build(t: TestApp): Promise<string>;
  verify(t: TestApp, id: string): Promise<VerifyBody>;
  status: RowEdit;
  form: RowEdit;
  expiry: RowEdit;
}

/** A JSON column with one more key, as an insider would add a line to a form. */
const withExtra = (stored: unknown): string => canonicalize({ ...(JSON.parse(String(stored)) as object), addedBehindTheChain: 'yes' }) ?? '';

/** An instant a day later than the stored one. */
const dayLater = (stored: unknown): string => new Date(Date.parse(String(stored)) + 86_400_000).toISOString();

/** An authorised application: created, with the SPOC, granted by OCDA (it has an expiry). */
async function authorisedApplication(t: TestApp): Promise<{ id: string; version: number }> {
  let app = await createApplication(t);
  app = await step(t, 'applicant', app, { type: 'SUBMIT_TO_SPOC' });
  app = await step(t, 'spoc', app, { type: 'SUBMIT_FOR_AUTHORISATION', spoc: SPOC_SECTION });
  return step(t, 'ocda', app, { type: 'GRANT', decision: GRANT_DECISION });
}

const CASES: AggregateCase[] = [
  {
    name: 'application',
    table: 'application',
    history: 'application_event',
    aggregateColumn: 'application_id',
    build: async (t) => (await authorisedApplication(t)).id,
    verify: (t, id) => verifyOf(t, 'spoc', id),
    status: { what: 'its status', column: 'status', forge: () => 'draft', field: 'status', words: 'status' },
    form: { what: 'its form', column: 'form', forge: withExtra, field: 'form', words: 'form' },
    expiry: { what: 'its expiry', column: 'expires_at', forge: dayLater, field: 'expiresAt', words: 'expiry' },
  },
  {
    name: 'CD error',
    table: 'cd_error',
    history: 'cd_error_event',
    aggregateColumn: 'error_id',
    // A relevant error has a report deadline (IPCO-18 17.4).
    async build(t) {
      const entry = await createError(t, 'spoc');
      return (await errorStep(t, 'spoc', entry, { type: 'ASSESS', kind: 'relevantError' })).id;
    },
    verify: async (t, id) => (await verifyError(t, 'sro', id)) as VerifyBody,
    status: { what: 'its status', column: 'status', forge: () => 'closed', field: 'status', words: 'status' },
    form: { what: 'its report', column: 'report', forge: withExtra, field: 'report', words: 'report' },
    expiry: { what: 'its report deadline', column: 'report_due_at', forge: dayLater, field: 'reportDueAt', words: 'report due' },
  },
  {
    name: 'disclosure request',
    table: 'disclosure_request',
    history: 'disclosure_request_event',
    aggregateColumn: 'request_id',
    async build(t) {
      const app = await authorisedApplication(t);
      const spoc = `Bearer ${await t.token('spoc')}`;
      const csps = await t.http().get('/csps?pageSize=100').set('authorization', spoc);
      const cspId = (csps.body as { items: { code: string; id: string }[] }).items.find((c) => c.code === 'examplemobile')?.id;
      const made = await t.http().post(`/applications/${app.id}/disclosure-requests`).set('authorization', spoc).send({ cspId, items: [{ dataItemRef: 'd1' }] });
      if (made.status !== 201) throw new Error(`request failed ${made.status}: ${JSON.stringify(made.body)}`);
      const request = made.body as { id: string; version: number };
      const sent = await t.http().post(`/disclosure-requests/${request.id}/events`).set('authorization', spoc).set('If-Match', String(request.version)).send({ type: 'SEND' });
      if (sent.status !== 200) throw new Error(`SEND failed ${sent.status}: ${JSON.stringify(sent.body)}`);
      return request.id;
    },
    async verify(t, id) {
      const res = await t.http().get(`/disclosure-requests/${id}/history/verify`).set('authorization', `Bearer ${await t.token('spoc')}`);
      if (res.status !== 200) throw new Error(`verify failed ${res.status}`);
      return res.body as VerifyBody;
    },
    status: { what: 'its status', column: 'status', forge: () => 'pending', field: 'status', words: 'status' },
    form: { what: 'its items', column: 'items', forge: withExtra, field: 'items', words: 'items' },
    // A request has no expiry of its own: when it was sent is the date its CSP's duty runs from.
    expiry: { what: 'when it was sent', column: 'sent_at', forge: dayLater, field: 'sentAt', words: 'sent' },
  },
];

describe(`verify binds the current row (issue 21, item 1; ${isPostgres() ? 'PostgreSQL' : 'SQLite'})`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  describe.each(CASES)('$name', (c) => {
    /** The chain's last row, as stored. */
    async function lastRow(id: string): Promise<{ seq: number; position: number; toState: string; rowDigest: string | null }> {
      const rows = await rawSql<{ seq: number | string; position: number | string; to_state: string; row_digest: string | null }>(
        t,
        `SELECT seq, position, to_state, row_digest FROM ${c.history} WHERE ${c.aggregateColumn} = $1 ORDER BY position DESC`,
        [id],
      );
      return { seq: Number(rows[0].seq), position: Number(rows[0].position), toState: rows[0].to_state, rowDigest: rows[0].row_digest };
    }

    async function stored(id: string, column: string): Promise<unknown> {
      const [row] = await rawSql<Record<string, unknown>>(t, `SELECT ${column} AS value FROM ${c.table} WHERE id = $1`, [id]);
      return row.value;
    }

    const setColumns = (id: string, changes: Record<string, unknown>) => {
      const columns = Object.keys(changes);
      return rawSql(t, `UPDATE ${c.table} SET ${columns.map((col, i) => `${col} = $${i + 1}`).join(', ')} WHERE id = $${columns.length + 1}`, [
        ...columns.map((col) => changes[col]),
        id,
      ]);
    };

    it('an untouched record verifies valid, its last history row committing to every field of its row', async () => {
      const id = await c.build(t);
      const last = await lastRow(id);
      const result = await c.verify(t, id);
      expect(result).toEqual({ valid: true, rows: last.position, head: expect.any(String) as unknown });
      const committed = JSON.parse(String(last.rowDigest)) as Record<string, string>;
      for (const edit of [c.status, c.form, c.expiry]) expect(committed[edit.field]).toMatch(/^[0-9a-f]{64}$/);
    });

    it.each([
      ['status', c.status],
      ['form', c.form],
      ['expiry', c.expiry],
    ] as const)('the row edited alone (%s): verify names the field at the last row; put back, it verifies again', async (_label, edit) => {
      const id = await c.build(t);
      const last = await lastRow(id);
      const original = await stored(id, edit.column);
      expect(original).not.toBeNull();
      const forged = edit.forge(original);
      expect(forged).not.toEqual(original);
      await setColumns(id, { [edit.column]: forged });

      const broken = await c.verify(t, id);
      expect(broken).toEqual({
        valid: false,
        rows: last.position,
        firstBroken: {
          seq: last.seq,
          position: last.position,
          reason: expect.stringContaining(`the stored record differs from what its history last committed to: ${edit.words}`) as unknown,
          differs: [edit.field],
        },
      });
      if (edit === c.status) {
        // The status is also held against the state the last row left the record in.
        expect(broken.valid === false && broken.firstBroken.reason).toContain(`its status is ${String(forged)}, but its history last left it ${last.toState}`);
      }

      await setColumns(id, { [edit.column]: original });
      expect(await c.verify(t, id)).toEqual({ valid: true, rows: last.position, head: expect.any(String) as unknown });
    });

    it('several fields edited together: verify names each of them, in the record’s order', async () => {
      const id = await c.build(t);
      const last = await lastRow(id);
      const edits = [c.expiry, c.form, c.status];
      const changes: Record<string, unknown> = {};
      for (const edit of edits) changes[edit.column] = edit.forge(await stored(id, edit.column));
      await setColumns(id, changes);
      const broken = await c.verify(t, id);
      expect(broken).toMatchObject({ valid: false, firstBroken: { seq: last.seq, position: last.position } });
      const differs = broken.valid ? [] : ((broken.firstBroken as { differs?: string[] }).differs ?? []);
      expect([...differs].sort()).toEqual([c.status.field, c.form.field, c.expiry.field].sort());
      // status first: the projection's own order
      expect(differs[0]).toBe('status');
    });
  });
});
