import type { QueryRunner } from 'typeorm';

/**
 * Tells a query runner that a transaction we opened by hand (BEGIN IMMEDIATE on SQLite, BEGIN ISOLATION LEVEL
 * REPEATABLE READ on PostgreSQL) is open, or no longer: TypeORM only knows the transactions it began, and would
 * otherwise open its own inside ours (`save()`, `transaction()`), and commit ours with it.
 */
export function markTransactionActive(runner: QueryRunner, active: boolean): void {
  const state = runner as unknown as { isTransactionActive: boolean; transactionDepth: number };
  state.isTransactionActive = active;
  state.transactionDepth = active ? 1 : 0;
}
