/**
 * The scale check of returns (README.md, "Scale check") at 20,000 call-record rows, on every `npm test` and,
 * against PostgreSQL, every `npm run test:pg`: the same harness as `npm run check:heavy` (a million rows,
 * bench/returns-scale.ts), so that the check itself cannot rot between heavy runs. The service runs as a
 * child process, built from this checkout, so the peak memory measured is the service's own.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { runScaleCheck } from '../bench/returns-scale';

const ROWS = 20_000;
/** MiB, as /proc counts them (VmHWM under 307,200 kB), the bound of `npm run check:heavy`. */
const MAX_PEAK_RSS_MIB = 300;
const DRIVER = process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite';

describe(`returns at scale: ${ROWS} call-record rows through the built service (${DRIVER})`, () => {
  beforeAll(() => {
    // CI runs the tests on a clean clone with no build step, and the child runs dist/src/main.js: build it.
    // `tsc -b` is incremental, so on a current build this compiles nothing (test/start-build.spec.ts).
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: resolve(__dirname, '..'), stdio: 'pipe' });
  }, 180_000);

  it('stores every row of one upload, raises exactly the rows for another number, and stays under the memory bound', async () => {
    const result = await runScaleCheck({ rows: ROWS, maxPeakRssMiB: MAX_PEAK_RSS_MIB, postgresUrl: process.env.DATABASE_URL || undefined });
    expect(result.failures).toEqual([]);
    expect(result).toMatchObject({
      status: 201,
      rowCount: ROWS,
      cleanRowCount: ROWS - 7,
      recordsTotal: ROWS,
      checks: [{ code: 'IDENTIFIER_NOT_REQUESTED', rowCount: 7 }],
    });
    expect(result.peakRssMiB).toBeLessThan(MAX_PEAK_RSS_MIB);
  }, 120_000);
});
