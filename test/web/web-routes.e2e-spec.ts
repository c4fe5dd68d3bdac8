/**
 * Every web page route, found in the running app's router (so a page added later is covered without editing this
 * file), held to the rules the API's authorisation matrix holds the API to (issues 19 and 20, acceptance): without a
 * session a page sends you to sign in; another force's record of any kind (application, request, return, product,
 * error) is never shown (403 or 404 page, its URN nowhere); a person of the same force whose roles a route's
 * `@Roles` does not name gets the 403 page (its policy read from the controllers, as test/support/route-policies.ts
 * reads the API's); every download a page offers is never cached; every POST without a valid CSRF token is 403 and
 * changes nothing.
 */
import type { Express } from 'express';
import { DEMO_USERS } from '../../src/auth/demo-seed';
import { createError } from '../support/errors-http';
import { checkedAcquisition, issued } from '../support/products-http';
import { cspIds } from '../support/returns-http';
import { routePolicies } from '../support/route-policies';
import { createTestApp, type TestApp } from '../support/test-app';
import { agentsFor, hiddenField, webAgent } from '../support/web-session';

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

/** A record of every kind a page shows, all of the one force (tvp), so another force's people must never see any. */
interface World {
  app: { id: string; urn: string; version: number };
  requestId: string;
  returnId: string;
  productId: string;
  errorId: string;
}

async function world(t: TestApp): Promise<World> {
  const acquisition = await checkedAcquisition(t, await cspIds(t));
  const product = await issued(t, acquisition.app.id, { kind: 'final', handling: 'intelligence' });
  const error = await createError(t, 'spoc');
  return { app: acquisition.app, requestId: acquisition.mobile.id, returnId: acquisition.returns.subscriber.id, productId: product.id, errorId: error.id };
}

describe('web pages: every route', () => {
  let t: TestApp;
  let routes: { method: 'get' | 'post'; path: string }[];
  let records: World;
  let app: World['app'];

  /** The route's path with each parameter a real record of its kind (or a valid value), so a refusal is the rule's, not a miss. */
  const fill = (path: string): string => {
    const filled = path
      .replace(/^\/web\/disclosure-requests\/:id\b/, `/web/disclosure-requests/${records.requestId}`)
      .replace(/^\/web\/products\/:id\b/, `/web/products/${records.productId}`)
      .replace(/^\/web\/errors\/:id\b/, `/web/errors/${records.errorId}`)
      .replace(/:returnId\b/, records.returnId)
      // A check of that return: the guards refuse a forged post before any check is looked up.
      .replace(/:checkId\b/, '00000000-0000-4000-8000-000000000000')
      .replace(/:id\b/g, app.id)
      .replace(/:page\b/g, 'about')
      .replace(/:step\b/g, 'assess')
      .replace(/:tile\b/g, 'openApplications');
    if (filled.includes(':')) throw new Error(`web-routes: no value for a parameter of ${path}; add one to fill()`);
    return filled;
  };

  beforeAll(async () => {
    t = await createTestApp();
    routes = webRoutes(t);
    records = await world(t);
    app = records.app;
  });
  afterAll(() => t.close());

  const as = agentsFor(() => t);
  /** A valid CSRF token of `agent`'s session, from a page every signed-in person may open. */
  const csrfOf = async (agent: Awaited<ReturnType<typeof as>>): Promise<string> => {
    const token = hiddenField((await agent.get('/sign-out').expect(200)).text, '_csrf');
    if (!token) throw new Error('no CSRF token on the sign-out page');
    return token;
  };

  /** What a forged post would change: each record's version, the products issued and the errors recorded. */
  const versions = async () => {
    const as = async (user: string, path: string) => (await t.http().get(path).set('Authorization', `Bearer ${await t.token(user)}`).expect(200)).body as Record<string, unknown>;
    return {
      application: (await as('applicant', `/applications/${app.id}`)).version,
      request: (await as('spoc', `/disclosure-requests/${records.requestId}`)).version,
      error: (await as('spoc', `/errors/${records.errorId}`)).version,
      products: ((await as('spoc', `/applications/${app.id}/products`)).items as unknown[]).length,
      errors: ((await as('spoc', '/errors')).items as unknown[]).length,
    };
  };

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
    for (const username of ['other-applicant', 'other-spoc', 'other-dso', 'other-sro']) {
      const agent = await webAgent(t, username);
      for (const route of routes.filter((r) => r.method === 'get' && /:(id|returnId)\b/.test(r.path))) {
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

  it('a person of the same force whose roles the page does not name gets the 403 page, on every page and every form', async () => {
    const policies = routePolicies(t);
    const sameForce = DEMO_USERS.filter((u) => u.authority === 'tvp');
    const before = await versions();
    let refusals = 0;
    for (const route of routes) {
      const policy = policies.get(`${route.method.toUpperCase()} ${route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`);
      if (!policy) throw new Error(`no route policy for ${route.method} ${route.path}`);
      if (policy.kind !== 'roles') continue;
      for (const user of sameForce.filter((u) => !u.roles.some((role) => policy.roles.includes(role)))) {
        const agent = await as(user.username);
        const path = fill(route.path);
        const res =
          route.method === 'get'
            ? await agent.get(path)
            : await agent.post(path).type('form').send({ _csrf: await csrfOf(agent), idempotencyKey: '00000000-0000-4000-8000-00000000000a' });
        expect({ route: `${route.method} ${route.path}`, user: user.username, status: res.status }).toEqual({ route: `${route.method} ${route.path}`, user: user.username, status: 403 });
        refusals += 1;
      }
    }
    expect(await versions()).toEqual(before);
    expect(refusals).toBeGreaterThan(100);
  });

  it('every download a page offers (a PDF, CSV, XLSX or JSON file) is never cached', async () => {
    const downloads: string[] = [];
    for (const username of ['spoc', 'sro', 'applicant']) {
      const agent = await webAgent(t, username);
      for (const route of routes.filter((r) => r.method === 'get')) {
        const path = fill(route.path);
        const res = await agent.get(route.path.startsWith('/web/statistics') ? `${path}?from=2026-01-01&to=2026-12-31&format=xlsx` : path).buffer(true);
        if (res.status !== 200 || /^text\/html/.test(String(res.headers['content-type']))) continue;
        downloads.push(`${username} ${route.path}`);
        expect({ route: route.path, cacheControl: res.headers['cache-control'], disposition: res.headers['content-disposition'] }).toEqual({
          route: route.path,
          cacheControl: 'no-store',
          disposition: expect.stringMatching(/^attachment; filename=/),
        });
      }
    }
    // The record PDF, the product PDF, the IPC report, the return's downloads, the HI-1 and copy pack at least.
    expect(downloads.length).toBeGreaterThanOrEqual(6);
  });

  it('every POST without a valid CSRF token is 403 and changes nothing', async () => {
    const agent = await webAgent(t, 'applicant');
    const before = await versions();
    for (const route of routes.filter((r) => r.method === 'post')) {
      const res = await agent.post(fill(route.path)).type('form').send({ _csrf: 'not-a-token', idempotencyKey: 'web-routes-0001', version: String(before.application) });
      expect({ route: route.path, status: res.status }).toEqual({ route: route.path, status: 403 });
    }
    expect(await versions()).toEqual(before);
    const list = await agent.get('/sign-out');
    expect(list.status).toBe(200);
  });
});
