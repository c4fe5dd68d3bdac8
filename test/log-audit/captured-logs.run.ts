import { auditCapturedLogs, formatAudit } from './captured-logs';
import { LOG_CAPTURE_DIR } from './log-capture';

/**
 * `npm run test:log-audit` and CI's "log audit" stage (not part of `npm test`): audits what the test apps of a run
 * made with LOG_CAPTURE_DIR logged at info (test/log-audit/captured-logs.ts). The run before it is the whole
 * e2e suite on SQLite; test/log-audit/redaction-control.spec.ts shows this audit fails once redaction is off.
 */
describe('the logs captured over a test run (issue 18, item 6)', () => {
  const dir = process.env[LOG_CAPTURE_DIR];

  it('holds a line with its request id for every request, and no bearer token, password or test identifier', () => {
    if (!dir) throw new Error(`${LOG_CAPTURE_DIR} is not set: run the suite with it first, then this audit with the same value.`);
    const result = auditCapturedLogs(dir);
    console.log(formatAudit(result));
    expect(result.requests).toBeGreaterThan(0);
    expect(result.withoutId).toBe(0);
    expect(result.missing).toEqual([]);
    expect(result.findings).toEqual([]);
  });
});
