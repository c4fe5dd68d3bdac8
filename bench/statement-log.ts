import type { DataSource, Logger as TypeOrmLogger } from 'typeorm';

export interface Statement {
  sql: string;
  parameters: unknown[];
}

/**
 * A TypeORM logger that hands every statement sent, with its parameters, to `onQuery` and drops everything else:
 * how the transition-commit bench learns the statements it replays, and how the group-commit spec counts its
 * BEGINs, SAVEPOINTs and COMMITs.
 */
export function statementLog(onQuery: (statement: Statement) => void): TypeOrmLogger {
  return {
    logQuery: (sql, parameters) => onQuery({ sql, parameters: Array.isArray(parameters) ? [...parameters] : [] }),
    logQueryError: () => undefined,
    logQuerySlow: () => undefined,
    logSchemaBuild: () => undefined,
    logMigration: () => undefined,
    log: () => undefined,
  };
}

/** Every statement TypeORM sends while `work` runs; the data source's own logger is put back afterwards. */
export async function recordStatements(dataSource: DataSource, work: () => Promise<unknown>): Promise<Statement[]> {
  const statements: Statement[] = [];
  const original = dataSource.logger;
  dataSource.logger = statementLog((statement) => statements.push(statement));
  try {
    await work();
  } finally {
    dataSource.logger = original;
  }
  return statements;
}
