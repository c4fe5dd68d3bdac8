import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { FAULT_POINTS, type FaultPoint } from './common/fault-points';
import { DEFAULT_REPORT_WORKING_DAYS } from './workflow/cd-error.guards';

/** The default JWT secret, accepted only outside production so a newcomer's `npm start` works. */
export const DEV_JWT_SECRET = 'dev-only-secret-not-for-production-use-0000';

/** PEM text of a private key (PKCS #8); whether it is an Ed25519 key is checked at start, where it is parsed. */
const PRIVATE_KEY_PEM = /^\s*-----BEGIN PRIVATE KEY-----\s+[\s\S]+?\s+-----END PRIVATE KEY-----\s*$/;

const bool = z
  .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1');

const int = (min: number, max: number, tooBig?: string) =>
  z
    .string()
    .regex(/^\d+$/, { message: 'must be a whole number' })
    .transform(Number)
    .pipe(z.number().int().min(min).max(max, tooBig === undefined ? undefined : { message: tooBig }));

/** The name of a claim in a single sign-on token. */
const claimName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_:./-]{0,99}$/, { message: 'must be a claim name' });

/**
 * Every setting the service reads, validated once at boot. Nothing else reads `process.env`.
 * `.env.example` documents each one; a test fails if the two drift apart.
 */
const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: int(0, 65535).default(3000),
    LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log'),
    // Credentials and identifier values are redacted from every log line (docs/security.md "Logs"; ASVS 5.0
    // V16.2.5); false exists only for the control run of the log audit, and is refused in production.
    LOG_REDACTION: bool.default(true),
    DATABASE_URL: z
      .url({ protocol: /^postgres(ql)?$/, message: 'must be a postgres:// URL' })
      .optional(),
    DATABASE_SCHEMA: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, { message: 'must be a lower-case SQL identifier' })
      .optional(),
    DATABASE_POOL_SIZE: int(1, 200).default(10),
    SQLITE_PATH: z.string().min(1).default('./data/cd.sqlite'),
    SQLITE_BUSY_TIMEOUT_MS: int(0, 600_000).default(10_000),
    JWT_SECRET: z.string().min(32, { message: 'must be at least 32 characters' }).default(DEV_JWT_SECRET),
    // An access token lives 15 minutes; the session behind it is what is revoked (docs/security.md, "Sessions").
    JWT_TTL_SECONDS: int(30, 900, 'may not exceed 900 (15 minutes): a longer-lived access token outlives its revocation').default(900),
    JWT_ISSUER: z.string().trim().min(1).max(200).default('cd-workflow'),
    JWT_AUDIENCE: z.string().trim().min(1).max(200).default('cd-workflow-api'),
    // A session ends 12 hours after sign-in whatever is refreshed, or after 30 minutes without a request.
    SESSION_ABSOLUTE_HOURS: int(1, 12, 'may not exceed 12 hours').default(12),
    SESSION_IDLE_MINUTES: int(1, 30, 'may not exceed 30 minutes').default(30),
    // How long an instance trusts its cached copy of a session and its user without reading the database;
    // revocations reach every instance at once on PostgreSQL (LISTEN/NOTIFY), so this bounds only what
    // changes outside the service (docs/security.md, "Sessions"). 0 reads the database on every request.
    AUTH_CACHE_SECONDS: int(0, 300).default(30),
    // Single sign-on (docs/security.md, "Single sign-on"): with an issuer, its bearer tokens are accepted in
    // place of local sign-in, verified against its published keys.
    OIDC_ISSUER: z.url({ message: 'must be the issuer URL, exactly as the tokens name it in iss' }).optional(),
    OIDC_JWKS_URL: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL of the issuer’s JSON Web Key Set' }).optional(),
    OIDC_AUDIENCE: z.string().trim().min(1).max(200).optional(),
    OIDC_ALGORITHMS: z
      .string()
      .regex(/^(RS|PS|ES)(256|384|512)(,(RS|PS|ES)(256|384|512))*$/, { message: 'must be a comma-separated list of RS256, PS256, ES256 (and their 384 and 512 forms)' })
      .default('RS256,PS256,ES256'),
    OIDC_CLAIM_USERNAME: claimName.default('preferred_username'),
    OIDC_CLAIM_ROLES: claimName.default('roles'),
    OIDC_CLAIM_AUTHORITY: claimName.default('authority'),
    OIDC_CLAIM_RANK: claimName.default('rank'),
    OIDC_CLAIM_SPOC_PIN: claimName.default('spoc_pin'),
    SEED_DEMO: bool.optional(),
    DEMO_PASSWORD: z.string().min(12, { message: 'must be at least 12 characters' }).default('Demo-Password-2026'),
    OUTBOX_POLL_MS: int(50, 3_600_000).default(1000),
    OUTBOX_MAX_ATTEMPTS: int(1, 1000).default(12),
    OUTBOX_BACKOFF_MS: int(1, 3_600_000).default(1000),
    // How long a relay's claim on an event holds before another relay (or this one, restarted) may take it over:
    // the time within which an instance that died mid-dispatch is presumed gone (docs/operations.md "Outbox").
    OUTBOX_CLAIM_LEASE_MS: int(1000, 86_400_000).default(300_000),
    IDEMPOTENCY_TTL_HOURS: int(1, 24 * 30).default(24),
    // Housekeeping (docs/operations.md "Housekeeping"): how often it runs, how long a dispatched outbox event is
    // kept, and how long after its due instant a deadline's notice is kept (the pollers raise nothing older).
    HOUSEKEEPING_POLL_MS: int(60_000, 86_400_000).default(3_600_000),
    OUTBOX_KEEP_DAYS: int(1, 3650).default(30),
    DEADLINE_NOTICE_KEEP_DAYS: int(30, 3650).default(400),
    // Retention (docs/retention.md): how often the review job looks for records whose period has run, and each
    // record type's period in years from its closure. At least one year: the Investigatory Powers Tribunal's
    // complaint window (RIPA 2000 s.67(5)).
    RETENTION_POLL_MS: int(60_000, 86_400_000).default(86_400_000),
    RETENTION_APPLICATION_YEARS: int(1, 100).default(5),
    RETENTION_CD_ERROR_YEARS: int(1, 100).default(5),
    RETENTION_DISCLOSURE_REQUEST_YEARS: int(1, 100).default(5),
    // Login abuse limits (docs/security.md "Login abuse limits"; ASVS 5.0 V6.3.1): failed sign-ins allowed per
    // username and per client address within the window before further attempts are refused with 429.
    LOGIN_MAX_FAILURES_PER_USERNAME: int(1, 1000).default(5),
    LOGIN_MAX_FAILURES_PER_ADDRESS: int(1, 100_000).default(20),
    LOGIN_FAILURE_WINDOW_SECONDS: int(1, 86_400).default(60),
    WRITTEN_RECORD_WORKING_DAYS: int(1, 10).default(1),
    // The Code's ten working days are a maximum: the setting may shorten the clock, never lengthen it
    // (docs/law.md §4.4; IPCO-18 17.4).
    ERROR_REPORT_WORKING_DAYS: int(
      1,
      DEFAULT_REPORT_WORKING_DAYS,
      `may only shorten the Code's ${DEFAULT_REPORT_WORKING_DAYS} working days for reporting a relevant error, never lengthen them`,
    ).default(DEFAULT_REPORT_WORKING_DAYS),
    // The largest CSP return file accepted (docs/returns.md "Uploading"); larger uploads are refused with 413.
    RETURN_MAX_BYTES: int(1024, 2 ** 31 - 1).default(200 * 1024 * 1024),
    // The protective marking of products (docs/products.md §3); the Government Security Classifications default.
    PRODUCT_MARKING: z.string().trim().min(1).max(60).regex(/^[A-Z][A-Z -]*$/, 'must be capital letters, spaces and hyphens, e.g. OFFICIAL-SENSITIVE').default('OFFICIAL-SENSITIVE'),
    // What an intelligence product leaves out about how the data was acquired (docs/products.md §3): a
    // comma-separated list of cspNames and spocNotes, or "none".
    PRODUCT_INTELLIGENCE_WITHHOLDS: z
      .string()
      .trim()
      .regex(/^(none|(cspNames|spocNotes)(,(cspNames|spocNotes))*)$/, 'must be "none" or a comma-separated list of cspNames, spocNotes')
      .default('cspNames,spocNotes'),
    DEADLINE_POLL_MS: int(100, 3_600_000).default(60_000),
    // Signed checkpoints (issue 21, item 2; docs/operations.md "Signed checkpoints"): one at least every this many
    // history rows, and hourly while any row is not yet covered.
    CHECKPOINT_EVERY_ROWS: int(1, 1_000_000).default(1000),
    // How often each instance looks whether a checkpoint is due (three small reads when none is).
    CHECKPOINT_POLL_MS: int(1000, 3_600_000).default(60_000),
    // The Ed25519 key that signs them, held outside the database: a PEM file, or the PEM text itself. Read and
    // checked at start (src/database/checkpoints/checkpoint-key.ts); required in production.
    CHECKPOINT_PRIVATE_KEY_FILE: z
      .string()
      .refine((path) => isAbsolute(path), { message: 'must be an absolute path to a PEM file, so the key does not depend on the folder the service starts in' })
      .optional(),
    CHECKPOINT_PRIVATE_KEY: z
      .string()
      .transform((pem) => pem.replace(/\\n/g, '\n'))
      .refine((pem) => PRIVATE_KEY_PEM.test(pem), { message: 'must be a private key in PEM (-----BEGIN PRIVATE KEY----- … -----END PRIVATE KEY-----)' })
      .optional(),
    // The dashboard's wait on a CSP: ordinarily ten working days from service (docs/law.md §6; CoP15 3.50).
    DASHBOARD_CSP_WAIT_WORKING_DAYS: int(1, 60).default(10),
    TEST_CLOCK_AT: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 instant with an offset' }).optional(),
    TEST_FAST_HASHING: bool.default(false),
    // Crash points the durability tests may kill the process at (src/common/fault-points.ts); refused in production.
    TEST_FAULT_POINTS: z
      .string()
      .refine((list) => list.split(',').every((point) => (FAULT_POINTS as readonly string[]).includes(point)), {
        message: `must be a comma-separated list of ${FAULT_POINTS.join(', ')}`,
      })
      .optional(),
    TEST_SESSION_CLOCK_AT: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 instant with an offset' }).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== 'production') return;
    const refuse = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (env.JWT_SECRET === DEV_JWT_SECRET) refuse('JWT_SECRET', 'the default secret is refused in production');
    if (env.SEED_DEMO === true) refuse('SEED_DEMO', 'demo seeding is refused in production');
    if (env.TEST_FAST_HASHING) refuse('TEST_FAST_HASHING', 'a test-only switch is refused in production');
    if (env.TEST_CLOCK_AT) refuse('TEST_CLOCK_AT', 'a test-only clock is refused in production');
    if (env.TEST_FAULT_POINTS) refuse('TEST_FAULT_POINTS', 'test-only crash points are refused in production');
    if (!env.LOG_REDACTION) refuse('LOG_REDACTION', 'logs without redaction are refused in production');
    if (env.TEST_SESSION_CLOCK_AT) refuse('TEST_SESSION_CLOCK_AT', 'a test-only clock is refused in production');
    if (!env.CHECKPOINT_PRIVATE_KEY_FILE && !env.CHECKPOINT_PRIVATE_KEY) {
      refuse('CHECKPOINT_PRIVATE_KEY_FILE', 'a checkpoint signing key is needed in production: set CHECKPOINT_PRIVATE_KEY_FILE or CHECKPOINT_PRIVATE_KEY');
    }
    if (env.OIDC_JWKS_URL?.startsWith('http:')) refuse('OIDC_JWKS_URL', 'must be https in production: the keys decide who is signed in');
  });

type Env = z.output<typeof schema>;

export interface AppConfig {
  readonly env: Env['NODE_ENV'];
  readonly http: { host: string; port: number };
  readonly logLevel: Env['LOG_LEVEL'];
  /** Credentials and identifier values redacted from logs; off only for the log audit's control run (refused in production). */
  readonly logRedaction: boolean;
  readonly database:
    | { kind: 'sqlite'; path: string; busyTimeoutMs: number }
    | { kind: 'postgres'; url: string; schema: string | undefined; poolSize: number };
  readonly jwt: { secret: string; ttlSeconds: number; issuer: string; audience: string };
  /** Single sign-on: the issuer whose tokens are accepted instead of local sign-in, or null (docs/security.md, "Single sign-on"). */
  readonly oidc: {
    issuer: string;
    jwksUrl: string;
    audience: string;
    algorithms: string[];
    claims: { username: string; roles: string; authority: string; rank: string; spocPin: string };
  } | null;
  /** Sessions behind access tokens (docs/security.md, "Sessions"). */
  readonly session: { absoluteMs: number; idleMs: number; cacheMs: number };
  /** Demo users: on by default for the embedded database only (issue 3, item 4). */
  readonly seedDemo: boolean;
  readonly demoPassword: string;
  readonly outbox: { pollMs: number; maxAttempts: number; backoffMs: number; claimLeaseMs: number };
  readonly idempotencyTtlHours: number;
  /** What the housekeeping job removes, and when (docs/operations.md "Housekeeping"). */
  readonly housekeeping: { pollMs: number; outboxKeepDays: number; deadlineNoticeKeepDays: number };
  /** How often records are reviewed for retention, and each record type's period in years from closure (docs/retention.md). */
  readonly retention: { pollMs: number; years: { readonly application: number; readonly cd_error: number; readonly disclosure_request: number } };
  /** Failed sign-ins allowed per username and per client address within the window (docs/security.md "Login abuse limits"). */
  readonly loginThrottle: { maxFailuresPerUsername: number; maxFailuresPerAddress: number; windowMs: number };
  /** Working days after an oral urgent grant by which its written record is due (default 1, inferred). */
  readonly writtenRecordWorkingDays: number;
  /** Working days after a relevant error is established by which it must reach the IPC (IPCO-18 17.4). */
  readonly errorReportWorkingDays: number;
  /** How often the deadline poller looks for expiries and overdue written records. */
  readonly deadlinePollMs: number;
  /** The manager's dashboard: working days after its sending a request may wait on its CSP before it is shown (docs/statistics.md §5). */
  readonly dashboard: { cspWaitWorkingDays: number };
  /** The largest CSP return file accepted, in bytes (docs/returns.md). */
  readonly returnMaxBytes: number;
  /** Products: their protective marking, and what an intelligence product withholds (docs/products.md §3). */
  readonly products: { marking: string; intelligenceWithholds: ('cspNames' | 'spocNotes')[] };
  /**
   * Signed checkpoints of the history tables (issue 21, item 2; docs/architecture.md §11): one at least every
   * `everyRows` history rows, signed with the Ed25519 key from `privateKeyFile` or `privateKeyPem` (one of them
   * in production; without either, outside production, a throwaway key made at start).
   */
  readonly checkpoints: { everyRows: number; pollMs: number; privateKeyFile: string | null; privateKeyPem: string | null };
  /** Test-only: the clock stands still at this instant (refused in production). */
  readonly testClockAt: Date | null;
  /**
   * Test-only: the sessions' clock stands at this instant (refused in production). Apart from the domain's
   * clock, which tests move by days, because a session's idle and absolute limits are real elapsed time.
   */
  readonly testSessionClockAt: Date | null;
  /** Test-only: cheap argon2 parameters so suites do not spend seconds hashing. */
  readonly fastHashing: boolean;
  /** Test-only: the crash points this process may be killed at (refused in production; src/common/fault-points.ts). */
  readonly testFaultPoints: readonly FaultPoint[];
}

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(`Invalid configuration: ${problems.map((p) => `${p.variable} ${p.message}`).join('; ')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws ConfigError naming every bad variable. */
export function loadConfig(source: NodeJS.ProcessEnv): AppConfig {
  // An empty string means "not set", as in most .env tooling.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => ({ variable: String(i.path[0] ?? '(environment)'), message: i.message })),
    );
  }
  const e = parsed.data;
  // Single sign-on is the issuer, its keys and the audience together; checked once each is itself valid.
  const sso = { OIDC_ISSUER: e.OIDC_ISSUER, OIDC_JWKS_URL: e.OIDC_JWKS_URL, OIDC_AUDIENCE: e.OIDC_AUDIENCE };
  if (e.CHECKPOINT_PRIVATE_KEY_FILE && e.CHECKPOINT_PRIVATE_KEY) {
    throw new ConfigError([{ variable: 'CHECKPOINT_PRIVATE_KEY', message: 'is set with CHECKPOINT_PRIVATE_KEY_FILE: set one of them, so there is no doubt which key signs' }]);
  }
  if (Object.values(sso).some(Boolean)) {
    const missing = Object.entries(sso).filter(([, value]) => !value);
    if (missing.length > 0) throw new ConfigError(missing.map(([variable]) => ({ variable, message: 'is needed for single sign-on, with the issuer, its key set and the audience' })));
  }
  const database: AppConfig['database'] = e.DATABASE_URL
    ? { kind: 'postgres', url: e.DATABASE_URL, schema: e.DATABASE_SCHEMA, poolSize: e.DATABASE_POOL_SIZE }
    : { kind: 'sqlite', path: e.SQLITE_PATH, busyTimeoutMs: e.SQLITE_BUSY_TIMEOUT_MS };
  return {
    env: e.NODE_ENV,
    http: { host: e.HOST, port: e.PORT },
    logLevel: e.LOG_LEVEL,
    logRedaction: e.LOG_REDACTION,
    database,
    jwt: { secret: e.JWT_SECRET, ttlSeconds: e.JWT_TTL_SECONDS, issuer: e.JWT_ISSUER, audience: e.JWT_AUDIENCE },
    oidc:
      e.OIDC_ISSUER && e.OIDC_JWKS_URL && e.OIDC_AUDIENCE
        ? {
            issuer: e.OIDC_ISSUER,
            jwksUrl: e.OIDC_JWKS_URL,
            audience: e.OIDC_AUDIENCE,
            algorithms: e.OIDC_ALGORITHMS.split(','),
            claims: { username: e.OIDC_CLAIM_USERNAME, roles: e.OIDC_CLAIM_ROLES, authority: e.OIDC_CLAIM_AUTHORITY, rank: e.OIDC_CLAIM_RANK, spocPin: e.OIDC_CLAIM_SPOC_PIN },
          }
        : null,
    session: { absoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000, idleMs: e.SESSION_IDLE_MINUTES * 60_000, cacheMs: e.AUTH_CACHE_SECONDS * 1000 },
    seedDemo: e.SEED_DEMO ?? (database.kind === 'sqlite' && e.NODE_ENV !== 'production'),
    demoPassword: e.DEMO_PASSWORD,
    outbox: { pollMs: e.OUTBOX_POLL_MS, maxAttempts: e.OUTBOX_MAX_ATTEMPTS, backoffMs: e.OUTBOX_BACKOFF_MS, claimLeaseMs: e.OUTBOX_CLAIM_LEASE_MS },
    idempotencyTtlHours: e.IDEMPOTENCY_TTL_HOURS,
    housekeeping: { pollMs: e.HOUSEKEEPING_POLL_MS, outboxKeepDays: e.OUTBOX_KEEP_DAYS, deadlineNoticeKeepDays: e.DEADLINE_NOTICE_KEEP_DAYS },
    retention: {
      pollMs: e.RETENTION_POLL_MS,
      years: { application: e.RETENTION_APPLICATION_YEARS, cd_error: e.RETENTION_CD_ERROR_YEARS, disclosure_request: e.RETENTION_DISCLOSURE_REQUEST_YEARS },
    },
    loginThrottle: {
      maxFailuresPerUsername: e.LOGIN_MAX_FAILURES_PER_USERNAME,
      maxFailuresPerAddress: e.LOGIN_MAX_FAILURES_PER_ADDRESS,
      windowMs: e.LOGIN_FAILURE_WINDOW_SECONDS * 1000,
    },
    writtenRecordWorkingDays: e.WRITTEN_RECORD_WORKING_DAYS,
    errorReportWorkingDays: e.ERROR_REPORT_WORKING_DAYS,
    deadlinePollMs: e.DEADLINE_POLL_MS,
    dashboard: { cspWaitWorkingDays: e.DASHBOARD_CSP_WAIT_WORKING_DAYS },
    returnMaxBytes: e.RETURN_MAX_BYTES,
    products: {
      marking: e.PRODUCT_MARKING,
      intelligenceWithholds:
        e.PRODUCT_INTELLIGENCE_WITHHOLDS === 'none'
          ? []
          : [...new Set(e.PRODUCT_INTELLIGENCE_WITHHOLDS.split(',') as ('cspNames' | 'spocNotes')[])],
    },
    checkpoints: { everyRows: e.CHECKPOINT_EVERY_ROWS, pollMs: e.CHECKPOINT_POLL_MS, privateKeyFile: e.CHECKPOINT_PRIVATE_KEY_FILE ?? null, privateKeyPem: e.CHECKPOINT_PRIVATE_KEY ?? null },
    testClockAt: e.TEST_CLOCK_AT ? new Date(e.TEST_CLOCK_AT) : null,
    fastHashing: e.TEST_FAST_HASHING,
    testSessionClockAt: e.TEST_SESSION_CLOCK_AT ? new Date(e.TEST_SESSION_CLOCK_AT) : null,
    testFaultPoints: e.TEST_FAULT_POINTS ? (e.TEST_FAULT_POINTS.split(',') as FaultPoint[]) : [],
  };
}

/** Injection token for the validated configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');

/** Every variable the schema knows, for the `.env.example` drift test. */
export const CONFIG_VARIABLES = Object.keys(schema.shape) as (keyof Env)[];
