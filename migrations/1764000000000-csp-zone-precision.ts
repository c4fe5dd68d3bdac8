import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';
import { integer } from './columns';

/**
 * Two facts the CSP directory keeps for reading a CSP's returns. `file_time_zone` may be NULL: the CSP has
 * declared no zone, and then a time in its files without an offset is refused rather than guessed.
 * `time_precision_seconds` is the precision the CSP states for the times in its IP-address resolutions (how
 * far an observed time may be from the instant asked about and still answer it), 1 second unless it says
 * otherwise; CSPs already in the directory get 1 and keep their zones.
 *
 * Dropping NOT NULL is an ALTER on PostgreSQL and a table rebuild on SQLite; the query runner does either.
 * The column passed to `changeColumn` is the stored one with only its nullability changed, so the runner
 * never sees a change of type or length (on PostgreSQL that would drop and re-add the column, and its data).
 */
export class CspZonePrecision1764000000000 implements MigrationInterface {
  name = 'CspZonePrecision1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await setZoneNullable(q, true);
    await q.addColumn('csp', new TableColumn(integer('time_precision_seconds', 1)));
  }

  async down(q: QueryRunner): Promise<void> {
    // A CSP without a declared zone cannot be given one here: any zone chosen would be a guess, and a wrong
    // zone is exactly the error the NULL prevents (docs/law.md §5). Refuse until an administrator sets one.
    const rows = (await q.query(`SELECT code FROM csp WHERE file_time_zone IS NULL ORDER BY code`)) as { code: string }[];
    if (rows.length > 0) {
      throw new Error(
        `${rows.length} CSP(s) have declared no file time zone (${rows.map((r) => r.code).join(', ')}); ` +
          'set one with PATCH /admin/csps/:id before reverting this migration.',
      );
    }
    await q.dropColumn('csp', 'time_precision_seconds');
    await setZoneNullable(q, false);
  }
}

async function setZoneNullable(q: QueryRunner, nullable: boolean): Promise<void> {
  const table = await q.getTable('csp');
  const stored = table?.findColumnByName('file_time_zone');
  if (!table || !stored) throw new Error('the csp table has no file_time_zone column');
  const changed = stored.clone();
  changed.isNullable = nullable;
  await q.changeColumn(table, stored, changed);
}
