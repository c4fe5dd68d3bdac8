/**
 * Concurrency (docs/architecture.md §4 steps 2–5): racing writers on one application version, and racing creates on
 * one authority's URN counter. Runs on SQLite and, with DATABASE_URL, on PostgreSQL (where requests really
 * run in parallel on pooled connections).
 */
import type { Response } from 'supertest';
import { createApplication, sendEvent, SPOC_SECTION, type AppRecord } from './support/applications';
import { getApplication, historyOf, verifyOf } from './support/lifecycle-http';
import { createTestApp, isPostgres, type TestApp } from './support/test-app';

const DRIVER = isPostgres() ? 'PostgreSQL' : 'SQLite';

interface Problem {
  code: string;
}

/** Sends every body at once against the same `If-Match`; returns the responses. */
async function race(t: TestApp, user: string, app: { id: string; version: number }, bodies: Record<string, unknown>[]): Promise<Response[]> {
  await t.token(user);
  return Promise.all(bodies.map((body) => sendEvent(t, user, app, body)));
}

/** Exactly one 200; every other answer is 412 APPLICATION_STALE or 409 WORKFLOW_INVALID_TRANSITION. */
function expectOneWinner(responses: Response[]): AppRecord {
  const statuses = responses.map((r) => r.status);
  const winners = responses.filter((r) => r.status === 200);
  const losers = responses.filter((r) => r.status !== 200);
  expect({ winners: winners.length, statuses }).toEqual({ winners: 1, statuses: expect.any(Array) as unknown });
  for (const loser of losers) {
    expect([{ status: 412, code: 'APPLICATION_STALE' }, { status: 409, code: 'WORKFLOW_INVALID_TRANSITION' }]).toContainEqual({
      status: loser.status,
      code: (loser.body as Problem).code,
    });
  }
  return winners[0].body as AppRecord;
}

async function expectConsistent(t: TestApp, id: string, expected: { version: number; status: string }): Promise<void> {
  const record = await getApplication(t, 'spoc', id);
  expect(record).toMatchObject(expected);
  const history = await historyOf(t, 'spoc', id);
  expect(history).toHaveLength(record.version);
  expect(history.map((h) => h.position)).toEqual(Array.from({ length: record.version }, (_, i) => i + 1));
  await expect(verifyOf(t, 'spoc', id)).resolves.toMatchObject({ valid: true, rows: record.version });
}

describe(`concurrent creates: URN allocation (${DRIVER})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('50 concurrent creates in one authority get 50 distinct, contiguous URNs TVP/CD/2026/000001..000050', async () => {
    await Promise.all([t.token('applicant'), t.token('applicant2')]);
    const created = await Promise.all(
      Array.from({ length: 50 }, (_, i) => createApplication(t, i % 2 === 0 ? 'applicant' : 'applicant2')),
    );
    const urns = created.map((a) => a.urn);
    expect(new Set(urns).size).toBe(50);
    expect(new Set(created.map((a) => a.id)).size).toBe(50);
    for (const urn of urns) expect(urn).toMatch(/^TVP\/CD\/2026\/\d{6}$/);
    const numbers = urns.map((urn) => Number(urn.slice(-6))).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    // every one is a draft at version 1 with exactly its creation row
    for (const app of created.slice(0, 5)) await expectConsistent(t, app.id, { version: 1, status: 'draft' });
  });
});

describe(`concurrent events on one version (${DRIVER})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('20 × SUBMIT_TO_SPOC with the same If-Match: one 200, nineteen 412 or 409; version = history rows; chain valid', async () => {
    const app = await createApplication(t);
    const responses = await race(t, 'applicant', app, Array.from({ length: 20 }, () => ({ type: 'SUBMIT_TO_SPOC' })));
    const winner = expectOneWinner(responses);
    expect(winner).toMatchObject({ status: 'spocReview', version: 2 });
    await expectConsistent(t, app.id, { version: 2, status: 'spocReview' });
  });

  it('a mix of SUBMIT_TO_SPOC and WITHDRAW at version 1: one winner, whichever it is', async () => {
    const app = await createApplication(t);
    const bodies = Array.from({ length: 20 }, (_, i) =>
      i % 2 === 0 ? { type: 'SUBMIT_TO_SPOC' } : { type: 'WITHDRAW', reason: 'No longer needed.' },
    );
    const winner = expectOneWinner(await race(t, 'applicant', app, bodies));
    expect(['spocReview', 'withdrawn']).toContain(winner.status);
    expect(winner.version).toBe(2);
    await expectConsistent(t, app.id, { version: 2, status: winner.status });
  });

  it('a mix of SPOC decisions (return / decline / submit for authorisation) at one version: one winner', async () => {
    let app = await createApplication(t);
    const submitted = await sendEvent(t, 'applicant', app, { type: 'SUBMIT_TO_SPOC' });
    expect(submitted.status).toBe(200);
    app = submitted.body as AppRecord;
    const bodies = Array.from({ length: 21 }, (_, i) =>
      [
        { type: 'RETURN_TO_APPLICANT', reason: 'Narrow the period.' },
        { type: 'DECLINE', reason: 'Not practicable.' },
        { type: 'SUBMIT_FOR_AUTHORISATION', spoc: SPOC_SECTION },
      ][i % 3],
    );
    const winner = expectOneWinner(await race(t, 'spoc', app, bodies));
    expect(['returnedToApplicant', 'declinedBySpoc', 'awaitingAuthorisation']).toContain(winner.status);
    await expectConsistent(t, app.id, { version: 3, status: winner.status });
  });

  it('20 concurrent PATCH edits with the same If-Match: one 200, nineteen 412 APPLICATION_STALE', async () => {
    const app = await createApplication(t);
    const token = await t.token('applicant');
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t
          .http()
          .patch(`/applications/${app.id}`)
          .set('authorization', `Bearer ${token}`)
          .set('If-Match', String(app.version))
          .send({ operationName: `Op Racer ${i}` }),
      ),
    );
    const winner = expectOneWinner(responses);
    for (const r of responses.filter((x) => x.status !== 200)) expect((r.body as Problem).code).toBe('APPLICATION_STALE');
    expect(winner.version).toBe(2);
    await expectConsistent(t, app.id, { version: 2, status: 'draft' });
  });

  it('10 applications × 5 racers each, all at once: one winner per application', async () => {
    const apps = await Promise.all(Array.from({ length: 10 }, () => createApplication(t)));
    const results = await Promise.all(
      apps.map((app) => race(t, 'applicant', app, Array.from({ length: 5 }, () => ({ type: 'SUBMIT_TO_SPOC' })))),
    );
    for (const [i, responses] of results.entries()) {
      expectOneWinner(responses);
      await expectConsistent(t, apps[i].id, { version: 2, status: 'spocReview' });
    }
  });
});
