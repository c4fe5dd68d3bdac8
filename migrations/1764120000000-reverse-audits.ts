import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { id, instant, integer, ref, text, varchar } from './columns';
import { createImmutableTriggers, dropImmutableTriggers } from './immutable-table';

/**
 * Reverse audits (issue 24, item 4; docs/returns.md §7): each run of a CSP's list of disclosures against the
 * authority's requests, kept as it was run. Never changed or removed: the immutable triggers (migrations/protections.ts).
 */
export class ReverseAudits1764120000000 implements MigrationInterface {
  name = 'ReverseAudits1764120000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'reverse_audit',
        columns: [
          id(),
          ref('authority_id'),
          ref('csp_id'),
          instant('period_from'),
          instant('period_to'),
          ref('uploaded_by'),
          instant('uploaded_at'),
          varchar('list_sha256', 64),
          integer('line_count'),
          text('result'),
        ],
        indices: [new TableIndex({ name: 'ix_reverse_audit_authority', columnNames: ['authority_id', 'uploaded_at'] })],
      }),
    );
    await createImmutableTriggers(q, 'reverse_audit');
  }

  async down(q: QueryRunner): Promise<void> {
    await dropImmutableTriggers(q, 'reverse_audit');
    await q.dropTable('reverse_audit');
  }
}
