/**
 * Every web page route, found in the running app's router (so a page added later is covered without editing this
 * file), held to the rules the API's authorisation matrix holds the API to (issue 19, acceptance): without a session
 * a page sends you to sign in; another force's record is never shown (403 or 404 page, its URN nowhere); every POST
 * without a valid CSRF token is 403 and changes nothing.
 */
import type { Express } from 'express';
import { createApplication } from '../support/applications';
import { createTestApp, type TestApp } from '../support/test-app';
import { webAgent } from '../support/web-session';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  name?: string;
  handle?: { stack?: Layer[] };
}

/** The web pages' routes as Express holds them: `/`, the sign-in pair and everything under /web. */
function webRoutes(t: TestApp): { method: 'get' | 'post'; path: string }[] {
  const server = t.app.getHttpAdapter().getInstance() as Express & { router?: { stack: Layer[] }; _router?: { stack: Layer[] } };
  const stack = (server.router ?? server._router)?.stack ?? [];
  const routes: { method: 'get' | 'post'; path: string }[] = [];
  for (const layer of stack) {
    if (!layer.route) continue;
    const { path, methods } = layer.route;
    if (!(path === '/' || path.startsWith('/sign-') || path.startsWith('/web'))) continue;
    for (const method of ['get', 'post'] as const) if (methods[method]) routes.push({ method, path });
  }
  return routes;
}

describe('web pages: every route', () => {
  let t: TestApp;
  let routes: { method: 'get' | 'post'; path: string }[];
  let app: { id: string; urn: string; version: number };

  const fill = (path: string): string => path.replace(/:id\b/g, app.id).replace(/:page\b/g, 'about');

  beforeAll(async () => {
    t = await createTestApp();
    routes = webRoutes(t);
    app = await createApplication(t);
  });
  afterAll(() => t.close());

  it('finds the pages', () => {
    expect(routes.length).toBeGreaterThanOrEqual(6);
    expect(routes).toEqual(expect.arrayContaining([{ method: 'get', path: '/web/applications/:id' }, { method: 'post', path: '/sign-in' }]));
  });

  it('without a session, every page but the sign-in pair sends you to sign in', async () => {
    for (const route of routes.filter((r) => r.method === 'get' && r.path !== '/sign-in')) {
      const res = await t.http().get(fill(route.path));
      expect({ route: route.path, status: res.status, location: res.headers.location }).toEqual({
        route: route.path,
        status: 303,
        location: expect.stringMatching(/^\/sign-in/),
      });
    }
  });

  it('another force’s people never see the record: a 403 or 404 page without its URN, on every page with an id', async () => {
    for (const username of ['other-applicant', 'other-spoc', 'other-dso']) {
      const agent = await webAgent(t, username);
      for (const route of routes.filter((r) => r.method === 'get' && r.path.includes(':id'))) {
        const res = await agent.get(fill(route.path));
        expect({ username, route: route.path, status: [403, 404].includes(res.status), html: /^text\/html/.test(String(res.headers['content-type'])) }).toEqual({
          username,
          route: route.path,
          status: true,
          html: true,
        });
        expect(res.text).not.toContain(app.urn);
      }
    }
  });

  it('every POST without a valid CSRF token is 403 and changes nothing', async () => {
    const agent = await webAgent(t, 'applicant');
    const before = (await t.http().get(`/applications/${app.id}`).set('Authorization', `Bearer ${await t.token('applicant')}`)).body as { version: number };
    for (const route of routes.filter((r) => r.method === 'post')) {
      const res = await agent.post(fill(route.path)).type('form').send({ _csrf: 'not-a-token', idempotencyKey: 'web-routes-0001', version: String(before.version) });
      expect({ route: route.path, status: res.status }).toEqual({ route: route.path, status: 403 });
    }
    const after = (await t.http().get(`/applications/${app.id}`).set('Authorization', `Bearer ${await t.token('applicant')}`)).body as { version: number };
    expect(after.version).toBe(before.version);
    const list = await agent.get('/sign-out');
    expect(list.status).toBe(200);
  });
});
