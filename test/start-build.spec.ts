import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { START_SCRIPT } from '../bench/service-process';

/**
 * `npm start` builds first (`prestart`), but a second start on a checkout whose build is current must
 * not compile anything: `tsc -b` with an incremental build-info file is a freshness check when nothing
 * has changed (issue 9, a fast second start).
 */
const root = resolve(__dirname, '..');
const dist = join(root, 'dist');

function npmRun(script: string, ...args: string[]): string {
  const extra = args.length > 0 ? ['--', ...args] : [];
  return execFileSync('npm', ['run', '--silent', script, ...extra], { cwd: root, encoding: 'utf8' });
}

/** Every file of the build with its modification time and content digest. */
function snapshotOf(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        const digest = createHash('sha256').update(readFileSync(full)).digest('hex');
        files.set(relative(dir, full), `${statSync(full).mtimeMs} ${digest}`);
      }
    }
  };
  walk(dir);
  return files;
}

describe('the start script builds only when the build is stale', () => {
  it('runs the build step before starting', () => {
    const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(scripts.prestart).toBe('npm run build');
    expect(scripts.build).toMatch(/^tsc -b tsconfig\.build\.json$/);
    // The service starts with the allocator setting the scale check measures it under (bench/returns-scale.ts).
    expect(scripts.start).toBe(START_SCRIPT);
  });

  it('nest-cli.json describes the same build: its tsconfig, no deleted output, the started entry file', () => {
    const nest = JSON.parse(readFileSync(join(root, 'nest-cli.json'), 'utf8')) as {
      entryFile: string;
      compilerOptions: { builder: string; tsConfigPath: string; deleteOutDir: boolean };
    };
    const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(scripts.build).toBe(`tsc -b ${nest.compilerOptions.tsConfigPath}`);
    expect(nest.compilerOptions).toMatchObject({ builder: 'tsc', deleteOutDir: false });
    expect(scripts.start).toMatch(new RegExp(` node dist/${nest.entryFile}\\.js$`));
  });

  it('builds the entry point when needed, then recompiles nothing on a current build', () => {
    npmRun('build');
    expect(existsSync(join(dist, 'src/main.js'))).toBe(true);
    const before = snapshotOf(dist);

    const output = npmRun('build', '--verbose');

    expect(output).toMatch(/Project 'tsconfig\.build\.json' is up to date/);
    expect(output).not.toMatch(/Building project/);
    expect(snapshotOf(dist)).toEqual(before);
  }, 120_000);
});
