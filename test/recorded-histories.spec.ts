/**
 * Histories recorded by an earlier build, replayed through this build's production machines on every run (issue 22,
 * item 3): test/fixtures/recorded-histories.json holds the replay inputs of every chain a randomised workload over the
 * real API wrote (test/replay-workload.e2e-spec.ts, RECORD_HISTORIES=1). A change to a machine, a guard or what a
 * transition records that would break records already stored fails here. Such a change needs a new machine version
 * and a migration path for the old records; until it has one, a row of a version this build cannot replay is named.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { replayBreak, type Replay } from '../src/database/hash-chain';
import { applicationEngine } from '../src/workflow/application.engine';
import { cdErrorEngine } from '../src/workflow/cd-error.engine';
import { replayFinding, type RecordedTransition } from '../src/workflow/core/replay';
import { disclosureRequestEngine } from '../src/workflow/disclosure-request.engine';

type RecordedRow = RecordedTransition & { seq: number };
type Fixture = Record<string, { aggregateId: string; rows: RecordedRow[] }[]>;

const fixture = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'recorded-histories.json'), 'utf8')) as Fixture;

const REPLAYS: Record<string, Replay> = {
  application_event: (row) => replayFinding(applicationEngine, row),
  cd_error_event: (row) => replayFinding(cdErrorEngine, row),
  disclosure_request_event: (row) => replayFinding(disclosureRequestEngine, row),
};

describe('recorded histories replay through this build’s machines', () => {
  it('the fixture covers every history, with transitions of many kinds', () => {
    expect(Object.keys(fixture).sort()).toEqual(Object.keys(REPLAYS).sort());
    for (const chains of Object.values(fixture)) expect(chains.length).toBeGreaterThan(0);
    const events = new Set(Object.values(fixture).flatMap((chains) => chains.flatMap((c) => c.rows.map((r) => r.eventType))));
    expect(events.size).toBeGreaterThan(10);
  });

  it.each(Object.keys(REPLAYS))('%s: every chain replays', (table) => {
    const broken = fixture[table].map((chain) => ({ aggregateId: chain.aggregateId, broken: replayBreak(chain.rows, REPLAYS[table]) })).filter((c) => c.broken !== null);
    expect(broken).toEqual([]);
  });

  it('a chain recorded under a machine version this build has no migration path from is named, not replayed', () => {
    const chain = fixture.application_event.find((c) => c.rows.some((r) => r.kind === 'transition'));
    if (!chain) throw new Error('no application chain with a transition in the fixture');
    const rows = chain.rows.map((row) => (row.kind === 'transition' ? { ...row, machineVersion: '0' } : row));
    const first = rows.findIndex((row) => row.kind === 'transition');
    expect(replayBreak(rows, REPLAYS.application_event)).toEqual({
      seq: rows[first].seq,
      position: first + 1,
      reason: `it was recorded under application machine version 0, and this build (version ${applicationEngine.definition.machineVersion}) has no migration path from it, so it cannot be replayed`,
    });
  });
});
