import { generateKeyPairSync, randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { DemoSeed } from '../src/auth/demo-seed';
import { PasswordHasher } from '../src/auth/password-hasher';
import { JSON_BODY_MAX_BYTES, PAGE_SIZE_MAX } from '../src/http/request-limits';
import { HSTS_MAX_AGE_SECONDS } from '../src/http/security-headers';
import { resolveSchema, type OpenApiDocument, type OpenApiParameter } from './support/fuzz-openapi';
import { callerForOperation, routePolicies } from './support/route-policies';
import { createTestApp, DEMO_PASSWORD, isPostgres, type TestApp } from './support/test-app';

/**
 * Acceptance (issue 18 points 3 and 5; docs/security.md "Input, headers and limits"): every response carries
 * helmet's headers and `Cache-Control: no-store` — over every GET route of the served OpenAPI document, errors
 * included; a JSON body over the limit is 413; a page larger than 100 is 400 on every list route; Swagger UI
 * loads under the Content-Security-Policy; `/docs` is public outside production and needs a token in it.
 */

interface GetOperation {
  key: string;
  path: string;
  parameters: OpenApiParameter[];
}

function getOperations(doc: OpenApiDocument): GetOperation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    item.get ? [{ key: `GET ${path}`, path, parameters: item.get.parameters ?? [] }] : [],
  );
}

/** A path param filled: the first value of an enum (a dashboard tile), otherwise some id that exists nowhere. */
function fillPath(doc: OpenApiDocument, op: GetOperation): string {
  let path = op.path;
  for (const param of op.parameters.filter((p) => p.in === 'path')) {
    const first = resolveSchema(doc, param.schema)?.enum?.[0];
    path = path.replace(`{${param.name}}`, encodeURIComponent(typeof first === 'string' ? first : randomUUID()));
  }
  return path;
}

/** The headers every response must carry, as one comparable record (what is wrong, or `ok`). */
function headerDefects(res: Response): Record<string, string> {
  const h = res.headers as Record<string, string | undefined>;
  const csp = h['content-security-policy'] ?? '';
  const directive = (name: string) => csp.split(';').map((d) => d.trim()).find((d) => d.split(/\s+/)[0] === name);
  const hsts = h['strict-transport-security'] ?? '';
  const maxAge = Number(/max-age=(\d+)/.exec(hsts)?.[1] ?? 0);
  const check = (ok: boolean, actual: string | undefined) => (ok ? 'ok' : String(actual));
  return {
    'default-src': check(directive('default-src') === "default-src 'self'", directive('default-src')),
    'frame-ancestors': check(directive('frame-ancestors') === "frame-ancestors 'none'", directive('frame-ancestors')),
    'object-src': check(directive('object-src') === "object-src 'none'", directive('object-src')),
    'base-uri': check(directive('base-uri') === "base-uri 'none'", directive('base-uri')),
    // Files of this origin, and the one inline script of a web page by this response's own nonce (src/web).
    'script-src': check(/^script-src 'self' 'nonce-[A-Za-z0-9+/]{22}=='$/.test(directive('script-src') ?? ''), directive('script-src')),
    hsts: check(maxAge >= HSTS_MAX_AGE_SECONDS && /includeSubDomains/.test(hsts), hsts),
    nosniff: check(h['x-content-type-options'] === 'nosniff', h['x-content-type-options']),
    'x-frame-options': check(h['x-frame-options'] === 'DENY', h['x-frame-options']),
    'referrer-policy': check(h['referrer-policy'] === 'no-referrer', h['referrer-policy']),
    'cache-control': check(h['cache-control'] === 'no-store', h['cache-control']),
    'x-powered-by': check(h['x-powered-by'] === undefined, h['x-powered-by']),
  };
}

const ALL_OK = Object.fromEntries(Object.keys(headerDefects({ headers: {} } as Response)).map((k) => [k, 'ok']));

describe(`security headers, body and page limits, and the API documentation (${isPostgres() ? 'PostgreSQL' : 'SQLite'})`, () => {
  let t: TestApp;
  let doc: OpenApiDocument;
  let gets: (GetOperation & { caller: string | null })[];

  beforeAll(async () => {
    t = await createTestApp();
    doc = (await t.http().get('/docs-json').expect(200)).body as OpenApiDocument;
    const policies = routePolicies(t);
    gets = getOperations(doc).map((op) => ({ ...op, caller: callerForOperation(policies, op.key) }));
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  });

  async function get(path: string, caller: string | null): Promise<Response> {
    const req = t.http().get(path);
    if (caller) req.set('authorization', `Bearer ${await t.token(caller)}`);
    return req;
  }

  describe('headers', () => {
    it('are on the answer of every GET route of the document, for a caller who may call it, whatever its status', async () => {
      expect(gets.length).toBeGreaterThan(20);
      const statuses: number[] = [];
      for (const op of gets) {
        const res = await get(fillPath(doc, op), op.caller);
        statuses.push(res.status);
        expect({ op: op.key, status: res.status, headers: headerDefects(res) }).toEqual({ op: op.key, status: res.status, headers: ALL_OK });
      }
      // Both kinds were seen: answers that carry data and refusals (an id that exists nowhere is 404).
      expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(5);
      expect(statuses.filter((s) => s === 404).length).toBeGreaterThan(5);
    });

    it('are on a file: the statistics return as CSV and as PDF', async () => {
      for (const format of ['csv', 'pdf']) {
        const res = await get(`/returns/statistics?from=2026-01-01&to=2026-03-31&format=${format}`, 'sro');
        expect({ format, status: res.status, headers: headerDefects(res) }).toEqual({ format, status: 200, headers: ALL_OK });
      }
    });

    it('are on refusals before any route: no token, an unknown route, a malformed body, a write', async () => {
      const answers = [
        await t.http().get('/applications'),
        await t.http().get('/no-such-route'),
        await t.http().post('/auth/login').set('content-type', 'application/json').send('{"username":'),
        await t.http().post('/auth/login').send({ username: 'nobody', password: 'wrong-password-123' }),
      ];
      expect(answers.map((res) => [res.status, headerDefects(res)])).toEqual([
        [401, ALL_OK],
        [404, ALL_OK],
        [400, ALL_OK],
        [401, ALL_OK],
      ]);
    });

    it('are on the OpenAPI document itself', async () => {
      const res = await t.http().get('/docs-json').expect(200);
      expect(headerDefects(res)).toEqual(ALL_OK);
    });
  });

  describe('Swagger UI under the Content-Security-Policy', () => {
    it('loads: every script and stylesheet of /docs is a file of this origin served with its own type, and no script is inline', async () => {
      const page = await t.http().get('/docs').expect(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      const html = page.text;
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts.length).toBeGreaterThan(0);
      // `script-src 'self'` runs no inline script: each must have a src, and nothing between its tags.
      expect(scripts.filter(([, attrs, body]) => !/\bsrc=/.test(attrs) || body.trim() !== '').map(([tag]) => tag.slice(0, 80))).toEqual([]);
      // No inline event handler either (`script-src-attr 'none'`).
      expect(html).not.toMatch(/\son[a-z]+\s*=/i);
      const scriptUrls = scripts.map(([, attrs]) => /\bsrc=["']([^"']+)["']/.exec(attrs)?.[1] ?? '');
      const styleUrls = [...html.matchAll(/<link\b[^>]*rel=["']stylesheet["'][^>]*>/g)].map(([tag]) => /\bhref=["']([^"']+)["']/.exec(tag)?.[1] ?? '');
      expect(styleUrls.length).toBeGreaterThan(0);
      const loads = [];
      for (const [url, kind] of [...scriptUrls.map((u) => [u, 'script'] as const), ...styleUrls.map((u) => [u, 'style'] as const)]) {
        // Relative to the page's address: same origin, so `'self'` allows it.
        expect(url).not.toMatch(/^(https?:)?\/\//);
        const res = await t.http().get(new URL(url, 'http://service/docs').pathname);
        loads.push({ url, status: res.status, type: String(res.headers['content-type']).split(';')[0], nosniff: res.headers['x-content-type-options'] });
        // `nosniff` makes the browser refuse a script or stylesheet of the wrong type.
        expect(loads.at(-1)).toEqual({ url, status: 200, type: kind === 'script' ? expect.stringMatching(/^(application|text)\/javascript$/) : 'text/css', nosniff: 'nosniff' });
      }
      expect(loads.length).toBe(scriptUrls.length + styleUrls.length);
      // The page's own <style> blocks need inline styles, which the policy allows for styles only.
      expect(html).toMatch(/<style>/);
      expect(String(page.headers['content-security-policy'])).toMatch(/style-src 'self' 'unsafe-inline'/);
      expect(headerDefects(page)).toEqual(ALL_OK);
    });

    it('embeds the document in its init script, so the page needs to fetch nothing from elsewhere', async () => {
      const init = await t.http().get('/docs/swagger-ui-init.js').expect(200);
      expect(init.headers['content-type']).toMatch(/^application\/javascript/);
      expect(init.text).toContain('"swaggerDoc"');
      expect(init.text).toContain('"openapi"');
    });

    it('is public outside production', async () => {
      await t.http().get('/docs').expect(200);
      await t.http().get('/docs-json').expect(200);
    });
  });

  describe('limits', () => {
    /** A JSON body of exactly `size` bytes: an object with one long string. */
    const bodyOf = (size: number) => `{"note":"${'x'.repeat(size - '{"note":""}'.length)}"}`;

    it(`refuses a JSON body of ${JSON_BODY_MAX_BYTES} bytes + 1 with 413 PAYLOAD_TOO_LARGE naming the limit, and reads one at the limit`, async () => {
      const token = await t.token('applicant');
      const send = (body: string) => t.http().post('/applications').set('authorization', `Bearer ${token}`).set('content-type', 'application/json').send(body);
      const over = await send(bodyOf(JSON_BODY_MAX_BYTES + 1));
      expect({ status: over.status, code: (over.body as { code: string }).code, type: over.headers['content-type'] }).toEqual({
        status: 413,
        code: 'PAYLOAD_TOO_LARGE',
        type: expect.stringMatching(/^application\/problem\+json/),
      });
      expect((over.body as { detail: string }).detail).toContain(String(JSON_BODY_MAX_BYTES));
      expect(headerDefects(over)).toEqual(ALL_OK);
      // At the limit the body is read and parsed: the answer is about its content (an unknown field), not its size.
      const at = await send(bodyOf(JSON_BODY_MAX_BYTES));
      expect({ status: at.status, code: (at.body as { code: string }).code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    });

    it('refuses a JSON body of 1 MB + 1 (the issue’s ceiling) with 413 on a public route too', async () => {
      const res = await t.http().post('/auth/login').set('content-type', 'application/json').send(bodyOf(1024 * 1024 + 1));
      expect({ status: res.status, code: (res.body as { code: string }).code }).toEqual({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    });

    it(`holds every list route of the document to pages of at most ${PAGE_SIZE_MAX}: 101 is 400 naming the parameter, 100 is not`, async () => {
      const lists = gets.flatMap((op) => {
        const param = op.parameters.find((p) => p.in === 'query' && (p.name === 'pageSize' || p.name === 'limit'));
        return param ? [{ op, param }] : [];
      });
      expect(lists.map(({ op }) => op.key).sort()).toEqual(
        expect.arrayContaining(['GET /applications', 'GET /errors', 'GET /csps', 'GET /dashboard/tiles/{tile}', 'GET /returns/statistics/records']),
      );
      for (const { op, param } of lists) {
        // The document promises the limit, so a generated client knows it.
        expect({ op: op.key, maximum: (resolveSchema(doc, param.schema) as { maximum?: number } | undefined)?.maximum }).toEqual({ op: op.key, maximum: PAGE_SIZE_MAX });
        const over = await get(`${fillPath(doc, op)}?${param.name}=${PAGE_SIZE_MAX + 1}`, op.caller);
        const body = over.body as { code: string; errors?: { field: string }[] };
        expect({ op: op.key, status: over.status, code: body.code, names: body.errors?.some((e) => e.field === param.name) }).toEqual({
          op: op.key,
          status: 400,
          code: 'VALIDATION_FAILED',
          names: true,
        });
        const max = await get(`${fillPath(doc, op)}?${param.name}=${PAGE_SIZE_MAX}`, op.caller);
        const fields = (max.body as { errors?: { field: string }[] }).errors?.map((e) => e.field) ?? [];
        expect({ op: op.key, fields: fields.filter((f) => f === param.name) }).toEqual({ op: op.key, fields: [] });
      }
    });
  });
});

describe(`the API documentation in production (${isPostgres() ? 'PostgreSQL' : 'SQLite'})`, () => {
  let t: TestApp;

  beforeAll(async () => {
    // What production demands of the configuration (src/config.ts): its own secret, a checkpoint signing key (issue
    // 21, item 2), no demo seed, no test switches.
    const checkpointKey = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    t = await createTestApp({
      env: {
        NODE_ENV: 'production',
        JWT_SECRET: 'a-production-secret-of-at-least-32-characters',
        CHECKPOINT_PRIVATE_KEY: checkpointKey,
        SEED_DEMO: 'false',
        TEST_FAST_HASHING: 'false',
        TEST_CLOCK_AT: '',
        TEST_SESSION_CLOCK_AT: '',
      },
    });
    // A signed-in user to hold a token: the demo users, seeded by hand since production refuses the seed.
    await new DemoSeed({ ...t.config, seedDemo: true }, t.uow, t.app.get(PasswordHasher)).run();
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  // Express matches routes whatever their case, so the door must too.
  const DOCS = ['/docs', '/docs/', '/docs-json', '/docs-yaml', '/docs/swagger-ui-init.js', '/docs/swagger-ui.css', '/DOCS-json', '/Docs', '/Docs/'];

  it('answers 401 problem+json without a token, with the security headers', async () => {
    for (const path of DOCS) {
      const res = await t.http().get(path);
      expect({ path, status: res.status, code: (res.body as { code?: string }).code, type: String(res.headers['content-type']).split(';')[0] }).toEqual({
        path,
        status: 401,
        code: 'AUTH_REQUIRED',
        type: 'application/problem+json',
      });
      expect({ path, headers: headerDefects(res) }).toEqual({ path, headers: ALL_OK });
    }
  });

  it('answers 401 to a token that is not valid', async () => {
    for (const header of ['Bearer not.a.token', 'Basic YWRtaW46YWRtaW4=', `Bearer ${'x'.repeat(20)}`]) {
      const res = await t.http().get('/docs-json').set('authorization', header);
      expect({ header, status: res.status, code: (res.body as { code?: string }).code }).toEqual({ header, status: 401, code: 'AUTH_TOKEN_INVALID' });
    }
  });

  it('serves the documents to a signed-in caller', async () => {
    const token = await t.token('applicant');
    const page = await t.http().get('/docs').set('authorization', `Bearer ${token}`);
    expect({ status: page.status, type: String(page.headers['content-type']).split(';')[0] }).toEqual({ status: 200, type: 'text/html' });
    const json = await t.http().get('/docs-json').set('authorization', `Bearer ${token}`);
    expect({ status: json.status, openapi: (json.body as { openapi?: string }).openapi }).toEqual({ status: 200, openapi: expect.stringMatching(/^3\./) });
    expect(headerDefects(json)).toEqual(ALL_OK);
  });

  it('closes the documents to a token whose session has ended', async () => {
    const login = await t.http().post('/auth/login').send({ username: 'spoc', password: DEMO_PASSWORD }).expect(200);
    const token = (login.body as { accessToken: string }).accessToken;
    await t.http().get('/docs-json').set('authorization', `Bearer ${token}`).expect(200);
    await t.http().post('/auth/logout').set('authorization', `Bearer ${token}`).expect(204);
    const res = await t.http().get('/docs-json').set('authorization', `Bearer ${token}`);
    expect({ status: res.status, code: (res.body as { code?: string }).code }).toEqual({ status: 401, code: 'AUTH_TOKEN_INVALID' });
  });

  it('leaves the API itself to its guard: /health stays public, other routes answer as before', async () => {
    await t.http().get('/health').expect(200);
    await t.http().get('/applications').expect(401);
  });

  it('tells browsers to upgrade insecure requests (production is served over TLS)', async () => {
    const res = await t.http().get('/health');
    expect(String(res.headers['content-security-policy'])).toMatch(/upgrade-insecure-requests/);
  });
});
