import { createTestApp, type TestApp } from './support/test-app';
import { PlumbingController } from './support/plumbing.controller';

describe('the real AppModule under Jest (issue 3)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ controllers: [PlumbingController] });
  });
  afterAll(() => t.close());

  it('boots and answers /health with a database round trip', async () => {
    const res = await t.http().get('/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', database: 'up', protections: 'ok' });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves the OpenAPI document and the docs page without a token', async () => {
    const json = await t.http().get('/docs-json').expect(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(Object.keys(json.body.paths)).toEqual(expect.arrayContaining(['/health', '/auth/login']));
    const html = await t.http().get('/docs').expect(200);
    expect(html.text).toContain('swagger');
  });

  it('types every schema property in the OpenAPI document (no bare `object` for a string, number or boolean)', async () => {
    const doc = (await t.http().get('/docs-json').expect(200)).body as {
      components: { schemas: Record<string, { properties?: Record<string, { type?: string; $ref?: string; allOf?: unknown }> }> };
    };
    const untyped = Object.entries(doc.components.schemas).flatMap(([name, schema]) =>
      Object.entries(schema.properties ?? {})
        .filter(([, p]) => p.type === 'object' && !p.$ref && !p.allOf)
        .map(([prop]) => `${name}.${prop}`),
    );
    expect(untyped).toEqual([]);
  });

  it('answers an unknown route with a 404 problem document', async () => {
    const res = await t.http().get('/no/such/route').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, code: 'NOT_FOUND', title: 'Not Found' });
    expect(res.body.traceId).toBe(res.headers['x-request-id']);
  });

  it('answers malformed JSON with 400 problem+json, not 500', async () => {
    const res = await t.http().post('/auth/login').set('content-type', 'application/json').send('{"username":').expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('MALFORMED_REQUEST');
  });

  it('refuses a write whose body is not JSON with 415 problem+json, and runs no command', async () => {
    const token = await t.token('applicant');
    const res = await t
      .http()
      .post('/plumbing/commands')
      .set('authorization', `Bearer ${token}`)
      .set('content-type', 'text/plain')
      .send('note=x&count=1')
      .expect(415);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('names each invalid field, and refuses unknown fields', async () => {
    const token = await t.token('applicant');
    const res = await t
      .http()
      .post('/plumbing/commands')
      .set('authorization', `Bearer ${token}`)
      .send({ note: 5, count: 99, extra: true })
      .expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const fields = (res.body.errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(expect.arrayContaining(['count', 'extra', 'note']));
  });

  it('answers an unexpected error with 500 and no stack, SQL or path, and keeps the trace id', async () => {
    const res = await t.http().get('/plumbing/boom').set('x-request-id', 'trace-abc-12345').expect(500);
    expect(res.body).toEqual({
      type: 'urn:cd-workflow:problem:internal-error',
      title: 'Internal Server Error',
      status: 500,
      code: 'INTERNAL_ERROR',
      detail: 'An unexpected error occurred.',
      traceId: 'trace-abc-12345',
    });
    expect(res.text).not.toMatch(/SELECT|password_hash|\/srv|\.ts/);
  });
});
