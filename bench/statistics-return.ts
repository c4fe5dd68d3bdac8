/**
 * The statistics return's bench case (issue 17; bench/README.md): on the cached data set of a million
 * applications and fifty thousand errors (bench/statistics-cache.ts), the time the BUILT service takes to
 * answer `GET /returns/statistics?…&format=json` to the SRO of the seeded authority — from the request to the
 * parsed answer, over loopback HTTP — divided by the time the baseline takes: one hand-written GROUP BY per
 * figure run directly on the driver (bench/statistics-baseline.ts) on the same database. Both read the same
 * rows through the same indexes, so the quotient shows what the service adds (its query path, the mapping,
 * JSON over HTTP).
 *
 * Each repetition times both sides once, one after the other, alternating which goes first; each side has been
 * run once before, untimed and side by side (warming the database's caches for both), and the two must count the
 * same for every figure in every run, or the case throws. The absolute times are in the details.
 */
import { get as httpGet } from 'node:http';
import { statisticsPeriod } from '../src/reporting/statistics/statistics-period';
import { countsOfReturn, differences, postgresBaseline, sqliteBaseline, type Baseline, type BaselineBindings } from './statistics-baseline';
import { dataSetSize, ensurePostgresCache, ensureSqliteCache } from './statistics-cache';
import { SEED_PERIOD } from './statistics-seed';
import { login, startService, type RunningService } from './service-process';

/** One repetition's quotient and what it is the quotient of. */
export interface StatisticsRun {
  ratio: number;
  details: Record<string, number>;
}

export interface StatisticsBench {
  prepare(): Promise<void>;
  measure(): Promise<StatisticsRun>;
  finish(): Promise<void>;
}

const log = (line: string) => console.error(`statistics-return: ${line}`);

/**
 * A GET with the bearer token, on a connection of its own: its status and body, and when the request has been
 * sent. Node's http client, not fetch, which gives up on an answer after 300 s; no kept-alive socket, which the
 * service closes while the baseline runs.
 */
function get(url: string, token: string): { sent: Promise<void>; answer: Promise<{ status: number; text: string }> } {
  let sent: () => void = () => undefined;
  const sentPromise = new Promise<void>((resolve) => (sent = resolve));
  const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = httpGet(url, { agent: false, headers: { authorization: `Bearer ${token}`, accept: 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('finish', () => sent());
    req.on('error', (error) => {
      sent();
      reject(error);
    });
  });
  return { sent: sentPromise, answer };
}

/** The case on SQLite (the cached file) or on PostgreSQL (a cached database beside the one `postgresUrl` names). */
export function statisticsReturnBench(postgresUrl?: string): StatisticsBench {
  let service: RunningService | null = null;
  let baseline: Baseline | null = null;
  let token = '';
  let bindings: BaselineBindings | null = null;
  let run = 0;
  const query = `/returns/statistics?from=${SEED_PERIOD.from}&to=${SEED_PERIOD.to}&format=json`;

  /** The service's answer, timed from the request to the parsed body; `sent` resolves once the request is on its way. */
  const serviceRequest = (): { sent: Promise<void>; result: Promise<{ ms: number; body: Parameters<typeof countsOfReturn>[0] }> } => {
    if (!service) throw new Error('prepare did not run');
    const started = performance.now();
    const request = get(service.base + query, token);
    const result = request.answer.then(({ status, text }) => {
      if (status !== 200) throw new Error(`GET ${query}: ${status} ${text.slice(0, 500)}`);
      const body = JSON.parse(text) as Parameters<typeof countsOfReturn>[0];
      return { ms: performance.now() - started, body };
    });
    return { sent: request.sent, result };
  };
  const serviceOnce = () => serviceRequest().result;
  const baselineOnce = async () => {
    if (!baseline || !bindings) throw new Error('prepare did not run');
    const started = performance.now();
    const counts = await baseline.run(bindings);
    return { ms: performance.now() - started, counts };
  };

  return {
    async prepare() {
      const size = dataSetSize();
      const cached = postgresUrl ? await ensurePostgresCache(size, postgresUrl, log) : await ensureSqliteCache(size, log);
      log(`${postgresUrl ? 'PostgreSQL' : 'SQLite'} data set: ${cached.summary.applications} applications (${cached.summary.historyRows} history rows), ${cached.summary.errors} errors; seeded in ${cached.summary.totalSeconds} s${cached.seeded ? ' (now)' : ' (cached)'}`);
      service = await startService(postgresUrl ? { kind: 'postgres', url: cached.location } : { kind: 'sqlite', path: cached.location });
      token = await login(service.base, 'sro');
      baseline = postgresUrl ? await postgresBaseline(cached.location) : sqliteBaseline(cached.location);
      const period = statisticsPeriod(SEED_PERIOD.from, SEED_PERIOD.to);
      if (!period.ok) throw new Error(period.message);
      bindings = { authorityId: await baseline.authorityOf('sro'), startsAt: period.period.startsAt, endsBefore: period.period.endsBefore };
      // Once each before timing, and the proof that both do the same work: every figure, every value. Untimed, so
      // both at once: the first pass reads the database's pages from disk, whichever side reads them.
      const warming = serviceRequest();
      // Its failure, if any, is thrown below, once the baseline has run: not an unhandled rejection meanwhile.
      warming.result.catch(() => undefined);
      await warming.sent;
      const warmBaseline = await baselineOnce();
      const warmService = await warming.result;
      const found = differences(countsOfReturn(warmService.body), warmBaseline.counts);
      if (found.length > 0) throw new Error(`the service's return and the baseline disagree:\n${found.join('\n')}`);
      log(`warm-up, side by side: service ${Math.round(warmService.ms)} ms, baseline ${Math.round(warmBaseline.ms)} ms; every figure agrees`);
    },
    async measure() {
      const serviceFirst = run++ % 2 === 0;
      const first = serviceFirst ? await serviceOnce() : await baselineOnce();
      const second = serviceFirst ? await baselineOnce() : await serviceOnce();
      const s = (serviceFirst ? first : second) as Awaited<ReturnType<typeof serviceOnce>>;
      const b = (serviceFirst ? second : first) as Awaited<ReturnType<typeof baselineOnce>>;
      const found = differences(countsOfReturn(s.body), b.counts);
      if (found.length > 0) throw new Error(`the service's return and the baseline disagree:\n${found.join('\n')}`);
      const serviceMs = s.ms;
      const baselineMs = b.ms;
      return { ratio: serviceMs / baselineMs, details: { serviceMs, baselineMs } };
    },
    async finish() {
      await baseline?.close();
      baseline = null;
      await service?.stop();
      service = null;
    },
  };
}
