/**
 * Replay equals stored state (issue 22, item 3): a randomised workload — fast-check commands over the real HTTP API,
 * with a fixed seed — of applications, CD errors and disclosure requests, some of whose content is then deleted
 * under retention decisions; afterwards every record's `…/history/verify` folds its history through the production
 * machines (src/workflow/core/replay.ts), and must find each transition's recorded inputs giving exactly the state
 * and guard inputs it recorded, the states following from row to row, and the stored row what the last row committed
 * to. The replay inputs live outside the blankable payload, so a record whose payloads were blanked replays too.
 * On SQLite and, with DATABASE_URL, on PostgreSQL.
 *
 * With RECORD_HISTORIES=1 the run also writes what it recorded to test/fixtures/recorded-histories.json, the fixture
 * test/recorded-histories.spec.ts replays on every run (regenerate it only when a machine change comes with
 * a migration path for the records it breaks).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { ApplicationsService } from '../src/applications/applications.service';
import { SCHEDULER } from '../src/auth/actor';
import { CHECKPOINTED_TABLES, readHistoryRows } from '../src/database/checkpoints/history-rows';
import type { RetentionRecordType } from '../src/database/retention-decision.entity';
import { DisclosureRequestsService } from '../src/disclosures/requests/disclosure-requests.service';
import { CdErrorsService } from '../src/errors/cd-errors.service';
import { completeForm, GRANT_DECISION, SPOC_SECTION } from './support/applications';
import { recordReport } from './support/errors-http';
import type { VerifyBody } from './support/lifecycle-http';
import { recordRetentionDecision } from './support/retention-decisions';
import { createTestApp, isPostgres, type TestApp } from './support/test-app';

/** The seed every run uses, so a failure is the same failure next time. */
const SEED = 20261127;
const RUNS = 10;
const MAX_COMMANDS = 60;

type Kind = 'application' | 'error' | 'request';

interface Model {
  application: string[];
  error: string[];
  request: string[];
}

/** What the runs made, to verify once they are over. */
const made: Record<Kind, string[]> = { application: [], error: [], request: [] };
const answers: number[] = [];

const PATHS: Record<Kind, string> = { application: '/applications', error: '/errors', request: '/disclosure-requests' };
const READERS: Record<Kind, string> = { application: 'spoc', error: 'sro', request: 'spoc' };

let t: TestApp;

async function as(user: string): Promise<string> {
  return `Bearer ${await t.token(user)}`;
}

/** The record's current version, as a client reads it before sending. */
async function versionOf(kind: Kind, id: string): Promise<number> {
  const res = await t.http().get(`${PATHS[kind]}/${id}`).set('authorization', await as(READERS[kind]));
  return (res.body as { version: number }).version;
}

/** An event sent by `user` against the record's current version; any answer but a 5xx is a fair outcome. */
async function send(kind: Kind, id: string, user: string, body: Record<string, unknown>): Promise<void> {
  const res = await t
    .http()
    .post(`${PATHS[kind]}/${id}/events`)
    .set('authorization', await as(user))
    .set('If-Match', String(await versionOf(kind, id)))
    .send(body);
  answers.push(res.status);
}

const pick = (ids: string[], at: number): string => ids[at % ids.length];

/** The next step of the happy path from each state, and who takes it. */
const JOURNEY: Record<string, [string, Record<string, unknown>]> = {
  draft: ['applicant', { type: 'SUBMIT_TO_SPOC' }],
  returnedToApplicant: ['applicant', { type: 'RESUBMIT' }],
  spocReview: ['spoc', { type: 'SUBMIT_FOR_AUTHORISATION', spoc: SPOC_SECTION }],
  awaitingAuthorisation: ['ocda', { type: 'GRANT', decision: GRANT_DECISION }],
};

async function advance(id: string): Promise<void> {
  const res = await t.http().get(`/applications/${id}`).set('authorization', await as('spoc'));
  const next = JOURNEY[(res.body as { status: string }).status];
  if (next) await send('application', id, ...next);
}

/** One command of the workload: what it needs of the model, and what it does over the API. */
class Command implements fc.AsyncCommand<Model, unknown> {
  constructor(
    private readonly name: string,
    private readonly needs: Kind | null,
    private readonly act: (model: Model, id: string | null) => Promise<void>,
    private readonly at = 0,
  ) {}
  check(model: Readonly<Model>): boolean {
    return this.needs === null || model[this.needs].length > 0;
  }
  async run(model: Model): Promise<void> {
    await this.act(model, this.needs === null ? null : pick(model[this.needs], this.at));
  }
  toString(): string {
    return `${this.name}@${this.at}`;
  }
}

/** An application event by `user`; the body's fields are what each event needs. */
const applicationEvent = (user: string, body: Record<string, unknown>) =>
  fc.nat().map((at) => new Command(String(body.type), 'application', (_m, id) => send('application', String(id), user, body), at));

const COMMANDS = [
  fc.constant(
    new Command('create application', null, async (model) => {
      const res = await t.http().post('/applications').set('authorization', await as('applicant')).send(completeForm());
      answers.push(res.status);
      const { id } = res.body as { id: string };
      model.application.push(id);
      made.application.push(id);
    }),
  ),
  fc.nat().map(
    (at) =>
      new Command(
        'edit application',
        'application',
        async (_m, id) => {
          const res = await t
            .http()
            .patch(`/applications/${String(id)}`)
            .set('authorization', await as('applicant'))
            .set('If-Match', String(await versionOf('application', String(id))))
            .send({ investigationSummary: `A street robbery; the summary edited at step ${at}.` });
          answers.push(res.status);
        },
        at,
      ),
  ),
  // A client following the journey: the next step towards an authorisation, whatever the state (twice, for weight).
  ...[0, 1].map(() => fc.nat().map((at) => new Command('advance application', 'application', (_m, id) => advance(String(id)), at))),
  applicationEvent('applicant', { type: 'SUBMIT_TO_SPOC' }),
  applicationEvent('spoc', { type: 'RETURN_TO_APPLICANT', reason: 'Say which phone the victim used.', reasonCode: 'identifierOrDataUnclear' }),
  applicationEvent('applicant', { type: 'RESUBMIT' }),
  applicationEvent('spoc', { type: 'DECLINE', reason: 'Not necessary for this offence.', reasonCode: 'necessityNotShown' }),
  applicationEvent('spoc', { type: 'SUBMIT_FOR_AUTHORISATION', spoc: SPOC_SECTION }),
  applicationEvent('ocda', { type: 'REQUEST_MORE_INFO', question: 'Why nine days of data?' }),
  applicationEvent('ocda', { type: 'GRANT', decision: GRANT_DECISION }),
  applicationEvent('ocda', { type: 'REFUSE', reason: 'Not proportionate to the offence.' }),
  applicationEvent('applicant', { type: 'WITHDRAW', reason: 'The suspect has been charged.' }),
  applicationEvent('spoc', { type: 'CANCEL', reason: 'The data is no longer needed.' }),
  fc.constant(
    new Command('record error', null, async (model) => {
      const res = await t.http().post('/errors').set('authorization', await as('spoc')).send({ report: recordReport() });
      answers.push(res.status);
      const { id } = res.body as { id: string };
      model.error.push(id);
      made.error.push(id);
    }),
  ),
  fc
    .tuple(fc.nat(), fc.constantFrom('recordableError', 'relevantError', 'operatorError'))
    .map(([at, kind]) => new Command(`ASSESS ${kind}`, 'error', (_m, id) => send('error', String(id), 'spoc', { type: 'ASSESS', kind }), at)),
  fc.nat().map((at) => new Command('SIGHT', 'error', (_m, id) => send('error', String(id), 'sro', { type: 'SIGHT' }), at)),
  fc.nat().map((at) => new Command('CLOSE', 'error', (_m, id) => send('error', String(id), 'sro', { type: 'CLOSE' }), at)),
  fc.nat().map(
    (at) =>
      new Command(
        'request and send',
        'application',
        async (model, id) => {
          // As far towards an authorisation as the application can go, then a request under it.
          for (let step = 0; step < 4; step += 1) await advance(String(id));
          const csps = await t.http().get('/csps?pageSize=100').set('authorization', await as('spoc'));
          const cspId = (csps.body as { items: { code: string; id: string }[] }).items.find((c) => c.code === 'examplemobile')?.id;
          const res = await t.http().post(`/applications/${String(id)}/disclosure-requests`).set('authorization', await as('spoc')).send({ cspId, items: [{ dataItemRef: 'd1' }] });
          answers.push(res.status);
          if (res.status !== 201) return;
          const request = (res.body as { id: string }).id;
          model.request.push(request);
          made.request.push(request);
          await send('request', request, 'spoc', { type: 'SEND' });
        },
        at,
      ),
  ),
  fc.nat().map((at) => new Command('CSP_ACKNOWLEDGED', 'request', (_m, id) => send('request', String(id), 'spoc', { type: 'CSP_ACKNOWLEDGED', cspReference: `EM-${at}` }), at)),
  fc.nat().map((at) => new Command('CANCEL request', 'request', (_m, id) => send('request', String(id), 'spoc', { type: 'CANCEL', reason: 'The suspect has been charged.' }), at)),
  // Some records' content deleted under a retention decision: their payloads blanked, a row appended.
  fc
    .tuple(fc.nat(), fc.constantFrom<Kind>('application', 'error', 'request'))
    .map(
      ([at, kind]) =>
        new Command(
          `delete ${kind} content`,
          kind,
          async (_m, id) => {
            const recordType: RetentionRecordType = kind === 'application' ? 'application' : kind === 'error' ? 'cd_error' : 'disclosure_request';
            const decision = await recordRetentionDecision(t, recordType, String(id));
            const service = kind === 'application' ? t.app.get(ApplicationsService) : kind === 'error' ? t.app.get(CdErrorsService) : t.app.get(DisclosureRequestsService);
            await service.deleteContentUnderDecision(SCHEDULER, String(id), decision);
          },
          at,
        ),
    ),
  // Time moves on between commands: minutes to days.
  fc.integer({ min: 60_000, max: 3 * 86_400_000 }).map((ms) => new Command(`wait ${ms} ms`, null, () => Promise.resolve(t.clock.advance(ms)))),
];

describe(`replay equals stored state after a randomised workload (${isPostgres() ? 'PostgreSQL' : 'SQLite'})`, () => {
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it(`${RUNS} runs of up to ${MAX_COMMANDS} commands (seed ${SEED}): no 5xx, and every record's history replays to what is stored`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(COMMANDS, { maxCommands: MAX_COMMANDS, size: 'max' }), (commands) =>
        // Each run starts from every record the runs before it made, so later runs act on longer histories.
        fc.asyncModelRun(() => ({ model: { application: [...made.application], error: [...made.error], request: [...made.request] }, real: {} }), commands),
      ),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    expect(answers.filter((status) => status >= 500)).toEqual([]);
    // The workload did reach every kind of record, and made transitions and refusals both.
    expect(made.application.length).toBeGreaterThan(3);
    expect(made.error.length).toBeGreaterThan(0);
    expect(made.request.length).toBeGreaterThan(0);
    expect(answers.some((status) => status === 200)).toBe(true);
    expect(answers.some((status) => status >= 400)).toBe(true);

    for (const kind of ['application', 'error', 'request'] as const) {
      for (const id of made[kind]) {
        const res = await t.http().get(`${PATHS[kind]}/${id}/history/verify`).set('authorization', await as(READERS[kind]));
        expect({ kind, id, verify: res.body as VerifyBody }).toEqual({ kind, id, verify: expect.objectContaining({ valid: true }) as unknown });
      }
    }
    const blanked = await t.dataSource.query<{ n: number | string }[]>('SELECT COUNT(*) AS n FROM application_event WHERE payload IS NULL');
    expect(Number(blanked[0].n)).toBeGreaterThan(0);

    if (process.env.RECORD_HISTORIES === '1') await recordHistories();
  }, 300_000);
});

/** Writes every chain's replay inputs to the fixture the pure spec replays (see the header). */
async function recordHistories(): Promise<void> {
  const fixture: Record<string, { aggregateId: string; rows: unknown[] }[]> = {};
  for (const table of CHECKPOINTED_TABLES) {
    const chains = new Map<string, unknown[]>();
    for (const row of await readHistoryRows(t.dataSource, table, { payload: false })) {
      const { kind, fromState, toState, eventType, machineVersion, guardInputs } = row;
      chains.set(row.aggregateId, [...(chains.get(row.aggregateId) ?? []), { seq: row.seq, kind, fromState, toState, eventType, machineVersion, guardInputs }]);
    }
    fixture[table.table] = [...chains].map(([aggregateId, rows]) => ({ aggregateId, rows }));
  }
  writeFileSync(join(__dirname, 'fixtures', 'recorded-histories.json'), `${JSON.stringify(fixture, null, 1)}\n`);
}
