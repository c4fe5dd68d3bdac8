/**
 * HTTP validators (RFC 9110 §8.8.3, §13.1.1; RFC 6585 §3; docs/architecture.md §8): a versioned record's ETag
 * is its version as a strong validator, sent on GET and on every 2xx write; `If-Match` is compared
 * strongly — the ETag as sent, the bare number, `*` or a list match; a weak tag or another version is
 * 412 `*_STALE`; no header is 428. Checked for applications and CD error entries alike.
 */
import type { Response } from 'supertest';
import { completeForm, createApplication } from './support/applications';
import { bearer, createError, recordReport } from './support/errors-http';
import { createTestApp, type TestApp } from './support/test-app';

interface Versioned {
  id: string;
  version: number;
}

describe('HTTP validators: strong version ETags and If-Match', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  /** The two versioned records, each with a harmless write that bumps the version. */
  const records = {
    application: {
      path: '/applications',
      user: 'applicant',
      stale: 'APPLICATION_STALE',
      create: (): Promise<Versioned> => createApplication(t),
      edit: { operationName: 'Op Heron' } as Record<string, unknown>,
      editBody: (over: Record<string, unknown>) => completeForm(over),
    },
    'CD error entry': {
      path: '/errors',
      user: 'spoc',
      stale: 'CD_ERROR_STALE',
      create: (): Promise<Versioned> => createError(t, 'spoc'),
      edit: { preventiveSteps: 'Two-person check of identifiers.' } as Record<string, unknown>,
      editBody: (over: Record<string, unknown>) => ({ report: over }),
    },
  };

  describe.each(Object.entries(records))('%s', (_name, r) => {
    const patch = async (record: Versioned, ifMatch: string | null): Promise<Response> => {
      const req = t.http().patch(`${r.path}/${record.id}`).set('authorization', await bearer(t, r.user));
      if (ifMatch !== null) req.set('If-Match', ifMatch);
      return req.send(r.editBody(r.edit));
    };

    it('sends the version as a strong ETag on create, on GET and on every 2xx write', async () => {
      const created = await t.http().post(r.path).set('authorization', await bearer(t, r.user))
        .send(r.path === '/errors' ? { report: recordReport() } : completeForm());
      expect(created.status).toBe(201);
      expect(created.headers.etag).toBe(`"${(created.body as Versioned).version}"`);
      const id = (created.body as Versioned).id;
      const got = await t.http().get(`${r.path}/${id}`).set('authorization', await bearer(t, r.user)).expect(200);
      expect(got.headers.etag).toBe('"1"');
      const written = await patch({ id, version: 1 }, got.headers.etag);
      expect(written.status).toBe(200);
      expect(written.headers.etag).toBe('"2"');
      expect((written.body as Versioned).version).toBe(2);
    });

    it('a client that sends back the ETag it received succeeds; the bare number, * and a list match too', async () => {
      const record = await r.create();
      const etag = (await t.http().get(`${r.path}/${record.id}`).set('authorization', await bearer(t, r.user))).headers.etag;
      expect((await patch(record, etag)).status).toBe(200);
      expect((await patch(record, '2')).status).toBe(200);
      expect((await patch(record, '*')).status).toBe(200);
      const listed = await patch(record, '"1", W/"4", "4"');
      expect(listed.status).toBe(200);
      expect(listed.headers.etag).toBe('"5"');
    });

    it('a weak validator and a stale version get 412 with the stale code and change nothing', async () => {
      const record = await r.create();
      for (const header of ['W/"1"', '"2"', '"01"', '"1x"']) {
        const res = await patch(record, header);
        expect([header, res.status, (res.body as { code: string }).code]).toEqual([header, 412, r.stale]);
        expect((res.body as { title: string }).title).toBe('Precondition Failed');
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
      const after = await t.http().get(`${r.path}/${record.id}`).set('authorization', await bearer(t, r.user));
      expect(after.headers.etag).toBe('"1"');
    });

    it('no If-Match is 428; an unreadable one is 400', async () => {
      const record = await r.create();
      const missing = await patch(record, null);
      expect([missing.status, (missing.body as { code: string }).code]).toEqual([428, 'PRECONDITION_REQUIRED']);
      const unreadable = await patch(record, 'version one');
      expect([unreadable.status, (unreadable.body as { code: string }).code]).toEqual([400, 'VALIDATION_FAILED']);
    });

    it('events follow the same rule', async () => {
      const record = await r.create();
      const type = r.path === '/errors' ? 'DISMISS' : 'WITHDRAW';
      const send = async (ifMatch: string) =>
        t.http().post(`${r.path}/${record.id}/events`).set('authorization', await bearer(t, r.user)).set('If-Match', ifMatch)
          .send({ type, reason: 'Raised in error.' });
      const weak = await send('W/"1"');
      expect([weak.status, (weak.body as { code: string }).code]).toEqual([412, r.stale]);
      const ok = await send('"1"');
      expect(ok.status).toBe(200);
      expect(ok.headers.etag).toBe('"2"');
    });
  });

  it('a replayed idempotent create carries the same ETag', async () => {
    const auth = await bearer(t, 'applicant');
    const first = await t.http().post('/applications').set('authorization', auth).set('Idempotency-Key', 'etag-replay-0001').send(completeForm());
    const again = await t.http().post('/applications').set('authorization', auth).set('Idempotency-Key', 'etag-replay-0001').send(completeForm());
    expect(first.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers.etag).toBe(first.headers.etag);
  });

  it('lists and histories promise no ETag (Express’s body hash is off)', async () => {
    const auth = await bearer(t, 'applicant');
    const app = await createApplication(t);
    const list = await t.http().get('/applications').set('authorization', auth).expect(200);
    const history = await t.http().get(`/applications/${app.id}/history`).set('authorization', auth).expect(200);
    expect(list.headers.etag).toBeUndefined();
    expect(history.headers.etag).toBeUndefined();
  });
});
