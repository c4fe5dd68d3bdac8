import { type MigrationInterface, type QueryRunner, TableIndex } from 'typeorm';

/**
 * Covering indexes for the statistics return (docs/statistics.md §3): every column a figure reads is in the
 * index it is found by, so a period's history rows and the statistics rows they join are read from the
 * indexes alone. A history row carries its payload and guard inputs inline (on SQLite, several kilobytes
 * each), so reading the table for every row found made a return over a year's history read gigabytes.
 * The history index takes over from `(event_type, at)`, which is its prefix.
 */
export class StatisticsCoveringIndexes1764040000000 implements MigrationInterface {
  name = 'StatisticsCoveringIndexes1764040000000';

  async up(q: QueryRunner): Promise<void> {
    await q.dropIndex('application_event', 'ix_application_event_type_at');
    for (const [table, index] of COVERING) await q.createIndex(table, index);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table, index] of [...COVERING].reverse()) await q.dropIndex(table, index);
    await q.createIndex('application_event', new TableIndex({ name: 'ix_application_event_type_at', columnNames: ['event_type', 'at'] }));
  }
}

const COVERING: readonly (readonly [string, TableIndex])[] = [
  ['application_event', new TableIndex({ name: 'ix_application_event_statistics', columnNames: ['event_type', 'at', 'to_state', 'application_id', 'reason_code'] })],
  [
    'application_statistics',
    new TableIndex({
      name: 'ix_application_statistics_figures',
      columnNames: ['application_id', 'authority_id', 'route', 'statutory_purpose', 'sensitive_profession', 'journalistic_source', 'dso_exception', 'threat_to_life_finding'],
    }),
  ],
  ['application_statistics_item', new TableIndex({ name: 'ix_application_statistics_item_figures', columnNames: ['application_id', 'category', 'subtype', 'communications_type'] })],
];
