/**
 * The application history (docs/architecture.md §4 step 5, §6, §11): append-only in the database itself,
 * hash-chained, verifiable. On SQLite and, with DATABASE_URL, on PostgreSQL.
 *
 * 1. With the migration's triggers: UPDATE and DELETE are refused; blanking a payload needs a retention
 *    decision id and must leave every other column alone; the chain still verifies afterwards.
 * 2. The stored rows' columns: kind, states, event, actor, decider, roles, instant, machine version, guard
 *    inputs, payload and its digest, hash links (recomputed here from the documented formula), global
 *    `seq` — read from the table, since `GET …/history` shows a summary of them; and that summary agrees
 *    with them (test/application-conversation.e2e-spec.ts covers the names and words it adds).
 * 3. With the triggers DROPPED (a DBA with raw access): every kind of tampering is found, at the exact row.
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { APPLICATION_MACHINE_VERSION } from '../src/workflow/application.machine';
import { completeForm, createApplication, GRANT_DECISION, SPOC_SECTION, step, type AppRecord, DSO_SPOC_EXCEPTION } from './support/applications';
import { historyOf, rawSql, userIds, verifyOf, type HistoryItem } from './support/lifecycle-http';
import { recordRetentionDecision } from './support/retention-decisions';
import { createTestApp, isPostgres, type TestApp } from './support/test-app';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const GENESIS = '0'.repeat(64);
const OCDA_RECORD = {
  ...GRANT_DECISION,
  ocdaReference: 'OCDA-2026-000123',
  deciderName: 'Olivia OCDA Authorising Officer',
  // Between the submission (10:02) and the recording (10:03): a recorded decision is never backdated (docs/law.md §2.3).
  decidedAt: '2026-03-02T10:02:30+00:00',
};

/** A stored row, its JSON columns parsed, in the names the hash formula uses. */
interface StoredRow {
  seq: number;
  position: number;
  kind: string;
  fromState: string | null;
  toState: string;
  eventType: string | null;
  actorId: string;
  deciderId: string | null;
  actorRoles: string[];
  at: string;
  machineVersion: string;
  guardInputs: Record<string, unknown> | null;
  /** The stored canonical JSON, as text. */
  payloadText: string | null;
  payload: unknown;
  payloadDigest: string;
  payloadBlankedBy: string | null;
  prevHash: string;
  hash: string;
  /** What the row committed the application's row to be (issue 21, item 1); a hash input when present. */
  rowDigest: string | null;
}

async function storedRows(t: TestApp, id: string): Promise<StoredRow[]> {
  const rows = await rawSql<Record<string, string | number | null>>(
    t,
    'SELECT * FROM application_event WHERE application_id = $1 ORDER BY position',
    [id],
  );
  return rows.map((r) => ({
    seq: Number(r.seq),
    position: Number(r.position),
    kind: String(r.kind),
    fromState: r.from_state === null ? null : String(r.from_state),
    toState: String(r.to_state),
    eventType: r.event_type === null ? null : String(r.event_type),
    actorId: String(r.actor_id),
    deciderId: r.decider_id === null ? null : String(r.decider_id),
    actorRoles: JSON.parse(String(r.actor_roles)) as string[],
    at: String(r.at),
    machineVersion: String(r.machine_version),
    guardInputs: r.guard_inputs === null ? null : (JSON.parse(String(r.guard_inputs)) as Record<string, unknown>),
    payloadText: r.payload === null ? null : String(r.payload),
    payload: r.payload === null ? null : (JSON.parse(String(r.payload)) as unknown),
    payloadDigest: String(r.payload_digest),
    payloadBlankedBy: r.payload_blanked_by === null ? null : String(r.payload_blanked_by),
    prevHash: String(r.prev_hash),
    hash: String(r.hash),
    rowDigest: r.row_digest === null ? null : String(r.row_digest),
  }));
}

/** `hash = sha256(prev_hash ‖ canonical_json(row with payload_digest))`, recomputed independently. */
function expectedHash(applicationId: string, row: StoredRow): string {
  const input = canonicalize({
    applicationId,
    position: row.position,
    kind: row.kind,
    fromState: row.fromState,
    toState: row.toState,
    eventType: row.eventType,
    actorId: row.actorId,
    deciderId: row.deciderId,
    actorRoles: row.actorRoles,
    at: row.at,
    machineVersion: row.machineVersion,
    guardInputs: row.guardInputs === null ? null : (canonicalize(row.guardInputs) ?? null),
    payloadDigest: row.payloadDigest,
    prevHash: row.prevHash,
    // Only when present (docs/architecture.md §11): rows written before row digests keep their hashes.
    ...(row.rowDigest === null ? {} : { rowDigest: row.rowDigest }),
  });
  return sha256(row.prevHash + (input ?? ''));
}

/** A fresh ipc60A application with four history rows: created, SUBMIT_TO_SPOC, SUBMIT_FOR_AUTHORISATION, GRANT. */
async function fourRows(t: TestApp): Promise<{ app: AppRecord; rows: HistoryItem[] }> {
  let app = await createApplication(t);
  app = await step(t, 'applicant', app, { type: 'SUBMIT_TO_SPOC' });
  app = await step(t, 'spoc', app, { type: 'SUBMIT_FOR_AUTHORISATION', spoc: SPOC_SECTION });
  app = await step(t, 'ocda', app, { type: 'GRANT', decision: GRANT_DECISION });
  const rows = await historyOf(t, 'spoc', app.id);
  expect(rows.map((r) => r.position)).toEqual([1, 2, 3, 4]);
  await expect(verifyOf(t, 'spoc', app.id)).resolves.toMatchObject({ valid: true, rows: 4 });
  return { app, rows };
}

describe(`application history (${isPostgres() ? 'PostgreSQL' : 'SQLite'})`, () => {
  let t: TestApp;
  let ids: Map<string, string>;
  const idOf = (u: string): string => ids.get(u) ?? '(unknown)';

  beforeAll(async () => {
    t = await createTestApp();
    ids = await userIds(t, ['applicant', 'spoc', 'dso', 'ocda']);
  });
  afterAll(() => t.close());

  describe('append-only, enforced by the database triggers', () => {
    it('refuses UPDATE and DELETE of history rows (raw SQL)', async () => {
      const { app, rows } = await fourRows(t);
      await expect(rawSql(t, "UPDATE application_event SET to_state = 'x'")).rejects.toThrow(/append-only/);
      await expect(
        rawSql(t, "UPDATE application_event SET to_state = 'x' WHERE application_id = $1 AND position = 2", [app.id]),
      ).rejects.toThrow(/append-only/);
      await expect(
        rawSql(t, 'UPDATE application_event SET actor_id = $1 WHERE application_id = $2 AND position = 2', [idOf('dso'), app.id]),
      ).rejects.toThrow(/append-only/);
      await expect(rawSql(t, 'DELETE FROM application_event')).rejects.toThrow(/append-only/);
      await expect(
        rawSql(t, 'DELETE FROM application_event WHERE application_id = $1 AND position = 4', [app.id]),
      ).rejects.toThrow(/append-only/);
      expect(await historyOf(t, 'spoc', app.id)).toEqual(rows);
      await expect(verifyOf(t, 'spoc', app.id)).resolves.toMatchObject({ valid: true, rows: 4 });
    });

    it('blanks a payload only under a retention decision, every other column unchanged; verify still passes', async () => {
      const { app, rows } = await fourRows(t);
      const decision = await recordRetentionDecision(t, 'application', app.id);
      // no retention decision id
      await expect(
        rawSql(t, 'UPDATE application_event SET payload = NULL WHERE application_id = $1 AND position = 2', [app.id]),
      ).rejects.toThrow(/append-only/);
      // a decision id, but something else changes too
      await expect(
        rawSql(
          t,
          "UPDATE application_event SET payload = NULL, payload_blanked_by = $1, to_state = 'x' WHERE application_id = $2 AND position = 2",
          [decision, app.id],
        ),
      ).rejects.toThrow(/append-only/);
      await expect(
        rawSql(
          t,
          "UPDATE application_event SET payload = NULL, payload_blanked_by = $1, payload_digest = 'x' WHERE application_id = $2 AND position = 2",
          [decision, app.id],
        ),
      ).rejects.toThrow(/append-only/);
      // the category of a SPOC's reason, indexed beside the payload, is frozen with it (docs/statistics.md §3)
      await expect(
        rawSql(
          t,
          "UPDATE application_event SET payload = NULL, payload_blanked_by = $1, reason_code = 'other' WHERE application_id = $2 AND position = 2",
          [decision, app.id],
        ),
      ).rejects.toThrow(/append-only/);
      // a decision id recorded without blanking is not a blanking
      await expect(
        rawSql(t, 'UPDATE application_event SET payload_blanked_by = $1 WHERE application_id = $2 AND position = 2', [decision, app.id]),
      ).rejects.toThrow(/append-only/);

      // the legitimate blanking
      await rawSql(t, 'UPDATE application_event SET payload = NULL, payload_blanked_by = $1 WHERE application_id = $2 AND position = 2', [
        decision,
        app.id,
      ]);
      const after = await historyOf(t, 'spoc', app.id);
      // The view says the content is gone rather than failing on it; the other rows read as before.
      expect(after[1]).toEqual({
        ...rows[1],
        payloadBlankedBy: decision,
        changes: { fields: [], notes: [] },
        summary: 'Submitted to the SPOC. Its content has been removed under a retention decision.',
      });
      expect((await storedRows(t, app.id))[1]).toMatchObject({ payload: null, payloadBlankedBy: decision });
      expect(after.filter((_, i) => i !== 1)).toEqual(rows.filter((_, i) => i !== 1));
      await expect(verifyOf(t, 'spoc', app.id)).resolves.toMatchObject({ valid: true, rows: 4 });

      // once blanked, the decision id is frozen too
      const another = await recordRetentionDecision(t, 'application', app.id);
      await expect(
        rawSql(t, 'UPDATE application_event SET payload_blanked_by = $1 WHERE application_id = $2 AND position = 2', [another, app.id]),
      ).rejects.toThrow(/append-only/);
    });
  });

  describe('the rows', () => {
    it('record kind, states, event, actor, decider, roles, instant, machine version, guard inputs, digest and hash links', async () => {
      t.clock.set('2026-03-02T10:00:00.000Z');
      let app = await createApplication(t);
      t.clock.advance(60_000);
      app = await step(t, 'applicant', app, { type: 'SUBMIT_TO_SPOC' });
      t.clock.advance(60_000);
      app = await step(t, 'spoc', app, { type: 'SUBMIT_FOR_AUTHORISATION', spoc: SPOC_SECTION });
      t.clock.advance(60_000);
      // a SPOC records OCDA's decision, taken in OCDA's own system: the actor is the SPOC, the decider
      // (an OCDA officer who is not a user here) is not a person id of ours
      app = await step(t, 'spoc', app, { type: 'GRANT', decision: OCDA_RECORD });
      expect(app).toMatchObject({ status: 'authorised', version: 4, grantedById: null });

      const rows = await storedRows(t, app.id);
      expect(rows).toHaveLength(4);
      expect(rows.map((r) => [r.position, r.kind, r.fromState, r.toState, r.eventType])).toEqual([
        [1, 'created', null, 'draft', null],
        [2, 'transition', 'draft', 'spocReview', 'SUBMIT_TO_SPOC'],
        [3, 'transition', 'spocReview', 'awaitingAuthorisation', 'SUBMIT_FOR_AUTHORISATION'],
        [4, 'transition', 'awaitingAuthorisation', 'authorised', 'GRANT'],
      ]);
      expect(rows.map((r) => [r.actorId, r.deciderId, r.actorRoles])).toEqual([
        [idOf('applicant'), null, ['applicant']],
        [idOf('applicant'), null, ['applicant']],
        [idOf('spoc'), null, ['spoc']],
        [idOf('spoc'), null, ['spoc']],
      ]);
      expect(rows.map((r) => r.at)).toEqual([
        '2026-03-02T10:00:00.000Z',
        '2026-03-02T10:01:00.000Z',
        '2026-03-02T10:02:00.000Z',
        '2026-03-02T10:03:00.000Z',
      ]);
      for (const row of rows) expect(row.machineVersion).toBe(APPLICATION_MACHINE_VERSION);

      // guard inputs: none for the creation; for each transition, what a replay needs
      expect(rows[0].guardInputs).toBeNull();
      for (const row of rows.slice(1)) {
        expect(row.guardInputs).toMatchObject({
          machineVersion: APPLICATION_MACHINE_VERSION,
          eventType: row.eventType,
          now: row.at,
          actor: { id: row.actorId, roles: row.actorRoles },
          application: { id: app.id, status: row.fromState },
          event: { type: row.eventType },
        });
        expect((row.guardInputs as { guardsRun: string[] }).guardsRun.length).toBeGreaterThan(0);
      }
      expect(rows[1].guardInputs).toMatchObject({ guardsRun: ['APPLICANT_OF_RECORD', 'FORM_COMPLETE', 'SENSITIVE_PROFESSION_ADDRESSED'] });
      expect(rows[3].guardInputs).toMatchObject({
        resolvedDecider: { id: null, recordedOnBehalf: true },
        decider: null,
        journalisticSourceBranch: false,
        event: { decision: { ocdaReference: 'OCDA-2026-000123', deciderName: 'Olivia OCDA Authorising Officer' } },
      });

      // payloads: stored as canonical JSON, the digest is its sha256
      for (const row of rows) {
        expect(row.payloadText).not.toBeNull();
        expect(row.payloadDigest).toBe(sha256(String(row.payloadText)));
        expect(canonicalize(row.payload)).toBe(row.payloadText);
      }
      expect(rows[0].payload).toMatchObject({ form: { route: 'ipc60A', operationName: 'Op Kestrel' } });
      expect(rows[3].payload).toMatchObject({ type: 'GRANT', decision: { ocdaReference: 'OCDA-2026-000123' } });

      // the chain: genesis, links, each hash recomputed from the documented formula, head = last hash
      expect(rows[0].prevHash).toBe(GENESIS);
      // every row written through the service commits to the application's row it left (issue 21, item 1)
      for (const row of rows) expect(row.rowDigest).toEqual(expect.any(String));
      for (const [i, row] of rows.entries()) {
        if (i > 0) expect(row.prevHash).toBe(rows[i - 1].hash);
        expect(row.hash).toBe(expectedHash(app.id, row));
      }
      await expect(verifyOf(t, 'spoc', app.id)).resolves.toEqual({ valid: true, rows: 4, head: rows[3].hash });

      // GET …/history shows these rows' columns, less the guard inputs and the payload, which it summarises.
      const view = await historyOf(t, 'spoc', app.id);
      expect(view).toEqual(
        rows.map((row): unknown =>
          expect.objectContaining({
            seq: row.seq,
            position: row.position,
            kind: row.kind,
            fromState: row.fromState,
            toState: row.toState,
            eventType: row.eventType,
            actorId: row.actorId,
            deciderId: row.deciderId,
            actorRoles: row.actorRoles,
            at: row.at,
            machineVersion: row.machineVersion,
            payloadDigest: row.payloadDigest,
            payloadBlankedBy: row.payloadBlankedBy,
            prevHash: row.prevHash,
            hash: row.hash,
          }),
        ),
      );
      for (const item of view) {
        expect(item).not.toHaveProperty('guardInputs');
        expect(item).not.toHaveProperty('payload');
      }
    });

    it('name the DSO as decider and the SPOC as actor for an oral urgent grant the SPOC records', async () => {
      let app = await createApplication(
        t,
        'applicant',
        completeForm({
          route: 'dso61A',
          priorityGrade: 'grade1',
          urgencyJustification: 'Threat to life now.',
          exceptionalCircumstances: 'No SPOC reachable out of hours.',
        }),
      );
      app = await step(t, 'applicant', app, { type: 'SUBMIT_URGENT_WITHOUT_SPOC' });
      app = await step(t, 'spoc', app, {
        type: 'GRANT',
        decision: { ...GRANT_DECISION, oral: true, deciderId: idOf('dso'), deciderName: 'Supt Dana Dso', decidedAt: t.clock.now().toISOString(), findings: DSO_SPOC_EXCEPTION },
      });
      app = await step(t, 'dso', app, { type: 'RECORD_WRITTEN', writtenRecord: 'Written up at 11:00.' });
      const rows = await storedRows(t, app.id);
      expect(rows.map((r) => [r.eventType, r.actorId, r.deciderId, r.actorRoles])).toEqual([
        [null, idOf('applicant'), null, ['applicant']],
        ['SUBMIT_URGENT_WITHOUT_SPOC', idOf('applicant'), null, ['applicant']],
        ['GRANT', idOf('spoc'), idOf('dso'), ['spoc']],
        ['RECORD_WRITTEN', idOf('dso'), null, ['dso']],
      ]);
      expect(rows[2].guardInputs).toMatchObject({
        resolvedDecider: { id: idOf('dso'), recordedOnBehalf: true },
        decider: { id: idOf('dso'), roles: ['dso'], rank: 'superintendent' },
      });
      expect(rows[3]).toMatchObject({ fromState: 'authorised', toState: 'authorised' });
      // a direct OCDA grant: actor and decider are the same person
      const direct = await fourRows(t);
      expect(direct.rows[3]).toMatchObject({ actorId: idOf('ocda'), deciderId: idOf('ocda'), actorRoles: ['ocda'] });
      // The view names both: the SPOC who recorded the oral grant, and the DSO whose decision it was.
      const view = await historyOf(t, 'spoc', app.id);
      expect(view[2]).toMatchObject({
        actorId: idOf('spoc'),
        deciderId: idOf('dso'),
        actor: { id: idOf('spoc'), displayName: 'Pat Spoc', role: 'spoc', roleLabel: 'SPOC' },
        decider: { id: idOf('dso'), displayName: 'Supt Dana Dso', role: 'dso', roleLabel: 'Designated senior officer' },
      });
    });

    it('carry a global seq that increases across applications in write order', async () => {
      const a = await createApplication(t);
      const b = await createApplication(t);
      let [ra, rb] = [a, b];
      ra = await step(t, 'applicant', ra, { type: 'SUBMIT_TO_SPOC' });
      rb = await step(t, 'applicant', rb, { type: 'SUBMIT_TO_SPOC' });
      ra = await step(t, 'spoc', ra, { type: 'RETURN_TO_APPLICANT', reason: 'More detail.' });
      rb = await step(t, 'spoc', rb, { type: 'DECLINE', reason: 'Not practicable.' });
      const [ha, hb] = [await historyOf(t, 'spoc', ra.id), await historyOf(t, 'spoc', rb.id)];
      // write order: a1 b1 a2 b2 a3 b3
      const inWriteOrder = [ha[0], hb[0], ha[1], hb[1], ha[2], hb[2]].map((r) => r.seq);
      for (let i = 1; i < inWriteOrder.length; i++) expect(inWriteOrder[i]).toBeGreaterThan(inWriteOrder[i - 1]);
      expect(new Set(inWriteOrder).size).toBe(6);
    });
  });

  describe('tampering with the triggers dropped is found at the exact row', () => {
    beforeAll(async () => {
      if (isPostgres()) {
        await rawSql(t, 'DROP TRIGGER application_event_no_update ON application_event');
      } else {
        await rawSql(t, 'DROP TRIGGER application_event_no_update');
        await rawSql(t, 'DROP TRIGGER application_event_no_delete');
      }
    });

    it('(a) an updated row: to_state of position 2', async () => {
      const { app, rows } = await fourRows(t);
      await rawSql(t, "UPDATE application_event SET to_state = 'authorised' WHERE application_id = $1 AND position = 2", [app.id]);
      expect(await verifyOf(t, 'spoc', app.id)).toMatchObject({
        valid: false,
        rows: 4,
        firstBroken: { position: 2, seq: rows[1].seq, reason: expect.stringMatching(/altered/) as unknown },
      });
    });

    it('(a) an updated row: actor_id of position 2', async () => {
      const { app, rows } = await fourRows(t);
      await rawSql(t, 'UPDATE application_event SET actor_id = $1 WHERE application_id = $2 AND position = 2', [idOf('dso'), app.id]);
      expect(await verifyOf(t, 'spoc', app.id)).toMatchObject({ valid: false, firstBroken: { position: 2, seq: rows[1].seq } });
    });

    it('(b) a deleted row: position 2 of 4 (reported at position 2, on the row that now stands there)', async () => {
      const { app, rows } = await fourRows(t);
      await rawSql(t, 'DELETE FROM application_event WHERE application_id = $1 AND position = 2', [app.id]);
      expect(await verifyOf(t, 'spoc', app.id)).toMatchObject({
        valid: false,
        rows: 3,
        firstBroken: { position: 2, seq: rows[2].seq, reason: expect.stringMatching(/deleted/) as unknown },
      });
    });

    it('(c) reordered rows: positions of rows 2 and 3 swapped (through a temporary position)', async () => {
      const { app, rows } = await fourRows(t);
      await rawSql(t, 'UPDATE application_event SET position = 1000 WHERE application_id = $1 AND position = 2', [app.id]);
      await rawSql(t, 'UPDATE application_event SET position = 2 WHERE application_id = $1 AND position = 3', [app.id]);
      await rawSql(t, 'UPDATE application_event SET position = 3 WHERE application_id = $1 AND position = 1000', [app.id]);
      expect(await verifyOf(t, 'spoc', app.id)).toMatchObject({ valid: false, rows: 4, firstBroken: { position: 2, seq: rows[1].seq } });
    });

    it('(c) reordered rows: seq and position of rows 2 and 3 swapped (the chain order itself changed)', async () => {
      const { app, rows } = await fourRows(t);
      const [s2, s3] = [rows[1].seq, rows[2].seq];
      await rawSql(t, 'UPDATE application_event SET seq = $1, position = 1000 WHERE seq = $2', [-1, s2]);
      await rawSql(t, 'UPDATE application_event SET seq = $1, position = 2 WHERE seq = $2', [s2, s3]);
      await rawSql(t, 'UPDATE application_event SET seq = $1, position = 3 WHERE seq = $2', [s3, -1]);
      const history = await historyOf(t, 'spoc', app.id);
      expect(history.map((r) => r.eventType)).toEqual([null, 'SUBMIT_FOR_AUTHORISATION', 'SUBMIT_TO_SPOC', 'GRANT']);
      expect(await verifyOf(t, 'spoc', app.id)).toMatchObject({
        valid: false,
        rows: 4,
        firstBroken: { position: 2, seq: s2, reason: expect.stringMatching(/link/) as unknown },
      });
    });

    it('(d) a changed payload (digest left alone)', async () => {
      const { app, rows } = await fourRows(t);
      await rawSql(t, 'UPDATE application_event SET payload = $1 WHERE application_id = $2 AND position = 3', [
        JSON.stringify({ spoc: { spocAdvice: 'Rubber-stamped.' }, type: 'SUBMIT_FOR_AUTHORISATION' }),
        app.id,
      ]);
      expect(await verifyOf(t, 'spoc', app.id)).toMatchObject({
        valid: false,
        firstBroken: { position: 3, seq: rows[2].seq, reason: expect.stringMatching(/digest/) as unknown },
      });
    });

    it('(d) a changed payload with its digest recomputed: the row hash gives it away', async () => {
      const { app, rows } = await fourRows(t);
      const forged = JSON.stringify({ spoc: { spocAdvice: 'Rubber-stamped.' }, type: 'SUBMIT_FOR_AUTHORISATION' });
      await rawSql(t, 'UPDATE application_event SET payload = $1, payload_digest = $2 WHERE application_id = $3 AND position = 3', [
        forged,
        sha256(forged),
        app.id,
      ]);
      expect(await verifyOf(t, 'spoc', app.id)).toMatchObject({ valid: false, firstBroken: { position: 3, seq: rows[2].seq } });
    });

    it('(d) a payload blanked without a retention decision', async () => {
      const { app, rows } = await fourRows(t);
      await rawSql(t, 'UPDATE application_event SET payload = NULL WHERE application_id = $1 AND position = 2', [app.id]);
      expect(await verifyOf(t, 'spoc', app.id)).toMatchObject({ valid: false, firstBroken: { position: 2, seq: rows[1].seq } });
    });

    it('(e) a deleted LAST row: reported at position 4, which no longer exists', async () => {
      const { app } = await fourRows(t);
      await rawSql(t, 'DELETE FROM application_event WHERE application_id = $1 AND position = 4', [app.id]);
      expect(await verifyOf(t, 'spoc', app.id)).toMatchObject({
        valid: false,
        rows: 3,
        firstBroken: { position: 4, seq: null, reason: expect.stringMatching(/missing at the end/) as unknown },
      });
    });

    it('an untouched application still verifies', async () => {
      const { app } = await fourRows(t);
      await expect(verifyOf(t, 'spoc', app.id)).resolves.toMatchObject({ valid: true, rows: 4 });
    });
  });
});
