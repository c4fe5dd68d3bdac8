import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Outbox } from '../src/outbox/outbox';
import { createTestApp, type TestApp } from './support/test-app';
import { PlumbingController } from './support/plumbing.controller';

/**
 * Always SQLite (even in the PostgreSQL run, which excludes `sqlite-only` files anyway): another OS process
 * writes to the same file while the service takes commands. BEGIN IMMEDIATE plus the busy timeout must
 * turn every contention into a wait, never into SQLITE_BUSY answered as a 500 (docs/architecture.md §10, SQLite).
 */
const WRITER_MS = 3_000;

/** Runs in the second process: its own table, its own IMMEDIATE transactions holding the lock 50–150 ms. */
const WRITER = `
const Database = require(process.env.BETTER_SQLITE3);
const db = new Database(process.env.DB_PATH);
db.pragma('busy_timeout = 15000');
db.exec('CREATE TABLE IF NOT EXISTS other_process_writes (id INTEGER PRIMARY KEY, at TEXT NOT NULL, held_ms INTEGER NOT NULL)');
const insert = db.prepare('INSERT INTO other_process_writes (at, held_ms) VALUES (?, ?)');
const until = Date.now() + Number(process.env.WRITER_MS);
let ok = 0, failed = 0;
const errors = [];
console.log(JSON.stringify({ ready: true }));
(async () => {
  while (Date.now() < until) {
    const hold = 50 + Math.floor(Math.random() * 101);
    try {
      db.exec('BEGIN IMMEDIATE');
      insert.run(new Date().toISOString(), hold);
      const end = Date.now() + hold;
      while (Date.now() < end) {} // hold the write lock
      db.exec('COMMIT');
      ok++;
    } catch (e) {
      failed++;
      errors.push(String(e.code || e.message));
      try { db.exec('ROLLBACK'); } catch {}
    }
    await new Promise((r) => setTimeout(r, 5 + Math.floor(Math.random() * 15)));
  }
  db.close();
  console.log(JSON.stringify({ done: true, ok, failed, errors: errors.slice(0, 5) }));
})();
`;

interface WriterReport {
  ok: number;
  failed: number;
  errors: string[];
}

describe('SQLite shared with another writing process (BEGIN IMMEDIATE + busy timeout)', () => {
  let dir: string;
  let t: TestApp;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cd-busy-'));
    t = await createTestApp({ sqlite: true, sqlitePath: join(dir, 'cd.sqlite'), controllers: [PlumbingController] });
  });

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers every command 201 (and read-then-write commands succeed) while another process writes; that process loses nothing either', async () => {
    expect(t.uow.isSqlite).toBe(true);
    const token = await t.token('applicant');

    // The other process: report lines on stdout, bounded in time by itself and by us.
    const proc = spawn(process.execPath, ['-e', WRITER], {
      env: {
        ...process.env,
        BETTER_SQLITE3: require.resolve('better-sqlite3'),
        DB_PATH: t.config.database.kind === 'sqlite' ? t.config.database.path : '',
        WRITER_MS: String(WRITER_MS),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`writer did not exit in time; stderr: ${stderr}`)), WRITER_MS + 20_000);
      proc.on('exit', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
    exited.catch(() => undefined); // observed below; avoid an unhandled rejection if we fail earlier
    const deadline = Date.now() + 10_000;
    while (!stdout.includes('"ready"')) {
      if (Date.now() > deadline || proc.exitCode !== null) throw new Error(`writer did not start; stderr: ${stderr}`);
      await new Promise((r) => setTimeout(r, 10));
    }

    const responses: { status: number; body: unknown; at: number }[] = [];
    const send = async (n: number) => {
      const res = await t
        .http()
        .post('/plumbing/commands')
        .set('authorization', `Bearer ${token}`)
        .send({ note: `busy-${n}`, count: 1 })
        .timeout(20_000);
      responses.push({ status: res.status, body: res.body, at: Date.now() });
    };
    // Read-then-write with an await between: a deferred transaction would fail at once with SQLITE_BUSY
    // when the other process commits in between, whatever the busy timeout (docs/architecture.md §10, SQLite).
    const outbox = t.app.get(Outbox);
    const readThenWrite = (i: number) =>
      t.uow.run(async (tx) => {
        await tx.query('SELECT COUNT(*) AS n FROM other_process_writes');
        await sleep(20);
        return outbox.add(tx, 'busyReadThenWrite', { i });
      });
    let n = 0;
    for (let i = 0; i < 30; i++) {
      await send(n++); // sequential
      await readThenWrite(i);
    }
    for (let batch = 0; batch < 3; batch++) {
      await Promise.all(Array.from({ length: 10 }, () => send(n++))); // concurrent
    }

    const code = await exited;
    const writerDoneAt = Date.now();
    const failures = responses.filter((r) => r.status !== 201);
    expect(failures).toEqual([]); // prints any 500 / SQLITE_BUSY body
    expect(responses).toHaveLength(60);

    const report = stdout
      .split('\n')
      .filter((line) => line.includes('"done"'))
      .map((line) => JSON.parse(line) as WriterReport)[0];
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(report).toBeDefined();
    expect(report.errors).toEqual([]);
    expect(report.failed).toBe(0);
    expect(report.ok).toBeGreaterThan(5);

    // The contention was real: a good share of our commands were answered while the writer still ran.
    const duringWriter = responses.filter((r) => r.at < writerDoneAt).length;
    expect(duringWriter).toBeGreaterThanOrEqual(10);

    // Both sides' rows are all there.
    const counts = await t.uow.read(async (m) => ({
      other: Number((await m.query<{ n: number }[]>('SELECT COUNT(*) AS n FROM other_process_writes'))[0].n),
      ours: Number(
        (await m.query<{ n: number }[]>(`SELECT COUNT(*) AS n FROM outbox WHERE type = 'plumbingCommand'`))[0].n,
      ),
      readThenWrite: Number(
        (await m.query<{ n: number }[]>(`SELECT COUNT(*) AS n FROM outbox WHERE type = 'busyReadThenWrite'`))[0].n,
      ),
    }));
    expect(counts).toEqual({ other: report.ok, ours: 60, readThenWrite: 30 });
  });
});
