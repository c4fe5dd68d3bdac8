import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { auditCapturedLogs, formatAudit } from './captured-logs';

const repoRoot = resolve(__dirname, '..', '..');
/** One spec file that signs in and sends bearer tokens; small, so the two runs below cost seconds, not minutes. */
const SPEC = 'test/app.e2e-spec.ts';

/** Runs SPEC in a child Jest on SQLite with its logs captured into a fresh folder, redaction as given. */
function capturedRun(redaction: boolean): Promise<{ dir: string; output: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'cd-log-audit-'));
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_CAPTURE_DIR: dir, LOG_REDACTION: String(redaction) };
  delete env.DATABASE_URL;
  const args = [require.resolve('jest/bin/jest'), '--ci', '--runInBand', '--testRegex', `${SPEC.replace(/\./g, '\\.')}$`];
  // A failing child run is not an error here: the audit below judges what it logged.
  return new Promise((done) => {
    execFile(process.execPath, args, { cwd: repoRoot, env, encoding: 'utf8', timeout: 150_000 }, (_error, stdout, stderr) => done({ dir, output: `${stdout}\n${stderr}` }));
  });
}

/**
 * The control of the log audit (issue 18, acceptance: "a control run of one spec file with redaction switched off
 * makes it fail"): the same spec file, captured twice. With redaction (as every run is) the audit passes; with
 * LOG_REDACTION=false it finds the bearer tokens the spec sent, so what keeps them out of the logs is the
 * redaction of src/http/logging.ts, and the audit is able to see them when it is gone.
 */
describe('the log audit against one captured spec file (test/log-audit/captured-logs.ts)', () => {
  const made: string[] = [];
  afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('passes with redaction on, and fails on bearer tokens with LOG_REDACTION=false', async () => {
    // The two runs are independent (each its own database and folder): side by side, they take the time of one.
    const [on, off] = await Promise.all([capturedRun(true), capturedRun(false)]);
    made.push(on.dir, off.dir);
    const withRedaction = auditCapturedLogs(on.dir);
    const without = auditCapturedLogs(off.dir);

    // Both runs answered requests and logged each one with its id: the difference is the redaction alone.
    expect({ requests: withRedaction.requests > 0, missing: withRedaction.missing, output: withRedaction.requests > 0 ? '' : on.output }).toEqual({ requests: true, missing: [], output: '' });
    expect({ requests: without.requests > 0, missing: without.missing }).toEqual({ requests: true, missing: [] });
    expect(withRedaction.findings).toEqual([]);
    expect(without.findings.map((f) => f.kind)).toContain('bearer token');
    console.log(`with redaction:\n${formatAudit(withRedaction)}\nwithout:\n${formatAudit(without)}`);
  }, 300_000);
});
