import { z } from 'zod';
import { DEFAULT_REPORT_WORKING_DAYS } from './workflow/cd-error.guards';

/** The default JWT secret, accepted only outside production so a newcomer's `npm start` works. */
export const DEV_JWT_SECRET = 'dev-only-secret-not-for-production-use-0000';

const bool = z
  .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1');

const int = (min: number, max: number, tooBig?: string) =>
  z
    .string()
    .regex(/^\d+$/, { message: 'must be a whole number' })
    .transform(Number)
    .pipe(z.number().int().min(min).max(max, tooBig === undefined ? undefined : { message: tooBig }));

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
    JWT_TTL_SECONDS: int(30, 86_400).default(900),
    SEED_DEMO: bool.optional(),
    DEMO_PASSWORD: z.string().min(12, { message: 'must be at least 12 characters' }).default('Demo-Password-2026'),
    OUTBOX_POLL_MS: int(50, 3_600_000).default(1000),
    OUTBOX_MAX_ATTEMPTS: int(1, 1000).default(12),
    OUTBOX_BACKOFF_MS: int(1, 3_600_000).default(1000),
    IDEMPOTENCY_TTL_HOURS: int(1, 24 * 30).default(24),
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
    // The dashboard's wait on a CSP: ordinarily ten working days from service (docs/law.md §6; CoP15 3.50).
    DASHBOARD_CSP_WAIT_WORKING_DAYS: int(1, 60).default(10),
    TEST_CLOCK_AT: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 instant with an offset' }).optional(),
    TEST_FAST_HASHING: bool.default(false),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== 'production') return;
    const refuse = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (env.JWT_SECRET === DEV_JWT_SECRET) refuse('JWT_SECRET', 'the default secret is refused in production');
    if (env.SEED_DEMO === true) refuse('SEED_DEMO', 'demo seeding is refused in production');
    if (env.TEST_FAST_HASHING) refuse('TEST_FAST_HASHING', 'a test-only switch is refused in production');
    if (env.TEST_CLOCK_AT) refuse('TEST_CLOCK_AT', 'a test-only clock is refused in production');
  });

type Env = z.output<typeof schema>;

export interface AppConfig {
  readonly env: Env['NODE_ENV'];
  readonly http: { host: string; port: number };
  readonly logLevel: Env['LOG_LEVEL'];
  readonly database:
    | { kind: 'sqlite'; path: string; busyTimeoutMs: number }
    | { kind: 'postgres'; url: string; schema: string | undefined; poolSize: number };
  readonly jwt: { secret: string; ttlSeconds: number };
  /** Demo users: on by default for the embedded database only (issue 3, item 4). */
  readonly seedDemo: boolean;
  readonly demoPassword: string;
  readonly outbox: { pollMs: number; maxAttempts: number; backoffMs: number };
  readonly idempotencyTtlHours: number;
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
  /** Test-only: the clock stands still at this instant (refused in production). */
  readonly testClockAt: Date | null;
  /** Test-only: cheap argon2 parameters so suites do not spend seconds hashing. */
  readonly fastHashing: boolean;
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
  const database: AppConfig['database'] = e.DATABASE_URL
    ? { kind: 'postgres', url: e.DATABASE_URL, schema: e.DATABASE_SCHEMA, poolSize: e.DATABASE_POOL_SIZE }
    : { kind: 'sqlite', path: e.SQLITE_PATH, busyTimeoutMs: e.SQLITE_BUSY_TIMEOUT_MS };
  return {
    env: e.NODE_ENV,
    http: { host: e.HOST, port: e.PORT },
    logLevel: e.LOG_LEVEL,
    database,
    jwt: { secret: e.JWT_SECRET, ttlSeconds: e.JWT_TTL_SECONDS },
    seedDemo: e.SEED_DEMO ?? (database.kind === 'sqlite' && e.NODE_ENV !== 'production'),
    demoPassword: e.DEMO_PASSWORD,
    outbox: { pollMs: e.OUTBOX_POLL_MS, maxAttempts: e.OUTBOX_MAX_ATTEMPTS, backoffMs: e.OUTBOX_BACKOFF_MS },
    idempotencyTtlHours: e.IDEMPOTENCY_TTL_HOURS,
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
    testClockAt: e.TEST_CLOCK_AT ? new Date(e.TEST_CLOCK_AT) : null,
    fastHashing: e.TEST_FAST_HASHING,
  };
}

/** Injection token for the validated configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');

/** Every variable the schema knows, for the `.env.example` drift test. */
export const CONFIG_VARIABLES = Object.keys(schema.shape) as (keyof Env)[];
