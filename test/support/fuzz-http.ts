/**
 * The wire side of the HTTP fuzzer (test/fuzz.e2e-spec.ts): a raw keep-alive client (so a request can go
 * without a content-type, with invalid UTF-8 or with a body supertest would re-encode), the problem+json
 * check, and the business-row counts compared around every 4xx.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestApp } from './test-app';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: unknown;
}

export interface RawRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer | undefined;
}

export class FuzzClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

  private constructor(private readonly port: number) {}

  /** Listens on an ephemeral loopback port (closed with the app). */
  static async start(t: TestApp): Promise<FuzzClient> {
    await t.app.listen(0, '127.0.0.1');
    const address = (t.app.getHttpServer() as http.Server).address() as AddressInfo;
    return new FuzzClient(address.port);
  }

  send(req: RawRequest, timeoutMs = 30_000): Promise<RawResponse> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = { ...req.headers };
      if (req.body !== undefined) headers['content-length'] = String(req.body.length);
      const request = http.request(
        { host: '127.0.0.1', port: this.port, method: req.method, path: req.path, headers, agent: this.agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let json: unknown;
            try {
              json = text === '' ? undefined : JSON.parse(text);
            } catch {
              json = undefined;
            }
            resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
          });
          res.on('error', reject);
        },
      );
      request.setTimeout(timeoutMs, () => request.destroy(new Error(`timeout after ${timeoutMs} ms`)));
      request.on('error', reject);
      request.end(req.body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** What is wrong with a 4xx answer, or null when it is a proper RFC 9457 problem (docs/architecture.md §5). */
export function problemDefect(res: RawResponse): string | null {
  const type = String(res.headers['content-type'] ?? '');
  if (!/^application\/problem\+json\b/.test(type)) return `content-type ${type || '(none)'} is not application/problem+json`;
  const body = res.json as Record<string, unknown> | undefined;
  if (!body || typeof body !== 'object') return 'body is not a JSON object';
  for (const field of ['type', 'title', 'code', 'detail', 'traceId'] as const) {
    if (typeof body[field] !== 'string' || body[field] === '') return `problem.${field} missing or not a non-empty string`;
  }
  if (body.status !== res.status) return `problem.status ${String(body.status)} differs from HTTP ${res.status}`;
  if (body.traceId !== res.headers['x-request-id']) return `problem.traceId ${String(body.traceId)} differs from X-Request-Id`;
  return null;
}

/** Tables a refused request must leave untouched. */
export const BUSINESS_TABLES = ['application', 'application_event', 'application_team_member', 'outbox', 'idempotency_key', 'urn_counter'] as const;

/** Row counts per business table, plus the sum of application versions (an UPDATE adds no row). */
export type RowCounts = Record<(typeof BUSINESS_TABLES)[number] | 'application_versions', number>;

const MEASURES: [keyof RowCounts, string][] = [
  ...BUSINESS_TABLES.map((table): [keyof RowCounts, string] => [table, `(SELECT COUNT(*) FROM ${table})`]),
  ['application_versions', '(SELECT COALESCE(SUM(version), 0) FROM application)'],
];

/** One round trip: a COUNT(*) per business table. */
export async function countRows(t: TestApp): Promise<RowCounts> {
  const sql = `SELECT ${MEASURES.map(([name, expr]) => `${expr} AS ${name}`).join(', ')}`;
  const [row] = await t.uow.read((m) => m.query<Record<string, string | number>[]>(sql));
  return Object.fromEntries(MEASURES.map(([name]) => [name, Number(row[name])])) as RowCounts;
}

/** The measures that changed, e.g. `outbox 3→4`. */
export function rowDiff(before: RowCounts, after: RowCounts): string[] {
  return MEASURES.filter(([name]) => before[name] !== after[name]).map(([name]) => `${name} ${before[name]}→${after[name]}`);
}
