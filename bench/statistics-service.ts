/**
 * The BUILT service (dist/src/main.js) as a child process of the statistics bench, on a given database: to run
 * the migrations and the demo seed on a cache being made (bench/statistics-cache.ts), and to answer the
 * return being timed (bench/statistics-return.ts). Started as `npm start` starts it (the allocator setting of
 * package.json), in a folder of its own so that no developer's .env changes it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { freePort, SERVICE_MALLOC_TUNABLES } from './returns-scale';

export const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? 'Demo-Password-2026';

/** The database the service runs on: an SQLite file, or a PostgreSQL database (its default schema). */
export type ServiceDatabase = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

export interface RunningService {
  base: string;
  child: ChildProcess;
  /** The tail of what it wrote, for a failure's message. */
  output(): string;
  stop(): Promise<void>;
}

/** The repository root: the nearest folder above this file with a package.json (this file runs from bench/ and from dist/bench/). */
export function repositoryRoot(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error('no package.json above the statistics bench');
  }
}

/** Starts the built service on `database` and waits for /health (migrations run and the demo seed is made at start). */
export async function startService(database: ServiceDatabase, env: Record<string, string> = {}): Promise<RunningService> {
  const main = join(repositoryRoot(), 'dist/src/main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: npm run build first`);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const cwd = mkdtempSync(join(tmpdir(), 'cd-statistics-'));
  const child = spawn(process.execPath, [main], {
    cwd,
    env: {
      ...process.env,
      GLIBC_TUNABLES: process.env.GLIBC_TUNABLES ?? SERVICE_MALLOC_TUNABLES,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      DEMO_PASSWORD,
      ...(database.kind === 'sqlite'
        ? { SQLITE_PATH: database.path, DATABASE_URL: '', DATABASE_SCHEMA: '' }
        : { DATABASE_URL: database.url, DATABASE_SCHEMA: '', SQLITE_PATH: '', SEED_DEMO: 'true' }),
      ...env,
      HOST: '127.0.0.1',
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const service: RunningService = {
    base,
    child,
    output: () => tail,
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
      if ((await fetch(`${base}/health`)).ok) return service;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await service.stop();
  throw new Error(`the service did not become healthy in 120 s: ${tail}`);
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
