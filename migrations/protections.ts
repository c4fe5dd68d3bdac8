import { ROW_DIGEST_HISTORY } from './1764090000000-row-digests';
import { SECURITY_EVENT_HISTORY } from './1764110000000-security-audit';
import { RETENTION_IMMUTABLE_TABLES } from './1764140000000-retention';
import { appendOnlyTriggers, historyNoTruncateTriggers } from './history-table';
import { immutableTriggers } from './immutable-table';
import { functionBody, type ProtectionDriver, type ProtectionSql } from './protection-sql';

/**
 * What must be in force once every migration has run: the triggers by which the database itself refuses to
 * change history and issued products (docs/architecture.md §11, "The database refuses changes"; docs/products.md
 * §1). The service checks them at every start and on /health (src/database/protections-check.ts,
 * docs/operations.md "Protections checked at start").
 *
 * This is the one list. A migration that adds a protected table, or changes a table's triggers (e.g.
 * `replaceAppendOnlyTriggers` freezing a new column), must change it too: test/protections.e2e-spec.ts runs
 * every migration on a fresh database and fails when the triggers it finds are not exactly these (with
 * {@link NOT_PROTECTIONS}).
 */

const RETENTION = '1764080000000-retention-decisions';

const ROW_DIGESTS = '1764090000000-row-digests';

const SECURITY_AUDIT = '1764110000000-security-audit';

/**
 * The history tables (docs/architecture.md §11) as they must now be: made by 1763900000000-applications,
 * 1763920000000-errors and 1763980000000-disclosure-requests, reason_code frozen by 1764030000000-statistics, every
 * blanking bound to a retention decision about its record by 1764080000000-retention-decisions, and row_digest
 * frozen (issue 21, item 1) by the last migration to replace their triggers.
 */
const HISTORY_TABLES = [
  ...ROW_DIGEST_HISTORY.map((h) => ({ ...h, madeBy: ROW_DIGESTS, noTruncateMadeBy: '1764070000000-history-no-truncate' })),
  // The security audit stream (issue 24, item 1): made with every protection the others have, by one migration.
  { ...SECURITY_EVENT_HISTORY, madeBy: SECURITY_AUDIT, noTruncateMadeBy: SECURITY_AUDIT },
];

/** The tables whose rows never change (docs/products.md §1; retention decisions, issue 21 item 3; signed checkpoints, item 2). */
const IMMUTABLE_TABLES: readonly { table: string; madeBy: string }[] = [
  { table: 'product', madeBy: '1764020000000-products' },
  { table: 'product_pdf', madeBy: '1764020000000-products' },
  { table: 'product_dissemination', madeBy: '1764020000000-products' },
  { table: 'retention_decision', madeBy: RETENTION },
  { table: 'history_checkpoint', madeBy: '1764100000000-checkpoints' },
  { table: 'reverse_audit', madeBy: '1764120000000-reverse-audits' },
  { table: 'inspection_grant', madeBy: '1764130000000-inspection-grants' },
  ...RETENTION_IMMUTABLE_TABLES.map((table) => ({ table, madeBy: '1764140000000-retention' })),
];

/**
 * Triggers the migrations make that are not protections, so the check leaves them alone and the
 * completeness test knows them. On PostgreSQL `user_account_announce` and `authority_announce`
 * (1764050000000-sessions) announce a change made to a user or an authority by hand, so every instance drops
 * its cached copy (src/auth/session-cache.ts). They refuse nothing and guard no record: the service announces
 * its own changes itself, and without them a change made by hand reaches the other instances' caches within
 * `AUTH_CACHE_SECONDS` instead of at once. Keeping history and products unchanged is what the check proves;
 * a missing announcer is a freshness loss, not unprotected history, and is not a reason to refuse to start.
 */
export const NOT_PROTECTIONS: Readonly<Record<ProtectionDriver, readonly { table: string; name: string }[]>> = {
  postgres: [
    { table: 'user_account', name: 'user_account_announce' },
    { table: 'authority', name: 'authority_announce' },
  ],
  sqlite: [],
};

/** One protecting trigger as it must be in force. */
export interface ExpectedTrigger {
  table: string;
  name: string;
  /** The CREATE TRIGGER statement the migration ran. */
  definition: string;
  /** PostgreSQL: the function it executes and that function's body (`pg_proc.prosrc`). */
  function?: { name: string; body: string };
  /** The migration whose SQL made it as it must now be (for the message that names what to restore). */
  madeBy: string;
}

function expected(sql: ProtectionSql, madeBy: string): ExpectedTrigger[] {
  return sql.triggers.map((trigger) => {
    const fn = trigger.functionName === undefined ? undefined : sql.functions.find((f) => f.name === trigger.functionName);
    if (trigger.functionName !== undefined && fn === undefined) throw new Error(`${trigger.name}: no function ${trigger.functionName}`);
    return {
      table: trigger.table,
      name: trigger.name,
      definition: trigger.sql,
      function: fn && { name: fn.name, body: functionBody(fn.sql) },
      madeBy,
    };
  });
}

/** Every protecting trigger that must be in force on `driver`, derived from the builders the migrations run. */
export function protectionManifest(driver: ProtectionDriver): ExpectedTrigger[] {
  return [
    ...HISTORY_TABLES.flatMap((h) => expected(appendOnlyTriggers(driver, h.table, h.aggregateColumn, h.indexed, { recordType: h.recordType }), h.madeBy)),
    ...HISTORY_TABLES.flatMap((h) => expected(historyNoTruncateTriggers(driver, h.table), h.noTruncateMadeBy)),
    ...IMMUTABLE_TABLES.flatMap((i) => expected(immutableTriggers(driver, i.table), i.madeBy)),
  ];
}
