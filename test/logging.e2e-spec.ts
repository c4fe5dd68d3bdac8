import { Writable } from 'node:stream';
import { Controller, Get, Logger, Param } from '@nestjs/common';
import { Public } from '../src/common/route-policy';
import { createLogger } from '../src/http/logging';
import { createTestApp, DEMO_PASSWORD, type TestApp } from './support/test-app';

/** The identifiers the probe routes put in front of the logger; none may reach a line while redaction is on. */
const NUMBER = '+447700900123';
const IMEI = '490154203237518';
const ADDRESS = '203.0.113.7';
const EMAIL = 'subscriber@example.net';

/** Routes that hand the logger what an operational log must not keep: an identifier in an error and in a message. */
@Controller('log-probe')
class LogProbeController {
  private readonly logger = new Logger('LogProbe');

  @Get('boom/:number')
  @Public()
  boom(@Param('number') number: string): never {
    throw new Error(`lookup of ${number} (IMEI ${IMEI}) failed for ${ADDRESS}, reply to ${EMAIL}`);
  }

  @Get('note')
  @Public()
  note(): { ok: true } {
    this.logger.warn(`subscriber ${NUMBER} used ${ADDRESS} and [2001:db8::1]:443`);
    return { ok: true };
  }
}

type Line = Record<string, unknown> & { msg?: string; reqId?: string; level?: string };

/** A test app whose log lines are kept in memory, at info, with redaction as given. */
async function appWithLines(redaction: boolean): Promise<{ t: TestApp; lines: () => Line[]; raw: () => string }> {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const t = await createTestApp({
    env: { LOG_LEVEL: 'log', LOG_REDACTION: String(redaction) },
    controllers: [LogProbeController],
    logger: (config) => createLogger(config, sink),
  });
  const raw = () => chunks.join('');
  const lines = () =>
    raw()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Line);
  return { t, lines, raw };
}

const accessLines = (lines: Line[], reqId: string) => lines.filter((l) => l.reqId === reqId && /^request (completed|aborted)$/.test(l.msg ?? ''));

describe('operational logs (issue 18, item 6; docs/operations.md "Logs and health")', () => {
  describe('with redaction (the default)', () => {
    let t: TestApp;
    let lines: () => Line[];
    let raw: () => string;
    beforeAll(async () => ({ t, lines, raw } = await appWithLines(true)));
    afterAll(() => t.close());

    it('writes one JSON access line per request: request id, method, route (not the URL), status, duration', async () => {
      const res = await t.http().get(`/health?phone=${encodeURIComponent(NUMBER)}&imei=${IMEI}`).expect(200);
      const reqId = res.headers['x-request-id'];
      const access = accessLines(lines(), reqId);
      expect(access).toHaveLength(1);
      expect(access[0]).toMatchObject({ level: 'info', req: { method: 'GET', route: '/health' }, res: { statusCode: 200 } });
      expect(typeof access[0].durationMs).toBe('number');
      expect(raw()).not.toContain('phone=');
      expect(raw()).not.toContain(IMEI);
    });

    it('names the route pattern of a route with parameters, and "(unmatched)" for a path that matched none', async () => {
      const token = await t.token('applicant');
      const id = '5b0f6c1e-0000-4000-8000-000000000001';
      const found = await t.http().get(`/applications/${id}`).set('Authorization', `Bearer ${token}`);
      const missing = await t.http().get(`/no-such-route/${encodeURIComponent(NUMBER)}`).expect(404);
      expect(accessLines(lines(), found.headers['x-request-id'])[0]).toMatchObject({ req: { route: '/applications/:id' } });
      expect(accessLines(lines(), missing.headers['x-request-id'])[0]).toMatchObject({ req: { route: '(unmatched)' }, res: { statusCode: 404 } });
      expect(raw()).not.toContain(id);
      expect(raw()).not.toContain('no-such-route');
    });

    it('keeps a request id that came in X-Request-Id, and shows a bearer credential only as "Bearer [redacted]"', async () => {
      const token = await t.token('spoc');
      await t.http().get('/applications').set('Authorization', `Bearer ${token}`).set('X-Request-Id', 'probe-request-0001');
      const [access] = accessLines(lines(), 'probe-request-0001');
      expect(access).toMatchObject({ req: { headers: { authorization: 'Bearer [redacted]' } } });
      expect(raw()).not.toContain(token);
      expect(raw()).not.toMatch(/eyJ[\w-]{10,}/);
    });

    it('never writes a password: a sign-in, right or wrong, leaves only its access line', async () => {
      const ok = await t.http().post('/auth/login').send({ username: 'dso', password: DEMO_PASSWORD }).expect(200);
      await t.http().post('/auth/login').send({ username: 'dso', password: 'Not-The-Password-1' });
      expect(accessLines(lines(), ok.headers['x-request-id'])).toHaveLength(1);
      expect(raw()).not.toContain(DEMO_PASSWORD);
      expect(raw()).not.toContain('Not-The-Password-1');
      expect(raw()).not.toContain((ok.body as { accessToken: string }).accessToken);
    });

    it("routes Nest's Logger to the same lines, with the request id, and scrubs identifiers from messages and stacks", async () => {
      const note = await t.http().get('/log-probe/note').expect(200);
      const boom = await t.http().get(`/log-probe/boom/${encodeURIComponent(NUMBER)}`).expect(500);
      const noteId = note.headers['x-request-id'];
      const boomId = boom.headers['x-request-id'];
      const warned = lines().find((l) => l.reqId === noteId && l.context === 'LogProbe');
      expect(warned).toMatchObject({ level: 'warn', msg: expect.stringMatching(/^subscriber \[phone\] used (\[ip-[0-9a-f]{10}\]) and \[\[ip-[0-9a-f]{10}\]\]:443$/) });
      const failed = lines().filter((l) => l.reqId === boomId);
      expect(failed.map((l) => l.level).sort()).toEqual(['error', 'error']); // the problem filter's line and the access line
      expect(JSON.stringify(failed)).toMatch(/lookup of \[phone\] \(IMEI \[number\]\) failed for \[ip-[0-9a-f]{10}\], reply to \[email\]/);
      for (const value of [NUMBER, IMEI, ADDRESS, EMAIL, '2001:db8::1']) expect(raw()).not.toContain(value);
    });

    it('every line is JSON with a level and a time; the lines of a request carry its id', () => {
      for (const line of lines()) {
        expect(typeof line.level).toBe('string');
        expect(typeof line.time).toBe('string');
      }
      const ids = lines()
        .filter((l) => l.msg === 'request completed')
        .map((l) => l.reqId);
      expect(ids.every((id) => typeof id === 'string' && id.length >= 8)).toBe(true);
    });
  });

  // The control for the tests above: the same requests with redaction switched off put the credentials and the
  // identifiers in the lines, so what keeps them out is the redaction, not the requests chosen.
  describe('with redaction switched off (LOG_REDACTION=false, the log audit control only)', () => {
    let t: TestApp;
    let raw: () => string;
    beforeAll(async () => ({ t, raw } = await appWithLines(false)));
    afterAll(() => t.close());

    it('writes the bearer token and the identifiers as they came', async () => {
      const token = await t.token('spoc');
      await t.http().get('/applications').set('Authorization', `Bearer ${token}`);
      await t.http().get('/log-probe/note').expect(200);
      await t.http().get(`/log-probe/boom/${encodeURIComponent(NUMBER)}`).expect(500);
      expect(raw()).toContain(`Bearer ${token}`);
      for (const value of [NUMBER, IMEI, ADDRESS, EMAIL]) expect(raw()).toContain(value);
    });
  });
});
