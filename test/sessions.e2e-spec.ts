/**
 * Sessions behind access tokens (issue 18, item 1; docs/security.md, "Sessions"): refresh-token rotation and
 * reuse detection, logout, idle and absolute limits on the sessions' clock, the user's own list of sessions,
 * and the session cache with its revocations reaching every instance.
 */
import { decode, sign } from 'jsonwebtoken';
import type { Response } from 'supertest';
import { SESSION_CLOCK } from '../src/auth/session-clock';
import type { SettableClock } from '../src/clock.provider';
import { expectProblem } from './support/guards-no-change';
import { createTestApp, DEMO_PASSWORD, isPostgres, type TestApp } from './support/test-app';

const SESSION_START = '2026-11-26T09:00:00.000Z';
const MINUTE = 60_000;

interface Tokens {
  accessToken: string;
  refreshToken: string;
  sessionId: string;
  sessionExpiresAt: string;
  expiresIn: number;
}

async function sessionApp(env: Record<string, string> = {}, shareWith?: TestApp): Promise<TestApp & { sessionClock: SettableClock }> {
  const share = shareWith
    ? shareWith.config.database.kind === 'postgres'
      ? { postgresSchema: shareWith.config.database.schema }
      : { sqlitePath: shareWith.config.database.path }
    : {};
  const t = await createTestApp({ env: { TEST_SESSION_CLOCK_AT: SESSION_START, ...env }, ...share });
  return Object.assign(t, { sessionClock: t.app.get<SettableClock>(SESSION_CLOCK) });
}

const login = async (t: TestApp, username = 'applicant', userAgent = 'sessions-spec'): Promise<Tokens> =>
  (await t.http().post('/auth/login').set('user-agent', userAgent).send({ username, password: DEMO_PASSWORD }).expect(200)).body as Tokens;
const refresh = (t: TestApp, refreshToken: string) => t.http().post('/auth/refresh').send({ refreshToken });
const me = (t: TestApp, accessToken: string) => t.http().get('/me/sessions').set('authorization', `Bearer ${accessToken}`);
const ok = (res: Response): Response => {
  expect({ status: res.status, body: res.body as unknown }).toMatchObject({ status: 200 });
  return res;
};

describe('sessions (issue 18, item 1)', () => {
  let t: TestApp & { sessionClock: SettableClock };

  beforeAll(async () => {
    t = await sessionApp();
  });
  afterAll(() => t.close());
  beforeEach(() => t.sessionClock.set(SESSION_START));

  it('signs in to a session: an access token naming it, its issuer, audience and a 15-minute expiry, and a refresh token', async () => {
    const s = await login(t);
    const claims = decode(s.accessToken) as Record<string, unknown>;
    const at = Date.parse(SESSION_START) / 1000;
    expect(claims).toMatchObject({ sid: s.sessionId, iss: 'cd-workflow', aud: 'cd-workflow-api', iat: at, exp: at + 900, typ: 'access' });
    expect(s.expiresIn).toBe(900);
    expect(s.sessionExpiresAt).toBe('2026-11-26T21:00:00.000Z');
    expect(s.refreshToken).toMatch(/^[\w-]{43}$/);
  });

  it('refuses an access token once it has expired, and a refresh gives a working pair in the same session', async () => {
    const s = await login(t);
    ok(await me(t, s.accessToken));
    t.sessionClock.advance(15 * MINUTE);
    expectProblem(await me(t, s.accessToken), 401, 'AUTH_TOKEN_INVALID');
    const next = ok(await refresh(t, s.refreshToken)).body as Tokens;
    expect(next.sessionId).toBe(s.sessionId);
    expect(next.refreshToken).not.toBe(s.refreshToken);
    ok(await me(t, next.accessToken));
  });

  it('refuses a token it has already accepted from the very second its exp names (verified tokens are remembered only until then)', async () => {
    const s = await login(t);
    for (let i = 0; i < 2; i++) ok(await me(t, s.accessToken));
    t.sessionClock.advance(15 * MINUTE - 1000);
    ok(await me(t, s.accessToken));
    t.sessionClock.advance(1000);
    expectProblem(await me(t, s.accessToken), 401, 'AUTH_TOKEN_INVALID');
    expectProblem(await me(t, s.accessToken), 401, 'AUTH_TOKEN_INVALID');
  });

  it('spends a refresh token once: presented again it ends the whole session, the new tokens too', async () => {
    const s = await login(t);
    const next = ok(await refresh(t, s.refreshToken)).body as Tokens;
    ok(await me(t, next.accessToken));
    expectProblem(await refresh(t, s.refreshToken), 401, 'AUTH_REFRESH_REUSED');
    expectProblem(await me(t, next.accessToken), 401, 'AUTH_SESSION_ENDED');
    expectProblem(await refresh(t, next.refreshToken), 401, 'AUTH_SESSION_ENDED');
  });

  it('lets only one of two refreshes racing on one token through, and ends the session (two parties hold it)', async () => {
    const s = await login(t);
    const answers = await Promise.all([refresh(t, s.refreshToken), refresh(t, s.refreshToken)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 401]);
    const winner = answers.find((a) => a.status === 200)?.body as Tokens;
    expectProblem(answers.find((a) => a.status === 401) as Response, 401, 'AUTH_REFRESH_REUSED');
    expectProblem(await me(t, winner.accessToken), 401, 'AUTH_SESSION_ENDED');
  });

  it('refuses a refresh token it never issued', async () => {
    expectProblem(await refresh(t, 'x'.repeat(43)), 401, 'AUTH_REFRESH_INVALID');
  });

  it('logs out: the access token is refused at once, and the refresh token too', async () => {
    const s = await login(t);
    ok(await me(t, s.accessToken));
    await t.http().post('/auth/logout').set('authorization', `Bearer ${s.accessToken}`).expect(204);
    expectProblem(await me(t, s.accessToken), 401, 'AUTH_SESSION_ENDED');
    expectProblem(await refresh(t, s.refreshToken), 401, 'AUTH_SESSION_ENDED');
  });

  it('ends a session after 30 minutes without a request: a refresh is then refused, one a minute earlier is not', async () => {
    const idle = await login(t);
    const busy = await login(t);
    t.sessionClock.advance(29 * MINUTE);
    const renewed = ok(await refresh(t, busy.refreshToken)).body as Tokens;
    t.sessionClock.advance(MINUTE);
    expectProblem(await refresh(t, idle.refreshToken), 401, 'AUTH_SESSION_ENDED');
    // The busy session was used a minute ago: still live.
    ok(await me(t, renewed.accessToken));
  });

  it('holds the 12-hour absolute life across refreshes: no token outlives it, and the last refresh is refused', async () => {
    let s = await login(t);
    const end = Date.parse(s.sessionExpiresAt);
    expect(end - Date.parse(SESSION_START)).toBe(12 * 60 * MINUTE);
    for (let at = Date.parse(SESSION_START) + 14 * MINUTE; at < end; at += 14 * MINUTE) {
      t.sessionClock.set(new Date(at));
      s = ok(await refresh(t, s.refreshToken)).body as Tokens;
      expect(s.sessionExpiresAt).toBe(new Date(end).toISOString());
      expect((decode(s.accessToken) as { exp: number }).exp * 1000).toBeLessThanOrEqual(end);
    }
    ok(await me(t, s.accessToken));
    t.sessionClock.set(new Date(end));
    expectProblem(await me(t, s.accessToken), 401, 'AUTH_TOKEN_INVALID');
    expectProblem(await refresh(t, s.refreshToken), 401, 'AUTH_SESSION_ENDED');
  });

  it("lists the caller's live sessions, marks the current one, and lets them end one; another user's session is not found", async () => {
    const laptop = await login(t, 'applicant2', 'laptop');
    const phone = await login(t, 'applicant2', 'phone');
    const gone = await login(t, 'applicant2', 'gone');
    await t.http().post('/auth/logout').set('authorization', `Bearer ${gone.accessToken}`).expect(204);
    const listed = ok(await me(t, laptop.accessToken)).body as { items: { id: string; userAgent: string; current: boolean }[] };
    expect(listed.items.map((i) => [i.userAgent, i.current]).sort()).toEqual([
      ['laptop', true],
      ['phone', false],
    ]);
    expect(listed.items.map((i) => i.id).sort()).toEqual([laptop.sessionId, phone.sessionId].sort());

    const other = await login(t, 'spoc');
    expectProblem(await t.http().delete(`/me/sessions/${phone.sessionId}`).set('authorization', `Bearer ${other.accessToken}`), 404, 'NOT_FOUND');
    ok(await me(t, phone.accessToken));

    await t.http().delete(`/me/sessions/${phone.sessionId}`).set('authorization', `Bearer ${laptop.accessToken}`).expect(204);
    expectProblem(await me(t, phone.accessToken), 401, 'AUTH_SESSION_ENDED');
    expect((ok(await me(t, laptop.accessToken)).body as { items: unknown[] }).items).toHaveLength(1);
    expectProblem(await t.http().delete(`/me/sessions/${phone.sessionId}`).set('authorization', `Bearer ${laptop.accessToken}`), 404, 'NOT_FOUND');
  });

  it('refuses a token signed for the session with alg: none, and one without exp', async () => {
    const s = await login(t);
    const claims = decode(s.accessToken) as Record<string, unknown>;
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    expectProblem(await me(t, `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`), 401, 'AUTH_TOKEN_INVALID');
    const forever = Object.fromEntries(Object.entries(claims).filter(([name]) => name !== 'exp'));
    expectProblem(await me(t, sign(forever, t.config.jwt.secret, { algorithm: 'HS256' })), 401, 'AUTH_TOKEN_INVALID');
  });
});

describe('sessions with a shorter idle limit (issue 18, item 1)', () => {
  let t: TestApp & { sessionClock: SettableClock };

  beforeAll(async () => {
    t = await sessionApp({ SESSION_IDLE_MINUTES: '5' });
  });
  afterAll(() => t.close());

  it('refuses a still-unexpired access token once its session has been idle for the limit; requests keep it alive', async () => {
    const s = await login(t);
    // Four-minute gaps keep it alive; the token (15 minutes) outlives the last five-minute gap.
    for (let i = 0; i < 2; i += 1) {
      t.sessionClock.advance(4 * MINUTE);
      ok(await me(t, s.accessToken));
    }
    t.sessionClock.advance(5 * MINUTE);
    expectProblem(await me(t, s.accessToken), 401, 'AUTH_SESSION_ENDED');
  });
});

describe('the session cache and its revocations (issue 18, item 1)', () => {
  let a: TestApp & { sessionClock: SettableClock };
  let b: TestApp & { sessionClock: SettableClock };

  beforeAll(async () => {
    a = await sessionApp();
    b = await sessionApp({ SEED_DEMO: 'false' }, a);
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  const setActive = async (username: string, active: boolean): Promise<void> => {
    const p = isPostgres() ? '$1' : '?';
    await a.dataSource.query(`UPDATE user_account SET active = ${active ? 'TRUE' : 'FALSE'} WHERE username = ${p}`, [username]);
  };

  /** Polls until the answer is the refusal (an announcement travels asynchronously), for at most two seconds. */
  async function refusedSoon(t: TestApp, token: string, code: string): Promise<void> {
    const until = Date.now() + 2000;
    let res = await me(t, token);
    while (res.status === 200 && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 50));
      res = await me(t, token);
    }
    expectProblem(res, 401, code);
  }

  it('reads a copy that looks idle again: another instance may have seen a request since', async () => {
    // Idle after 2 minutes; copies trusted for 5; a request recorded once a minute.
    const env = { SESSION_IDLE_MINUTES: '2', AUTH_CACHE_SECONDS: '300' };
    const first = await sessionApp(env, a);
    const second = await sessionApp({ ...env, SEED_DEMO: 'false' }, a);
    try {
      const s = await login(first, 'sro');
      ok(await me(first, s.accessToken));
      first.sessionClock.advance(61_000);
      second.sessionClock.advance(61_000);
      // The second instance sees a request, and records it (its copy is over a minute old).
      ok(await me(second, s.accessToken));
      first.sessionClock.advance(60_000);
      // The first instance's copy says two minutes without a request; the database says one.
      ok(await me(first, s.accessToken));
    } finally {
      await second.close();
      await first.close();
    }
  });

  if (isPostgres()) {
    it('hears on one instance the logout made on another, without waiting for its copy to go stale', async () => {
      const s = await login(a);
      ok(await me(b, s.accessToken));
      await a.http().post('/auth/logout').set('authorization', `Bearer ${s.accessToken}`).expect(204);
      await refusedSoon(b, s.accessToken, 'AUTH_SESSION_ENDED');
    });

    it('hears a user deactivated by hand in the database (the trigger announces it) on every instance', async () => {
      const s = await login(a, 'dso');
      ok(await me(a, s.accessToken));
      ok(await me(b, s.accessToken));
      await setActive('dso', false);
      try {
        await refusedSoon(a, s.accessToken, 'AUTH_TOKEN_INVALID');
        await refusedSoon(b, s.accessToken, 'AUTH_TOKEN_INVALID');
      } finally {
        await setActive('dso', true);
      }
    });
  } else {
    it('serves a request from its copy: a change made by hand in the database is seen once the copy is 30 seconds old', async () => {
      const s = await login(a, 'dso');
      ok(await me(a, s.accessToken));
      await setActive('dso', false);
      try {
        // The copy answers: no database read (with no cache this request is refused, as in test/auth.e2e-spec.ts).
        ok(await me(a, s.accessToken));
        a.sessionClock.advance(30_000);
        expectProblem(await me(a, s.accessToken), 401, 'AUTH_TOKEN_INVALID');
      } finally {
        await setActive('dso', true);
      }
    });
  }
});
