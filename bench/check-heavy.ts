/**
 * `npm run check:heavy`: the checks too big for `.ci/run`. The fuzz of every route of the document at 20,000 requests
 * on each database (bench/fuzz-heavy.ts; `CHECK_HEAVY_FUZZ_REQUESTS` changes the size), and the scale check of returns
 * at a million call-record rows (bench/returns-scale.ts).
 * The built service takes the file over HTTP on a fresh SQLite file, and again on a fresh PostgreSQL schema
 * when DATABASE_URL is set (as `npm run bench` adds its PostgreSQL case); on each, its peak resident set
 * must stay under 300 MiB (VmHWM under 307,200 kB). Prints one JSON line per database and exits non-zero
 * on any miss. `CHECK_HEAVY_ROWS` changes the size, for trying the check out; the check is a million.
 */
import { runFuzzCheck } from './fuzz-heavy';
import { runScaleCheck } from './returns-scale';

const ROWS = 1_000_000;
/** Requests of the every-route fuzz on each database (issue 24). */
const FUZZ_REQUESTS = 20_000;
/** MiB, as /proc counts them (VmHWM under 307,200 kB). */
const MAX_PEAK_RSS_MIB = 300;

async function main(): Promise<void> {
  const rows = process.env.CHECK_HEAVY_ROWS ? Number(process.env.CHECK_HEAVY_ROWS) : ROWS;
  if (!Number.isInteger(rows) || rows < 1) throw new Error('CHECK_HEAVY_ROWS must be a whole number of rows');
  const databases = [undefined, ...(process.env.DATABASE_URL ? [process.env.DATABASE_URL] : [])];
  let failed = false;
  const requests = process.env.CHECK_HEAVY_FUZZ_REQUESTS ? Number(process.env.CHECK_HEAVY_FUZZ_REQUESTS) : FUZZ_REQUESTS;
  for (const databaseUrl of databases) {
    const fuzz = await runFuzzCheck({ requests, databaseUrl });
    console.log(JSON.stringify({ check: 'fuzz-every-route', passed: fuzz.passed, database: fuzz.database, summary: fuzz.summary }));
    if (fuzz.failure) console.error(`check:heavy failed (fuzz, ${fuzz.database}): ${fuzz.failure}`);
    failed ||= !fuzz.passed;
  }
  for (const postgresUrl of databases) {
    const result = await runScaleCheck({
      rows,
      maxPeakRssMiB: MAX_PEAK_RSS_MIB,
      postgresUrl,
      log: (line) => console.error(`check:heavy: ${line}`),
    });
    const { failures, ...summary } = result;
    console.log(JSON.stringify({ check: 'returns-scale', passed: failures.length === 0, ...summary }));
    for (const failure of failures) console.error(`check:heavy failed (${result.database}): ${failure}`);
    failed ||= failures.length > 0;
  }
  if (failed) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
