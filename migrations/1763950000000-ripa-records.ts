import { type MigrationInterface, type QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { text, varchar } from './columns';

/**
 * Records made under RIPA 2000 Part 1 Chapter 2 (an authorisation under s.22(3) or a notice under s.22(4)),
 * imported as applications on the `ripa22` route: the particulars as imported, and the original reference in
 * a column of its own, unique per authority, so that the same record cannot be imported twice into one
 * authority even by two imports at once. Both are null for an application made here. Issue 13, part 7.
 */
export class RipaRecords1763950000000 implements MigrationInterface {
  name = 'RipaRecords1763950000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('application', new TableColumn(varchar('ripa_reference', 100, true)));
    await q.addColumn('application', new TableColumn(text('ripa', true)));
    // NULLs are distinct in a unique index on both drivers: applications made here (no reference) never collide.
    await q.createIndex(
      'application',
      new TableIndex({ name: 'ux_application_ripa_reference', columnNames: ['authority_id', 'ripa_reference'], isUnique: true }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    // An imported record's particulars live only in these columns, and its history cannot be deleted
    // (docs/architecture.md §11): reverting would leave records nothing can read. Refuse instead.
    const rows = (await q.query(`SELECT COUNT(*) AS n FROM application WHERE ripa IS NOT NULL`)) as { n: number | string }[];
    const n = Number(rows[0]?.n ?? 0);
    if (n > 0) {
      throw new Error(`${n} record(s) made under RIPA 2000 have been imported; this migration cannot be reverted without losing them.`);
    }
    await q.dropIndex('application', 'ux_application_ripa_reference');
    await q.dropColumn('application', 'ripa');
    await q.dropColumn('application', 'ripa_reference');
  }
}
