import type { DataSource } from 'typeorm';
import { type ExpectedTrigger, protectionManifest } from '../../migrations/protections';
import type { ProtectionDriver } from '../../migrations/protection-sql';

/**
 * The database's own protections checked against what the migrations made (docs/operations.md "Protections
 * checked at start"; docs/architecture.md §11): every trigger of migrations/protections.ts must exist, be
 * enabled (PostgreSQL can disable a trigger; SQLite cannot) and say exactly what its migration said. The
 * texts are compared with whitespace collapsed, so formatting does not matter and any change of logic does.
 */

export type ProtectionProblem = 'missing' | 'disabled' | 'altered';

export interface ProtectionFault {
  table: string;
  trigger: string;
  problem: ProtectionProblem;
  /** What differs, for `altered`: the trigger's definition or (PostgreSQL) its function's body. */
  detail?: string;
  /** The migration whose SQL made the trigger as it must be. */
  madeBy: string;
}

export interface ProtectionsResult {
  /** How many protecting triggers were checked. */
  checked: number;
  faults: ProtectionFault[];
}

/** What runs a query: the data source or a unit of work's manager (`EntityManager`). */
export interface Queryable {
  query<T>(sql: string, parameters?: unknown[]): Promise<T>;
}

interface LiveTrigger {
  table: string;
  name: string;
  definition: string;
  enabled: boolean;
  functionBody?: string;
}

/** Whitespace runs collapsed to one space, ends trimmed. */
export const normaliseSql = (sql: string): string => sql.replace(/\s+/g, ' ').trim();

/**
 * A CREATE TRIGGER statement in one spelling: whitespace collapsed, and the events in one order, since
 * PostgreSQL's `pg_get_triggerdef` lists them in its own (`BEFORE UPDATE OR DELETE` comes back as
 * `BEFORE DELETE OR UPDATE`).
 */
export function canonicalTrigger(sql: string): string {
  const text = normaliseSql(sql);
  const m = /^(CREATE TRIGGER \S+ (?:BEFORE|AFTER|INSTEAD OF) )(.+?)( ON .*)$/.exec(text);
  return m ? `${m[1]}${m[2].split(' OR ').sort().join(' OR ')}${m[3]}` : text;
}

export function driverOf(dataSource: Pick<DataSource, 'options'>): ProtectionDriver {
  return dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
}

/**
 * The triggers of the connection's schema as the database holds them. PostgreSQL: `pg_get_triggerdef` (with
 * the schema's own qualifier removed, which it adds only when the schema is not on the search path), whether
 * `tgenabled` lets it fire in an ordinary session (`O` or `A`; `D` is disabled, `R` fires only on a replica),
 * and the body of the function it executes. SQLite: `sqlite_master.sql`, the CREATE TRIGGER text as run.
 */
export async function liveTriggers(db: Queryable, driver: ProtectionDriver): Promise<LiveTrigger[]> {
  if (driver === 'postgres') {
    const rows = await db.query<{ table: string; name: string; definition: string; enabled: string; body: string; schema: string }[]>(
      `SELECT c.relname AS "table", t.tgname AS name, pg_get_triggerdef(t.oid) AS definition, t.tgenabled AS enabled,
              p.prosrc AS body, n.nspname AS schema
         FROM pg_trigger t
         JOIN pg_class c ON c.oid = t.tgrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace
         JOIN pg_proc p ON p.oid = t.tgfoid
        WHERE n.nspname = current_schema() AND NOT t.tgisinternal`,
    );
    return rows.map((r) => ({
      table: r.table,
      name: r.name,
      definition: r.definition.split(`"${r.schema}".`).join('').split(`${r.schema}.`).join(''),
      enabled: r.enabled === 'O' || r.enabled === 'A',
      functionBody: r.body,
    }));
  }
  const rows = await db.query<{ table: string; name: string; sql: string }[]>(
    "SELECT tbl_name AS \"table\", name, sql FROM sqlite_master WHERE type = 'trigger'",
  );
  return rows.map((r) => ({ table: r.table, name: r.name, definition: r.sql, enabled: true }));
}

/** Compares the live triggers with the manifest: each missing, disabled or altered one, by name and table. */
export function compareProtections(expected: readonly ExpectedTrigger[], live: readonly LiveTrigger[]): ProtectionsResult {
  const byKey = new Map(live.map((t) => [`${t.table}\u0000${t.name}`, t]));
  const faults: ProtectionFault[] = [];
  for (const want of expected) {
    const base = { table: want.table, trigger: want.name, madeBy: want.madeBy };
    const have = byKey.get(`${want.table}\u0000${want.name}`);
    if (have === undefined) {
      faults.push({ ...base, problem: 'missing' });
      continue;
    }
    if (canonicalTrigger(have.definition) !== canonicalTrigger(want.definition)) {
      faults.push({ ...base, problem: 'altered', detail: 'its definition differs' });
    } else if (want.function && normaliseSql(have.functionBody ?? '') !== normaliseSql(want.function.body)) {
      faults.push({ ...base, problem: 'altered', detail: `the body of its function ${want.function.name}() differs` });
    }
    if (!have.enabled) faults.push({ ...base, problem: 'disabled' });
  }
  return { checked: expected.length, faults };
}

/** Reads the database's triggers and compares them with migrations/protections.ts. */
export async function checkProtections(db: Queryable, driver: ProtectionDriver): Promise<ProtectionsResult> {
  return compareProtections(protectionManifest(driver), await liveTriggers(db, driver));
}

const WHAT: Record<ProtectionProblem, string> = {
  missing: 'is missing',
  disabled: 'is disabled',
  altered: 'has been altered',
};

/** One line per fault: the trigger, its table, what is wrong and how to put it back. */
export function describeFault(fault: ProtectionFault): string {
  const what = `trigger ${fault.trigger} on table ${fault.table} ${WHAT[fault.problem]}${fault.detail ? ` (${fault.detail})` : ''}`;
  const restore =
    fault.problem === 'disabled'
      ? `restore it with ALTER TABLE ${fault.table} ENABLE TRIGGER ${fault.trigger}`
      : `restore it as migration ${fault.madeBy} made it, or restore the database from a backup`;
  return `${what}: ${restore}`;
}

/** Thrown at start when a protection is not in force; main prints the message and exits 1. */
export class ProtectionsNotInForce extends Error {
  constructor(readonly result: ProtectionsResult) {
    super(
      [
        `The database's protections are not in force (${result.faults.length} fault(s) among ${result.checked} protecting triggers checked):`,
        ...result.faults.map((f) => `  - ${describeFault(f)}`),
        'The service will not run with history unprotected. See docs/operations.md, "Protections checked at start".',
      ].join('\n'),
    );
    this.name = 'ProtectionsNotInForce';
  }
}

/** The check at start, after the migrations: throws {@link ProtectionsNotInForce} naming every fault. */
export async function assertProtectionsInForce(dataSource: DataSource): Promise<ProtectionsResult> {
  const result = await checkProtections(dataSource, driverOf(dataSource));
  if (result.faults.length > 0) throw new ProtectionsNotInForce(result);
  return result;
}
