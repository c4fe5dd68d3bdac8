import { generateKeyPairSync } from 'node:crypto';
import { GENESIS_HASH } from '../hash-chain';
import { type Checkpoint, makeCheckpoint, signedText } from './checkpoint-signing';
import { describeVerification, verifyCheckpoints } from './checkpoint-verify';
import { recomputeHash, type StoredHistoryRow } from './history-rows';

/**
 * The pure core of signed checkpoints (issue 21, item 2; docs/architecture.md §11): made from rows, verified against
 * them, and each kind of tampering named by the checkpoint, table and seq range. The e2e spec
 * (test/checkpoints.e2e-spec.ts) does the same through the database on both drivers.
 */

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const AT = '2026-03-02T10:00:00.000Z';

/** A chain of `n` application history rows for `id`, from `seq` on, hashed as HashChain hashes them. */
function chain(id: string, seqs: number[]): StoredHistoryRow[] {
  let prev = GENESIS_HASH;
  return seqs.map((seq, index) => {
    const row: StoredHistoryRow = {
      seq,
      aggregateId: id,
      position: index + 1,
      kind: index === 0 ? 'created' : 'edited',
      fromState: index === 0 ? null : 'draft',
      toState: 'draft',
      eventType: null,
      actorId: '00000000-0000-4000-8000-000000000001',
      deciderId: null,
      actorRoles: '["applicant"]',
      at: AT,
      machineVersion: '1',
      guardInputs: null,
      payload: null,
      payloadDigest: 'd'.repeat(64),
      payloadBlankedBy: null,
      prevHash: prev,
      hash: '',
      rowDigest: null,
    };
    row.hash = recomputeHash('application_event', row);
    prev = row.hash;
    return row;
  });
}

const history = (rows: StoredHistoryRow[]) => ({ application_event: rows, cd_error_event: [], disclosure_request_event: [], security_event: [] });

/** Checkpoints after each `upTo` seq of `rows`, as the service makes them. */
function checkpointsOf(rows: StoredHistoryRow[], upTos: number[]): Checkpoint[] {
  const made: Checkpoint[] = [];
  let after = 0;
  for (const upTo of upTos) {
    const heads: Record<string, string> = {};
    for (const row of rows.filter((r) => r.seq > after && r.seq <= upTo)) heads[row.aggregateId] = row.hash;
    made.push(
      makeCheckpoint(privateKey, made.at(-1) ?? null, {
        madeAt: new Date(AT),
        reason: 'rows',
        seqs: { application_event: upTo, cd_error_event: 0, disclosure_request_event: 0, security_event: 0 },
        heads: { application_event: heads },
      }),
    );
    after = upTo;
  }
  return made;
}

describe('signed checkpoints, pure (issue 21, item 2)', () => {
  const a = chain('a', [1, 2, 4]);
  const b = chain('b', [3, 5]);
  const rows = [...a, ...b].sort((x, y) => x.seq - y.seq);
  const made = checkpointsOf(rows, [3, 5]);

  it('verifies untouched rows, and lists the rows after the last checkpoint as not yet covered', () => {
    const more = [...rows, ...chain('c', [6])];
    const result = verifyCheckpoints(publicKey, made, history(more));
    expect(result).toEqual({ valid: true, checkpoints: 2, notYetCovered: [{ table: 'application_event', from: 6, to: 6, rows: 1 }] });
    expect(describeVerification(result)[0]).toMatch(/^All 2 checkpoint\(s\) verify/);
  });

  it('names the checkpoint that covered rows deleted from the end of a chain', () => {
    const result = verifyCheckpoints(publicKey, made, history(rows.filter((r) => r.seq !== 5)));
    expect(result).toMatchObject({ valid: false, firstFailing: { checkpointId: 2, table: 'application_event', seqRange: [4, 5], aggregateId: 'b' } });
  });

  it('names the first checkpoint after the first changed row of a chain rewritten with recomputed hashes', () => {
    const rewritten = chain('a', [1, 2, 4]).map((r) => r);
    rewritten[1] = { ...rewritten[1], actorRoles: '["spoc"]' };
    rewritten[1].hash = recomputeHash('application_event', rewritten[1]);
    rewritten[2] = { ...rewritten[2], prevHash: rewritten[1].hash };
    rewritten[2].hash = recomputeHash('application_event', rewritten[2]);
    const result = verifyCheckpoints(publicKey, made, history([...rewritten, ...b]));
    expect(result).toMatchObject({ valid: false, firstFailing: { checkpointId: 1, table: 'application_event', seqRange: [1, 3], aggregateId: 'a' } });
  });

  it('names a checkpoint with another key, a forged signature, or a missing predecessor', () => {
    const other = generateKeyPairSync('ed25519').publicKey;
    expect(verifyCheckpoints(other, made, history(rows))).toMatchObject({ valid: false, firstFailing: { checkpointId: 1, table: null } });
    const forged = [made[0], { ...made[1], reason: 'hourly' as const }];
    expect(verifyCheckpoints(publicKey, forged, history(rows))).toMatchObject({ valid: false, firstFailing: { checkpointId: 2, reason: expect.stringContaining('signature') as unknown } });
    expect(verifyCheckpoints(publicKey, [made[1]], history(rows))).toMatchObject({ valid: false, firstFailing: { checkpointId: 2, reason: expect.stringContaining('checkpoint 1 is missing') as unknown } });
  });

  it('signs the security stream’s seq only once it has events, so a checkpoint signed before the stream existed verifies as it was', () => {
    const before = JSON.parse(signedText(made[0])) as Record<string, unknown>;
    expect(Object.keys(before)).not.toContain('security_event_seq');
    expect(before).toMatchObject({ application_event_seq: 3, cd_error_event_seq: 0, disclosure_request_event_seq: 0 });
    const after = makeCheckpoint(privateKey, made[1], { madeAt: new Date(AT), reason: 'rows', seqs: { ...made[1].seqs, security_event: 7 }, heads: {} });
    expect(JSON.parse(signedText(after))).toMatchObject({ security_event_seq: 7 });
  });
});
