import type { QueryRunner } from 'typeorm';

/**
 * The shape of the SQL that makes a table's protecting triggers (history-table.ts, immutable-table.ts), so the
 * same text is run by a migration and recomputed, without running one, by the check at start
 * (protections.ts, src/database/protections-check.ts; docs/architecture.md §11, "The protections are checked
 * at start").
 */

/** The two databases, as the protections differ between them. */
export type ProtectionDriver = 'postgres' | 'sqlite';

/** A PL/pgSQL function a PostgreSQL trigger executes (SQLite triggers carry their body inline). */
export interface TriggerFunctionSql {
  name: string;
  /** The exact CREATE FUNCTION statement. */
  sql: string;
}

/** One trigger as a migration makes it. */
export interface TriggerSql {
  table: string;
  name: string;
  /** The exact CREATE TRIGGER statement. */
  sql: string;
  /** PostgreSQL: the function it executes (one of the functions beside it). */
  functionName?: string;
}

/** What makes one table's protections: functions first, then the triggers that execute them. */
export interface ProtectionSql {
  functions: TriggerFunctionSql[];
  triggers: TriggerSql[];
}

/** The statements, in the order a migration runs them. */
export function protectionStatements(protection: ProtectionSql): string[] {
  return [...protection.functions.map((f) => f.sql), ...protection.triggers.map((t) => t.sql)];
}

/** Which of the two databases a migration runs on. */
export function protectionDriver(q: QueryRunner): ProtectionDriver {
  return q.connection.driver.options.type === 'postgres' ? 'postgres' : 'sqlite';
}

/** Runs `statements` one by one on the migration's query runner. */
export async function runStatements(q: QueryRunner, statements: readonly string[]): Promise<void> {
  for (const statement of statements) await q.query(statement);
}

/**
 * The body of a `CREATE FUNCTION … AS $$ <body> $$` statement: what PostgreSQL keeps in `pg_proc.prosrc`.
 */
export function functionBody(createFunction: string): string {
  const start = createFunction.indexOf('$$');
  const end = createFunction.lastIndexOf('$$');
  if (start < 0 || end <= start) throw new Error(`no $$-quoted body in: ${createFunction}`);
  return createFunction.slice(start + 2, end);
}
