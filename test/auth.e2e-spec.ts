import { existsSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { basename, dirname, resolve } from 'node:path';
import { TestingModule } from '@nestjs/testing';
import { sign } from 'jsonwebtoken';
import { Client } from 'pg';
import type { Response } from 'supertest';
import { AuthorityEntity } from '../src/auth/authority.entity';
import { DemoSeed } from '../src/auth/demo-seed';
import { UserEntity } from '../src/auth/user.entity';
import { APP_CONFIG, type AppConfig } from '../src/config';
import { ForgottenPolicyController, PlumbingController } from './support/plumbing.controller';
import { createTestApp, DEMO_PASSWORD, type TestApp } from './support/test-app';

const TVP = 'Thames Valley Police';
const HAM = 'Hampshire Constabulary';
const OCDA = 'Office for Communications Data Authorisations';
const JCO = "Judicial Commissioners' office";
const NAFN = 'National Anti-Fraud Network';
const WLT = 'Wiltshire Council';

/** The demo users as the acceptance criteria state them, independent of the seed's own table. */
const EXPECTED_USERS: readonly { username: string; authority: string; roles: string[] }[] = [
  { username: 'applicant', authority: TVP, roles: ['applicant'] },
  { username: 'applicant2', authority: TVP, roles: ['applicant'] },
  { username: 'spoc', authority: TVP, roles: ['spoc'] },
  { username: 'dso', authority: TVP, roles: ['dso'] },
  { username: 'sro', authority: TVP, roles: ['sro'] },
  { username: 'admin', authority: TVP, roles: ['admin'] },
  { username: 'other-applicant', authority: HAM, roles: ['applicant'] },
  { username: 'other-spoc', authority: HAM, roles: ['spoc'] },
  { username: 'other-dso', authority: HAM, roles: ['dso'] },
  { username: 'other-sro', authority: HAM, roles: ['sro'] },
  { username: 'ocda', authority: OCDA, roles: ['ocda'] },
  { username: 'jc', authority: JCO, roles: ['jc'] },
  { username: 'inspector', authority: JCO, roles: ['inspector'] },
  { username: 'la-applicant', authority: WLT, roles: ['applicant'] },
  { username: 'nafn-spoc', authority: NAFN, roles: ['spoc'] },
];

const EXPECTED_AUTHORITIES = [
  { name: TVP, type: 'police' },
  { name: HAM, type: 'police' },
  { name: OCDA, type: 'ocda' },
  { name: NAFN, type: 'nafn' },
  { name: WLT, type: 'localAuthority' },
  { name: JCO, type: 'judicialOffice' },
];

const SRO_ONLY = '/plumbing/sro-only';
const nowSeconds = (): number => Math.floor(Date.now() / 1000);
const b64url = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

function expectProblem(res: Response, status: number, code: string): void {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, code });
  expect(typeof res.body.detail).toBe('string');
}

/** The problem document without its per-request trace id. */
function withoutTrace(body: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...body };
  delete copy.traceId;
  return copy;
}

/** Drops what a test app's database left behind: its SQLite temp folder or its PostgreSQL schema. */
async function dropDatabase(config: AppConfig): Promise<void> {
  if (config.database.kind === 'postgres') {
    const { url, schema } = config.database;
    if (!schema || !/^t_\d+_[a-z0-9]+$/.test(schema)) return;
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    } finally {
      await client.end();
    }
    return;
  }
  const dir = dirname(resolve(config.database.path));
  // Only ever the folder createTestApp made (mkdtemp under the OS temp dir).
  if (dirname(dir) === resolve(tmpdir()) && basename(dir).startsWith('cd-test-')) {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function databaseExists(config: AppConfig): Promise<boolean> {
  if (config.database.kind === 'sqlite') return existsSync(dirname(resolve(config.database.path)));
  const client = new Client({ connectionString: config.database.url });
  await client.connect();
  try {
    const res = await client.query('SELECT 1 FROM information_schema.schemata WHERE schema_name = $1', [
      config.database.schema,
    ]);
    return (res.rowCount ?? 0) > 0;
  } finally {
    await client.end();
  }
}

describe('authentication and route policies (issue 3, item 4)', () => {
  let t: TestApp;
  let sroId: string;
  let sroSession: string;

  beforeAll(async () => {
    // No session cache: a user deactivated in the database is out on the next request on either database
    // (with the cache, test/sessions.e2e-spec.ts shows how soon).
    t = await createTestApp({ controllers: [PlumbingController], env: { AUTH_CACHE_SECONDS: '0' } });
    const res = await t.http().post('/auth/login').send({ username: 'sro', password: DEMO_PASSWORD }).expect(200);
    sroId = (res.body as { user: { id: string } }).user.id;
    sroSession = (res.body as { sessionId: string }).sessionId;
  });
  afterAll(() => t.close());

  /**
   * A token signed by hand with jsonwebtoken: the app's own secret, HS256, issuer, audience and the SRO's live
   * session unless told otherwise (a claim given as undefined is left out).
   */
  const forge = (claims: object, secret = t.config.jwt.secret, algorithm: 'HS256' | 'HS512' = 'HS256'): string => {
    const all: Record<string, unknown> = { iss: t.config.jwt.issuer, aud: t.config.jwt.audience, sid: sroSession, ...claims };
    return sign(Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined)), secret, { algorithm });
  };

  const setActive = async (username: string, active: boolean): Promise<void> => {
    const p = t.dataSource.options.type === 'postgres' ? '$1' : '?';
    await t.dataSource.query(`UPDATE user_account SET active = ${active ? 'TRUE' : 'FALSE'} WHERE username = ${p}`, [
      username,
    ]);
  };

  const login = (username: string, password: string) => t.http().post('/auth/login').send({ username, password });

  describe('login', () => {
    it.each(EXPECTED_USERS.map((u) => [u.username, u.roles] as const))(
      'logs in demo user %s with the demo password',
      async (username, roles) => {
        const res = await login(username, DEMO_PASSWORD).expect(200);
        expect(res.body.accessToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
        expect(res.body.tokenType).toBe('Bearer');
        expect(res.body.user).toMatchObject({ username, roles });
      },
    );

    it('answers a wrong password and an unknown user alike: 401 problem+json, same code and detail', async () => {
      const wrongPassword = await login('applicant', 'Not-The-Password-2026');
      const unknownUser = await login('no-such-user', DEMO_PASSWORD);
      expectProblem(wrongPassword, 401, 'AUTH_INVALID_CREDENTIALS');
      expectProblem(unknownUser, 401, 'AUTH_INVALID_CREDENTIALS');
      expect(withoutTrace(unknownUser.body)).toEqual(withoutTrace(wrongPassword.body));
      expect(wrongPassword.body.accessToken).toBeUndefined();
    });

    it('refuses an inactive user at login, and their existing token stops working', async () => {
      const before = await login('other-sro', DEMO_PASSWORD).expect(200);
      const token = before.body.accessToken as string;
      await t.http().get(SRO_ONLY).set('authorization', `Bearer ${token}`).expect(200);
      await setActive('other-sro', false);
      try {
        const wrongPassword = await login('applicant', 'Not-The-Password-2026');
        const inactive = await login('other-sro', DEMO_PASSWORD);
        expectProblem(inactive, 401, 'AUTH_INVALID_CREDENTIALS');
        expect(withoutTrace(inactive.body)).toEqual(withoutTrace(wrongPassword.body));
        expectProblem(await t.http().get(SRO_ONLY).set('authorization', `Bearer ${token}`), 401, 'AUTH_TOKEN_INVALID');
      } finally {
        await setActive('other-sro', true);
      }
      await t.http().get(SRO_ONLY).set('authorization', `Bearer ${token}`).expect(200);
    });
  });

  describe('bearer tokens on a protected route', () => {
    it('answers no token with 401 AUTH_REQUIRED', async () => {
      expectProblem(await t.http().get(SRO_ONLY), 401, 'AUTH_REQUIRED');
    });

    it.each(['Bearer abc', 'Bearer a.b.c', 'Basic xyz', 'Bearer ', 'bearer abc.def.ghi'])(
      'answers the malformed authorization header "%s" with 401',
      async (header) => {
        expectProblem(await t.http().get(SRO_ONLY).set('authorization', header), 401, 'AUTH_TOKEN_INVALID');
      },
    );

    it('accepts a hand-signed token with the right key, claims and expiry (control for the cases below)', async () => {
      const token = forge({ sub: sroId, typ: 'access', exp: nowSeconds() + 300 });
      const res = await t.http().get(SRO_ONLY).set('authorization', `Bearer ${token}`).expect(200);
      expect(res.body).toEqual({ ok: true });
    });

    it('refuses a token signed with another key', async () => {
      const token = forge({ sub: sroId, typ: 'access', exp: nowSeconds() + 300 }, 'another-key-'.padEnd(48, 'x'));
      expectProblem(await t.http().get(SRO_ONLY).set('authorization', `Bearer ${token}`), 401, 'AUTH_TOKEN_INVALID');
    });

    it('refuses an expired token', async () => {
      const token = forge({ sub: sroId, typ: 'access', iat: nowSeconds() - 3600, exp: nowSeconds() - 60 });
      expectProblem(await t.http().get(SRO_ONLY).set('authorization', `Bearer ${token}`), 401, 'AUTH_TOKEN_INVALID');
    });

    it('refuses an unsigned token (alg: none)', async () => {
      const token = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ sub: sroId, typ: 'access', iat: nowSeconds(), exp: nowSeconds() + 300 })}.`;
      expectProblem(await t.http().get(SRO_ONLY).set('authorization', `Bearer ${token}`), 401, 'AUTH_TOKEN_INVALID');
    });

    it('refuses a token of a foreign algorithm (HS512) even with the right key', async () => {
      const token = forge({ sub: sroId, typ: 'access', exp: nowSeconds() + 300 }, t.config.jwt.secret, 'HS512');
      expectProblem(await t.http().get(SRO_ONLY).set('authorization', `Bearer ${token}`), 401, 'AUTH_TOKEN_INVALID');
    });

    it.each([
      ['without exp (it would never expire)', { exp: undefined }],
      ['for another audience', { aud: 'another-service' }],
      ['without an audience', { aud: undefined }],
      ['from another issuer', { iss: 'someone-else' }],
      ['without an issuer', { iss: undefined }],
      ['without a session', { sid: undefined }],
      ['naming a session that does not exist', { sid: randomUUID() }],
    ])('refuses a correctly signed token %s', async (_case, claims) => {
      const token = forge({ sub: sroId, typ: 'access', exp: nowSeconds() + 300, ...claims });
      expectProblem(await t.http().get(SRO_ONLY).set('authorization', `Bearer ${token}`), 401, 'AUTH_TOKEN_INVALID');
    });

    it('refuses a correctly signed token without typ', async () => {
      const token = forge({ sub: sroId, exp: nowSeconds() + 300 });
      expectProblem(await t.http().get(SRO_ONLY).set('authorization', `Bearer ${token}`), 401, 'AUTH_TOKEN_INVALID');
    });

    it('refuses a correctly signed token whose sub is not an existing user', async () => {
      const token = forge({ sub: randomUUID(), typ: 'access', exp: nowSeconds() + 300 });
      expectProblem(await t.http().get(SRO_ONLY).set('authorization', `Bearer ${token}`), 401, 'AUTH_TOKEN_INVALID');
    });

    it('answers a valid token of a user without the role with 403 FORBIDDEN_ROLE', async () => {
      const token = await t.token('applicant');
      expectProblem(await t.http().get(SRO_ONLY).set('authorization', `Bearer ${token}`), 403, 'FORBIDDEN_ROLE');
    });

    it('lets a user with the role through (200)', async () => {
      const token = await t.token('sro');
      const res = await t.http().get(SRO_ONLY).set('authorization', `Bearer ${token}`).expect(200);
      expect(res.body).toEqual({ ok: true });
    });
  });

  describe('public routes', () => {
    it('serves /health without a token', async () => {
      await t.http().get('/health').expect(200);
    });

    it('serves /auth/login without a token', async () => {
      await login('applicant', DEMO_PASSWORD).expect(200);
    });

    it('serves /docs and /docs-json without a token', async () => {
      await t.http().get('/docs').expect(200);
      const json = await t.http().get('/docs-json').expect(200);
      expect(json.body.openapi).toMatch(/^3\./);
    });
  });

  describe('demo seed', () => {
    it('seeds the 15 demo users, each in their authority', async () => {
      const authorities = await t.dataSource.getRepository(AuthorityEntity).find();
      const users = await t.dataSource.getRepository(UserEntity).find();
      expect(authorities.map((a) => ({ name: a.name, type: a.type })).sort((a, b) => a.name.localeCompare(b.name))).toEqual(
        [...EXPECTED_AUTHORITIES].sort((a, b) => a.name.localeCompare(b.name)),
      );
      const nameOf = new Map(authorities.map((a) => [a.id, a.name]));
      const actual = users
        .map((u) => ({ username: u.username, authority: nameOf.get(u.authorityId), roles: u.roles }))
        .sort((a, b) => a.username.localeCompare(b.username));
      expect(actual).toEqual([...EXPECTED_USERS].sort((a, b) => a.username.localeCompare(b.username)));
    });

    it('is idempotent: running the seed again adds nobody', async () => {
      const users = t.dataSource.getRepository(UserEntity);
      const authorities = t.dataSource.getRepository(AuthorityEntity);
      const before = { users: await users.count(), authorities: await authorities.count() };
      expect(before).toEqual({ users: 15, authorities: 6 });
      await expect(t.app.get(DemoSeed).run()).resolves.toBe(false);
      await t.app.get(DemoSeed).run();
      expect({ users: await users.count(), authorities: await authorities.count() }).toEqual(before);
    });
  });
});

describe('start-up route-policy check (issue 3, item 4)', () => {
  it('refuses to start when a route has no access policy, naming it', async () => {
    // Capture the app createTestApp builds, so its connection and database can be released after it fails.
    const spy = jest.spyOn(TestingModule.prototype, 'createNestApplication');
    const outcome = await createTestApp({ controllers: [ForgottenPolicyController] }).then(
      (started) => ({ started, error: undefined }),
      (error: unknown) => ({ started: undefined, error }),
    );
    const apps = spy.mock.results.filter((r) => r.type === 'return').map((r) => r.value);
    spy.mockRestore();
    const configs = apps.map((app) => app.get<AppConfig>(APP_CONFIG));
    const existed = await Promise.all(configs.map(databaseExists));
    if (outcome.started) {
      await outcome.started.close();
    } else {
      for (const app of apps) await app.close();
      for (const config of configs) await dropDatabase(config);
    }

    expect(outcome.error).toBeInstanceOf(Error);
    const message = (outcome.error as Error).message;
    expect(message).toMatch(/ForgottenPolicyController\.open/);
    expect(message).not.toMatch(/HealthController|AuthController/);
    // The failed boot's database was there, and is gone now.
    expect(existed).toEqual([true]);
    expect(await Promise.all(configs.map(databaseExists))).toEqual([false]);
  });
});
