/**
 * The fuzz of every route (test/fuzz-every-route.e2e-spec.ts) at the size, for `npm run check:heavy`: the
 * spec run by jest in a process of its own with `FUZZ_REQUESTS`, on SQLite and, when `databaseUrl` is given, on
 * PostgreSQL. Returns the spec's own summary line (requests sent, statuses) and whether it passed.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repositoryRoot } from './service-process';

export interface FuzzCheckResult {
  database: 'sqlite' | 'postgres';
  passed: boolean;
  summary: unknown;
  failure: string | null;
}

export function runFuzzCheck(options: { requests: number; databaseUrl?: string }): Promise<FuzzCheckResult> {
  const root = repositoryRoot();
  const env: NodeJS.ProcessEnv = { ...process.env, FUZZ_REQUESTS: String(options.requests) };
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  else delete env.DATABASE_URL;
  const database = options.databaseUrl ? 'postgres' : 'sqlite';
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'node_modules', 'jest', 'bin', 'jest.js'), '--runInBand', '--ci', 'test/fuzz-every-route.e2e-spec.ts'], { cwd: root, env });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('{"check":"fuzz-every-route"'));
      resolve({
        database,
        passed: code === 0,
        summary: line ? (JSON.parse(line) as unknown) : null,
        failure: code === 0 ? null : err.split('\n').filter((l) => /✕|●|Expected|Received|\+ /.test(l)).slice(0, 20).join('\n') || `jest exited ${String(code)}`,
      });
    });
  });
}
