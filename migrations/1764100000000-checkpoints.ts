import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { instant, integer, text, varchar } from './columns';
import { createImmutableTriggers, dropImmutableTriggers } from './immutable-table';

/**
 * The history tables a checkpoint signs a `seq` of, each as its `<table>_seq` column (issue 21, item 2). Frozen
 * here, as every migration's facts are; src/database/checkpoints/checkpoint-tables.ts holds the same list.
 */
export const CHECKPOINTED_HISTORY = ['application_event', 'cd_error_event', 'disclosure_request_event'] as const;

/**
 * Signed checkpoints (issue 21, item 2; docs/architecture.md §11, "Signed checkpoints"): every N history rows and
 * hourly, the service signs with an Ed25519 key held outside the database each history table's highest `seq` and
 * the heads of the chains changed since the previous checkpoint. A chain rewritten whole, with its hashes
 * recomputed, then no longer matches what was signed.
 *
 * `id` is not generated: the signature covers it, so it is known before the INSERT (the previous checkpoint's id
 * plus one), and the primary key is what stops two instances making the same checkpoint, on both databases.
 * Checkpoints never change or disappear: the immutable triggers (migrations/protections.ts).
 */
export class Checkpoints1764100000000 implements MigrationInterface {
  name = 'Checkpoints1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'history_checkpoint',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true },
          instant('made_at'),
          varchar('reason', 10),
          ...CHECKPOINTED_HISTORY.map((table) => integer(`${table}_seq`)),
          varchar('heads_digest', 64),
          text('heads'),
          text('prev_signature', true),
          varchar('key_id', 64),
          text('signature'),
        ],
      }),
    );
    await createImmutableTriggers(q, 'history_checkpoint');
  }

  async down(q: QueryRunner): Promise<void> {
    await dropImmutableTriggers(q, 'history_checkpoint');
    await q.dropTable('history_checkpoint');
  }
}
