// The form's type comes from the generated client, which names the DOM's BodyInit. tsconfig.json declares it
// for the tests through this file; the bench's build (tsconfig.bench.json) reads bench/ only, so it is named
// here. A global declaration file has nothing to import, hence the reference.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="../test/support/fetch-body-init.d.ts" />
/**
 * The scale check of returns (README.md, "Scale check"): the BUILT service, started as a child process on a
 * fresh database, takes a call-records return of `rows` rows over HTTP, and its peak resident memory must
 * stay under a bound. `npm run check:heavy` runs it at a million rows (bench/check-heavy.ts);
 * test/returns-scale.e2e-spec.ts at 20,000 on every `npm test` and `npm run test:pg`.
 *
 * The service runs in its own process so that the memory measured is the service's alone: the kernel's
 * exact peak resident set of that process (`VmHWM` in /proc/<pid>/status), over its whole life, read
 * after the upload has been answered and its rows read back. The uploader streams the generated file
 * from disk in a hand-made multipart body, so neither side ever holds the file.
 */
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ROWS_KEPT_PER_CHECK } from '../src/disclosures/returns/return-ingestion';
import { completeForm, GRANT_DECISION, SPOC_SECTION } from '../test/support/applications';
import { CALL_RECORD_PERIOD, writeCallRecordFile, type CallRecordFile } from './call-record-file';
import { call, freshSchema, must, type RunningService, type ServiceDatabase, startService } from './service-process';

/** The application is granted, and the request sent, at this instant (the service's clock stands there). */
export const GRANTED_AT = '2026-07-01T10:00:00.000Z';
const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? 'Demo-Password-2026';
const MIB = 1024 * 1024;

/** The returns e2e's call-records item (test/support/returns-http.ts, `d2`): 07911 123456 for March 2026, from Example Mobile. */
const SCALE_FORM = completeForm({
  identifiers: [{ ref: 'id1', type: 'msisdn', value: '07911 123456', source: 'victim statement' }],
  dataItems: [
    {
      ref: 'd2',
      identifierRef: 'id1',
      category: 'events',
      subtype: 'callDataRecords',
      periodKind: 'historic',
      periodStart: CALL_RECORD_PERIOD.start,
      periodEnd: CALL_RECORD_PERIOD.end,
      csp: 'Example Mobile',
      icrCondition: null,
    },
  ],
});

export interface ScaleCheckOptions {
  /** Data rows in the uploaded file. */
  rows: number;
  /**
   * The bound on the service's peak resident set, in MiB: MB as /proc counts them (its "kB" are KiB), so
   * 300 is VmHWM under 307,200 kB.
   */
  maxPeakRssMiB: number;
  /** Rows for another number: exactly these must fail IDENTIFIER_NOT_REQUESTED (default 7). */
  foreignRows?: number;
  /** Rows with a start time without offset, read in Example Mobile's declared zone (default 5). */
  localTimeRows?: number;
  /** A PostgreSQL URL: the service then runs on a fresh schema of it, dropped afterwards; else on a fresh SQLite file. */
  postgresUrl?: string;
  /** Progress lines (to stderr in the CLI; nothing in the spec). */
  log?: (line: string) => void;
}

export interface ScaleCheckResult {
  database: 'sqlite' | 'postgres';
  rows: number;
  fileMiB: number;
  /** From the first byte sent to the answer, in seconds. */
  seconds: number;
  rowsPerSec: number;
  /** The service's peak resident set over its life, read after the upload (VmHWM), in MiB. */
  peakRssMiB: number;
  /** The same in decimal megabytes (10^6 bytes), for whoever reads "MB" that way. */
  peakRssMB: number;
  /** The peak just before the upload: what start-up and the setup requests (three logins) took. */
  peakRssBeforeUploadMiB: number;
  /** The resident set after the upload (VmRSS). */
  rssAfterMiB: number;
  maxPeakRssMiB: number;
  status: number;
  rowCount: number | null;
  cleanRowCount: number | null;
  recordsTotal: number | null;
  checks: { code: string; rowCount: number }[];
  /** Every way the run missed; empty when it passed. */
  failures: string[];
}

/** A figure of /proc/<pid>/status (`VmHWM`, `VmRSS`: "kB" there are KiB), in KiB. */
function procStatusKiB(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`/proc/${pid}/status has no ${field} (the scale check needs Linux)`);
  return Number(match[1]);
}

interface Versioned {
  id: string;
  version: number;
}

/** An authorised application for the call-records item, and its request to Example Mobile, sent. Returns the request's id. */
export async function sentRequest(base: string): Promise<{ requestId: string; spoc: string }> {
  const token = async (username: string) => (await must(200, `login ${username}`, call(base, 'POST', '/auth/login', { body: { username, password: DEMO_PASSWORD } }))).accessToken as string;
  const [applicant, spoc, ocda] = [await token('applicant'), await token('spoc'), await token('ocda')];
  const step = async (user: string, app: Versioned, body: Record<string, unknown>) =>
    (await must(200, String(body.type), call(base, 'POST', `/applications/${app.id}/events`, { token: user, body, ifMatch: app.version }))) as unknown as Versioned;
  let app = (await must(201, 'create the application', call(base, 'POST', '/applications', { token: applicant, body: SCALE_FORM }))) as unknown as Versioned;
  app = await step(applicant, app, { type: 'SUBMIT_TO_SPOC' });
  app = await step(spoc, app, { type: 'SUBMIT_FOR_AUTHORISATION', spoc: SPOC_SECTION });
  app = await step(ocda, app, { type: 'GRANT', decision: GRANT_DECISION });
  const csps = (await must(200, 'list the CSPs', call(base, 'GET', '/csps?pageSize=100', { token: spoc }))).items as { id: string; code: string }[];
  const cspId = csps.find((c) => c.code === 'examplemobile')?.id;
  if (!cspId) throw new Error('the directory has no Example Mobile');
  const created = (await must(201, 'create the request', call(base, 'POST', `/applications/${app.id}/disclosure-requests`, { token: spoc, body: { cspId, items: [{ dataItemRef: 'd2' }] } }))) as unknown as Versioned;
  await must(200, 'SEND', call(base, 'POST', `/disclosure-requests/${created.id}/events`, { token: spoc, body: { type: 'SEND' }, ifMatch: created.version }));
  return { requestId: created.id, spoc };
}

/**
 * POSTs the file as multipart/form-data (`dataItemRef` first, then the file), streamed from disk with its
 * length known up front. Node's http client, not fetch: fetch gives up on an answer after 300 s, and a
 * million rows on a slow machine may take longer.
 */
export async function uploadFile(
  base: string,
  requestId: string,
  token: string,
  file: CallRecordFile,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const boundary = `----cd-scale-${Date.now().toString(36)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="dataItemRef"\r\n\r\nd2\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="calls.csv"\r\nContent-Type: text/csv\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const url = new URL(`${base}/disclosure-requests/${requestId}/returns`);
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(head.length + statSync(file.path).size + tail.length),
        ...headers,
      },
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        try {
          resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} });
        } catch {
          reject(new Error(`the upload's answer is not JSON (${res.statusCode}): ${text.slice(0, 500)}`));
        }
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    async function* body(): AsyncGenerator<Buffer> {
      yield head;
      for await (const chunk of createReadStream(file.path)) yield chunk as Buffer;
      yield tail;
    }
    pipeline(Readable.from(body()), req).catch(reject);
  });
}

const round = (value: number, places = 1) => Math.round(value * 10 ** places) / 10 ** places;

/**
 * Runs the check once: a fresh database and service, the application and request over HTTP, the generated
 * file uploaded, then what the service answered and stored compared with what the file holds, and its peak
 * memory with the bound. Never throws for a miss (those are in `failures`); throws when it cannot run.
 */
export async function runScaleCheck(options: ScaleCheckOptions): Promise<ScaleCheckResult> {
  const log = options.log ?? (() => undefined);
  const foreignRows = options.foreignRows ?? 7;
  const dir = mkdtempSync(join(tmpdir(), 'cd-scale-'));
  let database: { schema: string; drop: () => Promise<void> } | null = null;
  let service: RunningService | null = null;
  try {
    if (options.postgresUrl) database = await freshSchema(options.postgresUrl);
    const where: ServiceDatabase = database && options.postgresUrl ? { kind: 'postgres', url: options.postgresUrl, schema: database.schema } : { kind: 'sqlite', path: join(dir, 'cd.sqlite') };
    log(`generating ${options.rows} rows`);
    const file = await writeCallRecordFile(join(dir, 'calls.csv'), { rows: options.rows, foreignRows, localTimeRows: options.localTimeRows ?? 5 });
    log(`starting the service on ${database ? 'PostgreSQL' : 'SQLite'}`);
    // The clock stands at the grant, so the March period is historic and the request within its validity.
    // Passwords are hashed at production cost (no TEST_FAST_HASHING): what a login leaves in memory counts.
    service = await startService(where, { TEST_CLOCK_AT: GRANTED_AT });
    const pid = service.child.pid as number;
    const { requestId, spoc } = await sentRequest(service.base);
    const peakBeforeKiB = procStatusKiB(pid, 'VmHWM');
    log(`uploading ${round(file.bytes / MIB)} MiB`);
    const started = performance.now();
    const answer = await uploadFile(service.base, requestId, spoc, file);
    const seconds = (performance.now() - started) / 1000;
    const received = answer.body as { id?: string; rowCount?: number; cleanRowCount?: number; checks?: { code: string; rowCount: number; rowNumbers: number[] }[] };
    let recordsTotal: number | null = null;
    if (answer.status === 201 && received.id) {
      const page = await call(service.base, 'GET', `/disclosure-requests/${requestId}/returns/${received.id}/records?limit=1`, { token: spoc });
      recordsTotal = typeof page.body.total === 'number' ? page.body.total : null;
    }
    const peakKiB = procStatusKiB(pid, 'VmHWM');
    const rssAfterKiB = procStatusKiB(pid, 'VmRSS');

    const failures: string[] = [];
    const checks = received.checks ?? [];
    if (answer.status !== 201) failures.push(`the upload answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 500)}`);
    if (received.rowCount !== options.rows) failures.push(`rowCount ${received.rowCount} is not ${options.rows}`);
    if (received.cleanRowCount !== options.rows - foreignRows) failures.push(`cleanRowCount ${received.cleanRowCount} is not ${options.rows - foreignRows}`);
    if (recordsTotal !== options.rows) failures.push(`the return's records total ${recordsTotal}, not ${options.rows}`);
    const expectedChecks = foreignRows > 0 ? [{ code: 'IDENTIFIER_NOT_REQUESTED', rowCount: foreignRows, rowNumbers: file.foreignRowNumbers.slice(0, ROWS_KEPT_PER_CHECK) }] : [];
    const foundChecks = checks.map((c) => ({ code: c.code, rowCount: c.rowCount, rowNumbers: c.rowNumbers }));
    if (JSON.stringify(foundChecks) !== JSON.stringify(expectedChecks)) {
      failures.push(`the failed checks are ${JSON.stringify(foundChecks)}, not ${JSON.stringify(expectedChecks)}`);
    }
    if (peakKiB >= options.maxPeakRssMiB * 1024) {
      failures.push(`the service's peak RSS (VmHWM) ${peakKiB} kB = ${round(peakKiB / 1024)} MiB is not under ${options.maxPeakRssMiB} MiB`);
    }
    if (failures.length > 0) failures.push(`the service wrote: ${service.output() || '(nothing)'}`);
    return {
      database: database ? 'postgres' : 'sqlite',
      rows: options.rows,
      fileMiB: round(file.bytes / MIB),
      seconds: round(seconds, 2),
      rowsPerSec: Math.round(options.rows / seconds),
      peakRssMiB: round(peakKiB / 1024),
      peakRssMB: round((peakKiB * 1024) / 1e6),
      peakRssBeforeUploadMiB: round(peakBeforeKiB / 1024),
      rssAfterMiB: round(rssAfterKiB / 1024),
      maxPeakRssMiB: options.maxPeakRssMiB,
      status: answer.status,
      rowCount: received.rowCount ?? null,
      cleanRowCount: received.cleanRowCount ?? null,
      recordsTotal,
      checks: checks.map((c) => ({ code: c.code, rowCount: c.rowCount })),
      failures,
    };
  } finally {
    await service?.stop();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}
