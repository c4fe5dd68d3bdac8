/**
 * `npm run bench`: starts the built service on 127.0.0.1 with a fresh embedded database (and again on a fresh
 * PostgreSQL schema when DATABASE_URL names a server), runs each case three times (or its own `runs`) and prints
 * one JSON line per case with the median, the values and, for request rates, the ratio to the `/health` baseline
 * measured against the same service in the same run (the machines are shared and noisy: compare ratios, not
 * absolute numbers) and the latency median and p99 of each run. A case fails the bench (exit code 1) when its
 * median is above its `max` or below its `min`, its ratio below its `minRatio`, or its p99 ÷ median above its
 * `maxTail`. Traffic stays on loopback; every run is bounded in time. The lines are also written to
 * `bench/results/latest.json` (a run of every case) or `bench/results/partial.json` (a selection).
 *
 * `BENCH_ONLY=name,name` runs only the cases named (an unknown name is refused, with the list of names); the
 * service is started only when a case chosen measures request rates. `create-application` and `transition`
 * sign in through the `prepare` of `get-application`, so they need that case named too.
 *
 * `npm run bench -- --profile <case>` runs `health`, `get-application` and that request-rate case, with V8's CPU
 * profiler on in the service during that case's runs only, writes `bench/results/<case>.cpuprofile` and prints
 * where the time went (bench/profile-summary.ts).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { benchCases, type BenchCase, type BenchContext, type Measurement } from './cases';
import { summariseProfile } from './profile-summary';
import { freshSchema, repositoryRoot, startService, type RunningService, type StartOptions } from './service-process';

const RUNS = 3;

const round = (value: number, places: number): number => Math.round(value * 10 ** places) / 10 ** places;
const asMeasurement = (m: number | Measurement): Measurement => (typeof m === 'number' ? { value: m } : m);

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

/** The case `--profile` names in `argv`, if any; it must measure request rates. */
export function profiledCase(cases: readonly BenchCase[], argv: readonly string[]): BenchCase | undefined {
  const at = argv.indexOf('--profile');
  if (at === -1) return undefined;
  const name = argv[at + 1];
  const found = cases.find((c) => c.name === name);
  if (found?.unit !== 'rps') {
    throw new Error(`--profile takes a request-rate case: ${cases.filter((c) => c.unit === 'rps').map((c) => c.name).join(', ')}`);
  }
  return found;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Requests per second over 10 connections for 3 s, with the latency median and p99 of the same requests. */
export async function rps(ctx: BenchContext, options: autocannon.Options): Promise<Measurement> {
  const result = await autocannon({ connections: 10, duration: 3, ...options, url: ctx.base + String(options.url ?? '') });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${String(options.url)}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  }
  const { p50, p99 } = result.latency;
  return { value: result.requests.average, details: { latencyMedianMs: p50, latencyP99Ms: p99, tail: p50 > 0 ? p99 / p50 : 0 } };
}

/** A database the request-rate cases run on, and the suffix of their names there. */
interface Target {
  kind: 'sqlite' | 'postgres';
  suffix: string;
  start(options: StartOptions, env: Record<string, string>): Promise<{ service: RunningService; cleanup(): Promise<void> }>;
}

function targets(): Target[] {
  const sqlite: Target = {
    kind: 'sqlite',
    suffix: '',
    async start(options, env) {
      const dir = mkdtempSync(join(tmpdir(), 'cd-bench-'));
      const service = await startService({ kind: 'sqlite', path: join(dir, 'cd.sqlite') }, env, options);
      return { service, cleanup: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })) };
    },
  };
  const url = process.env.DATABASE_URL;
  if (!url) return [sqlite];
  const postgres: Target = {
    kind: 'postgres',
    suffix: '-postgres',
    async start(options, env) {
      const { schema, drop } = await freshSchema(url);
      const service = await startService({ kind: 'postgres', url, schema }, env, options);
      return { service, cleanup: drop };
    },
  };
  return [sqlite, postgres];
}

interface Line {
  case: string;
  [key: string]: unknown;
}

/** Runs one case and says how it went; `failures` gains a sentence for each limit it misses. */
async function runCase(bench: BenchCase, name: string, ctx: BenchContext, baseline: number, target: Target | undefined, failures: string[], profile?: () => Promise<() => Promise<void>>): Promise<{ line: Line; median: number }> {
  const measurements: Measurement[] = [];
  try {
    await bench.prepare?.(ctx);
    // One untimed run first for a request rate: the service's first seconds under load (JIT, pools, caches) are not its steady state.
    if (bench.unit === 'rps') await bench.measure(ctx);
    const stop = await profile?.();
    for (let i = 0; i < (bench.runs ?? RUNS); i++) measurements.push(asMeasurement(await bench.measure(ctx)));
    await stop?.();
  } finally {
    await bench.finish?.(ctx);
  }
  const values = measurements.map((m) => m.value);
  const m = median(values);
  const base = bench.baseline ? m : baseline;
  const ratio = bench.unit === 'rps' && base > 0 ? m / base : null;
  const tails = measurements.map((x) => x.details?.tail).filter((t): t is number => t !== undefined);
  const tail = tails.length > 0 ? median(tails) : null;
  const minRatio = target ? bench.minRatio?.[target.kind] : undefined;
  const limits: [boolean, string][] = [
    [bench.max !== undefined && m > bench.max, `median ${round(m, 4)} exceeds ${bench.max}`],
    [bench.min !== undefined && m < bench.min, `median ${round(m, 4)} is below ${bench.min}`],
    [minRatio !== undefined && ratio !== null && ratio < minRatio, `ratio to the baseline ${round(ratio ?? 0, 4)} is below ${minRatio}`],
    [bench.maxTail !== undefined && tail !== null && tail > bench.maxTail, `p99 ÷ median latency ${round(tail ?? 0, 2)} exceeds ${bench.maxTail}`],
    ...Object.entries(bench.maxDetails ?? {}).map(([detail, max]): [boolean, string] => {
      const value = median(measurements.map((x) => x.details?.[detail] ?? Number.NaN));
      return [!(value <= max), `median ${detail} ${round(value, 4)} exceeds ${max}`];
    }),
  ];
  for (const [missed, why] of limits) if (missed) failures.push(`${name}: ${why}`);
  const limited = [bench.max, bench.min, minRatio, bench.maxTail, bench.maxDetails].some((limit) => limit !== undefined);
  const places = bench.unit === 'ratio' ? 4 : 2;
  const line: Line = {
    case: name,
    unit: bench.unit,
    median: round(m, places),
    runs: values.map((v) => round(v, places)),
    ...(bench.unit === 'rps' ? { ratioToBaseline: ratio === null ? null : round(ratio, 4), baseline: `health${target?.suffix ?? ''}` } : {}),
    ...(tail === null ? {} : { tail: round(tail, 2) }),
    ...(bench.max === undefined ? {} : { max: bench.max }),
    ...(bench.min === undefined ? {} : { min: bench.min }),
    ...(minRatio === undefined ? {} : { minRatio }),
    ...(bench.maxTail === undefined ? {} : { maxTail: bench.maxTail }),
    ...(bench.maxDetails === undefined ? {} : { maxDetails: bench.maxDetails }),
    ...(limited ? { passed: limits.every(([missed]) => !missed) } : {}),
    ...(measurements.some((x) => x.details)
      ? { details: measurements.map((x) => Object.fromEntries(Object.entries(x.details ?? {}).map(([k, v]) => [k, round(v, 2)]))) }
      : {}),
  };
  console.log(JSON.stringify(line));
  return { line, median: m };
}

/** Starts the profiler in the service; the function it returns stops it and waits for the file. */
function profilerOf(service: RunningService, file: string): () => Promise<() => Promise<void>> {
  return () => {
    rmSync(file, { force: true });
    service.child.send('start-profile');
    return Promise.resolve(async () => {
      service.child.send('stop-profile');
      const until = Date.now() + 60_000;
      while (!existsSync(file)) {
        if (Date.now() > until) throw new Error(`the service wrote no profile to ${file}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    });
  };
}

async function main(): Promise<void> {
  const profiled = profiledCase(benchCases, process.argv.slice(2));
  const only = profiled ? ['health', 'get-application', profiled.name].join(',') : process.env.BENCH_ONLY;
  const cases = selectCases(benchCases, only);
  const results = join(repositoryRoot(), 'bench/results');
  mkdirSync(results, { recursive: true });
  const lines: Line[] = [];
  const failures: string[] = [];
  const hook = resolve(__dirname, 'profile-hook.js');
  if (cases.some((c) => c.unit === 'rps')) {
    for (const target of targets()) {
      const profileFile = profiled ? join(results, `${profiled.name}${target.suffix}.cpuprofile`) : undefined;
      const { service, cleanup } = await target.start(profiled ? { nodeArgs: ['-r', hook], ipc: true } : {}, { ...LOGIN_LIMITS_FOR_THE_BENCH, ...(profileFile ? { BENCH_PROFILE_FILE: profileFile } : {}) });
      try {
        const ctx: BenchContext = { base: service.base, rps, state: {} };
        let baseline = 0;
        for (const bench of cases.filter((c) => c.unit === 'rps')) {
          const profile = profileFile && bench === profiled ? profilerOf(service, profileFile) : undefined;
          const { line, median: m } = await runCase(bench, bench.name + target.suffix, ctx, baseline, target, failures, profile);
          if (bench.baseline) baseline = m;
          lines.push(line);
        }
      } finally {
        await service.stop();
        await cleanup();
      }
      if (profileFile) {
        console.log(JSON.stringify({ profile: profileFile, ...summariseProfile(profileFile) }, null, 1));
      }
    }
  }
  const ctx: BenchContext = { base: '', rps, state: {} };
  for (const bench of cases.filter((c) => c.unit !== 'rps')) lines.push((await runCase(bench, bench.name, ctx, 0, undefined, failures)).line);
  const complete = cases.length === benchCases.length;
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', node: process.version, platform: process.platform };
  writeFileSync(
    join(results, complete ? 'latest.json' : 'partial.json'),
    `${JSON.stringify({ at: new Date().toISOString(), machine, postgres: Boolean(process.env.DATABASE_URL), only: complete ? null : cases.map((c) => c.name), cases: lines, failures }, null, 1)}\n`,
  );
  if (failures.length > 0) {
    for (const failure of failures) console.error(`bench failed: ${failure}`);
    process.exitCode = 1;
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
