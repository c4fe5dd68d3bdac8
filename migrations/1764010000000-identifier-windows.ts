import { randomUUID } from 'node:crypto';
import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { id, instant, ref, varchar } from './columns';

const TABLE = 'application_identifier_window';
const COLUMNS = ['id', 'application_id', 'request_id', 'authority_id', 'data_item_ref', 'identifier_type', 'normalised_value', 'window_start', 'window_end'];
const PAGE = 500;
/** Rows per INSERT: 9 parameters each stays far below either driver's limit. */
const INSERT_BATCH = 100;

/**
 * The index of identifiers sought, for the duplicate-acquisition warning (docs/architecture.md §6, §8): one
 * row per data item of an application's form and per item of a disclosure request, with the identifier's
 * normalised value and the period as UTC instants. Existing forms and requests are indexed here, in
 * TypeScript rather than SQL: the JSON functions of SQLite and PostgreSQL differ, and a stored period is
 * converted from its written offset to UTC exactly as the service does (a value that does not parse is left
 * out, as the service leaves it out). The derivation is a copy, frozen with this migration, of
 * `formWindows` and `requestWindows` in src/applications/identifier-windows.ts.
 */
export class IdentifierWindows1764010000000 implements MigrationInterface {
  name = 'IdentifierWindows1764010000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: TABLE,
        columns: [
          id(),
          ref('application_id'),
          ref('request_id', true),
          ref('authority_id'),
          varchar('data_item_ref', 40),
          varchar('identifier_type', 20),
          varchar('normalised_value', 500),
          instant('window_start'),
          instant('window_end'),
        ],
        indices: [
          new TableIndex({ name: 'ix_identifier_window_lookup', columnNames: ['normalised_value', 'authority_id', 'window_start'] }),
          new TableIndex({ name: 'ix_identifier_window_application', columnNames: ['application_id', 'request_id'] }),
        ],
      }),
    );
    await eachPage(q, 'SELECT id, authority_id, form FROM application', async (rows) => {
      await insert(q, rows.flatMap((row) => windowRows(row.id as string, null, row.authority_id as string, formItems(row.form))));
    });
    await eachPage(q, 'SELECT id, application_id, authority_id, items FROM disclosure_request', async (rows) => {
      await insert(q, rows.flatMap((row) => windowRows(row.application_id as string, row.id as string, row.authority_id as string, requestItems(row.items))));
    });
  }

  async down(q: QueryRunner): Promise<void> {
    // Derived rows only: the forms and the requests they come from stay.
    await q.dropTable(TABLE);
  }
}

type Row = Record<string, unknown>;

/** An item's identifier and period as stored. */
interface Item {
  ref: unknown;
  type: unknown;
  normalisedValue: unknown;
  periodStart: unknown;
  periodEnd: unknown;
}

const isPostgres = (q: QueryRunner): boolean => q.connection.driver.options.type === 'postgres';
const placeholder = (q: QueryRunner, n: number): string => (isPostgres(q) ? `$${n}` : '?');

/** Runs `work` on the rows of `select`, a page at a time in id order, so no table is held in memory whole. */
async function eachPage(q: QueryRunner, select: string, work: (rows: Row[]) => Promise<void>): Promise<void> {
  let after = '';
  for (;;) {
    const rows = (await q.query(`${select} WHERE id > ${placeholder(q, 1)} ORDER BY id LIMIT ${PAGE}`, [after])) as Row[];
    if (rows.length === 0) return;
    await work(rows);
    after = rows[rows.length - 1].id as string;
  }
}

function parseJson(text: unknown): unknown {
  if (typeof text !== 'string') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

const objects = (value: unknown): Row[] => (Array.isArray(value) ? value.filter((v): v is Row => typeof v === 'object' && v !== null) : []);

/** A form's data items, each with its identifier (by `identifierRef`). */
function formItems(text: unknown): Item[] {
  const form = parseJson(text) as Row | null;
  if (!form || typeof form !== 'object') return [];
  const identifiers = new Map(objects(form.identifiers).map((i) => [i.ref, i]));
  return objects(form.dataItems).flatMap((d) => {
    const identifier = identifiers.get(d.identifierRef);
    return identifier ? [{ ref: d.ref, type: identifier.type, normalisedValue: identifier.normalisedValue, periodStart: d.periodStart, periodEnd: d.periodEnd }] : [];
  });
}

/** A request's items, each carrying its identifier. */
function requestItems(text: unknown): Item[] {
  return objects(parseJson(text)).map((i) => {
    const identifier = (typeof i.identifier === 'object' && i.identifier !== null ? i.identifier : {}) as Row;
    return { ref: i.dataItemRef, type: identifier.type, normalisedValue: identifier.normalisedValue, periodStart: i.periodStart, periodEnd: i.periodEnd };
  });
}

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 instant with an offset, as the stored UTC form (`2026-03-01T00:00:00.000Z`), or null. */
function utc(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const m = INSTANT.exec(value.trim());
  if (!m || m[8] === '-00:00') return null;
  const [, y, mo, d, h, mi, s, fraction, offset] = m;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}.${(fraction ?? '').padEnd(3, '0')}${offset}`);
  if (Number.isNaN(date.getTime())) return null;
  // A date off the calendar (30 February) rolls over in Date: refuse it, as the service does.
  const local = new Date(date.getTime() + offsetMinutes(offset) * 60_000);
  if (local.getUTCDate() !== Number(d) || local.getUTCMonth() + 1 !== Number(mo)) return null;
  return date.toISOString();
}

function offsetMinutes(offset: string): number {
  if (offset === 'Z') return 0;
  return (offset.startsWith('-') ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
}

const text = (value: unknown): value is string => typeof value === 'string' && value !== '';

function windowRows(applicationId: string, requestId: string | null, authorityId: string, items: readonly Item[]): unknown[][] {
  return items.flatMap((item) => {
    const [start, end] = [utc(item.periodStart), utc(item.periodEnd)];
    if (!start || !end || start > end || !text(item.ref) || !text(item.type) || !text(item.normalisedValue)) return [];
    return [[randomUUID(), applicationId, requestId, authorityId, item.ref, item.type, item.normalisedValue, start, end]];
  });
}

async function insert(q: QueryRunner, rows: readonly unknown[][]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_BATCH) {
    const batch = rows.slice(i, i + INSERT_BATCH);
    let n = 0;
    const values = batch.map((row) => `(${row.map(() => placeholder(q, ++n)).join(', ')})`).join(', ');
    await q.query(`INSERT INTO ${TABLE} (${COLUMNS.join(', ')}) VALUES ${values}`, batch.flat());
  }
}
