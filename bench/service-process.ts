/**
 * The BUILT service (dist/src/main.js) as a child process, on a given database: for the statistics bench (to run
 * the migrations and the demo seed on a cache being made, bench/statistics-cache.ts, and to answer the return
 * being timed, bench/statistics-return.ts), the returns scale check (bench/returns-scale.ts), and the tests that
 * kill it and start it again (test/crash-points.e2e-spec.ts). Started as `npm start` starts it (the allocator
 * setting of package.json), in a folder of its own so that no developer's .env changes it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';

export const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? 'Demo-Password-2026';

/**
 * glibc's allocator as `npm start` sets it (package.json): allocations over 128 KiB are mapped and given back
 * to the system when freed. Without it glibc raises that threshold after the first large free, and the 19 MiB
 * each argon2 hash of a login allocates stays resident for the life of the process (docs/operations.md).
 */
export const SERVICE_MALLOC_TUNABLES = 'glibc.malloc.mmap_threshold=131072';

/** The start script of package.json, with the allocator setting above. */
export const START_SCRIPT = `GLIBC_TUNABLES=\${GLIBC_TUNABLES:-${SERVICE_MALLOC_TUNABLES}} node dist/src/main.js`;

/** A port on loopback that nothing listens on now (the bench and the scale check start the service on one). */
export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port'))));
    });
  });
}

/** The database the service runs on: an SQLite file, or a PostgreSQL database (its default schema, or `schema`). */
export type ServiceDatabase = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string; schema?: string };

export interface RunningService {
  base: string;
  child: ChildProcess;
  /** The tail of what it wrote, for a failure's message. */
  output(): string;
  /** How it ended, once it has: the exit code, or the signal that killed it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
}

/** The repository root: the nearest folder above this file with a package.json (this file runs from bench/ and from dist/bench/). */
export function repositoryRoot(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error('no package.json above the statistics bench');
  }
}

/** How the bench's profiler starts it: Node's options before the script, and a message channel to the child (`child.send`). */
export interface StartOptions {
  nodeArgs?: readonly string[];
  ipc?: boolean;
}

/** Starts the built service on `database` and waits for /health (migrations run and the demo seed is made at start). */
export async function startService(database: ServiceDatabase, env: Record<string, string> = {}, options: StartOptions = {}): Promise<RunningService> {
  // The free port is free when chosen, not when the child binds it: another process (a parallel test, an outgoing
  // connection's ephemeral port) may take it in between. The child then exits at once with EADDRINUSE; try another.
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startOnce(database, env, options);
    } catch (error) {
      if (attempt >= 3 || !(error instanceof Error) || !error.message.includes('EADDRINUSE')) throw error;
    }
  }
}

async function startOnce(database: ServiceDatabase, env: Record<string, string>, options: StartOptions): Promise<RunningService> {
  const main = join(repositoryRoot(), 'dist/src/main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: npm run build first`);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const cwd = mkdtempSync(join(tmpdir(), 'cd-statistics-'));
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), main], {
    cwd,
    env: {
      ...process.env,
      GLIBC_TUNABLES: process.env.GLIBC_TUNABLES ?? SERVICE_MALLOC_TUNABLES,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      DEMO_PASSWORD,
      ...(database.kind === 'sqlite'
        ? { SQLITE_PATH: database.path, DATABASE_URL: '', DATABASE_SCHEMA: '' }
        : { DATABASE_URL: database.url, DATABASE_SCHEMA: database.schema ?? '', SQLITE_PATH: '', SEED_DEMO: 'true' }),
      ...env,
      HOST: '127.0.0.1',
      PORT: String(port),
    },
    stdio: options.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const service: RunningService = {
    base,
    child,
    output: () => tail,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(cwd, { recursive: true, force: true });
    },
  };
  const until = Date.now() + 120_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) {
      await service.stop();
      throw new Error(`the service exited with ${child.exitCode} at start: ${tail}`);
    }
    try {
      // The port was free when chosen, not necessarily when the child binds it: another process's server (a
      // parallel test's) may hold it and answer /health while our child fails to listen. Only our child counts.
      if ((await fetch(`${base}/health`)).ok && listensOn(child.pid, port)) return service;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await service.stop();
  throw new Error(`the service did not become healthy in 120 s: ${tail}`);
}

/**
 * Whether process `pid` holds the socket listening on TCP `port` (Linux: the socket inodes of /proc/net/tcp{,6} in
 * state LISTEN against the process's file descriptors). Where /proc is not there to ask, the answer is yes.
 */
export function listensOn(pid: number | undefined, port: number): boolean {
  if (pid === undefined) return false;
  if (!existsSync('/proc/net/tcp')) return true;
  const hex = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  const listening = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(table)) continue;
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      // local_address is field 1, st field 3 (0A: LISTEN), inode field 9.
      if (fields.length > 9 && fields[1].endsWith(hex) && fields[3] === '0A') listening.add(fields[9]);
    }
  }
  try {
    return readdirSync(`/proc/${pid}/fd`).some((fd) => {
      try {
        return listening.has(/^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1] ?? '');
      } catch {
        return false;
      }
    });
  } catch {
    return false;
  }
}

/** A fresh schema of `url` for the service, and how to drop it. */
export async function freshSchema(url: string): Promise<{ schema: string; drop: () => Promise<void> }> {
  const schema = `cd_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = async (sql: string) => {
    const c = new Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE SCHEMA ${schema}`);
  return { schema, drop: () => admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`) };
}

/** Signs `username` in with the demo password; the bearer token. */
export async function login(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/**
 * The headers of a command sent as `token`'s holder: a fresh `Idempotency-Key` each time, as the API requires on
 * every POST and PATCH outside `/auth/*` (a client retrying one command would send the same key again).
 */
export function commandHeaders(token: string, extra: Record<string, string> = {}): Record<string, string> {
  return { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': randomUUID(), ...extra };
}

/** One JSON request (a fresh Idempotency-Key on an authenticated POST or PATCH); the answer's status, body and headers. */
export async function call(
  base: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; ifMatch?: number; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.ifMatch !== undefined) headers['if-match'] = String(options.ifMatch);
  if (options.token && (method === 'POST' || method === 'PATCH')) headers['idempotency-key'] ??= randomUUID();
  const res = await fetch(base + path, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, headers: res.headers };
}

/** A request that must answer `expected`; its body. */
export async function must(expected: number, what: string, answer: Promise<{ status: number; body: Record<string, unknown> }>): Promise<Record<string, unknown>> {
  const { status, body } = await answer;
  if (status !== expected) throw new Error(`${what}: ${status} ${JSON.stringify(body)}`);
  return body;
}
