/**
 * The committed client (test/generated/api) is what the generator makes of the OpenAPI document the
 * service serves now: the generator runs again here on the live document, and any difference — a field,
 * a status, an operation, the generator's own output — fails. After changing the API, run
 * `npm run client:generate` and commit the result (docs/architecture.md §8).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
// The generator wrapper is plain CommonJS so that `npm run client:generate` runs it without a build.
import { filesBelow } from '../scripts/generate-client';
import { createTestApp, type TestApp } from './support/test-app';

const root = resolve(__dirname, '..');
const committed = join(root, 'test/generated/api');

/** The first line at which two texts differ, for a readable failure. */
function firstDifference(expected: string, actual: string): string | null {
  const a = expected.split('\n');
  const b = actual.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    if (a[i] !== b[i]) return `line ${i + 1}: committed ${JSON.stringify(a[i] ?? '(end)')}, generated ${JSON.stringify(b[i] ?? '(end)')}`;
  }
  return null;
}

describe('the committed generated client (npm run client:generate)', () => {
  let t: TestApp;
  let dir: string;
  let fresh: string;

  beforeAll(async () => {
    t = await createTestApp();
    dir = mkdtempSync(join(tmpdir(), 'cd-client-'));
    const documentPath = join(dir, 'openapi.json');
    writeFileSync(documentPath, (await t.http().get('/docs-json').expect(200)).text);
    fresh = join(dir, 'api');
    // A child process: the generator is an ES module, which Jest's CommonJS runtime cannot load.
    execFileSync(process.execPath, [join(root, 'scripts/generate-client.js'), documentPath, fresh], { cwd: root, stdio: 'pipe' });
  }, 60_000);
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  it('has the files the generator writes for the served document', () => {
    expect(filesBelow(committed)).toEqual(filesBelow(fresh));
    expect(filesBelow(committed)).toEqual(expect.arrayContaining(['sdk.gen.ts', 'types.gen.ts']));
  });

  it('has, in each, exactly what the generator writes for the served document', () => {
    const differences = filesBelow(fresh).flatMap((file) => {
      const difference = firstDifference(readFileSync(join(committed, file), 'utf8'), readFileSync(join(fresh, file), 'utf8'));
      return difference === null ? [] : [`${file}: ${difference}`];
    });
    expect(differences).toEqual([]);
  });
});
