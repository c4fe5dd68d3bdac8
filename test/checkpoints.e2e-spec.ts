/**
 * Signed checkpoints (issue 21, item 2; docs/architecture.md §11, "Signed checkpoints"), on SQLite and, with
 * DATABASE_URL, on PostgreSQL. Checkpoints are made every N history rows and hourly; the public key is public; a
 * clean database verifies. Then, playing an insider with raw access to the database, each test tampers in a way
 * each chain's own verification cannot see — the last rows of a chain deleted with the record rolled back to match,
 * a whole chain rewritten with recomputed hashes — and the checkpoints name the checkpoint, table and seq range.
 * Last, `npm run verify-archive` checks a SQLite copy offline with only the public key.
 */
import { ApplicationsService } from '../src/applications/applications.service';
import { SCHEDULER } from '../src/auth/actor';
import { CheckpointsService } from '../src/database/checkpoints/checkpoints.service';
import type { StoredHistoryRow } from '../src/database/checkpoints/history-rows';
import { type AppRecord, createApplication, GRANT_DECISION, SPOC_SECTION, step } from './support/applications';
import { archiveChecker } from './support/archive-check';
import { chainRows, rewriteChain } from './support/chain-rewrite';
import { withAppendOnlyTriggersOff } from './support/history-triggers';
import { rawSql, verifyOf } from './support/lifecycle-http';
import { recordRetentionDecision } from './support/retention-decisions';
import { createTestApp, isPostgres, type TestApp } from './support/test-app';

/** A checkpoint every two history rows, so each step below is covered by the next tick. */
const EVERY_TWO = { env: { CHECKPOINT_EVERY_ROWS: '2' } };

interface Verification {
  valid: boolean;
  checkpoints: number;
  firstFailing?: { checkpointId: number; table: string | null; seqRange: [number, number] | null; aggregateId: string | null; reason: string };
  notYetCovered: { table: string; from: number; to: number; rows: number }[];
}

async function verifyCheckpoints(t: TestApp, user = 'admin'): Promise<Verification> {
  const res = await t.http().get('/checkpoints/verify').set('authorization', `Bearer ${await t.token(user)}`).expect(200);
  return res.body as Verification;
}

/** The application's history rows as stored, in position order. */
const rowsOf = (t: TestApp, id: string): Promise<StoredHistoryRow[]> => chainRows(t, 'application_event', id);

/** The two first steps of an application (created, sent to the SPOC): two history rows. */
async function drafted(t: TestApp): Promise<AppRecord> {
  return step(t, 'applicant', await createApplication(t), { type: 'SUBMIT_TO_SPOC' });
}

/** The two next (submitted for authorisation, granted): two more. */
async function granted(t: TestApp, app: AppRecord): Promise<AppRecord> {
  return step(t, 'ocda', await step(t, 'spoc', app, { type: 'SUBMIT_FOR_AUTHORISATION', spoc: SPOC_SECTION }), { type: 'GRANT', decision: GRANT_DECISION });
}

/** Runs `tamper` with the checkpoints' immutable triggers out of the way (1764100000000-checkpoints), then restores them. */
async function withCheckpointTriggersOff<T>(t: TestApp, tamper: () => Promise<T>): Promise<T> {
  if (isPostgres()) {
    await rawSql(t, 'ALTER TABLE history_checkpoint DISABLE TRIGGER history_checkpoint_immutable');
    try {
      return await tamper();
    } finally {
      await rawSql(t, 'ALTER TABLE history_checkpoint ENABLE TRIGGER history_checkpoint_immutable');
    }
  }
  const [saved] = await rawSql<{ sql: string }>(t, "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'history_checkpoint_no_update'");
  await rawSql(t, 'DROP TRIGGER history_checkpoint_no_update');
  try {
    return await tamper();
  } finally {
    await rawSql(t, saved.sql);
  }
}

describe(`signed checkpoints (${isPostgres() ? 'PostgreSQL' : 'SQLite'}; issue 21, item 2)`, () => {
  describe('made, published and verified', () => {
    let t: TestApp;
    let checkpoints: CheckpointsService;
    beforeAll(async () => {
      t = await createTestApp(EVERY_TWO);
      checkpoints = t.app.get(CheckpointsService);
    });
    afterAll(() => t.close());

    it('makes a checkpoint once N history rows are written, and not before', async () => {
      const app = await createApplication(t);
      expect(await checkpoints.tick()).toBeNull();
      await step(t, 'applicant', app, { type: 'SUBMIT_TO_SPOC' });
      const made = await checkpoints.tick();
      const rows = await rowsOf(t, app.id);
      expect(made).toMatchObject({ id: 1, reason: 'rows', prevSignature: null });
      expect(made?.seqs.application_event).toBe(rows[1].seq);
      expect(JSON.parse(made?.heads ?? '{}')).toEqual({ application_event: { [app.id]: rows[1].hash } });
      expect(await checkpoints.tick()).toBeNull();
    });

    it('makes one hourly while any row is not yet covered', async () => {
      const app = await createApplication(t);
      expect(await checkpoints.tick()).toBeNull();
      t.clock.advance(3_600_000);
      const made = await checkpoints.tick();
      expect(made).toMatchObject({ id: 2, reason: 'hourly' });
      expect(JSON.parse(made?.heads ?? '{}')).toEqual({ application_event: { [app.id]: (await rowsOf(t, app.id))[0].hash } });
    });

    it('publishes the public key to anyone', async () => {
      const res = await t.http().get('/checkpoints/key').expect(200);
      expect(res.body).toMatchObject({ algorithm: 'Ed25519', ephemeral: true, keyId: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown });
      expect((res.body as { publicKeyPem: string }).publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    });

    it('verifies a clean database, and reports the rows not yet covered without failing', async () => {
      await createApplication(t);
      const result = await verifyCheckpoints(t);
      expect(result).toMatchObject({ valid: true, checkpoints: 2 });
      expect(result.notYetCovered).toEqual([expect.objectContaining({ table: 'application_event', rows: 1 })]);
      expect((await verifyCheckpoints(t, 'admin')).valid).toBe(true);
    });

    it('names a checkpoint whose signature was tampered with', async () => {
      const [second] = await rawSql<{ signature: string }>(t, 'SELECT signature FROM history_checkpoint WHERE id = 2');
      const forged = Buffer.alloc(64, 7).toString('base64');
      await withCheckpointTriggersOff(t, () => rawSql(t, 'UPDATE history_checkpoint SET signature = $1 WHERE id = 2', [forged]));
      const result = await verifyCheckpoints(t);
      expect(result.valid).toBe(false);
      expect(result.firstFailing).toMatchObject({ checkpointId: 2, table: null, reason: expect.stringContaining('signature does not verify') as unknown });
      await withCheckpointTriggersOff(t, () => rawSql(t, 'UPDATE history_checkpoint SET signature = $1 WHERE id = 2', [second.signature]));
      expect((await verifyCheckpoints(t)).valid).toBe(true);
    });

    it('refuses to change or delete a checkpoint (immutable)', async () => {
      await expect(rawSql(t, "UPDATE history_checkpoint SET reason = 'rows' WHERE id = 2")).rejects.toThrow(/cannot be changed/);
      await expect(rawSql(t, 'DELETE FROM history_checkpoint WHERE id = 1')).rejects.toThrow(/cannot be changed/);
    });
  });

  it('names the checkpoint that covered the last history rows of an application, deleted with the record rolled back to match', async () => {
    const t = await createTestApp(EVERY_TWO);
    try {
      const checkpoints = t.app.get(CheckpointsService);
      const app = await drafted(t);
      const first = await checkpoints.tick();
      expect(first).toMatchObject({ id: 1 });
      // The record as its second row left it, every column, to put back once its later rows are gone.
      const [before] = await rawSql<Record<string, unknown>>(t, 'SELECT * FROM application WHERE id = $1', [app.id]);
      await granted(t, app);
      expect(await checkpoints.tick()).toMatchObject({ id: 2 });
      const rows = await rowsOf(t, app.id);
      expect(rows.map((r) => r.position)).toEqual([1, 2, 3, 4]);

      await withAppendOnlyTriggersOff(t, 'application_event', () => rawSql(t, 'DELETE FROM application_event WHERE application_id = $1 AND position > 2', [app.id]));
      const columns = Object.keys(before).filter((c) => c !== 'id');
      await rawSql(t, `UPDATE application SET ${columns.map((c, i) => `${c} = $${i + 1}`).join(', ')} WHERE id = $${columns.length + 1}`, [...columns.map((c) => before[c]), app.id]);

      // The chain on its own is consistent again: only the checkpoint knows what was there.
      expect(await verifyOf(t, 'spoc', app.id)).toMatchObject({ valid: true, rows: 2 });
      const result = await verifyCheckpoints(t);
      expect(result.valid).toBe(false);
      expect(result.firstFailing).toMatchObject({
        checkpointId: 2,
        table: 'application_event',
        seqRange: [(first?.seqs.application_event ?? 0) + 1, rows[3].seq],
        aggregateId: app.id,
        reason: expect.stringContaining('rows deleted') as unknown,
      });
    } finally {
      await t.close();
    }
  });

  it('names the first checkpoint after the first changed row of a chain rewritten whole with recomputed hashes', async () => {
    const t = await createTestApp(EVERY_TWO);
    try {
      const checkpoints = t.app.get(CheckpointsService);
      await drafted(t);
      const first = await checkpoints.tick();
      expect(first).toMatchObject({ id: 1 });
      const target = await drafted(t);
      expect(await checkpoints.tick()).toMatchObject({ id: 2 });
      await granted(t, target);
      expect(await checkpoints.tick()).toMatchObject({ id: 3 });
      const rows = await rowsOf(t, target.id);

      // From its first row: an earlier time, then every hash and link recomputed (HashChain.hashOf), and the head.
      await rewriteChain(t, 'application_event', target.id, (row) => (row.position === 1 ? { at: new Date(Date.parse(row.at) - 60_000).toISOString() } : {}));

      expect(await verifyOf(t, 'spoc', target.id)).toMatchObject({ valid: true, rows: 4 });
      const result = await verifyCheckpoints(t);
      expect(result.valid).toBe(false);
      expect(result.firstFailing).toMatchObject({
        checkpointId: 2,
        table: 'application_event',
        seqRange: [(first?.seqs.application_event ?? 0) + 1, rows[1].seq],
        aggregateId: target.id,
        reason: expect.stringContaining('not the one the checkpoint signed') as unknown,
      });
    } finally {
      await t.close();
    }
  });

  it('covers the security audit stream (issue 24, item 1): its events are signed, and a stream rewritten whole is named', async () => {
    const t = await createTestApp(EVERY_TWO);
    try {
      const checkpoints = t.app.get(CheckpointsService);
      await t.http().get('/audit').set('authorization', `Bearer ${await t.token('spoc')}`).expect(403);
      await t.http().get('/audit').set('authorization', `Bearer ${await t.token('applicant')}`).expect(403);
      const [{ authority_id: stream }] = await rawSql<{ authority_id: string }>(t, "SELECT authority_id FROM user_account WHERE username = 'spoc'");
      expect(await checkpoints.tick()).toMatchObject({ id: 1, seqs: { security_event: 2 }, heads: expect.stringContaining(stream) as unknown });
      expect(await verifyCheckpoints(t)).toMatchObject({ valid: true, checkpoints: 1 });

      await rewriteChain(t, 'security_event', stream, (row) => (row.position === 1 ? { at: new Date(Date.parse(row.at) - 60_000).toISOString() } : {}));

      expect(await verifyCheckpoints(t)).toMatchObject({
        valid: false,
        firstFailing: { checkpointId: 1, table: 'security_event', aggregateId: stream, reason: expect.stringContaining('not the one the checkpoint signed') as unknown },
      });
    } finally {
      await t.close();
    }
  });

  // SQLite: a copy made with VACUUM INTO, as an inspector would be handed; PostgreSQL: the test's own schema, read in
  // a read-only transaction (the tool never writes), so both of the tool's ways of opening a database are run.
  it(`npm run verify-archive checks ${isPostgres() ? 'a PostgreSQL schema' : 'a SQLite copy'} offline with the public key: valid, then not after the record is edited alone or its chain tampered with`, async () => {
    const t = await createTestApp(EVERY_TWO);
    const checker = await archiveChecker(t);
    const { archive, check } = checker;
    try {
      const checkpoints = t.app.get(CheckpointsService);
      const app = await drafted(t);
      expect(await checkpoints.tick()).toMatchObject({ id: 1 });

      const clean = await check(await archive('clean.sqlite'));
      expect(clean).toMatchObject({ code: 0, out: expect.stringContaining('The archive is valid.') as unknown });
      expect(clean.out).toContain('All 1 checkpoint(s) verify');

      // The record edited alone, its chain untouched (issue 21, item 1): named field by field, as verify names it.
      await rawSql(t, "UPDATE application SET status = 'authorised', expires_at = '2026-12-31T23:59:59.999Z' WHERE id = $1", [app.id]);
      const edited = await check(await archive('edited.sqlite'));
      expect(edited.code).toBe(1);
      expect(edited.out).toContain(`Record ${app.id} in application_event: the stored record differs from what its history last committed to: status, expiry`);
      expect(edited.out).toContain('All 1 checkpoint(s) verify');
      await rawSql(t, 'UPDATE application SET status = $1, expires_at = NULL WHERE id = $2', [app.status, app.id]);
      expect((await check(await archive('restored.sqlite'))).code).toBe(0);

      // Its content deleted under a retention decision (issue 21, item 3): the blanked payloads and the row the deletion
      // appended still verify, offline too.
      const decision = await recordRetentionDecision(t, 'application', app.id);
      await t.app.get(ApplicationsService).deleteContentUnderDecision(SCHEDULER, app.id, decision);
      expect(await rawSql(t, 'SELECT payload FROM application_event WHERE application_id = $1 AND payload IS NOT NULL', [app.id])).toHaveLength(1);
      expect(await check(await archive('deleted.sqlite'))).toMatchObject({ code: 0, out: expect.stringContaining('The archive is valid.') as unknown });

      const [first] = await rowsOf(t, app.id);
      await withAppendOnlyTriggersOff(t, 'application_event', () => rawSql(t, "UPDATE application_event SET kind = 'edited' WHERE seq = $1", [first.seq]));
      const tampered = await check(await archive('tampered.sqlite'));
      expect(tampered.code).toBe(1);
      expect(tampered.out).toContain(`Chain of ${app.id} in application_event is broken at position 1 (seq ${first.seq}): row content does not match its hash (row altered).`);
      expect(tampered.out).toContain('Checkpoint 1 (made 2026-03-02T10:00:00.000Z) fails on application_event');
      expect(tampered.out).toContain('The archive is NOT valid.');
    } finally {
      await t.close();
      checker.remove();
    }
  }, 180_000);
});
