/**
 * Retention decisions against what commits while they wait (issue 24, item 6; docs/retention.md), on PostgreSQL,
 * where transactions run side by side at READ COMMITTED (SQLite runs one write at a time). A decision takes its
 * record's row lock before it reads the holds and the earlier decisions, so a hold placed, or a decision to retain
 * made, by a transaction it had to wait for is what it judges by. Here the other transaction is held open by hand on
 * its own connection, holding the record's lock as the service's own does, and commits while the decision waits.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { RetentionReviews } from '../src/retention/public-api';
import { createApplication, step } from './support/applications';
import { rawSql } from './support/lifecycle-http';
import { createTestApp, type TestApp } from './support/test-app';

const DUE_AT = '2031-03-02T10:00:00.000Z';

describe('retention decisions racing other transactions (PostgreSQL)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  /** A withdrawn application, due for review. */
  async function dueRecord(): Promise<{ id: string; authorityId: string }> {
    t.clock.set('2026-03-02T10:00:00.000Z');
    const app = await step(t, 'applicant', await createApplication(t), { type: 'WITHDRAW', reason: 'No longer needed.' });
    t.clock.set(DUE_AT);
    await t.app.get(RetentionReviews).tick();
    const [row] = await rawSql<{ authority_id: string }>(t, 'SELECT authority_id FROM application WHERE id = $1', [app.id]);
    return { id: app.id, authorityId: row.authority_id };
  }

  /** Until another session of this database waits on a lock (at most five seconds). */
  async function lockWaiter(): Promise<void> {
    for (let i = 0; i < 50; i += 1) {
      const [row] = await t.dataSource.query<{ n: string }[]>("SELECT COUNT(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");
      if (Number(row.n) > 0) return;
      await sleep(100);
    }
  }

  /**
   * Sends a decision to delete while another connection holds the record's lock, runs `meanwhile` on that connection,
   * commits it, and answers the decision's response.
   */
  async function deleteWhile(recordId: string, meanwhile: (query: (sql: string, parameters: unknown[]) => Promise<unknown>) => Promise<void>) {
    const runner = t.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('BEGIN');
      await runner.query('SELECT 1 FROM application WHERE id = $1 FOR UPDATE', [recordId]);
      const decision = t
        .http()
        .post('/retention/decisions')
        .set('authorization', `Bearer ${await t.token('sro')}`)
        .send({ recordType: 'application', recordId, decision: 'delete', reason: 'Past its five years.' })
        .then((res) => res);
      // The decision is sent and waits on the lock (without it, it would answer at once, and this test fail); what this
      // transaction writes commits before it can go on.
      await lockWaiter();
      await meanwhile((sql, parameters) => runner.query(sql, parameters));
      await runner.query('COMMIT');
      return await decision;
    } finally {
      await runner.release();
    }
  }

  it('sees a legal hold placed while it waited, and deletes nothing', async () => {
    const record = await dueRecord();
    const res = await deleteWhile(record.id, async (query) => {
      await query(
        'INSERT INTO legal_hold (id, record_type, record_id, authority_id, kind, reason, placed_by, placed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
        [randomUUID(), 'application', record.id, record.authorityId, 'criminalProceedings', 'R v Smith: trial listed.', randomUUID(), DUE_AT],
      );
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'RETENTION_LEGAL_HOLD' });
    const [form] = await rawSql<{ form: string }>(t, 'SELECT form FROM application WHERE id = $1', [record.id]);
    expect(form.form).not.toBe('{}');
  });

  it('sees a decision to retain made while it waited, and deletes nothing', async () => {
    const record = await dueRecord();
    const res = await deleteWhile(record.id, async (query) => {
      await query(
        'INSERT INTO retention_decision (id, record_type, record_id, authority_id, decision, reason, decided_by, decided_at, review_again_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
        [randomUUID(), 'application', record.id, record.authorityId, 'retain', 'A linked trial is listed.', randomUUID(), DUE_AT, '2033-01-01T00:00:00.000Z'],
      );
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'RETENTION_NOT_DUE' });
    const [form] = await rawSql<{ form: string }>(t, 'SELECT form FROM application WHERE id = $1', [record.id]);
    expect(form.form).not.toBe('{}');
  });
});
