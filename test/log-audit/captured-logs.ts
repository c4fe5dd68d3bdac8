import { readdirSync, readFileSync } from 'node:fs';
import { isIPv4, isIPv6 } from 'node:net';
import { join, relative, resolve } from 'node:path';
import { DEV_JWT_SECRET } from '../../src/config';
import { DEMO_PASSWORD } from '../support/test-app';
import { LEDGER_FILE, LOG_FILE } from './log-capture';

/**
 * The log audit (issue 18, acceptance "a captured-log test over the whole e2e suite"): reads what the test apps of
 * a run logged (test/log-audit/log-capture.ts) and finds
 *  - every request the apps answered with at least one line carrying its request id, and exactly one access line;
 *  - no bearer token, no password or secret, and no identifier of the kind the fixtures use (telephone numbers,
 *    IMEIs, IP addresses, e-mail addresses) on any line.
 * Its patterns are its own, written apart from the service's scrubber (src/http/logging.ts), so that a gap in one
 * is not hidden by the same gap in the other.
 */

export interface Finding {
  file: string;
  line: number;
  kind: string;
  /** What matched, cut short: the audit's report must not become a copy of what it found. */
  excerpt: string;
}

export interface AuditResult {
  logFiles: number;
  lines: number;
  /** Requests the apps answered (the ledger), and those answered without an X-Request-Id. */
  requests: number;
  withoutId: number;
  accessLines: number;
  /** Request ids with fewer lines than requests: no line at all, or fewer access lines than times answered. */
  missing: { reqId: string; requests: number; accessLines: number; lines: number }[];
  findings: Finding[];
}

const repoRoot = resolve(__dirname, '..', '..');

/** The passwords the specs send: every `password: '…'` literal of test/ (8 characters or more), and the demo users'. */
export function testPasswords(): string[] {
  const found = new Set<string>([DEMO_PASSWORD]);
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'generated' && entry.name !== 'fixtures') walk(full);
      else if (entry.isFile() && entry.name.endsWith('.ts')) {
        for (const m of readFileSync(full, 'utf8').matchAll(/password['"]?\s*:\s*'([^'\n]{8,})'/gi)) found.add(m[1]);
      }
    }
  };
  walk(join(repoRoot, 'test'));
  return [...found];
}

type Detector = { kind: string; find: (line: string) => string | undefined };

const first = (pattern: RegExp, valid: (m: string) => boolean = () => true) => (line: string) => {
  for (const m of line.matchAll(pattern)) if (valid(m[0])) return m[0];
  return undefined;
};

/** What no captured line may hold. */
export function detectors(): Detector[] {
  const literals = (kind: string, values: string[]): Detector[] => values.map((value) => ({ kind, find: (line) => (line.includes(value) ? value : undefined) }));
  return [
    // A JSON Web Token: its header is base64url JSON, so it starts "eyJ"; and any credential after "Bearer ".
    { kind: 'bearer token', find: first(/eyJ[\w-]{8,}/g) },
    { kind: 'bearer token', find: first(/Bearer\s+(?!\[redacted\])[^\s"\\]+/g) },
    // A refresh token: 32 random bytes as base64url, exactly 43 characters (src/auth/sessions.service.ts).
    { kind: 'refresh token', find: first(/(?<![\w-])[\w-]{43}(?![\w-])/g, (m) => /\d/.test(m) && /[A-Z]/.test(m) && /[a-z]/.test(m)) },
    ...literals('password', testPasswords()),
    ...literals('secret', [DEV_JWT_SECRET]),
    // Telephone numbers as the fixtures write them: E.164 (+447911123456), spaced international, UK national
    // with or without the space (07911 123456, 07911123456).
    { kind: 'telephone number', find: first(/\+\d{7,15}(?!\d)/g) },
    { kind: 'telephone number', find: first(/\+44[ (]?\d{2,4}[ )]?\d{3,4} ?\d{3,4}(?!\d)/g) },
    { kind: 'telephone number', find: first(/(?<![\w.:-])0[1-9]\d{2,3} ?\d{6}(?![\w-])/g) },
    // IMEIs (15 digits; 16 for an IMEISV) and IMSIs (15).
    { kind: 'IMEI', find: first(/(?<![\w.:-])\d{15,16}(?![\w-])/g) },
    // Any address but the loopback and unspecified ones, which name no one (a test's client is 127.0.0.1).
    { kind: 'IP address', find: first(/(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?![\d.]*\d)/g, (m) => isIPv4(m) && !/^(127\.|0\.0\.0\.0$)/.test(m)) },
    {
      kind: 'IP address',
      find: first(/(?<![\w:])[0-9A-Fa-f]{0,4}(?::(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]{0,4})){2,7}/g, (m) => /[0-9A-Fa-f]/.test(m) && isIPv6(m) && !/^(::1?|::ffff:(127\.\d+\.\d+\.\d+|0\.0\.0\.0))$/i.test(m)),
    },
    { kind: 'e-mail address', find: first(/[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g) },
  ];
}

function readLines(file: string): string[] {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.length > 0);
}

/** A matched value cut short: its first and last two characters. */
function excerpt(value: string): string {
  return value.length <= 6 ? `${value[0]}…` : `${value.slice(0, 2)}…${value.slice(-2)} (${value.length} characters)`;
}

export function auditCapturedLogs(dir: string): AuditResult {
  const names = readdirSync(dir);
  const logFiles = names.filter((n) => LOG_FILE.test(n)).map((n) => join(dir, n));
  const ledgers = names.filter((n) => LEDGER_FILE.test(n)).map((n) => join(dir, n));
  const checks = detectors();

  const linesById = new Map<string, number>();
  const accessById = new Map<string, number>();
  const findings: Finding[] = [];
  let lines = 0;
  let accessLines = 0;
  for (const file of logFiles) {
    readLines(file).forEach((text, index) => {
      lines += 1;
      const where = { file: relative(repoRoot, file), line: index + 1 };
      for (const check of checks) {
        const found = check.find(text);
        if (found !== undefined) findings.push({ ...where, kind: check.kind, excerpt: excerpt(found) });
      }
      let parsed: { reqId?: unknown; msg?: unknown };
      try {
        parsed = JSON.parse(text) as typeof parsed;
      } catch {
        findings.push({ ...where, kind: 'not a JSON line', excerpt: excerpt(text) });
        return;
      }
      if (typeof parsed.reqId !== 'string') return;
      linesById.set(parsed.reqId, (linesById.get(parsed.reqId) ?? 0) + 1);
      if (parsed.msg === 'request completed' || parsed.msg === 'request aborted') {
        accessLines += 1;
        accessById.set(parsed.reqId, (accessById.get(parsed.reqId) ?? 0) + 1);
      }
    });
  }

  const requestsById = new Map<string, number>();
  let requests = 0;
  let withoutId = 0;
  for (const file of ledgers) {
    for (const text of readLines(file)) {
      const { reqId } = JSON.parse(text) as { reqId: string | null };
      requests += 1;
      if (reqId === null) withoutId += 1;
      else requestsById.set(reqId, (requestsById.get(reqId) ?? 0) + 1);
    }
  }
  const missing = [...requestsById]
    .filter(([reqId, count]) => (accessById.get(reqId) ?? 0) < count)
    .map(([reqId, count]) => ({ reqId, requests: count, accessLines: accessById.get(reqId) ?? 0, lines: linesById.get(reqId) ?? 0 }));

  return { logFiles: logFiles.length, lines, requests, withoutId, accessLines, missing, findings };
}

/** The audit in a few lines, for CI's output: counts, then findings by kind with the first few places. */
export function formatAudit(result: AuditResult): string {
  const out = [
    `log audit: ${result.logFiles} log files, ${result.lines} lines, ${result.requests} requests ` +
      `(${result.withoutId} without a request id), ${result.accessLines} access lines, ` +
      `${result.missing.length} request ids without their lines, ${result.findings.length} findings`,
  ];
  const byKind = new Map<string, Finding[]>();
  for (const f of result.findings) byKind.set(f.kind, [...(byKind.get(f.kind) ?? []), f]);
  for (const [kind, list] of byKind) {
    out.push(`  ${kind}: ${list.length}, e.g. ${list.slice(0, 3).map((f) => `${f.file}:${f.line} ${f.excerpt}`).join('; ')}`);
  }
  for (const m of result.missing.slice(0, 5)) out.push(`  request ${m.reqId}: answered ${m.requests}×, ${m.accessLines} access lines, ${m.lines} lines`);
  return out.join('\n');
}
