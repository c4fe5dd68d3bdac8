/**
 * The accountability check over the whole e2e suite (issue 24, acceptance): every test app records each answer its
 * server gives, and each business history row appended while answering it (by the request's trace id); when the app
 * closes, every JSON denial the answers show has exactly one DENIED row of the security audit stream with its trace
 * id, every answer that is no denial has none, and every state-changing 2xx of a record's command appended exactly
 * one history row. test/support/test-app.ts runs it on close, so no e2e spec can skip it.
 *
 * A denial is read from the answer alone: a 401 or 403, a 404 problem for a record not found (an unknown path
 * says "No such resource."), and a refused transition (WORKFLOW_INVALID_TRANSITION or a rule code). The web pages
 * answer in HTML, which does not say which it was: for them only "at most one DENIED row" is held.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { SecurityEventEntity } from '../../src/audit/security-event.entity';
import { HashChain } from '../../src/database/hash-chain';
import { isRuleCode } from '../../src/http/error-codes';
import { currentRequest } from '../../src/http/request-context';
import { FORM_PATHS } from '../../src/web/web-paths';

interface Answer {
  traceId: string;
  method: string;
  route: string;
  status: number;
  json: boolean;
  code: string | null;
  detail: string | null;
  replayed: boolean;
}

/** History rows appended per trace id, across every app of this test file (trace ids are UUIDs). */
const appended = new Map<string, number>();
let patched = false;

/** Counts every business history row appended, by the trace id of the request it was appended for. */
function countAppends(): void {
  if (patched) return;
  patched = true;
  const original = HashChain.prototype.append;
  HashChain.prototype.append = async function (this: HashChain<never>, ...args: Parameters<typeof original>) {
    const hash = await original.apply(this, args);
    const traceId = currentRequest()?.traceId;
    if (traceId && (this as unknown as { entity: unknown }).entity !== SecurityEventEntity) appended.set(traceId, (appended.get(traceId) ?? 0) + 1);
    return hash;
  };
}

/**
 * The commands of the JSON API whose 2xx appends other than one history row: those of no record with a history
 * (0), and the RIPA import (a row per record imported, checked by its own spec).
 */
const NOT_ONE_ROW = [
  /^POST \/auth\//,
  /^DELETE \/me\/sessions\//,
  /^(POST|PATCH) \/admin\/csps/,
  /^POST \/admin\/ripa-records/,
  /^POST \/admin\/inspection-grants/,
  /^POST \/reverse-audits/,
  // Holds and decisions are rows of their own tables; a decision to delete appends one history row to its record
  // (test/retention.e2e-spec.ts counts it), a decision to retain none.
  /^POST \/retention\//,
  /^POST \/products\/[^/]+\/disseminations/,
  /^POST \/applications\/[^/]+\/products/,
  /^POST \/disclosure-requests\/[^/]+\/returns$/,
  // Test-only routes (test/support/plumbing.controller.ts): no record of the product's.
  /^\w+ \/plumbing\//,
];

export interface Ledger {
  /** Every violation, empty when the app kept the rules. */
  check(deniedRows: { traceId: string | null }[]): string[];
}

/** Starts recording `server`'s answers. */
export function recordAnswers(server: Server): Ledger {
  countAppends();
  const answers: Answer[] = [];
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    const keep = (chunk: unknown) => {
      const type = String(res.getHeader('content-type') ?? '');
      if (!type.startsWith('application/problem+json')) return;
      if (Buffer.isBuffer(chunk)) chunks.push(chunk);
      else if (typeof chunk === 'string') chunks.push(Buffer.from(chunk));
    };
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    res.write = ((...args: unknown[]) => {
      keep(args[0]);
      return write(...args);
    }) as ServerResponse['write'];
    res.end = ((...args: unknown[]) => {
      keep(args[0]);
      return end(...args);
    }) as ServerResponse['end'];
    res.once('finish', () => {
      let problem: { code?: string; detail?: string } | null;
      try {
        problem = chunks.length > 0 ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { code?: string; detail?: string }) : null;
      } catch {
        problem = null;
      }
      const traceId = res.getHeader('x-request-id');
      answers.push({
        traceId: typeof traceId === 'string' ? traceId : '',
        method: req.method ?? '',
        route: (req.url ?? '').split('?')[0],
        status: res.statusCode,
        json: !isWebPath((req.url ?? '').split('?')[0]),
        code: problem?.code ?? null,
        detail: problem?.detail ?? null,
        replayed: res.getHeader('idempotent-replayed') === 'true',
      });
    });
  });
  return {
    check(deniedRows) {
      const denied = new Map<string, number>();
      for (const row of deniedRows) if (row.traceId) denied.set(row.traceId, (denied.get(row.traceId) ?? 0) + 1);
      const byTrace = new Map<string, Answer[]>();
      for (const a of answers) byTrace.set(a.traceId, [...(byTrace.get(a.traceId) ?? []), a]);
      const violations: string[] = [];
      for (const [traceId, group] of byTrace) {
        const rows = denied.get(traceId) ?? 0;
        const what = group.map((a) => `${a.method} ${a.route} → ${a.status}${a.code ? ` ${a.code}` : ''}`).join('; ');
        if (group.some((a) => !a.json)) {
          if (rows > group.length) violations.push(`${what}: ${rows} DENIED rows for ${group.length} web answer(s)`);
          continue;
        }
        const expected = group.filter(isDenial).length;
        if (rows !== expected) violations.push(`${what}: ${rows} DENIED row(s), ${expected} expected`);
        for (const a of group) {
          const command = ['POST', 'PATCH', 'PUT', 'DELETE'].includes(a.method) && a.status >= 200 && a.status < 300 && !a.replayed;
          if (!command || group.length > 1 || NOT_ONE_ROW.some((r) => r.test(`${a.method} ${a.route}`))) continue;
          const rowsAppended = appended.get(traceId) ?? 0;
          if (rowsAppended !== 1) violations.push(`${what}: ${rowsAppended} history row(s) appended, 1 expected`);
        }
      }
      return violations;
    },
  };
}

/** The web pages' paths (src/web/web-paths.ts): their answers are pages and redirects, not problems. */
function isWebPath(path: string): boolean {
  return path === '/' || FORM_PATHS.some((prefix) => path === prefix || path.startsWith(`${prefix}/`)) || path.startsWith('/assets/');
}

function isDenial(a: Answer): boolean {
  if (a.status === 401 || a.status === 403) return true;
  if (a.status === 404 && a.code === 'NOT_FOUND') return a.detail !== 'No such resource.';
  return a.code !== null && (a.code === 'WORKFLOW_INVALID_TRANSITION' || isRuleCode(a.code));
}
