/**
 * `npm run verify-archive` run as an inspector runs it (docs/operations.md, "An inspector's check of an archive"): on
 * a SQLite copy made with VACUUM INTO, or on the test's own PostgreSQL schema (the tool opens it read-only), with the
 * service's public checkpoint key in a file.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { rawSql } from './lifecycle-http';
import type { TestApp } from './test-app';

const run = promisify(execFile);

export interface ArchiveChecker {
  /** The database as the tool is given it: a SQLite copy taken now (named `name`), or the PostgreSQL URL and schema. */
  archive(name: string): Promise<string[]>;
  /** The tool's exit code and what it printed. */
  check(database: string[]): Promise<{ code: number; out: string }>;
  /** Removes the copies and the key file. */
  remove(): void;
}

export async function archiveChecker(t: TestApp): Promise<ArchiveChecker> {
  const dir = mkdtempSync(join(tmpdir(), 'cd-archive-'));
  const keyFile = join(dir, 'checkpoint-key.pem');
  writeFileSync(keyFile, ((await t.http().get('/checkpoints/key').expect(200)).body as { publicKeyPem: string }).publicKeyPem);
  return {
    async archive(name) {
      if (t.config.database.kind === 'postgres') return [t.config.database.url, '--schema', t.config.database.schema ?? 'public'];
      await rawSql(t, `VACUUM INTO '${join(dir, name)}'`);
      return [join(dir, name)];
    },
    check: (database) =>
      run('npm', ['run', '--silent', 'verify-archive', '--', ...database, '--public-key', keyFile], { cwd: join(__dirname, '..', '..'), encoding: 'utf8' }).then(
        (r) => ({ code: 0, out: r.stdout }),
        (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
      ),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
