import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { CONFIG_VARIABLES, ConfigError, DEV_JWT_SECRET, loadConfig } from './config';
import { main } from './main';

/** Sentinel thrown by the stubbed NestFactory.create: reaching it means the config was accepted. */
const NEST_BOOT = 'NEST_BOOT_ATTEMPTED';
const GOOD_SECRET = 'a-production-secret-of-at-least-32-characters!';
/** Production also needs a checkpoint signing key (issue 21, item 2): named here, read only once Nest boots. */
const KEY_FILE = '/etc/cd-workflow/checkpoint-key.pem';

/** One invalid value per variable (two for PORT: not a number, out of range). */
const INVALID: readonly (readonly [variable: string, value: string])[] = [
  ['NODE_ENV', 'staging'],
  ['PORT', 'abc'],
  ['PORT', '70000'],
  ['LOG_LEVEL', 'loud'],
  ['LOG_REDACTION', 'off'],
  ['DATABASE_URL', 'mysql://x'],
  ['DATABASE_SCHEMA', 'Bad-Name'],
  ['DATABASE_POOL_SIZE', '0'],
  ['SQLITE_BUSY_TIMEOUT_MS', '-1'],
  ['JWT_SECRET', 'short'],
  ['JWT_TTL_SECONDS', '5'],
  ['JWT_TTL_SECONDS', '901'],
  ['JWT_ISSUER', '   '],
  ['JWT_AUDIENCE', '   '],
  ['SESSION_ABSOLUTE_HOURS', '13'],
  ['SESSION_IDLE_MINUTES', '31'],
  ['AUTH_CACHE_SECONDS', '301'],
  ['SEED_DEMO', 'maybe'],
  ['DEMO_PASSWORD', 'short'],
  ['OUTBOX_POLL_MS', '1'],
  ['OUTBOX_MAX_ATTEMPTS', '0'],
  ['OUTBOX_BACKOFF_MS', 'x'],
  ['OUTBOX_CLAIM_LEASE_MS', '999'],
  ['IDEMPOTENCY_TTL_HOURS', '0'],
  ['HOUSEKEEPING_POLL_MS', '1000'],
  ['OUTBOX_KEEP_DAYS', '0'],
  ['DEADLINE_NOTICE_KEEP_DAYS', '7'],
  ['RETENTION_POLL_MS', '59999'],
  ['RETENTION_APPLICATION_YEARS', '0'],
  ['RETENTION_CD_ERROR_YEARS', '101'],
  ['RETENTION_DISCLOSURE_REQUEST_YEARS', 'five'],
  ['LOGIN_MAX_FAILURES_PER_USERNAME', '0'],
  ['LOGIN_MAX_FAILURES_PER_ADDRESS', 'many'],
  ['LOGIN_FAILURE_WINDOW_SECONDS', '0'],
  ['TEST_FAST_HASHING', 'yes'],
  ['WRITTEN_RECORD_WORKING_DAYS', '0'],
  ['ERROR_REPORT_WORKING_DAYS', '0'],
  // The Code's ten working days are a maximum (docs/law.md §4.4).
  ['ERROR_REPORT_WORKING_DAYS', '11'],
  ['DEADLINE_POLL_MS', '5'],
  ['DASHBOARD_CSP_WAIT_WORKING_DAYS', '0'],
  ['RETURN_MAX_BYTES', '1023'],
  ['PRODUCT_MARKING', 'official-sensitive'],
  ['PRODUCT_INTELLIGENCE_WITHHOLDS', 'cspNames,everything'],
  ['TEST_CLOCK_AT', '2026-03-02T10:00:00'],
  ['TEST_SESSION_CLOCK_AT', 'yesterday'],
  ['TEST_FAULT_POINTS', 'after-update,everywhere'],
  ['OIDC_ISSUER', 'not a url'],
  ['OIDC_JWKS_URL', 'ftp://idp.example/keys'],
  ['OIDC_AUDIENCE', '   '],
  ['OIDC_ALGORITHMS', 'HS256'],
  ['OIDC_ALGORITHMS', 'none'],
  ['OIDC_CLAIM_USERNAME', 'has spaces'],
  ['OIDC_CLAIM_ROLES', '9roles'],
  ['OIDC_CLAIM_AUTHORITY', ''.padEnd(101, 'a')],
  ['OIDC_CLAIM_RANK', 'a b'],
  ['OIDC_CLAIM_SPOC_PIN', '$pin'],
  // Signed checkpoints (issue 21, item 2; docs/operations.md "Signed checkpoints").
  ['CHECKPOINT_EVERY_ROWS', '0'],
  ['CHECKPOINT_POLL_MS', '999'],
  ['CHECKPOINT_PRIVATE_KEY_FILE', 'keys/checkpoint.pem'],
  ['CHECKPOINT_PRIVATE_KEY', 'not a key'],
];

/** Variables with no invalid value: any non-empty string is accepted, and an empty one means "not set". */
const NO_INVALID_VALUE: Readonly<Record<string, string>> = {
  HOST: 'any non-empty host name or address; empty = not set (default 127.0.0.1)',
  SQLITE_PATH: 'any non-empty path; empty = not set (default ./data/cd.sqlite)',
};

/** Which of the schema's variables a message names (whole words, so SEED_DEMO does not match DEMO). */
function namedVariables(message: string): string[] {
  return CONFIG_VARIABLES.filter((v) => new RegExp(`(^|[^A-Z0-9_])${v}([^A-Z0-9_]|$)`).test(message));
}

describe('configuration (issue 3, item 2)', () => {
  let dir: string;
  let create: jest.SpyInstance;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cd-config-spec-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeEach(() => {
    create = jest.spyOn(NestFactory, 'create').mockImplementation(() => Promise.reject(new Error(NEST_BOOT)));
  });
  afterEach(() => create.mockRestore());

  /** Runs main with an injected process; a scratch SQLite path keeps an accepted config out of the repo. */
  async function runMain(env: Record<string, string>) {
    const exit = jest.fn<void, [number]>();
    const log = jest.fn<void, [string]>();
    const outcome = await main({ env: { SQLITE_PATH: join(dir, 'cd.sqlite'), ...env }, exit, log }).then(
      () => 'returned',
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
    return { exit, log, outcome, message: log.mock.calls.map(([m]) => m).join('\n') };
  }

  async function expectRefused(env: Record<string, string>, variables: string[]) {
    const r = await runMain(env);
    expect(r.exit).toHaveBeenCalledTimes(1);
    expect(r.exit).toHaveBeenCalledWith(1);
    expect(r.log).toHaveBeenCalled();
    expect(r.log.mock.invocationCallOrder[0]).toBeLessThan(r.exit.mock.invocationCallOrder[0]);
    expect(namedVariables(r.message)).toEqual(variables);
    // Stopped before Nest: no application was created, and main returned rather than booting.
    expect(create).not.toHaveBeenCalled();
    expect(r.outcome).toBe('returned');
  }

  describe('main with an invalid variable', () => {
    it('boots Nest with a valid environment and does not exit (control for the refusals)', async () => {
      const r = await runMain({});
      expect(r.outcome).toBe(NEST_BOOT);
      expect(create).toHaveBeenCalledTimes(1);
      expect(r.exit).not.toHaveBeenCalled();
    });

    it.each(INVALID)('refuses %s=%j: logs a message naming it and exits 1 before Nest boots', async (variable, value) => {
      await expectRefused({ [variable]: value }, [variable]);
    });

    it('covers every variable of the schema except those documented as having no invalid value', () => {
      const tested = new Set(INVALID.map(([variable]) => variable));
      const exempt = Object.keys(NO_INVALID_VALUE);
      expect(exempt.filter((v) => tested.has(v))).toEqual([]);
      expect([...tested, ...exempt].sort()).toEqual([...CONFIG_VARIABLES].sort());
    });

    it('treats an empty value as "not set" for the variables without an invalid value', () => {
      const config = loadConfig({ HOST: '', SQLITE_PATH: '' });
      expect(config.http.host).toBe('127.0.0.1');
      expect(config.database).toMatchObject({ kind: 'sqlite', path: './data/cd.sqlite' });
      expect(loadConfig({ HOST: '0.0.0.0', SQLITE_PATH: 'x.db' })).toMatchObject({
        http: { host: '0.0.0.0' },
        database: { path: 'x.db' },
      });
    });

    it('takes single sign-on only whole: the issuer, its key set and the audience together', async () => {
      await expectRefused({ OIDC_ISSUER: 'https://idp.example' }, ['OIDC_JWKS_URL', 'OIDC_AUDIENCE']);
      await expectRefused({ OIDC_JWKS_URL: 'https://idp.example/keys', OIDC_AUDIENCE: 'cd' }, ['OIDC_ISSUER']);
      const oidc = loadConfig({ OIDC_ISSUER: 'https://idp.example', OIDC_JWKS_URL: 'https://idp.example/keys', OIDC_AUDIENCE: 'cd' }).oidc;
      expect(oidc).toEqual({
        issuer: 'https://idp.example',
        jwksUrl: 'https://idp.example/keys',
        audience: 'cd',
        algorithms: ['RS256', 'PS256', 'ES256'],
        claims: { username: 'preferred_username', roles: 'roles', authority: 'authority', rank: 'rank', spocPin: 'spoc_pin' },
      });
      expect(loadConfig({}).oidc).toBeNull();
    });

    it('names every invalid variable at once', () => {
      let error: unknown;
      try {
        loadConfig({ PORT: 'abc', JWT_SECRET: 'short', SEED_DEMO: 'maybe' });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems.map((p) => p.variable).sort()).toEqual(['JWT_SECRET', 'PORT', 'SEED_DEMO']);
    });
  });

  describe('production', () => {
    it('refuses the default JWT secret, naming JWT_SECRET', async () => {
      await expectRefused({ NODE_ENV: 'production', CHECKPOINT_PRIVATE_KEY_FILE: KEY_FILE }, ['JWT_SECRET']);
      await expectRefused({ NODE_ENV: 'production', JWT_SECRET: DEV_JWT_SECRET, CHECKPOINT_PRIVATE_KEY_FILE: KEY_FILE }, ['JWT_SECRET']);
    });

    it('refuses to start without a checkpoint signing key, naming both ways to give one (issue 21, item 2)', async () => {
      await expectRefused({ NODE_ENV: 'production', JWT_SECRET: GOOD_SECRET }, ['CHECKPOINT_PRIVATE_KEY_FILE', 'CHECKPOINT_PRIVATE_KEY']);
      expect(loadConfig({ NODE_ENV: 'development' }).checkpoints).toEqual({ everyRows: 1000, pollMs: 60_000, privateKeyFile: null, privateKeyPem: null });
    });

    it('refuses a key given both ways, and reads \\n in the PEM text as a line break', async () => {
      await expectRefused({ CHECKPOINT_PRIVATE_KEY_FILE: KEY_FILE, CHECKPOINT_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\\nAAAA\\n-----END PRIVATE KEY-----' }, [
        'CHECKPOINT_PRIVATE_KEY_FILE',
        'CHECKPOINT_PRIVATE_KEY',
      ]);
      const config = loadConfig({ CHECKPOINT_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\\nAAAA\\n-----END PRIVATE KEY-----' });
      expect(config.checkpoints.privateKeyPem).toBe('-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----');
    });

    it('refuses SEED_DEMO=true, naming SEED_DEMO', async () => {
      await expectRefused({ NODE_ENV: 'production', JWT_SECRET: GOOD_SECRET, CHECKPOINT_PRIVATE_KEY_FILE: KEY_FILE, SEED_DEMO: 'true' }, ['SEED_DEMO']);
    });

    it('refuses the test-only clock, naming TEST_CLOCK_AT', async () => {
      await expectRefused({ NODE_ENV: 'production', JWT_SECRET: GOOD_SECRET, CHECKPOINT_PRIVATE_KEY_FILE: KEY_FILE, TEST_CLOCK_AT: '2026-03-02T10:00:00Z' }, [
        'TEST_CLOCK_AT',
      ]);
    });

    it('refuses a key set fetched over plain http, naming OIDC_JWKS_URL', async () => {
      await expectRefused(
        { NODE_ENV: 'production', JWT_SECRET: GOOD_SECRET, CHECKPOINT_PRIVATE_KEY_FILE: KEY_FILE, OIDC_ISSUER: 'https://idp.example', OIDC_JWKS_URL: 'http://idp.example/keys', OIDC_AUDIENCE: 'cd' },
        ['OIDC_JWKS_URL'],
      );
    });

    it('refuses the test-only session clock, naming TEST_SESSION_CLOCK_AT', async () => {
      await expectRefused({ NODE_ENV: 'production', JWT_SECRET: GOOD_SECRET, CHECKPOINT_PRIVATE_KEY_FILE: KEY_FILE, TEST_SESSION_CLOCK_AT: '2026-03-02T10:00:00Z' }, [
        'TEST_SESSION_CLOCK_AT',
      ]);
    });

    it('refuses logs without redaction, naming LOG_REDACTION (docs/security.md "Logs")', async () => {
      await expectRefused({ NODE_ENV: 'production', JWT_SECRET: GOOD_SECRET, CHECKPOINT_PRIVATE_KEY_FILE: KEY_FILE, LOG_REDACTION: 'false' }, ['LOG_REDACTION']);
      expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: GOOD_SECRET, CHECKPOINT_PRIVATE_KEY_FILE: KEY_FILE }).logRedaction).toBe(true);
      expect(loadConfig({ NODE_ENV: 'test', LOG_REDACTION: 'false' }).logRedaction).toBe(false);
    });

    it('refuses test-only crash points, naming TEST_FAULT_POINTS (issue 22, item 1)', async () => {
      await expectRefused({ NODE_ENV: 'production', JWT_SECRET: GOOD_SECRET, CHECKPOINT_PRIVATE_KEY_FILE: KEY_FILE, TEST_FAULT_POINTS: 'after-commit' }, ['TEST_FAULT_POINTS']);
      expect(loadConfig({ NODE_ENV: 'test', TEST_FAULT_POINTS: 'after-update,after-delivery' }).testFaultPoints).toEqual(['after-update', 'after-delivery']);
      expect(loadConfig({ NODE_ENV: 'test' }).testFaultPoints).toEqual([]);
    });

    it('refuses TEST_FAST_HASHING=true, naming TEST_FAST_HASHING', async () => {
      await expectRefused({ NODE_ENV: 'production', JWT_SECRET: GOOD_SECRET, CHECKPOINT_PRIVATE_KEY_FILE: KEY_FILE, TEST_FAST_HASHING: 'true' }, [
        'TEST_FAST_HASHING',
      ]);
    });

    it('accepts those switches outside production (the refusals are production-only)', () => {
      const config = loadConfig({ NODE_ENV: 'development', SEED_DEMO: 'true', TEST_FAST_HASHING: 'true' });
      expect(config).toMatchObject({ seedDemo: true, fastHashing: true, jwt: { secret: DEV_JWT_SECRET } });
    });

    it('loads with a good secret and nothing else, with demo seeding off even on SQLite', () => {
      const config = loadConfig({ NODE_ENV: 'production', JWT_SECRET: GOOD_SECRET, CHECKPOINT_PRIVATE_KEY_FILE: KEY_FILE });
      expect(config.env).toBe('production');
      expect(config.database.kind).toBe('sqlite');
      expect(config.seedDemo).toBe(false);
      expect(config.fastHashing).toBe(false);
      expect(config.jwt.secret).toBe(GOOD_SECRET);
    });
  });

  describe('defaults', () => {
    it('runs on SQLite at ./data/cd.sqlite with demo seeding on in development', () => {
      const config = loadConfig({});
      expect(config.env).toBe('development');
      expect(config.database).toEqual({ kind: 'sqlite', path: './data/cd.sqlite', busyTimeoutMs: 10_000 });
      expect(config.seedDemo).toBe(true);
      expect(config.jwt).toEqual({ secret: DEV_JWT_SECRET, ttlSeconds: 900, issuer: 'cd-workflow', audience: 'cd-workflow-api' });
      expect(config.session).toEqual({ absoluteMs: 12 * 3_600_000, idleMs: 30 * 60_000, cacheMs: 30_000 });
      expect(config.http).toEqual({ host: '127.0.0.1', port: 3000 });
      expect(config.fastHashing).toBe(false);
    });

    it('turns demo seeding off on PostgreSQL unless SEED_DEMO=true', () => {
      const url = 'postgres://postgres@127.0.0.1:5432/cd';
      const pg = loadConfig({ DATABASE_URL: url });
      expect(pg.database).toEqual({ kind: 'postgres', url, schema: undefined, poolSize: 10 });
      expect(pg.seedDemo).toBe(false);
      expect(loadConfig({ DATABASE_URL: url, SEED_DEMO: 'true' }).seedDemo).toBe(true);
    });

    it('lets SEED_DEMO=false turn seeding off on SQLite', () => {
      expect(loadConfig({ SEED_DEMO: 'false' }).seedDemo).toBe(false);
    });
  });

  describe('.env.example', () => {
    const text = readFileSync(resolve(__dirname, '..', '.env.example'), 'utf8');
    const lines = text.split(/\r?\n/);
    const ASSIGNMENT = /^(#\s*)?([A-Z][A-Z0-9_]*)=(.*)$/;
    const assignments = lines
      .map((line, index) => ({ index, match: ASSIGNMENT.exec(line) }))
      .filter((a): a is { index: number; match: RegExpExecArray } => a.match !== null)
      .map(({ index, match }) => ({ index, commented: match[1] !== undefined, name: match[2], value: match[3] }));

    it('lists exactly the variables of CONFIG_VARIABLES, each once', () => {
      const names = assignments.map((a) => a.name);
      expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
      expect([...names].sort()).toEqual([...CONFIG_VARIABLES].sort());
    });

    it('gives each variable a one-line comment just above it', () => {
      for (const a of assignments) {
        const above = lines[a.index - 1] ?? '';
        expect({ variable: a.name, comment: /^#\s*\S/.test(above) && !ASSIGNMENT.test(above) }).toEqual({
          variable: a.name,
          comment: true,
        });
      }
    });

    it('is accepted by loadConfig as is, and starts on SQLite with the defaults', () => {
      const env = parseEnv(text);
      const config = loadConfig(env);
      expect(config.database).toMatchObject({ kind: 'sqlite', path: './data/cd.sqlite' });
      expect(config).toEqual(loadConfig({}));
    });

    it('has a valid example for each commented-out variable', () => {
      const env = parseEnv(text);
      const commented = assignments.filter((x) => x.commented);
      // Single sign-on's issuer, key set and audience only make sense together (docs/operations.md).
      const together = ['OIDC_ISSUER', 'OIDC_JWKS_URL', 'OIDC_AUDIENCE'];
      const sso = Object.fromEntries(commented.filter((a) => together.includes(a.name)).map((a) => [a.name, a.value]));
      for (const a of commented) {
        expect(() => loadConfig({ ...env, ...(together.includes(a.name) ? sso : {}), [a.name]: a.value })).not.toThrow();
      }
    });
  });
});
