/**
 * Login abuse limits (issue 18, point 3; docs/security.md "Login abuse limits"; ASVS 5.0 V6.3.1, V16.3.1,
 * V16.2.5; OWASP API4:2023). Every limit is configured here explicitly; the window is driven by the app's
 * settable clock, never by waiting.
 */
import { Logger } from '@nestjs/common';
import type { Response } from 'supertest';
import { createTestApp, DEMO_PASSWORD, isPostgres, type TestApp, type TestAppOptions } from './support/test-app';

const WRONG = 'Wrong-Guess-Password-1!';

/** Five failures per username in 60 s; an address limit high enough not to interfere. */
const PER_USERNAME = {
  LOGIN_MAX_FAILURES_PER_USERNAME: '5',
  LOGIN_FAILURE_WINDOW_SECONDS: '60',
  LOGIN_MAX_FAILURES_PER_ADDRESS: '1000',
};

const login = (t: TestApp, username: string, password: string) => t.http().post('/auth/login').send({ username, password });

function expectThrottled(res: Response, retryAfter: number): void {
  expect(res.status).toBe(429);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status: 429, code: 'AUTH_THROTTLED', title: 'Too Many Requests' });
  expect(res.headers['retry-after']).toBe(String(retryAfter));
  expect(res.body).not.toHaveProperty('accessToken');
}

function expectWrongCredentials(res: Response): void {
  expect(res.status).toBe(401);
  expect(res.body).toMatchObject({ code: 'AUTH_INVALID_CREDENTIALS' });
}

/** The options that put a second app on the first one's database, as a second instance would be. */
function sameDatabaseAs(first: TestApp): TestAppOptions {
  const db = first.config.database;
  return db.kind === 'postgres' ? { postgresSchema: db.schema } : { sqlitePath: db.path };
}

describe(`login abuse limits on ${isPostgres() ? 'PostgreSQL' : 'SQLite'} (issue 18, point 3)`, () => {
  describe('per username', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ env: PER_USERNAME });
    });
    afterAll(() => t.close());

    it('answers the 6th failed sign-in for one username within 60 s with 429 and Retry-After, and refuses even the right password until the window passes', async () => {
      for (let i = 0; i < 5; i += 1) expectWrongCredentials(await login(t, 'applicant', WRONG));
      expectThrottled(await login(t, 'applicant', WRONG), 60);
      // The right password is refused too: that is what stops guessing.
      expectThrottled(await login(t, 'applicant', DEMO_PASSWORD), 60);
      t.clock.advance(59_000);
      expectThrottled(await login(t, 'applicant', DEMO_PASSWORD), 1);
      t.clock.advance(1_000);
      const res = await login(t, 'applicant', DEMO_PASSWORD).expect(200);
      expect(res.body.user).toMatchObject({ username: 'applicant' });
    });

    it('does not count failures for other usernames toward a username; an unknown username is throttled alike', async () => {
      for (let i = 0; i < 5; i += 1) expectWrongCredentials(await login(t, 'no-such-user', WRONG));
      expectThrottled(await login(t, 'no-such-user', WRONG), 60);
      // Another user's failures leave spoc's count at 0: four of spoc's own, then the right password, all answered.
      for (let i = 0; i < 4; i += 1) expectWrongCredentials(await login(t, 'spoc', WRONG));
      await login(t, 'spoc', DEMO_PASSWORD).expect(200);
    });

    it('does not count successful sign-ins or malformed requests as failures', async () => {
      for (let i = 0; i < 6; i += 1) await login(t, 'sro', DEMO_PASSWORD).expect(200);
      for (let i = 0; i < 6; i += 1) await t.http().post('/auth/login').send({ username: 'sro', password: '' }).expect(400);
      for (let i = 0; i < 5; i += 1) expectWrongCredentials(await login(t, 'sro', WRONG));
      expectThrottled(await login(t, 'sro', DEMO_PASSWORD), 60);
    });

    it('admits exactly the limit of failed sign-ins sent at once: each is counted before its password is checked', async () => {
      const answers = await Promise.all(Array.from({ length: 12 }, () => login(t, 'dso', WRONG)));
      expect(answers.map((r) => r.status).sort()).toEqual([...Array<number>(5).fill(401), ...Array<number>(7).fill(429)]);
      for (const res of answers.filter((r) => r.status === 429)) expectThrottled(res, 60);
    });
  });

  describe('per address', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({
        env: { LOGIN_MAX_FAILURES_PER_USERNAME: '5', LOGIN_FAILURE_WINDOW_SECONDS: '60', LOGIN_MAX_FAILURES_PER_ADDRESS: '3' },
      });
    });
    afterAll(() => t.close());

    it('refuses every sign-in from an address with 3 failures in the window, whatever the username, until the window passes', async () => {
      for (const username of ['someone', 'someone-else', 'a-third-name']) expectWrongCredentials(await login(t, username, WRONG));
      // No username has more than one failure, yet the address is over its limit: even a right password is refused.
      expectThrottled(await login(t, 'applicant', DEMO_PASSWORD), 60);
      // `trust proxy` is off: a client cannot pick another address by sending X-Forwarded-For.
      expectThrottled(await t.http().post('/auth/login').set('X-Forwarded-For', '203.0.113.7').send({ username: 'applicant', password: DEMO_PASSWORD }), 60);
      t.clock.advance(60_000);
      await login(t, 'applicant', DEMO_PASSWORD).expect(200);
    });
  });

  describe('logging', () => {
    let t: TestApp;
    let warn: jest.SpyInstance;
    let spies: jest.SpyInstance[];
    beforeAll(async () => {
      t = await createTestApp({ env: PER_USERNAME });
    });
    beforeEach(() => {
      spies = (['log', 'warn', 'error', 'debug', 'verbose', 'fatal'] as const).map((level) => jest.spyOn(Logger.prototype, level));
      warn = spies[1];
    });
    afterEach(() => spies.forEach((s) => s.mockRestore()));
    afterAll(() => t.close());

    /** What Nest's `Login` loggers were asked to write at warn level. */
    const failures = () => warn.mock.calls.filter((_, i) => (warn.mock.contexts[i] as { context?: string }).context === 'Login').map((c) => c[0] as unknown);

    it('logs every failed sign-in with the username, the address and the reason, and never the password', async () => {
      const passwords = ['Guess-Number-One-1!', 'Guess-Number-Two-2!', 'Guess-Number-Three-3!', 'Guess-Number-Four-4!', 'Guess-Number-Five-5!'];
      for (const password of passwords) expectWrongCredentials(await login(t, 'admin', password));
      expectWrongCredentials(await login(t, 'nobody-by-this-name', 'Guess-For-Nobody-6!'));
      // A password typed into the username field: not an account's name, so logged only as a pseudonym.
      expectWrongCredentials(await login(t, 'Typed-My-Password-7!', 'x'));
      expectWrongCredentials(await login(t, 'Typed-My-Password-7!', 'y'));
      expectThrottled(await login(t, 'admin', DEMO_PASSWORD), 60);

      const address = expect.stringMatching(/^(::ffff:)?127\.0\.0\.1$|^::1$/);
      const wrong = (username: string) => ({ event: 'login.failed', username, address, reason: 'wrong credentials' });
      const typed = expect.stringMatching(/^\[username-[0-9a-f]{10}\]$/);
      expect(failures()).toEqual([
        ...passwords.map(() => wrong('admin')),
        wrong(expect.stringMatching(/^\[username-[0-9a-f]{10}\]$/) as unknown as string),
        wrong(typed as unknown as string),
        wrong(typed as unknown as string),
        { event: 'login.failed', username: 'admin', address, reason: 'throttled', limit: 'username' },
      ]);
      // The same typed value gives the same pseudonym, so repeats still show as repeats.
      const logged = failures() as { username: string }[];
      expect(logged[6].username).toBe(logged[7].username);
      expect(logged[5].username).not.toBe(logged[6].username);

      // Nothing any logger was given, at any level, carries a password that was sent.
      const everything = JSON.stringify(spies.flatMap((s): unknown[] => s.mock.calls));
      for (const password of [...passwords, 'Guess-For-Nobody-6!', 'Typed-My-Password-7!', DEMO_PASSWORD]) expect(everything).not.toContain(password);
    });
  });

  describe('the store is shared by every instance on one database', () => {
    let a: TestApp;
    let b: TestApp;
    beforeAll(async () => {
      a = await createTestApp({ env: PER_USERNAME });
      b = await createTestApp({ env: PER_USERNAME, ...sameDatabaseAs(a) });
    });
    afterAll(async () => {
      await b?.close();
      await a?.close();
    });

    it('counts failures on two instances together: 3 on A and 2 on B, and the 6th is 429 on either', async () => {
      for (let i = 0; i < 3; i += 1) expectWrongCredentials(await login(a, 'applicant2', WRONG));
      for (let i = 0; i < 2; i += 1) expectWrongCredentials(await login(b, 'applicant2', WRONG));
      expectThrottled(await login(b, 'applicant2', WRONG), 60);
      expectThrottled(await login(a, 'applicant2', DEMO_PASSWORD), 60);
      a.clock.advance(60_000);
      b.clock.advance(60_000);
      await login(a, 'applicant2', DEMO_PASSWORD).expect(200);
      // The failures that left the window were pruned, and the successful attempt un-counted: the table is empty.
      const [{ n }] = await b.dataSource.query<{ n: string | number }[]>('SELECT COUNT(*) AS n FROM login_attempt');
      expect(Number(n)).toBe(0);
    });

    // On PostgreSQL the attempts race from both instances at once. In one process, two SQLite connections to one
    // file cannot overlap their writes (better-sqlite3 waits for the file lock synchronously), so there the
    // burst goes to one instance; the instances' sharing is shown by the test above.
    it('admits exactly the limit of failed sign-ins sent at once to the instances', async () => {
      const targets = isPostgres() ? [a, b] : [a];
      const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => login(targets[i % targets.length], 'other-applicant', WRONG)));
      expect(answers.map((r) => r.status).sort()).toEqual([...Array<number>(5).fill(401), ...Array<number>(7).fill(429)]);
    });
  });
});
