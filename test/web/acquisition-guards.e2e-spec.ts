/**
 * Every acquisition page (issue 20, item 1) held to the web pages' rules, on both databases: another authority's
 * SPOC gets the same "Page not found" as for a record that does not exist, and changes nothing; a role that may not
 * open a page gets "You cannot do that"; every POST without a valid CSRF token is 403 and changes nothing — the
 * multipart upload too, whose token is read from the spooled form before anything is stored.
 */
import * as fs from 'node:fs';
import type TestAgent from 'supertest/lib/agent';
import { DisclosureRequestEntity } from '../../src/disclosures/requests/disclosure-request.entity';
import { DisclosureReturnCheckEntity } from '../../src/disclosures/returns/disclosure-return-check.entity';
import { DisclosureReturnEntity } from '../../src/disclosures/returns/disclosure-return.entity';
import { bearer, cspIds, sentRequests, upload, type ReturnRecord } from '../support/returns-http';
import { createTestApp, isPostgres, type TestApp } from '../support/test-app';
import { hiddenField, webAgent } from '../support/web-session';
import { IP_CSV_MISMATCH, SUBSCRIBER_CSV } from './acquisition-world';

describe(`the acquisition pages' guards (${isPostgres() ? 'PostgreSQL' : 'SQLite'})`, () => {
  let t: TestApp;
  let app: { id: string; urn: string };
  let requestId: string;
  let ret: ReturnRecord;
  let gets: string[];
  let posts: { path: string; fields: Record<string, string> }[];

  /** What the POSTs could change: the requests, the returns and the checks' reviews. */
  async function state(): Promise<string> {
    const requests = await t.dataSource.getRepository(DisclosureRequestEntity).find({ order: { id: 'ASC' } });
    const returns = await t.dataSource.getRepository(DisclosureReturnEntity).count();
    const checks = await t.dataSource.getRepository(DisclosureReturnCheckEntity).find({ order: { id: 'ASC' } });
    return JSON.stringify({ requests: requests.map((r) => [r.id, r.version]), returns, reviews: checks.map((c) => c.reviewDecision) });
  }

  /** A valid token and a fresh key for `agent`'s session, from a page it may open. */
  async function tokenOf(agent: TestAgent): Promise<string> {
    const page = await agent.get('/sign-out').expect(200);
    return hiddenField(page.text, '_csrf') ?? '';
  }

  beforeAll(async () => {
    t = await createTestApp();
    const csps = await cspIds(t);
    const sent = await sentRequests(t, csps);
    app = sent.app;
    requestId = sent.broadband.id;
    const res = await upload(t, requestId, IP_CSV_MISMATCH, { fileName: 'ip.csv' });
    expect(res.status).toBe(201);
    ret = res.body as ReturnRecord;
    const base = `/web/disclosure-requests/${requestId}`;
    gets = [
      `/web/applications/${app.id}/acquisition`,
      `/web/applications/${app.id}/acquisition/new`,
      base,
      `${base}/hi1`,
      `${base}/copy-pack`,
      `${base}/returns/${ret.id}`,
    ];
    const key = '6f1c2a1e-3d4b-4c5d-8e9f-0a1b2c3d4e5f';
    posts = [
      { path: `/web/applications/${app.id}/acquisition/new`, fields: { idempotencyKey: key, cspId: csps.get('examplemobile') ?? '', items: 'd1' } },
      { path: `${base}/events`, fields: { idempotencyKey: key, type: 'CANCEL', reason: 'Not needed.', version: String(sent.broadband.version) } },
      { path: `${base}/returns/${ret.id}/checks/${ret.checks[0].id}/review`, fields: { idempotencyKey: key, decision: 'accepted', reason: 'Fine.' } },
    ];
  });
  afterAll(() => t.close());

  it('another authority’s SPOC: "Page not found" on every page, its URN nowhere, and no POST has an effect', async () => {
    const other = await webAgent(t, 'other-spoc');
    for (const path of gets) {
      const res = await other.get(path);
      expect({ path, status: res.status, html: String(res.headers['content-type']) }).toEqual({ path, status: 404, html: expect.stringMatching(/^text\/html/) });
      expect(res.text).toContain('Page not found');
      expect(res.text).not.toContain(app.urn);
    }
    const before = await state();
    const token = await tokenOf(other);
    for (const { path, fields } of posts) {
      const res = await other.post(path).type('form').send({ _csrf: token, ...fields });
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
    }
    const uploaded = await other.post(`/web/disclosure-requests/${requestId}/returns`).field('_csrf', token).field('idempotencyKey', '7a1c2a1e-3d4b-4c5d-8e9f-0a1b2c3d4e5f').attach('file', Buffer.from(SUBSCRIBER_CSV), { filename: 's.csv', contentType: 'text/csv' });
    expect(uploaded.status).toBe(404);
    expect(await state()).toBe(before);
  });

  it('a person of the authority without the SPOC role: "You cannot do that" on every page and every POST', async () => {
    for (const username of ['applicant', 'sro']) {
      const agent = await webAgent(t, username);
      for (const path of gets) {
        const res = await agent.get(path);
        expect({ username, path, status: res.status }).toEqual({ username, path, status: 403 });
        expect(res.text).toContain('You cannot do that');
      }
      const before = await state();
      const token = await tokenOf(agent);
      for (const { path, fields } of [...posts, { path: `/web/disclosure-requests/${requestId}/returns`, fields: {} }]) {
        const res = await agent.post(path).type('form').send({ _csrf: token, ...fields });
        expect({ username, path, status: res.status }).toEqual({ username, path, status: 403 });
      }
      expect(await state()).toBe(before);
    }
  });

  it('every POST without a valid CSRF token is 403 and changes nothing, the upload whatever its body', async () => {
    const spoc = await webAgent(t, 'spoc');
    const before = await state();
    for (const { path, fields } of posts) {
      for (const token of [{}, { _csrf: 'not-a-token' }]) {
        const res = await spoc.post(path).type('form').send({ ...token, ...fields });
        expect({ path, status: res.status }).toEqual({ path, status: 403 });
      }
    }
    const action = `/web/disclosure-requests/${requestId}/returns`;
    const file = Buffer.from(SUBSCRIBER_CSV.replace('Alex Example', 'Alex Forged'));
    const multipart = [
      spoc.post(action).field('_csrf', 'not-a-token').field('idempotencyKey', '8a1c2a1e-3d4b-4c5d-8e9f-0a1b2c3d4e5f'),
      spoc.post(action).field('idempotencyKey', '9a1c2a1e-3d4b-4c5d-8e9f-0a1b2c3d4e5f'),
    ];
    // A valid token sent after the file is too late: the check runs when the file starts, before a byte is kept.
    const lateToken = spoc.post(action).field('idempotencyKey', 'ba1c2a1e-3d4b-4c5d-8e9f-0a1b2c3d4e5f');
    const spooled = jest.spyOn(fs, 'createWriteStream');
    try {
      for (const req of multipart) {
        const res = await req.attach('file', file, { filename: 'forged.csv', contentType: 'text/csv' });
        expect(res.status).toBe(403);
        expect(res.text).toContain('This form has expired or did not come from this service');
      }
      const late = await lateToken.attach('file', file, { filename: 'forged.csv', contentType: 'text/csv' }).field('_csrf', await tokenOf(spoc));
      expect(late.status).toBe(403);
      // Unreadable bytes without a token: still 403, and the form is not shown back.
      const unreadable = await spoc.post(action).field('_csrf', 'not-a-token').attach('file', Buffer.from([0xff, 0xfe, 0x00]), { filename: 'x.csv', contentType: 'text/csv' });
      expect(unreadable.status).toBe(403);
      expect(spooled.mock.calls.filter(([path]) => String(path).includes('cd-return-'))).toEqual([]);
    } finally {
      spooled.mockRestore();
    }
    expect((await spoc.post(action).type('form').send({ _csrf: 'not-a-token' })).status).toBe(403);
    expect((await spoc.post(action)).status).toBe(403);
    expect(await state()).toBe(before);
    const returns = await t.http().get(`/disclosure-requests/${requestId}/returns`).set('authorization', await bearer(t)).expect(200);
    expect((returns.body as { items: unknown[] }).items).toHaveLength(1);
  });

  it('refuses a form that is not multipart on the upload route, even with its token', async () => {
    const spoc = await webAgent(t, 'spoc');
    const token = await tokenOf(spoc);
    const res = await spoc.post(`/web/disclosure-requests/${requestId}/returns`).type('form').send({ _csrf: token, idempotencyKey: 'aa1c2a1e-3d4b-4c5d-8e9f-0a1b2c3d4e5f' });
    expect(res.status).toBe(415);
  });
});
