import { type QueryRunner, Table, type TableColumnOptions, TableIndex } from 'typeorm';
import { instant, integer, ref, text, varchar } from './columns';
import { protectionDriver, type ProtectionDriver, type ProtectionSql, protectionStatements, runStatements } from './protection-sql';

/**
 * A hash-chained history table for one kind of aggregate (docs/architecture.md §6: applications, disclosure requests,
 * CD errors share this shape), with its append-only triggers.
 */
export async function createHistoryTable(q: QueryRunner, table: string, aggregateColumn: string): Promise<void> {
  await q.createTable(
    new Table({
      name: table,
      columns: historyColumns(aggregateColumn),
      indices: [new TableIndex({ name: `ux_${table}_position`, columnNames: [aggregateColumn, 'position'], isUnique: true })],
    }),
  );
  await createAppendOnlyTriggers(q, table, aggregateColumn);
}

/** The columns every history table was made with (a table made later adds `row_digest` and its own copies after them). */
export function historyColumns(aggregateColumn: string): TableColumnOptions[] {
  return [
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
  ];
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
 * The retention decision a blanking must name (issue 21, item 3): a `delete` decision in `retention_decision`
 * (1764080000000-retention-decisions) about this very record, of this kind. Without `decision`, the builder makes the
 * triggers as the migrations before that one made them, where any id would do.
 */
export interface BlankingDecision {
  /** `retention_decision.record_type` for this table's aggregate. */
  recordType: string;
}

/** The condition, in a trigger's terms, that `NEW.payload_blanked_by` names a `delete` decision about this record. */
function decisionNamesRecord(decision: BlankingDecision, aggregateColumn: string): string {
  return `EXISTS (SELECT 1 FROM retention_decision d WHERE d.id = NEW.payload_blanked_by AND d.decision = 'delete'
           AND d.record_type = '${decision.recordType}' AND d.record_id = NEW.${aggregateColumn})`;
}

/**
 * History is append-only (docs/architecture.md §4 step 5, §6): UPDATE and DELETE are refused by the database itself,
 * except blanking the payload once under a recorded retention decision with every other column unchanged.
 * `indexed` are the columns a table adds beside the shared shape (copies of the payload for an index to read,
 * docs/architecture.md §11): frozen too, so blanking a payload cannot rewrite its copy.
 *
 * Pure: the exact SQL, which the migrations run and the check at start (migrations/protections.ts) compares
 * with what the database holds (whitespace aside). Changing its logic changes what every database must hold.
 */
export function appendOnlyTriggers(
  driver: ProtectionDriver,
  table: string,
  aggregateColumn: string,
  indexed: readonly string[] = [],
  decision?: BlankingDecision,
): ProtectionSql {
  const frozen = [aggregateColumn, ...FROZEN_COMMON, ...indexed];
  const named = decision ? `\n           AND ${decisionNamesRecord(decision, aggregateColumn)}` : '';
  if (driver === 'postgres') {
    const unchanged = frozen.map((c) => `NEW.${c} IS NOT DISTINCT FROM OLD.${c}`).join(' AND ');
    const fn = `${table}_append_only`;
    return {
      functions: [
        {
          name: fn,
          sql: `CREATE FUNCTION ${table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND NEW.payload IS NULL AND OLD.payload_blanked_by IS NULL
           AND NEW.payload_blanked_by IS NOT NULL AND ${unchanged}${named} THEN RETURN NEW; END IF;
        RAISE EXCEPTION '${table} is append-only (% refused)', TG_OP USING ERRCODE = 'P0001';
      END $$`,
        },
      ],
      triggers: [
        {
          table,
          name: `${table}_no_update`,
          functionName: fn,
          sql: `CREATE TRIGGER ${table}_no_update BEFORE UPDATE OR DELETE ON ${table}
      FOR EACH ROW EXECUTE FUNCTION ${table}_append_only()`,
        },
      ],
    };
  }
  const unchanged = frozen.map((c) => `NEW.${c} IS OLD.${c}`).join(' AND ');
  return {
    functions: [],
    triggers: [
      {
        table,
        name: `${table}_no_update`,
        sql: `CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
    WHEN NOT (NEW.payload IS NULL AND OLD.payload_blanked_by IS NULL AND NEW.payload_blanked_by IS NOT NULL AND ${unchanged}${named})
    BEGIN SELECT RAISE(ABORT, '${table} is append-only (UPDATE refused)'); END`,
      },
      {
        table,
        name: `${table}_no_delete`,
        sql: `CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
    BEGIN SELECT RAISE(ABORT, '${table} is append-only (DELETE refused)'); END`,
      },
    ],
  };
}

/** The statements that make a history table's append-only triggers ({@link appendOnlyTriggers}), in order. */
export function appendOnlyTriggerStatements(
  driver: ProtectionDriver,
  table: string,
  aggregateColumn: string,
  indexed: readonly string[] = [],
  decision?: BlankingDecision,
): string[] {
  return protectionStatements(appendOnlyTriggers(driver, table, aggregateColumn, indexed, decision));
}

/** The statements that drop what {@link appendOnlyTriggerStatements} made. */
export function dropAppendOnlyTriggerStatements(driver: ProtectionDriver, table: string): string[] {
  if (driver === 'postgres') {
    return [`DROP TRIGGER IF EXISTS ${table}_no_update ON ${table}`, `DROP FUNCTION IF EXISTS ${table}_append_only()`];
  }
  return [`DROP TRIGGER IF EXISTS ${table}_no_update`, `DROP TRIGGER IF EXISTS ${table}_no_delete`];
}

async function createAppendOnlyTriggers(q: QueryRunner, table: string, aggregateColumn: string, indexed: readonly string[] = [], decision?: BlankingDecision): Promise<void> {
  await runStatements(q, appendOnlyTriggerStatements(protectionDriver(q), table, aggregateColumn, indexed, decision));
}

async function dropAppendOnlyTriggers(q: QueryRunner, table: string): Promise<void> {
  await runStatements(q, dropAppendOnlyTriggerStatements(protectionDriver(q), table));
}

/**
 * Installs a history table's append-only triggers afresh, freezing its `indexed` columns as well (a column added
 * later) and, from 1764080000000-retention-decisions, binding a blanking to its `decision`.
 */
export async function replaceAppendOnlyTriggers(
  q: QueryRunner,
  table: string,
  aggregateColumn: string,
  indexed: readonly string[],
  decision?: BlankingDecision,
): Promise<void> {
  await dropAppendOnlyTriggers(q, table);
  await createAppendOnlyTriggers(q, table, aggregateColumn, indexed, decision);
}

/**
 * PostgreSQL's TRUNCATE fires no row trigger, so the append-only triggers above do not see it: a statement
 * trigger refuses it (SQLite has no TRUNCATE; its DELETE without WHERE fires the row trigger). Made for every
 * history table by 1764070000000-history-no-truncate; on SQLite there is nothing to make.
 */
export function historyNoTruncateTriggers(driver: ProtectionDriver, table: string): ProtectionSql {
  if (driver !== 'postgres') return { functions: [], triggers: [] };
  const fn = `${table}_no_truncate`;
  return {
    functions: [
      {
        name: fn,
        sql: `CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION '${table} is append-only (TRUNCATE refused)' USING ERRCODE = 'P0001'; END $$`,
      },
    ],
    triggers: [{ table, name: fn, functionName: fn, sql: `CREATE TRIGGER ${fn} BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()` }],
  };
}
