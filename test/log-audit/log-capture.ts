import { appendFileSync, mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import type { AppConfig } from '../../src/config';
import { createLogger } from '../../src/http/logging';

/**
 * The log audit's capture (issue 18, item 6; docs/operations.md "Logs and health"): with LOG_CAPTURE_DIR set, every test app
 * logs at `info` into one file per Jest worker process, and a ledger beside it lists every request the app's
 * HTTP server answered, with the X-Request-Id it answered with. The ledger is written here, by the test
 * harness, from the server's own `request` events, not by the logging under test: the audit
 * (test/log-audit/captured-logs.ts) holds the logs to it.
 */
export const LOG_CAPTURE_DIR = 'LOG_CAPTURE_DIR';

/** Log lines of a worker: `app-log.<worker>.<pid>.ndjson`; its ledger: `requests.<worker>.<pid>.ndjson`. */
export const LOG_FILE = /^app-log\..+\.ndjson$/;
export const LEDGER_FILE = /^requests\..+\.ndjson$/;

function captureDir(): string | undefined {
  return process.env[LOG_CAPTURE_DIR] || undefined;
}

/** What a captured run changes in a test app's environment: `info` level; LOG_REDACTION passed on for the control run. */
export function captureEnv(): Record<string, string> {
  if (!captureDir()) return {};
  const redaction = process.env.LOG_REDACTION;
  return { LOG_LEVEL: 'log', ...(redaction ? { LOG_REDACTION: redaction } : {}) };
}

const suffix = (): string => `${process.env.JEST_WORKER_ID ?? '0'}.${process.pid}`;
let destination: pino.DestinationStream | undefined;

/**
 * The logger a captured test app writes to, or undefined when nothing is captured. One synchronous, appending
 * destination per spec file (each spec file has its own module registry): lines of two apps never interleave.
 */
export function captureLogger(config: AppConfig): Logger | undefined {
  const dir = captureDir();
  if (!dir) return undefined;
  mkdirSync(dir, { recursive: true });
  destination ??= pino.destination({ dest: join(dir, `app-log.${suffix()}.ndjson`), sync: true, append: true });
  return createLogger(config, destination);
}

/** Records every request the server answers, whether it finished or the client went away. */
export function recordRequests(server: Server): void {
  const dir = captureDir();
  if (!dir) return;
  const ledger = join(dir, `requests.${suffix()}.ndjson`);
  server.on('request', (req, res) => {
    res.once('close', () => {
      const reqId = res.getHeader('x-request-id');
      appendFileSync(ledger, `${JSON.stringify({ reqId: typeof reqId === 'string' ? reqId : null, method: req.method, status: res.statusCode })}\n`);
    });
  });
}
