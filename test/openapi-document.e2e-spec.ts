/**
 * The served OpenAPI document says what a client generator needs (docs/architecture.md §8): every
 * operation has an id, a summary, its success schema and the problems it can answer with; `servers`,
 * `info.license` and described tags are set; versioned records declare their ETag, writes to them
 * `If-Match` with 412 and 428; commands declare `Idempotency-Key`, except a route that refuses one (an
 * upload), which must not; routes anyone may call say so, and only they. Redocly's recommended rules are
 * checked on the same document by `npm run openapi:lint`.
 */
import type { INestApplication } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { DECORATORS } from '@nestjs/swagger';
import { ROUTE_POLICY, type RoutePolicy } from '../src/common/route-policy';
import { ERROR_CODES } from '../src/http/error-codes';
import { problemDescription } from '../src/http/openapi';
import { RefusesIdempotencyKey } from '../src/common/idempotency-key-rule';
import { createTestApp, type TestApp } from './support/test-app';

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
}

interface ResponseObject {
  description: string;
  headers?: Record<string, { required?: boolean }>;
  content?: Record<string, { schema?: { $ref?: string; type?: string; format?: string; oneOf?: unknown[] } }>;
}

interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, unknown> };
  responses: Record<string, ResponseObject>;
}

interface Document {
  info: { license?: { name?: string; url?: string } };
  servers?: { url: string }[];
  tags?: { name: string; description?: string }[];
  security?: Record<string, string[]>[];
  paths: Record<string, Record<string, Operation>>;
}

const PROBLEM = '#/components/schemas/Problem';

/** An operation anyone may call: its only security requirement is the empty one. */
const isPublic = (op: Operation): boolean => op.security !== undefined && op.security.every((s) => Object.keys(s).length === 0);
const VERSIONED = ['#/components/schemas/Application', '#/components/schemas/CdError', '#/components/schemas/Csp'];

/** A route that refuses `Idempotency-Key`: its operation id, and who may call it. */
interface RefusingRoute {
  operationId: string;
  policy: RoutePolicy | undefined;
}

/**
 * The routes marked `@RefusesIdempotencyKey()` (src/idempotency/idempotency.interceptor.ts): their body is
 * streamed to the handler, so it cannot be fingerprinted, and the interceptor answers a key with 400
 * IDEMPOTENCY_KEY_INVALID. Read from the routes' own metadata, under the key the decorator itself sets (found
 * by applying it to a probe), so the exception to "every command takes a key" is exactly the routes that refuse.
 */
function routesRefusingKey(app: INestApplication): RefusingRoute[] {
  const probe = { handler: (): void => undefined };
  const descriptor = Object.getOwnPropertyDescriptor(probe, 'handler');
  if (!descriptor) throw new Error('no probe handler');
  RefusesIdempotencyKey()(probe, 'handler', descriptor);
  const [refusesKey] = Reflect.getOwnMetadataKeys(descriptor.value as object) as unknown[];
  const refused: unknown = Reflect.getMetadata(refusesKey, descriptor.value as object);
  const scanner = new MetadataScanner();
  return app
    .get(DiscoveryService)
    .getControllers()
    .flatMap((wrapper) => {
      const prototype = wrapper.metatype?.prototype as Record<string, unknown> | undefined;
      if (!prototype) return [];
      return scanner.getAllMethodNames(prototype).flatMap((name) => {
        const handler = prototype[name];
        if (typeof handler !== 'function' || Reflect.getMetadata(refusesKey, handler) !== refused) return [];
        const operation = Reflect.getMetadata(DECORATORS.API_OPERATION, handler) as { operationId?: string } | undefined;
        return [{ operationId: operation?.operationId ?? `${wrapper.name}.${name} (no operationId)`, policy: Reflect.getMetadata(ROUTE_POLICY, handler) as RoutePolicy | undefined }];
      });
    });
}

describe('the served OpenAPI document', () => {
  let t: TestApp;
  let doc: Document;
  let operations: { key: string; method: string; path: string; op: Operation }[];
  let refusing: RefusingRoute[];

  beforeAll(async () => {
    t = await createTestApp();
    doc = (await t.http().get('/docs-json').expect(200)).body as Document;
    operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, method, path, op })),
    );
    refusing = routesRefusingKey(t.app);
  });
  afterAll(() => t.close());

  it('names its servers, its licence and what each tag is about', () => {
    expect(doc.servers?.length).toBeGreaterThan(0);
    expect(doc.info.license).toEqual({ name: expect.any(String) as string, url: expect.any(String) as string });
    const used = new Set(operations.flatMap(({ op }) => op.tags ?? []));
    expect([...used].sort()).toEqual((doc.tags ?? []).map((tag) => tag.name).sort());
    expect((doc.tags ?? []).filter((tag) => !tag.description)).toEqual([]);
  });

  it('gives every operation a unique id, a summary and a tag', () => {
    expect(operations.length).toBeGreaterThanOrEqual(19);
    const ids = operations.map(({ op }) => op.operationId);
    expect(ids.filter((id) => !id || !/^[a-z][A-Za-z]+$/.test(id))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(operations.filter(({ op }) => !op.summary || !op.tags?.length).map(({ key }) => key)).toEqual([]);
  });

  it('gives every operation a success schema, and problems as application/problem+json for the rest', () => {
    for (const { key, op } of operations) {
      const success = Object.entries(op.responses).filter(([status]) => /^2\d\d$/.test(status));
      expect({ key, successes: success.length }).toEqual({ key, successes: 1 });
      const media = Object.values(success[0][1].content ?? {});
      // One media type, or several for a route that answers in the format asked for (the statistics return): each
      // with its schema. A 204 has no content at all (RFC 9110 §15.3.5): ending a session answers nothing.
      const expectsMedia = success[0][0] !== '204';
      expect({ key, media: media.length > 0, unschemed: media.filter((m) => m.schema === undefined).length }).toEqual({ key, media: expectsMedia, unschemed: 0 });
      const problems = Object.entries(op.responses).filter(([status]) => !/^2\d\d$/.test(status));
      expect({ key, hasClientError: problems.some(([status]) => status.startsWith('4')) }).toEqual({ key, hasClientError: true });
      for (const [status, response] of problems) {
        expect({ key, status, content: response.content }).toEqual({ key, status, content: { 'application/problem+json': { schema: { $ref: PROBLEM } } } });
        expect(response.description).toBe(problemDescription(Number(status) as Parameters<typeof problemDescription>[0]));
      }
    }
  });

  it('names every code of the error catalogue under the status it maps to', () => {
    const described = operations.flatMap(({ op }) => Object.values(op.responses).map((r) => r.description)).join('\n');
    // 405 (a method no route has) and 500 (a bug) are not answers any operation is designed to give.
    const undesigned = ['METHOD_NOT_ALLOWED', 'INTERNAL_ERROR'];
    expect(ERROR_CODES.filter((code) => !undesigned.includes(code) && !described.includes(`\`${code}\``))).toEqual([]);
  });

  it('declares the ETag of a versioned record, and If-Match with 412 and 428 on every write to one', () => {
    for (const { key, method, op } of operations) {
      const [status, success] = Object.entries(op.responses).find(([s]) => /^2\d\d$/.test(s)) ?? [];
      const ref = success?.content?.['application/json']?.schema?.$ref;
      if (!ref || !VERSIONED.includes(ref)) continue;
      expect({ key, status, etag: success?.headers?.ETag }).toEqual({ key, status, etag: expect.objectContaining({ required: true }) as unknown });
      const ifMatch = op.parameters?.find((p) => p.name === 'If-Match');
      const writesExisting = method !== 'get' && key.includes('{id}') && !key.endsWith('/renewal');
      expect({ key, ifMatch: ifMatch?.required ?? null, has412: '412' in op.responses, has428: '428' in op.responses }).toEqual({
        key,
        ifMatch: writesExisting ? true : null,
        has412: writesExisting,
        has428: writesExisting,
      });
    }
  });

  it('requires Idempotency-Key, and declares what it and a JSON body can bring, on every authenticated command that takes one', () => {
    const commands = operations.filter(({ method, op }) => ['post', 'patch'].includes(method) && !isPublic(op));
    expect(commands.length).toBeGreaterThanOrEqual(7);
    const refuses = new Set(refusing.map((route) => route.operationId));
    for (const { key, path, op } of commands) {
      // A route that refuses the key must not offer it: a generated client would send it and get 400. The
      // session's own routes (`/auth/*`) take one but do not require it (issue 24, item 5).
      const expected = op.operationId !== undefined && refuses.has(op.operationId) ? undefined : !path.startsWith('/auth/');
      expect({ key, idempotencyKey: op.parameters?.find((p) => p.name === 'Idempotency-Key')?.required }).toEqual({ key, idempotencyKey: expected });
      expect({ key, statuses: ['409', '413', '415', '422'].filter((s) => !(s in op.responses)) }).toEqual({ key, statuses: [] });
    }
  });

  it('says of each route that refuses Idempotency-Key that it is not idempotent by key, and the route does refuse one', async () => {
    expect(refusing.length).toBeGreaterThan(0);
    for (const { operationId, policy } of refusing) {
      const found = operations.find(({ op }) => op.operationId === operationId);
      expect({ operationId, documentedCommand: found !== undefined && ['post', 'patch'].includes(found.method) && !isPublic(found.op) }).toEqual({ operationId, documentedCommand: true });
      if (!found) continue;
      // The document says how a retry is safe instead (the route's own duplicate check).
      expect({ operationId, description: found.op.description ?? '' }).toEqual({ operationId, description: expect.stringMatching(/not idempotent by key/i) as string });
      expect({ operationId, has400: '400' in found.op.responses }).toEqual({ operationId, has400: true });
      // Signed in with a role the route admits, so that the key is what is refused (before any record is read).
      const role = policy?.kind === 'roles' ? policy.roles[0] : 'applicant';
      const url = found.path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
      let req = t.http()[found.method as 'post' | 'patch'](url).set('authorization', `Bearer ${await t.token(role)}`).set('Idempotency-Key', 'openapi-document-probe');
      req = 'multipart/form-data' in (found.op.requestBody?.content ?? {}) ? req.field('probe', '1') : req.send({});
      const res = await req;
      expect({ operationId, status: res.status, code: (res.body as { code?: string }).code }).toEqual({ operationId, status: 400, code: 'IDEMPOTENCY_KEY_INVALID' });
    }
  });

  it('documents a 400 on GET /health because it can happen: Express reads a JSON body on any method', async () => {
    expect(Object.keys(doc.paths['/health'].get.responses).sort()).toEqual(['200', '400', '503']);
    const res = await t.http().get('/health').set('content-type', 'application/json').send('{"unreadable":');
    expect({ status: res.status, type: res.headers['content-type'], code: (res.body as { code: string }).code }).toEqual({
      status: 400,
      type: expect.stringMatching(/^application\/problem\+json/) as string,
      code: 'MALFORMED_REQUEST',
    });
  });

  it('marks as public exactly the operations that answer without a token', async () => {
    expect(doc.security).toEqual([{ bearer: [] }]);
    for (const { key, method, path, op } of operations) {
      const documentedPublic = isPublic(op);
      const url = path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
      const res = await t.http()[method as 'get' | 'post' | 'patch'](url).send(method === 'get' ? undefined : {});
      expect({ key, documentedPublic, answeredWithoutToken: res.status !== 401 }).toEqual({ key, documentedPublic, answeredWithoutToken: documentedPublic });
    }
  });
});
