import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { placeholder, placeholders } from '../../database/sql-placeholders';

/** Bytes per stored chunk: large enough that a 200 MB file is 200 rows, small enough to stream back. */
export const FILE_CHUNK_BYTES = 1024 * 1024;

/**
 * A return's file, byte for byte as received, in the database beside its rows (docs/returns.md "The file as
 * received"): in fixed-size chunks, so that neither storing nor reading a large file ever holds it whole in
 * memory, and so that it is written and rolled back in the same transaction as everything read from it. The
 * table has no entity (its bytes column is `bytea` or `blob` by driver: migration 1763990000000).
 */
@Injectable()
export class ReturnFileStore {
  /** Stores `source` under `returnId`, in order; returns how many bytes were stored. */
  async write(tx: EntityManager, returnId: string, source: Readable): Promise<number> {
    const sql = `INSERT INTO disclosure_return_file_chunk (return_id, chunk_index, data) VALUES (${placeholders(tx, 3)})`;
    let index = 0;
    let size = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const flush = async (all: boolean) => {
      while (pendingBytes >= FILE_CHUNK_BYTES || (all && pendingBytes > 0)) {
        const joined = Buffer.concat(pending, pendingBytes);
        const chunk = joined.subarray(0, Math.min(FILE_CHUNK_BYTES, joined.length));
        await tx.query(sql, [returnId, index++, chunk]);
        const rest = joined.subarray(chunk.length);
        pending = rest.length > 0 ? [rest] : [];
        pendingBytes = rest.length;
      }
    };
    for await (const piece of source) {
      const buffer = piece as Buffer;
      pending.push(buffer);
      pendingBytes += buffer.length;
      size += buffer.length;
      await flush(false);
    }
    await flush(true);
    return size;
  }

  /** The stored file's chunks, in order, one at a time. */
  async *read(manager: EntityManager, returnId: string): AsyncGenerator<Buffer> {
    const sql = `SELECT data FROM disclosure_return_file_chunk WHERE return_id = ${placeholders(manager, 1)} AND chunk_index = ${placeholder(manager, 2)}`;
    for (let index = 0; ; index++) {
      const rows = await manager.query<{ data: Buffer | Uint8Array }[]>(sql, [returnId, index]);
      if (rows.length === 0) return;
      yield Buffer.from(rows[0].data);
    }
  }
}
