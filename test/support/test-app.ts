import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Client } from 'pg';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { prepareEnvironment, setupApp } from '../../src/app.setup';
import { CLOCK, SettableClock } from '../../src/clock.provider';
import { type AppConfig, loadConfig } from '../../src/config';
import { UnitOfWork } from '../../src/database/unit-of-work';
import { OutboxRelay } from '../../src/outbox/outbox-relay.service';
import type { Logger } from 'pino';
import { captureEnv, captureLogger, recordRequests } from '../log-audit/log-capture';
import { recordAnswers } from './accountability-ledger';

export const DEMO_PASSWORD = 'Demo-Password-2026';
export const isPostgres = (): boolean => Boolean(process.env.DATABASE_URL);


export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  /** The app's own test-only clock (TEST_CLOCK_AT, refused in production), moved by hand. */
  clock: SettableClock;
  http: () => TestAgent;
  dataSource: DataSource;
  uow: UnitOfWork;
  relay: OutboxRelay;
  token(username: string): Promise<string>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  /** Extra controllers/providers for plumbing tests (e.g. a route that throws). */
  controllers?: Type[];
  providers?: Type[];
  /** Force the embedded database even when the run targets PostgreSQL. */
  sqlite?: boolean;
  /** An existing SQLite file (to share it with another process). */
  sqlitePath?: string;
  /** The app's logger (test/logging.e2e-spec.ts reads its lines); its requests are then left out of the log audit. */
  logger?: (config: AppConfig) => Logger;
  /** An existing PostgreSQL schema (to share it with another app, as instances share one database); not dropped on close. */
  postgresSchema?: string;
}

/**
 * Every POST and PATCH a test sends carries a fresh `Idempotency-Key`, as a well-behaved client's does (the
 * API requires one: issue 24, item 5). A test that means to retry sets its own with `.set(...)`, which
 * replaces this one; a test of the refusal removes it with `.unset('Idempotency-Key')`. An upload refuses a
 * key (its body is streamed), so a request that turns multipart (`.field`, `.attach`) drops the one given here.
 */
function withIdempotencyKeys(agent: TestAgent): TestAgent {
  return new Proxy(agent, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if ((property !== 'post' && property !== 'patch') || typeof value !== 'function') return value;
      return (url: string) => {
        const key = `test-${randomUUID()}`;
        const test = (value as (url: string) => request.Test).call(target, url).set('Idempotency-Key', key);
        const multipart = test as unknown as Record<'field' | 'attach', (...args: unknown[]) => request.Test>;
        for (const method of ['field', 'attach'] as const) {
          const original = multipart[method];
          multipart[method] = function (this: request.Test, ...args: unknown[]) {
            if (this.get('Idempotency-Key') === key) this.unset('Idempotency-Key');
            return original.apply(this, args);
          };
        }
        return test;
      };
    },
  });
}

/** The trace id of every DENIED row of the security audit stream (issue 24, item 1). */
async function deniedRows(uow: UnitOfWork): Promise<{ traceId: string | null }[]> {
  const rows = await uow.read((m) => m.query<{ payload: string | null }[]>("SELECT payload FROM security_event WHERE kind = 'denied'"));
  return rows.map((r) => ({ traceId: r.payload === null ? null : ((JSON.parse(r.payload) as { traceId?: string | null }).traceId ?? null) }));
}

/** A fresh database per app: a temp SQLite file, or a new PostgreSQL schema dropped on close. */
async function freshDatabase(options: TestAppOptions): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (url && !options.sqlite && options.postgresSchema) {
    return { env: { DATABASE_URL: url, DATABASE_SCHEMA: options.postgresSchema }, drop: () => Promise.resolve() };
  }
  if (url && !options.sqlite) {
    const schema = `t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    const client = new Client({ connectionString: url });
    await client.connect();
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.end();
    return {
      env: { DATABASE_URL: url, DATABASE_SCHEMA: schema },
      drop: async () => {
        const c = new Client({ connectionString: url });
        await c.connect();
        await c.query(`DROP SCHEMA ${schema} CASCADE`);
        await c.end();
      },
    };
  }
  if (options.sqlitePath) return { env: { SQLITE_PATH: options.sqlitePath }, drop: () => Promise.resolve() };
  const dir = mkdtempSync(join(tmpdir(), 'cd-test-'));
  return {
    env: { SQLITE_PATH: join(dir, 'cd.sqlite') },
    drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
  };
}

export function testConfig(dbEnv: Record<string, string>, extra: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    // LOG_CAPTURE_DIR: the log audit's run logs at info (test/log-audit/log-capture.ts).
    ...captureEnv(),
    TEST_FAST_HASHING: 'true',
    TEST_CLOCK_AT: '2026-03-02T10:00:00.000Z',
    SEED_DEMO: 'true',
    DEMO_PASSWORD,
    ...dbEnv,
    ...extra,
  });
}

export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const db = await freshDatabase(options);
  const config = testConfig(db.env, options.env);
  prepareEnvironment(config);
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.forRoot(config, options.logger?.(config) ?? captureLogger(config))],
    controllers: options.controllers ?? [],
    providers: options.providers ?? [],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: ['error'] });
  await setupApp(app, { startPollers: false });
  const clock = app.get<SettableClock>(CLOCK);
  const tokens = new Map<string, string>();
  if (!options.logger) recordRequests(app.getHttpServer());
  // Apps that share their database with another (an instance beside them, a child process) cannot tell whose rows are whose.
  const ledger = options.postgresSchema || options.sqlitePath ? null : recordAnswers(app.getHttpServer());
  const http = () => withIdempotencyKeys(request(app.getHttpServer()));
  return {
    app,
    config,
    clock,
    http,
    dataSource: app.get(DataSource),
    uow: app.get(UnitOfWork),
    relay: app.get(OutboxRelay),
    async token(username: string) {
      const cached = tokens.get(username);
      if (cached) return cached;
      const res = await http().post('/auth/login').send({ username, password: DEMO_PASSWORD }).expect(200);
      const token = (res.body as { accessToken: string }).accessToken;
      tokens.set(username, token);
      return token;
    },
    async close() {
      const violations = ledger ? ledger.check(await deniedRows(app.get(UnitOfWork))) : [];
      await app.close();
      await db.drop();
      if (violations.length > 0) throw new Error(`The accountability check (test/support/accountability-ledger.ts) found:\n${violations.slice(0, 20).join('\n')}`);
    },
  };
}
