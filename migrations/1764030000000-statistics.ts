import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { instant, ref, varchar } from './columns';
import { replaceAppendOnlyTriggers } from './history-table';

const PAGE = 500;
/** Rows per INSERT: 12 parameters each stays far below either driver's limit. */
const INSERT_BATCH = 100;

/**
 * What the statistics return counts by, as indexed columns (docs/statistics.md §2, §3): a row per record
 * (`application_statistics`), per item of data (`application_statistics_item`) and per category of subject
 * (`application_statistics_subject`); the category of a SPOC's reason on the history row of a return or a
 * decline (`application_event.reason_code`, none before now); and the indexes the return's queries read.
 * Existing records are derived here, in TypeScript: the JSON functions of SQLite and PostgreSQL differ. The
 * derivation is a copy, frozen with this migration, of `statisticsOf` in
 * src/applications/application-statistics.ts.
 */
export class Statistics1764030000000 implements MigrationInterface {
  name = 'Statistics1764030000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'application_statistics',
        columns: [
          { ...ref('application_id'), isPrimary: true },
          ref('authority_id'),
          varchar('urn', 40),
          varchar('route', 10, true),
          varchar('statutory_purpose', 40, true),
          varchar('sensitive_profession', 40, true),
          { name: 'journalistic_source', type: 'boolean' },
          varchar('dso_exception', 20, true),
          { name: 'threat_to_life_finding', type: 'boolean' },
          varchar('ripa_kind', 30, true),
          varchar('ripa_purpose', 20, true),
          instant('ripa_granted_at', true),
        ],
        indices: [new TableIndex({ name: 'ix_application_statistics_ripa', columnNames: ['authority_id', 'ripa_granted_at'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'application_statistics_item',
        columns: [
          { ...ref('application_id'), isPrimary: true },
          { ...varchar('item_ref', 40), isPrimary: true },
          varchar('category', 10),
          varchar('subtype', 40),
          varchar('communications_type', 20),
          varchar('identifier', 500),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'application_statistics_subject',
        columns: [{ ...ref('application_id'), isPrimary: true }, { ...varchar('role', 30), isPrimary: true }],
      }),
    );
    // Plain ALTER TABLE on both drivers: TypeORM's addColumn rebuilds a SQLite table, which would drop the
    // history's append-only triggers (migrations/history-table.ts). The triggers then freeze the new column too.
    await q.query('ALTER TABLE application_event ADD COLUMN reason_code varchar(40)');
    await replaceAppendOnlyTriggers(q, 'application_event', 'application_id', ['reason_code']);
    await q.createIndex('application_event', new TableIndex({ name: 'ix_application_event_type_at', columnNames: ['event_type', 'at'] }));
    await q.createIndex('cd_error', new TableIndex({ name: 'ix_cd_error_authority_established', columnNames: ['authority_id', 'established_at'] }));
    await deriveStatisticsRows(q);
  }

  async down(q: QueryRunner): Promise<void> {
    // A category, once given, is part of the history: its column cannot be refilled (the history is
    // append-only), so the migration is not undone while any row has one.
    const [given] = (await q.query('SELECT COUNT(*) AS n FROM application_event WHERE reason_code IS NOT NULL')) as { n: number | string }[];
    if (Number(given.n) > 0) {
      throw new Error(`${given.n} history row(s) carry the category of a SPOC's reason: the statistics migration cannot be undone without losing them.`);
    }
    await q.dropIndex('cd_error', 'ix_cd_error_authority_established');
    await q.dropIndex('application_event', 'ix_application_event_type_at');
    await replaceAppendOnlyTriggers(q, 'application_event', 'application_id', []);
    await q.query('ALTER TABLE application_event DROP COLUMN reason_code');
    await q.dropTable('application_statistics_subject');
    await q.dropTable('application_statistics_item');
    await q.dropTable('application_statistics');
  }
}

type Row = Record<string, unknown>;

const isPostgres = (q: QueryRunner): boolean => q.connection.driver.options.type === 'postgres';
const placeholder = (q: QueryRunner, n: number): string => (isPostgres(q) ? `$${n}` : '?');
const given = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

function parseJson(text: unknown): Row | null {
  if (typeof text !== 'string') return null;
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null ? (value as Row) : null;
  } catch {
    return null;
  }
}

const objects = (value: unknown): Row[] => (Array.isArray(value) ? value.filter((v): v is Row => typeof v === 'object' && v !== null) : []);
const TELEPHONY = ['msisdn', 'imei', 'imsi'];
const INTERNET = ['ipv4', 'ipv6', 'ipPort', 'email', 'accountId', 'username'];

function communicationsType(subtype: unknown, identifierType: unknown): string {
  if (subtype === 'postalTracking' || identifierType === 'postalItem') return 'postal';
  if (TELEPHONY.includes(identifierType as string)) return 'telephony';
  return INTERNET.includes(identifierType as string) ? 'internet' : 'other';
}

/** A stored instant with an offset as the stored UTC form, or null (a record the service could not date is not counted). */
function utc(value: unknown): string | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(value.trim())) return null;
  const date = new Date(value.trim());
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function derive(row: Row): { record: unknown[]; items: unknown[][]; subjects: unknown[][] } {
  const id = row.id as string;
  const form = parseJson(row.form) ?? {};
  const decision = parseJson(row.decision);
  const ripa = parseJson(row.ripa);
  const findings = (decision?.findings ?? null) as Row | null;
  const independence = decision?.independenceDeclaration !== true && given(decision?.exceptionalCircumstancesOverride);
  const noSpoc = given((findings?.spocNotConsulted as Row | null | undefined)?.reasons);
  const exception = independence && noSpoc ? 'both' : independence ? 'independence' : noSpoc ? 'spocNotConsulted' : null;
  const record = [
    id, row.authority_id, row.urn, row.route ?? null, form.statutoryPurpose ?? null, form.sensitiveProfession ?? null,
    form.journalisticSourceSought === true, exception, given((findings?.imminentThreatToLife as Row | null | undefined)?.reasons),
    ripa?.kind ?? null, ripa?.purpose ?? null, ripa ? utc(ripa.grantedAt) : null,
  ];
  const identifiers = new Map(objects(form.identifiers).map((i) => [i.ref, i]));
  const seen = new Set<string>();
  const items = objects(form.dataItems).flatMap((item) => {
    if (!given(item.ref) || !given(item.category) || !given(item.subtype) || seen.has(item.ref)) return [];
    seen.add(item.ref);
    const identifier = identifiers.get(item.identifierRef);
    const value = given(identifier?.normalisedValue) ? identifier.normalisedValue : given(identifier?.value) ? identifier.value : '';
    return [[id, item.ref, item.category, item.subtype, communicationsType(item.subtype, identifier?.type), value]];
  });
  const roles = new Set(objects(form.subjects).map((s) => s.role).filter(given));
  return { record, items, subjects: [...roles].map((role) => [id, role]) };
}

/** Writes the statistics rows of every record already held (exported for the test that checks them against the service's). */
export async function deriveStatisticsRows(q: QueryRunner): Promise<void> {
  let after = '';
  for (;;) {
    const rows = (await q.query(
      `SELECT id, authority_id, urn, route, form, decision, ripa FROM application WHERE id > ${placeholder(q, 1)} ORDER BY id LIMIT ${PAGE}`,
      [after],
    )) as Row[];
    if (rows.length === 0) return;
    const derived = rows.map(derive);
    await insert(q, 'application_statistics', STATISTICS_COLUMNS, derived.map((d) => d.record));
    await insert(q, 'application_statistics_item', ['application_id', 'item_ref', 'category', 'subtype', 'communications_type', 'identifier'], derived.flatMap((d) => d.items));
    await insert(q, 'application_statistics_subject', ['application_id', 'role'], derived.flatMap((d) => d.subjects));
    after = rows[rows.length - 1].id as string;
  }
}

const STATISTICS_COLUMNS = [
  'application_id', 'authority_id', 'urn', 'route', 'statutory_purpose', 'sensitive_profession', 'journalistic_source',
  'dso_exception', 'threat_to_life_finding', 'ripa_kind', 'ripa_purpose', 'ripa_granted_at',
];

async function insert(q: QueryRunner, table: string, columns: readonly string[], rows: readonly unknown[][]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_BATCH) {
    const batch = rows.slice(i, i + INSERT_BATCH).map((row) => row.map((v) => (typeof v === 'boolean' && !isPostgres(q) ? Number(v) : v)));
    let n = 0;
    const values = batch.map((row) => `(${row.map(() => placeholder(q, ++n)).join(', ')})`).join(', ');
    await q.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values}`, batch.flat());
  }
}
