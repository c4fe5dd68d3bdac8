import { Writable } from 'node:stream';
import type { NextFunction, Request, Response } from 'express';
import { createLogger, PINO_LEVEL, PinoNestLogger, REDACTED, scrubText, scrubValue } from './logging';
import { requestContextMiddleware } from './request-context';

/** A logger at `level` whose lines are kept in memory. */
function memoryLogger(level: 'error' | 'warn' | 'log' | 'debug' | 'verbose' = 'log', redaction = true) {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const logger = createLogger({ logLevel: level, logRedaction: redaction }, sink);
  const lines = () =>
    chunks
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { logger, lines, raw: () => chunks.join('') };
}

const IP = /\[ip-[0-9a-f]{10}\]/;

describe('the log scrubber (docs/security.md "Logs")', () => {
  it.each([
    ['an E.164 number', 'call from +447911123456 at noon', 'call from [phone] at noon'],
    ['a spaced international number', 'number +44 7911 123456.', 'number [phone].'],
    ['a UK national number, spaced or not', '07911 123456 and 07700900123', '[phone] and [phone]'],
    ['an IMEI', 'handset 490154203237518', 'handset [number]'],
    ['an IMEI in its groups', 'handset 49-015420-323751-8', 'handset [imei]'],
    ['an IMSI or any long run of digits', 'imsi=234150999999999;', 'imsi=[number];'],
    ['an e-mail address', 'reply to jo.example+cd@example.police.uk now', 'reply to [email] now'],
    ['a bearer credential', 'Authorization: Bearer abc.def-ghi', 'Authorization: Bearer [redacted]'],
    ['a JSON Web Token anywhere', 'token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln end', 'token [jwt] end'],
  ])('replaces %s', (_kind, text, expected) => {
    expect(scrubText(text)).toBe(expected);
  });

  it('pseudonymises an IPv4 or IPv6 address: the same address, the same pseudonym; another, another', () => {
    const a = scrubText('from 203.0.113.7 and 203.0.113.7, then 2001:db8::1 and [2001:db8::1]:443 and ::ffff:198.51.100.2');
    expect(a).not.toMatch(/203\.0\.113|2001:db8|198\.51/);
    const pseudonyms = a.match(/\[ip-[0-9a-f]{10}\]/g) ?? [];
    expect(pseudonyms).toHaveLength(5);
    expect(pseudonyms[0]).toBe(pseudonyms[1]);
    expect(pseudonyms[2]).toBe(pseudonyms[3]);
    expect(new Set(pseudonyms).size).toBe(3);
  });

  it('keeps what names no one: times, UUIDs, routes, counts, loopback and unspecified addresses', () => {
    const text =
      'at 2026-03-02T10:00:00.000Z, 10:00:00, request 5b0f6c1e-1234-4000-8000-123456789012 on /applications/:id, ' +
      'Seeded 14 demo users, 123456789 bytes, listening on http://127.0.0.1:3000 and ::1 and 0.0.0.0, from ::ffff:127.0.0.1';
    expect(scrubText(text)).toBe(text);
  });

  it('redacts credentials by field name at any depth, keeping an Authorization header’s scheme', () => {
    const value = {
      username: 'spoc',
      password: 'Demo-Password-2026',
      body: { refreshToken: 'r-1', nested: [{ clientSecret: 's', spocPin: '1234' }] },
      headers: { authorization: 'Bearer xyz', cookie: 'sid=1', 'set-cookie': ['sid=2'] },
      count: 3,
    };
    expect(scrubValue(value)).toEqual({
      username: 'spoc',
      password: REDACTED,
      body: { refreshToken: REDACTED, nested: [{ clientSecret: REDACTED, spocPin: REDACTED }] },
      headers: { authorization: `Bearer ${REDACTED}`, cookie: REDACTED, 'set-cookie': REDACTED },
      count: 3,
    });
  });

  it('scrubs an error’s message and stack, long integers, and survives a circular object', () => {
    const error = new Error('duplicate key (identifier)=(+447911123456)');
    const circular: Record<string, unknown> = { imei: 490154203237518 };
    circular.self = circular;
    const scrubbed = scrubValue({ err: error, circular }) as { err: { message: string; stack: string }; circular: Record<string, unknown> };
    expect(scrubbed.err.message).toBe('duplicate key (identifier)=([phone])');
    expect(scrubbed.err.stack).not.toContain('447911123456');
    expect(scrubbed.circular).toEqual({ imei: '[number]', self: '[…]' });
  });
});

describe('the logger', () => {
  it('maps LOG_LEVEL onto pino: log is info, verbose is trace', () => {
    expect(PINO_LEVEL).toEqual({ error: 'error', warn: 'warn', log: 'info', debug: 'debug', verbose: 'trace' });
    const { logger } = memoryLogger('log');
    expect([logger.isLevelEnabled('info'), logger.isLevelEnabled('debug')]).toEqual([true, false]);
    expect(memoryLogger('verbose').logger.isLevelEnabled('trace')).toBe(true);
    expect(memoryLogger('error').logger.isLevelEnabled('warn')).toBe(false);
  });

  it('writes JSON lines with the level by name, an ISO time, and scrubbed messages and fields', () => {
    const { logger, lines } = memoryLogger();
    logger.warn({ address: '203.0.113.9', password: 'hunter2-hunter2' }, 'failed for %s', 'jo@example.net');
    const [line] = lines();
    expect(line).toMatchObject({ level: 'warn', msg: 'failed for [email]', password: REDACTED });
    expect(line.address).toMatch(IP);
    expect(typeof line.time).toBe('string');
  });

  it('keeps a forged line inside its own: a message with a line break and JSON stays one JSON line (no log injection)', () => {
    const { logger, raw, lines } = memoryLogger();
    logger.info('user typed\n{"level":"fatal","msg":"forged"}');
    expect(raw().trim().split('\n')).toHaveLength(1);
    expect(lines()[0]).toMatchObject({ level: 'info', msg: 'user typed\n{"level":"fatal","msg":"forged"}' });
  });

  it('adds the request id of the request being handled to every line', () => {
    const { logger, lines } = memoryLogger();
    const req = { header: () => 'probe-request-0042' } as unknown as Request;
    const res = { setHeader: () => undefined } as unknown as Response;
    requestContextMiddleware(req, res, (() => logger.info('inside')) as NextFunction);
    logger.info('outside');
    expect(lines().map((l) => [l.msg, l.reqId])).toEqual([
      ['inside', 'probe-request-0042'],
      ['outside', undefined],
    ]);
  });

  it("takes Nest's calls: context last, an error's stack, an object message merged", () => {
    const { logger, lines } = memoryLogger();
    const nest = new PinoNestLogger(logger);
    nest.log('started', 'Main');
    nest.error('poll failed', 'Error: x\n    at y', 'Poller');
    nest.error('no stack', undefined, 'Poller');
    nest.warn({ event: 'login.failed', address: '198.51.100.4' }, 'Login');
    nest.debug('hidden at info', 'Main');
    const out = lines();
    expect(out.map((l) => [l.level, l.context, l.msg])).toEqual([
      ['info', 'Main', 'started'],
      ['error', 'Poller', 'poll failed'],
      ['error', 'Poller', 'no stack'],
      ['warn', 'Login', undefined],
    ]);
    expect(out[1].stack).toBe('Error: x\n    at y');
    expect(out[3]).toMatchObject({ event: 'login.failed', address: expect.stringMatching(IP) });
  });

  it('with redaction off (the log audit control only), writes what it was given', () => {
    const { logger, raw } = memoryLogger('log', false);
    logger.info({ req: { headers: { authorization: 'Bearer eyJabc.def.ghi' } }, password: 'p4ssword-p4ssword' }, 'from 203.0.113.7');
    expect(raw()).toContain('Bearer eyJabc.def.ghi');
    expect(raw()).toContain('p4ssword-p4ssword');
    expect(raw()).toContain('203.0.113.7');
  });
});
