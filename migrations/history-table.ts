import { type QueryRunner, Table, TableIndex } from 'typeorm';
import { instant, integer, ref, text, varchar } from './columns';

/**
 * A hash-chained history table for one kind of aggregate (docs/architecture.md §6: applications, disclosure requests,
 * CD errors share this shape), with its append-only triggers.
 */
export async function createHistoryTable(q: QueryRunner, table: string, aggregateColumn: string): Promise<void> {
  await q.createTable(
    new Table({
      name: table,
      columns: [
        { name: 'seq', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
        ref(aggregateColumn),
        integer('position'),
        varchar('kind', 20),
        varchar('from_state', 30, true),
        varchar('to_state', 30),
        varchar('event_type', 40, true),
        ref('actor_id'),
        ref('decider_id', true),
        text('actor_roles'),
        instant('at'),
        varchar('machine_version', 10),
        text('guard_inputs', true),
        text('payload', true),
        varchar('payload_digest', 64),
        ref('payload_blanked_by', true),
        varchar('prev_hash', 64),
        varchar('hash', 64),
      ],
      indices: [new TableIndex({ name: `ux_${table}_position`, columnNames: [aggregateColumn, 'position'], isUnique: true })],
    }),
  );
  await createAppendOnlyTriggers(q, table, aggregateColumn);
}

export async function dropHistoryTable(q: QueryRunner, table: string): Promise<void> {
  await dropAppendOnlyTriggers(q, table);
  await q.dropTable(table);
}

/** Columns of a history table whose change a retention decision may never make (everything but the payload). */
const FROZEN_COMMON = [
  'seq', 'position', 'kind', 'from_state', 'to_state', 'event_type', 'actor_id', 'decider_id',
  'actor_roles', 'at', 'machine_version', 'guard_inputs', 'payload_digest', 'prev_hash', 'hash',
];

/**
 * History is append-only (docs/architecture.md §4 step 5, §6): UPDATE and DELETE are refused by the database itself,
 * except blanking the payload once under a recorded retention decision with every other column unchanged.
 * `indexed` are the columns a table adds beside the shared shape (copies of the payload for an index to read,
 * docs/architecture.md §11): frozen too, so blanking a payload cannot rewrite its copy.
 */
async function createAppendOnlyTriggers(q: QueryRunner, table: string, aggregateColumn: string, indexed: readonly string[] = []): Promise<void> {
  const frozen = [aggregateColumn, ...FROZEN_COMMON, ...indexed];
  if (q.connection.driver.options.type === 'postgres') {
    const unchanged = frozen.map((c) => `NEW.${c} IS NOT DISTINCT FROM OLD.${c}`).join(' AND ');
    await q.query(`CREATE FUNCTION ${table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND NEW.payload IS NULL AND OLD.payload_blanked_by IS NULL
           AND NEW.payload_blanked_by IS NOT NULL AND ${unchanged} THEN RETURN NEW; END IF;
        RAISE EXCEPTION '${table} is append-only (% refused)', TG_OP USING ERRCODE = 'P0001';
      END $$`);
    await q.query(`CREATE TRIGGER ${table}_no_update BEFORE UPDATE OR DELETE ON ${table}
      FOR EACH ROW EXECUTE FUNCTION ${table}_append_only()`);
    return;
  }
  const unchanged = frozen.map((c) => `NEW.${c} IS OLD.${c}`).join(' AND ');
  await q.query(`CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
    WHEN NOT (NEW.payload IS NULL AND OLD.payload_blanked_by IS NULL AND NEW.payload_blanked_by IS NOT NULL AND ${unchanged})
    BEGIN SELECT RAISE(ABORT, '${table} is append-only (UPDATE refused)'); END`);
  await q.query(`CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
    BEGIN SELECT RAISE(ABORT, '${table} is append-only (DELETE refused)'); END`);
}

async function dropAppendOnlyTriggers(q: QueryRunner, table: string): Promise<void> {
  if (q.connection.driver.options.type === 'postgres') {
    await q.query(`DROP TRIGGER IF EXISTS ${table}_no_update ON ${table}`);
    await q.query(`DROP FUNCTION IF EXISTS ${table}_append_only()`);
    return;
  }
  await q.query(`DROP TRIGGER IF EXISTS ${table}_no_update`);
  await q.query(`DROP TRIGGER IF EXISTS ${table}_no_delete`);
}

/** Installs a history table's append-only triggers afresh, freezing its `indexed` columns as well (a column added later). */
export async function replaceAppendOnlyTriggers(q: QueryRunner, table: string, aggregateColumn: string, indexed: readonly string[]): Promise<void> {
  await dropAppendOnlyTriggers(q, table);
  await createAppendOnlyTriggers(q, table, aggregateColumn, indexed);
}
