/**
 * Single sign-on (issue 18, item 2; docs/security.md, "Single sign-on"): bearer tokens from a configured
 * identity provider, verified against its key set, which a local HTTP server publishes here as a provider
 * would; roles, authority, rank and SPOC PIN from its claims; unknown authorities and locally disabled users
 * refused.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { UserEntity } from '../src/auth/user.entity';
import { expectProblem } from './support/guards-no-change';
import { createTestApp, DEMO_PASSWORD, isPostgres, type TestApp } from './support/test-app';

const ISSUER = 'https://sso.test.police.example';
const AUDIENCE = 'cd-workflow';
const NOW = '2026-11-26T09:00:00.000Z';
const nowSeconds = Date.parse(NOW) / 1000;

interface Keys {
  privateKey: CryptoKey;
  publicJwk: JWK;
}

async function keyPair(kid: string): Promise<Keys> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  return { privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

describe(`single sign-on with a configured identity provider (${isPostgres() ? 'PostgreSQL' : 'SQLite'})`, () => {
  let t: TestApp;
  let jwks: Server;
  let published: Keys;
  let unpublished: Keys;
  let impostor: Keys;

  /** A token as the provider would issue it: the published key, its issuer, this service's audience, 10 minutes' life. */
  async function token(claims: Record<string, unknown> = {}, options: { keys?: Keys; kid?: string; audience?: string; exp?: number; subject?: string } = {}): Promise<string> {
    const keys = options.keys ?? published;
    const all = { preferred_username: 'idp.officer', name: 'DC Idp Officer', roles: ['applicant'], authority: 'TVP', rank: 'constable', ...claims };
    return new SignJWT(all)
      .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? (keys.publicJwk.kid) })
      .setIssuer(ISSUER)
      .setAudience(options.audience ?? AUDIENCE)
      // One subject per username unless told: the provider's id for the person.
      .setSubject(options.subject ?? `subject-of-${String(all.preferred_username)}`)
      .setIssuedAt(nowSeconds)
      .setExpirationTime(options.exp ?? nowSeconds + 600)
      .sign(keys.privateKey);
  }

  const get = (path: string, bearer: string) => t.http().get(path).set('authorization', `Bearer ${bearer}`);
  const user = (username: string) => t.dataSource.getRepository(UserEntity).findOneBy({ username });

  beforeAll(async () => {
    published = await keyPair('published-1');
    unpublished = await keyPair('unpublished-1');
    // The published key's id on another key: a forger who copied the header.
    impostor = { privateKey: (await keyPair('x')).privateKey, publicJwk: published.publicJwk };
    jwks = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [published.publicJwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const port = (jwks.address() as AddressInfo).port;
    t = await createTestApp({
      env: { OIDC_ISSUER: ISSUER, OIDC_JWKS_URL: `http://127.0.0.1:${port}/jwks`, OIDC_AUDIENCE: AUDIENCE, TEST_SESSION_CLOCK_AT: NOW },
    });
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => jwks.close(resolve));
  });

  it("accepts the provider's token with the right claims, and makes the user from them", async () => {
    const res = await get('/applications', await token());
    expect(res.status).toBe(200);
    const made = await user('idp.officer');
    const tvp = await t.dataSource.query<{ id: string }[]>(`SELECT id FROM authority WHERE urn_prefix = 'TVP'`);
    expect(made).toMatchObject({ displayName: 'DC Idp Officer', roles: ['applicant'], authorityId: tvp[0].id, rank: 'constable', spocPin: null, active: true });
  });

  it('takes roles, rank and SPOC PIN from the claims: a role the token does not carry is refused', async () => {
    expectProblem(await get('/returns/statistics?from=2026-01-01&to=2026-01-31', await token()), 403, 'FORBIDDEN_ROLE');
    const spoc = await token({ preferred_username: 'idp.spoc', roles: ['spoc', 'not-a-role'], spoc_pin: 'TVP-SPOC-0099', rank: null });
    expect((await get('/applications', spoc)).status).toBe(200);
    expect(await user('idp.spoc')).toMatchObject({ roles: ['spoc'], spocPin: 'TVP-SPOC-0099', rank: null });
    // The provider's word is the record's: a later token with another rank updates it.
    expect((await get('/applications', await token({ rank: 'sergeant' }))).status).toBe(200);
    expect(await user('idp.officer')).toMatchObject({ rank: 'sergeant' });
  });

  it.each([
    ['for another audience', () => token({}, { audience: 'another-service' })],
    ['signed by a key the provider does not publish', () => token({}, { keys: unpublished })],
    ['signed by another key under a published key id', () => token({}, { keys: impostor })],
    ['expired', () => token({}, { exp: nowSeconds - 1 })],
    [
      'unsigned (alg: none)',
      async () => {
        const [, payload] = (await token()).split('.');
        return `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${payload}.`;
      },
    ],
    ['without a username claim', () => token({ preferred_username: undefined })],
    ['with a username longer than this service keeps', () => token({ preferred_username: 'u'.repeat(101) })],
  ])('refuses a token %s: 401', async (_case, make) => {
    expectProblem(await get('/applications', await make()), 401, 'AUTH_TOKEN_INVALID');
  });

  it('refuses a token naming an authority this service does not know, or one it no longer serves: 403 with its code', async () => {
    expectProblem(await get('/applications', await token({ preferred_username: 'idp.stranger', authority: 'NOPE' })), 403, 'AUTH_AUTHORITY_UNKNOWN');
    expect(await user('idp.stranger')).toBeNull();
    await t.dataSource.query(`UPDATE authority SET active = ${isPostgres() ? 'FALSE' : '0'} WHERE urn_prefix = 'HAM'`);
    try {
      expectProblem(await get('/applications', await token({ preferred_username: 'idp.ham', authority: 'HAM' })), 403, 'AUTH_AUTHORITY_UNKNOWN');
    } finally {
      await t.dataSource.query(`UPDATE authority SET active = ${isPostgres() ? 'TRUE' : '1'} WHERE urn_prefix = 'HAM'`);
    }
    expect((await get('/applications', await token({ preferred_username: 'idp.ham', authority: 'HAM' }))).status).toBe(200);
  });

  it('refuses a user disabled here, however valid the token: 403', async () => {
    expect((await get('/applications', await token({ preferred_username: 'idp.dso', roles: ['dso'] }))).status).toBe(200);
    await t.dataSource.query(`UPDATE user_account SET active = ${isPostgres() ? 'FALSE' : '0'} WHERE username = 'idp.dso'`);
    try {
      expectProblem(await get('/applications', await token({ preferred_username: 'idp.dso', roles: ['dso'], rank: 'inspector' })), 403, 'AUTH_USER_DISABLED');
    } finally {
      await t.dataSource.query(`UPDATE user_account SET active = ${isPostgres() ? 'TRUE' : '1'} WHERE username = 'idp.dso'`);
    }
  });

  it('finds a user by the provider\'s subject, never by a username: a local account or another subject of that name is refused', async () => {
    // `dso` is a local account of this service (a password, no subject).
    expectProblem(await get('/applications', await token({ preferred_username: 'dso', roles: ['dso'] })), 403, 'AUTH_ACCOUNT_CONFLICT');
    expect(await user('dso')).toMatchObject({ roles: ['dso'], externalSubject: null });
    expect((await get('/applications', await token({ preferred_username: 'idp.twin' }, { subject: 'first-person' }))).status).toBe(200);
    expectProblem(await get('/applications', await token({ preferred_username: 'idp.twin', authority: 'HAM' }, { subject: 'second-person' })), 403, 'AUTH_ACCOUNT_CONFLICT');
    expect(await user('idp.twin')).toMatchObject({ externalSubject: `${ISSUER} first-person` });
    // The same person under a new username keeps their account.
    expect((await get('/applications', await token({ preferred_username: 'idp.twin.renamed' }, { subject: 'first-person' }))).status).toBe(200);
    expect(await user('idp.twin.renamed')).toMatchObject({ externalSubject: `${ISSUER} first-person` });
  });

  it('turns local password sign-in off', async () => {
    expectProblem(await t.http().post('/auth/login').send({ username: 'applicant', password: DEMO_PASSWORD }), 403, 'AUTH_LOCAL_LOGIN_DISABLED');
  });
});
