/**
 * Idempotency under concurrency (issue 22, item 2), on SQLite and PostgreSQL: five identical requests sent at once
 * with one Idempotency-Key have one effect and five identical answers. The later ones wait for the first and replay
 * it; none sees the first one's effect as a conflict (`APPLICATION_STALE`), which is what a client retrying a
 * timed-out request with its key must never get. Also through a web form (src/web/form-commands.ts).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { createApplication } from './support/applications';
import { historyOf } from './support/lifecycle-http';
import { createTestApp, isPostgres, type TestApp } from './support/test-app';
import { hiddenField, webAgent } from './support/web-session';

const TWINS = 5;

/**
 * Sends `TWINS` copies of a request at once, so that each has passed its replay check before the first commits (the
 * real race). On SQLite every read and write goes through one queue: it is held until all of them wait on it.
 */
async function atOnce<T>(t: TestApp, send: () => PromiseLike<T>): Promise<T[]> {
  let open = () => {};
  const held = t.uow.read(() => new Promise<void>((resolve) => (open = resolve)));
  const all = Promise.all(Array.from({ length: TWINS }, () => Promise.resolve(send())));
  await sleep(300);
  open();
  await held;
  return all;
}

describe(`five identical requests at once with one Idempotency-Key (${isPostgres() ? 'PostgreSQL' : 'SQLite'})`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('a transition with If-Match: one history row, five identical 200s, none stale', async () => {
    const app = await createApplication(t);
    const token = `Bearer ${await t.token('applicant')}`;
    const send = () =>
      t.http().post(`/applications/${app.id}/events`).set('authorization', token).set('If-Match', String(app.version)).set('Idempotency-Key', `twins-${app.id}`).send({ type: 'SUBMIT_TO_SPOC' });
    const responses = await atOnce(t, send);

    expect(responses.map((r) => ({ status: r.status, code: (r.body as { code?: string }).code }))).toEqual(
      Array.from({ length: TWINS }, () => ({ status: 200, code: undefined })),
    );
    for (const r of responses) expect(r.body).toEqual(responses[0].body);
    expect(responses.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(TWINS - 1);
    expect(responses[0].body).toMatchObject({ status: 'spocReview', version: app.version + 1 });
    const history = await historyOf(t, 'applicant', app.id);
    expect(history.filter((row) => row.eventType === 'SUBMIT_TO_SPOC')).toHaveLength(1);
  });

  it('a creation: one application, five identical 201s', async () => {
    const token = `Bearer ${await t.token('applicant2')}`;
    const before = (await t.http().get('/applications').set('authorization', token).expect(200)).body as { total: number };
    const send = () => t.http().post('/applications').set('authorization', token).set('Idempotency-Key', 'twins-create-0001').send({ operationName: 'Op Twin' });
    const responses = await atOnce(t, send);

    expect(responses.map((r) => r.status)).toEqual(Array.from({ length: TWINS }, () => 201));
    for (const r of responses) expect(r.body).toEqual(responses[0].body);
    const after = (await t.http().get('/applications').set('authorization', token).expect(200)).body as { total: number };
    expect(after.total).toBe(before.total + 1);
  });

  it('a web form posted five times at once: one effect, every post sent on to the record', async () => {
    const app = await createApplication(t);
    const agent = await webAgent(t, 'applicant');
    const page = await agent.get(`/web/applications/${app.id}/withdraw`).expect(200);
    const field = (name: string) => hiddenField(page.text, name) ?? '';
    const form = { _csrf: field('_csrf'), idempotencyKey: field('idempotencyKey'), version: field('version'), reason: 'Charged on other evidence.' };
    const responses = await atOnce(t, () => agent.post(`/web/applications/${app.id}/withdraw`).type('form').send(form));

    expect(responses.map((r) => ({ status: r.status, location: r.headers.location }))).toEqual(
      Array.from({ length: TWINS }, () => ({ status: 303, location: `/web/applications/${app.id}?done=withdrawn` })),
    );
    const history = await historyOf(t, 'applicant', app.id);
    expect(history.filter((row) => row.eventType === 'WITHDRAW')).toHaveLength(1);
  });
});
