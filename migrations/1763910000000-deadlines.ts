import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { instant, ref, varchar } from './columns';

/** Deadlines already flagged, so a poller raises each overdue written record or reminder once (issue 5). */
export class Deadlines1763910000000 implements MigrationInterface {
  name = 'Deadlines1763910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'deadline_notice',
        columns: [
          { ...ref('subject_id'), isPrimary: true },
          { ...varchar('kind', 40), isPrimary: true },
          { ...instant('due_at'), isPrimary: true },
          instant('noticed_at'),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('deadline_notice');
  }
}
