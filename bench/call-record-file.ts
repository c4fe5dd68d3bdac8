/**
 * A call-records return (subtype `callDataRecords`) as Example Mobile would send it for the number
 * 07911 123456 in March 2026, generated row by row to a file: the returns bench cases and the scale check
 * (bench/returns-scale.ts) read it. Deterministic (the same options give the same bytes), so two runs read
 * the same file and a failure can be reproduced.
 *
 * What a real file looks like, as far as the row checker cares: the number asked for is the A party of
 * most rows (calls and messages it made) and the B party of the rest; about 500 other parties; times in
 * order through the month, written with their offset, `+00:00` until the clocks go forward on 29 March and
 * `+01:00` after; voice calls with a duration, messages without one. Options add rows that must fail a
 * check (another number's) or need the CSP's declared zone (a time without offset).
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

export const CALL_RECORD_HEADER = 'a_party,b_party,start_time,duration_seconds,event_type,direction,cell_id';

/** The number asked for, normalised as the application stores it (written `07911 123456` on the form). */
export const TARGET_MSISDN = '+447911123456';

/** The item the file answers: the period the rows fall in, as the application authorises it. */
export const CALL_RECORD_PERIOD = { start: '2026-03-01T00:00:00+00:00', end: '2026-03-31T23:59:59+01:00' } as const;

/** The number of other parties (Ofcom's drama range 07700 900000–900999, never a real line). */
const OTHER_PARTIES = 500;
/** A number that is neither the one asked for nor one of the other parties: its rows fail IDENTIFIER_NOT_REQUESTED. */
const FOREIGN_MSISDN = '+447700900999';

const START_MS = Date.parse('2026-03-01T00:00:00Z');
/** Up to 22:00 UTC on 31 March, so that every start falls inside the period (which ends 22:59:59 UTC). */
const SPAN_MS = Date.parse('2026-03-31T22:00:00Z') - START_MS;
/** British Summer Time starts at 01:00 UTC on the last Sunday of March. */
const BST_FROM_MS = Date.parse('2026-03-29T01:00:00Z');
const HOUR_MS = 3_600_000;

/** Rows written per write() call: large enough that the generator is not the bottleneck, small enough to stay flat in memory. */
const LINES_PER_CHUNK = 2_000;

export interface CallRecordFileOptions {
  /** Data rows (the header is not one). */
  rows: number;
  /** Rows between two parties neither of which is the number asked for, spread evenly through the file (default 0). */
  foreignRows?: number;
  /** Rows whose start time is written without an offset, to be read in the CSP's zone, spread evenly (default 0). */
  localTimeRows?: number;
}

export interface CallRecordFile {
  path: string;
  rows: number;
  bytes: number;
  /** The row numbers (the header is row 1) of the rows for another number: exactly those fail IDENTIFIER_NOT_REQUESTED. */
  foreignRowNumbers: number[];
}

/** A 32-bit integer hash of `n` (an avalanche mix): the file's "random" choices, the same on every run. */
function mix(n: number): number {
  let h = Math.imul(n ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The data-row indexes (0-based) of `count` rows spread evenly through `rows`, none at the very start. */
function spread(rows: number, count: number): Set<number> {
  const picked = new Set<number>();
  if (count <= 0) return picked;
  const stride = rows / count;
  for (let k = 0; k < count; k++) picked.add(Math.floor(stride * k + stride / 2));
  return picked;
}

/** The start time as the CSP writes it: local time in London with its offset, or without one when `local`. */
function startTime(utcMs: number, local: boolean): string {
  const offsetHours = utcMs >= BST_FROM_MS ? 1 : 0;
  const text = new Date(utcMs + offsetHours * HOUR_MS).toISOString().slice(0, 19);
  if (local) return text.replace('T', ' ');
  return `${text}${offsetHours === 1 ? '+01:00' : '+00:00'}`;
}

/** Row `i` (0-based) of a file of `rows` rows. */
function line(i: number, rows: number, foreign: boolean, local: boolean): string {
  const h = mix(i);
  // Times in order through the month, a few seconds' jitter, whole seconds.
  const utcMs = START_MS + Math.floor((SPAN_MS * i) / rows / 1000) * 1000 + (h % 7) * 1000;
  const other = `+447700900${String(h % OTHER_PARTIES).padStart(3, '0')}`;
  // The number as the CSP writes it: international format, now and then the national one.
  const target = h % 20 === 0 ? '07911123456' : TARGET_MSISDN;
  const kind = (h >>> 8) % 100;
  const eventType = kind < 60 ? 'voice' : kind < 95 ? 'sms' : 'mms';
  const duration = eventType === 'voice' ? (h >>> 4) % 1800 : 0;
  const cell = `CELL-${(h >>> 12) % 3000}`;
  const time = startTime(utcMs, local);
  if (foreign) return `${FOREIGN_MSISDN},${other},${time},${duration},${eventType},out,${cell}`;
  // The number asked for makes about three calls in four, and receives the rest.
  return (h >>> 16) % 4 === 0
    ? `${other},${target},${time},${duration},${eventType},in,${cell}`
    : `${target},${other},${time},${duration},${eventType},out,${cell}`;
}

/**
 * Writes the file to `path`, streaming: at most one chunk of lines is held at a time, and the writer waits
 * for the disk (`drain`), so a million rows take as little memory as a thousand.
 */
export async function writeCallRecordFile(path: string, options: CallRecordFileOptions): Promise<CallRecordFile> {
  const { rows } = options;
  const foreign = spread(rows, options.foreignRows ?? 0);
  const local = spread(rows, options.localTimeRows ?? 0);
  // A row cannot be both: the local-time rows move one along where they would meet.
  for (const i of [...local]) {
    if (foreign.has(i)) {
      local.delete(i);
      local.add(i + 1 < rows ? i + 1 : i - 1);
    }
  }
  const out = createWriteStream(path);
  let bytes = 0;
  const write = async (text: string) => {
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(`${CALL_RECORD_HEADER}\n`);
  for (let from = 0; from < rows; from += LINES_PER_CHUNK) {
    const lines: string[] = [];
    for (let i = from; i < Math.min(rows, from + LINES_PER_CHUNK); i++) lines.push(line(i, rows, foreign.has(i), local.has(i)));
    await write(`${lines.join('\n')}\n`);
  }
  out.end();
  await once(out, 'close');
  return { path, rows, bytes, foreignRowNumbers: [...foreign].sort((a, b) => a - b).map((i) => i + 2) };
}
