/**
 * The transition-commit bench case (bench/transition-commit.ts) at a small size, on SQLite and, when
 * DATABASE_URL is set, on PostgreSQL: both sides do the whole transition — the drafts the raw driver replays the
 * recorded statements on end in the same state and version as those the service moved, each with its history row —
 * and the details it reports are measured, not made up.
 */
import { transitionCommitBench, type TransitionCommitBench } from '../bench/transition-commit';

const PER_SIDE = 4;
const RUNS = 2;

describe('the transition-commit bench case', () => {
  let bench: TransitionCommitBench;

  beforeAll(async () => {
    bench = transitionCommitBench(RUNS, PER_SIDE, process.env.DATABASE_URL || undefined);
    await bench.prepare();
  }, 120_000);

  afterAll(() => bench?.finish());

  it('moves each side’s drafts to spocReview at version 2, and reports what it measured', async () => {
    const runs = [await bench.measure(), await bench.measure()];
    for (const { ratio, details } of runs) {
      expect(ratio).toBeCloseTo(details.serviceCommitsPerS / details.rawCommitsPerS, 6);
      expect(details.serviceCommitsPerS).toBeGreaterThan(0);
      expect(details.rawCommitsPerS).toBeGreaterThan(0);
      // BEGIN, need-to-know, the guards' reads, the history INSERT, the UPDATE, the outbox INSERT, the answer's reads, COMMIT.
      expect(details.statementsPerCommit).toBeGreaterThanOrEqual(8);
      expect(details.engineShare).toBeGreaterThan(0);
      expect(details.engineShare).toBeLessThan(1);
      // XState's time is a part of the engine's.
      expect(details.xstateShare).toBeGreaterThan(0);
      expect(details.xstateShare).toBeLessThan(details.engineShare);
      // {"status":"spocReview","machineVersion":"…"} as read back from the row.
      expect(details.persistedStateBytes).toBeGreaterThan(30);
      expect(details.persistedStateBytes).toBeLessThan(100);
    }
    // Every draft either side used, and the one whose statements were recorded, moved: all of them.
    expect(await bench.states()).toEqual([{ status: 'spocReview', version: 2, n: 2 * RUNS * PER_SIDE + 1 }]);
  }, 120_000);

  it('refuses to run past the drafts it made', async () => {
    await expect(bench.measure()).rejects.toThrow('ran out of drafts');
  });
});
