/**
 * `npm run bench`: starts the built service on 127.0.0.1 with a fresh embedded database, runs each case
 * three times (or its own `runs`) and prints one JSON line per case with the median, the values and, for
 * request rates, the ratio to the `/health` baseline measured in the same run (the machines are shared
 * and noisy: compare ratios, not absolute numbers). A case with a `max` fails the bench (exit code 1)
 * when its median exceeds it, a case with a `min` when its median falls below it. Traffic stays on
 * loopback; every run is bounded in time.
 *
 * `BENCH_ONLY=name,name` runs only the cases named (an unknown name is refused, with the list of names);
 * the service is started only when a case chosen measures request rates. `create-application` and `transition`
 * sign in through the `prepare` of `get-application`, so they need that case named too.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { benchCases, type BenchCase, type BenchContext, type Measurement } from './cases';
import { freePort, SERVICE_MALLOC_TUNABLES } from './service-process';

const RUNS = 3;

const round = (value: number, places: number): number => Math.round(value * 10 ** places) / 10 ** places;
const asMeasurement = (m: number | Measurement): Measurement => (typeof m === 'number' ? { value: m } : m);

async function waitForHealth(base: string, deadlineMs: number): Promise<void> {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(`${base}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the service did not become healthy in time');
}

/**
 * The login case signs one user in over several connections, and autocannon starts a run while the last
 * run's cut-off requests are still hashing: more sign-ins for one username in flight than the abuse limit's
 * five, which counts an attempt before its password is checked (docs/security.md, "Login abuse limits") and
 * would answer 429. The limits are raised, not removed: their bookkeeping is still part of what a login costs.
 */
const LOGIN_LIMITS_FOR_THE_BENCH = { LOGIN_MAX_FAILURES_PER_USERNAME: '1000', LOGIN_MAX_FAILURES_PER_ADDRESS: '100000' };

/**
 * The cases `only` names (comma-separated, as in `BENCH_ONLY`), in the bench's order; every case when it is
 * unset or empty.
 * @throws Error naming the unknown names and the known ones.
 */
export function selectCases(cases: readonly BenchCase[], only: string | undefined): BenchCase[] {
  const names = (only ?? '').split(',').map((name) => name.trim()).filter((name) => name !== '');
  if (names.length === 0) return [...cases];
  const unknown = names.filter((name) => !cases.some((c) => c.name === name));
  if (unknown.length > 0) throw new Error(`BENCH_ONLY names no case ${unknown.join(', ')}; the cases are ${cases.map((c) => c.name).join(', ')}`);
  return cases.filter((c) => names.includes(c.name));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export async function rps(ctx: BenchContext, options: autocannon.Options): Promise<number> {
  const result = await autocannon({ connections: 10, duration: 3, ...options, url: ctx.base + String(options.url ?? '') });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${String(options.url)}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  }
  return result.requests.average;
}

async function main(): Promise<void> {
  const cases = selectCases(benchCases, process.env.BENCH_ONLY);
  const dir = mkdtempSync(join(tmpdir(), 'cd-bench-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = cases.some((c) => c.unit === 'rps')
    ? spawn(process.execPath, [resolve(__dirname, '../src/main.js')], {
        env: { ...process.env, GLIBC_TUNABLES: process.env.GLIBC_TUNABLES ?? SERVICE_MALLOC_TUNABLES, NODE_ENV: 'development', HOST: '127.0.0.1', PORT: String(port), SQLITE_PATH: join(dir, 'cd.sqlite'), DATABASE_URL: '', LOG_LEVEL: 'warn', ...LOGIN_LIMITS_FOR_THE_BENCH },
        stdio: ['ignore', 'inherit', 'inherit'],
      })
    : undefined;
  try {
    if (server !== undefined) await waitForHealth(base, 30_000);
    const ctx: BenchContext = { base, rps, state: {} };
    let baseline = 0;
    const failures: string[] = [];
    for (const bench of cases) {
      const measurements: Measurement[] = [];
      try {
        await bench.prepare?.(ctx);
        for (let i = 0; i < (bench.runs ?? RUNS); i++) measurements.push(asMeasurement(await bench.measure(ctx)));
      } finally {
        await bench.finish?.(ctx);
      }
      const values = measurements.map((m) => m.value);
      const m = median(values);
      if (bench.baseline) baseline = m;
      const aboveMax = bench.max !== undefined && m > bench.max;
      const belowMin = bench.min !== undefined && m < bench.min;
      const passed = !aboveMax && !belowMin;
      if (aboveMax) failures.push(`${bench.name}: median ${round(m, 4)} exceeds ${bench.max}`);
      if (belowMin) failures.push(`${bench.name}: median ${round(m, 4)} is below ${bench.min}`);
      console.log(
        JSON.stringify({
          case: bench.name,
          unit: bench.unit,
          median: round(m, bench.unit === 'ratio' ? 4 : 2),
          runs: values.map((v) => round(v, bench.unit === 'ratio' ? 4 : 2)),
          ...(bench.unit === 'rps'
            ? { ratioToBaseline: baseline ? round(m / baseline, 4) : null, baseline: cases.find((c) => c.baseline)?.name }
            : {}),
          ...(bench.max === undefined ? {} : { max: bench.max }),
          ...(bench.min === undefined ? {} : { min: bench.min }),
          ...(bench.max === undefined && bench.min === undefined ? {} : { passed }),
          ...(measurements.some((x) => x.details)
            ? { details: measurements.map((x) => Object.fromEntries(Object.entries(x.details ?? {}).map(([k, v]) => [k, round(v, 2)]))) }
            : {}),
        }),
      );
    }
    if (failures.length > 0) {
      for (const failure of failures) console.error(`bench failed: ${failure}`);
      process.exitCode = 1;
    }
  } finally {
    server?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
