import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AcquiredRow } from './parsing/row-checker';
import { placeholder } from '../../database/sql-placeholders';

/** The part of a `pg` client the named statement needs (the transaction's own connection). */
interface PgClient {
  query(config: { name: string; text: string; values: unknown[] }): Promise<unknown>;
}

/** The columns of `acquired_record`, in insert order (acquired-record.entity.ts). */
export const ACQUIRED_RECORD_COLUMNS = [
  'return_id', 'row_number', 'request_id', 'record_type', 'identifier', 'other_party', 'at_utc', 'until_utc', 'source_offset',
  'local_time', 'duration_seconds', 'event_type', 'direction', 'cell_id', 'port', 'name', 'address', 'address_type', 'flags',
] as const;

/**
 * Rows per INSERT. Well under both drivers' parameter limits (SQLite 32 766, PostgreSQL 65 535), and small on
 * purpose: the PostgreSQL driver builds each statement's parameters in a buffer it grows by doubling, and at
 * 500 rows those buffers alone lifted a million-row upload's peak memory past 300 MiB (322 MiB, against
 * 225 MiB at 100 rows, with no loss of speed on either database: `npm run check:heavy`).
 */
export const INSERT_BATCH_ROWS = 100;

/** The parameters of one row, in {@link ACQUIRED_RECORD_COLUMNS} order. */
export function recordParameters(returnId: string, requestId: string, row: AcquiredRow, direction: string | null): unknown[] {
  return [
    returnId, row.rowNumber, requestId, row.recordType, row.identifier, row.otherParty, row.atUtc, row.untilUtc, row.sourceOffset,
    row.localTime, row.durationSeconds, row.eventType, direction, row.cellId, row.port, row.name, row.address, row.addressType,
    row.flags.length === 0 ? null : row.flags.join(','),
  ];
}

/**
 * The multi-row INSERT for `rows` rows, placeholders numbered for the driver. Built once per batch size and
 * kept: the SQLite driver caches prepared statements by their text, so every full batch reuses one.
 */
export function insertStatement(manager: EntityManager, rows: number): string {
  const width = ACQUIRED_RECORD_COLUMNS.length;
  const values = Array.from({ length: rows }, (_, r) => `(${Array.from({ length: width }, (_, c) => placeholder(manager, r * width + c + 1)).join(', ')})`);
  return `INSERT INTO acquired_record (${ACQUIRED_RECORD_COLUMNS.join(', ')}) VALUES ${values.join(', ')}`;
}

/**
 * Writes a return's rows in bulk, in the caller's transaction (docs/returns.md "Storing"): one multi-row
 * INSERT per {@link INSERT_BATCH_ROWS} rows, through the same connection as the rest of the command, so the
 * rows exist if and only if the return does.
 */
@Injectable()
export class AcquiredRecordWriter {
  private readonly statements = new Map<string, string>();

  async insert(tx: EntityManager, parameters: readonly unknown[][]): Promise<void> {
    if (parameters.length === 0) return;
    const driver = tx.connection.driver.options.type;
    const key = `${driver}:${parameters.length}`;
    let sql = this.statements.get(key);
    if (sql === undefined) {
      sql = insertStatement(tx, parameters.length);
      this.statements.set(key, sql);
    }
    if (driver === 'postgres' && tx.queryRunner) {
      // A named statement: PostgreSQL parses and plans the 1,900-parameter INSERT once per connection instead
      // of once per batch, which otherwise costs more than the insert itself. Same text, same transaction.
      const client = (await tx.queryRunner.connect()) as PgClient;
      await client.query({ name: `acquired_record_insert_${parameters.length}`, text: sql, values: parameters.flat() });
      return;
    }
    await tx.query(sql, parameters.flat());
  }

  /** Takes back the rows of a return found, part way through, to be quarantined. */
  async deleteReturn(tx: EntityManager, returnId: string): Promise<void> {
    await tx.query(`DELETE FROM acquired_record WHERE return_id = ${placeholder(tx, 1)}`, [returnId]);
  }
}
