import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { id, instant, ref, text, varchar } from './columns';
import { replaceAppendOnlyTriggers } from './history-table';
import { createImmutableTriggers, dropImmutableTriggers } from './immutable-table';

/**
 * The history tables as this migration binds their blanking (issue 21, item 3): each aggregate's kind as a
 * retention decision names it. Frozen here, as every migration's facts are; migrations/protections.ts holds the
 * same facts as what must now be in force.
 */
export const DECISION_BOUND_HISTORY = [
  { table: 'application_event', aggregateColumn: 'application_id', indexed: ['reason_code'], recordType: 'application' },
  { table: 'cd_error_event', aggregateColumn: 'error_id', indexed: [], recordType: 'cd_error' },
  { table: 'disclosure_request_event', aggregateColumn: 'request_id', indexed: [], recordType: 'disclosure_request' },
] as const;

/**
 * Blanking only by decision (issue 21, item 3; docs/architecture.md §11): `retention_decision` is the append-only
 * record of what the SRO decided about keeping a record (retain, or delete its content), and a history payload may
 * now be blanked only where `payload_blanked_by` names a `delete` decision about that very record — checked by the
 * history tables' own triggers, so a made-up id, another record's decision or a decision to retain is refused by
 * the database whoever connects to it. The decisions themselves never change or disappear.
 */
export class RetentionDecisions1764080000000 implements MigrationInterface {
  name = 'RetentionDecisions1764080000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'retention_decision',
        columns: [
          id(),
          varchar('record_type', 30),
          ref('record_id'),
          ref('authority_id'),
          varchar('decision', 10),
          text('reason'),
          ref('decided_by'),
          instant('decided_at'),
        ],
        indices: [new TableIndex({ name: 'ix_retention_decision_record', columnNames: ['record_type', 'record_id'] })],
      }),
    );
    await createImmutableTriggers(q, 'retention_decision');
    for (const h of DECISION_BOUND_HISTORY) {
      await replaceAppendOnlyTriggers(q, h.table, h.aggregateColumn, h.indexed, { recordType: h.recordType });
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const h of DECISION_BOUND_HISTORY) await replaceAppendOnlyTriggers(q, h.table, h.aggregateColumn, h.indexed);
    await dropImmutableTriggers(q, 'retention_decision');
    await q.dropTable('retention_decision');
  }
}
