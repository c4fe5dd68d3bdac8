import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { bool, id, instant, integer, ref, text, varchar } from './columns';

/** Authorities, users, the outbox and idempotency keys (issue 3). */
export class Foundation1763870000000 implements MigrationInterface {
  name = 'Foundation1763870000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'authority',
        columns: [id(), varchar('name', 200), varchar('type', 20), varchar('urn_prefix', 16), bool(q, 'active', true)],
      }),
    );
    await q.createTable(
      new Table({
        name: 'user_account',
        columns: [
          id(),
          varchar('username', 100),
          varchar('display_name', 200),
          text('roles'),
          ref('authority_id'),
          varchar('rank', 50, true),
          varchar('spoc_pin', 50, true),
          bool(q, 'active', true),
          varchar('password_hash', 200),
        ],
        indices: [
          new TableIndex({ name: 'ux_user_account_username', columnNames: ['username'], isUnique: true }),
          new TableIndex({ name: 'ix_user_account_authority', columnNames: ['authority_id'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'outbox',
        columns: [
          id(),
          varchar('type', 100),
          text('payload'),
          instant('created_at'),
          instant('available_at'),
          integer('attempts', 0),
          text('last_error', true),
          varchar('claimed_by', 36, true),
          instant('claimed_at', true),
          instant('dispatched_at', true),
          instant('dead_at', true),
        ],
        indices: [new TableIndex({ name: 'ix_outbox_pending', columnNames: ['dispatched_at', 'available_at'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'outbox_delivery',
        columns: [
          { ...varchar('event_id', 36), isPrimary: true },
          { ...varchar('handler', 100), isPrimary: true },
          instant('delivered_at'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'idempotency_key',
        columns: [
          { ...varchar('user_id', 36), isPrimary: true },
          { ...varchar('key', 200), isPrimary: true },
          varchar('method', 10),
          varchar('path', 500),
          varchar('fingerprint', 64),
          integer('status'),
          text('response'),
          instant('created_at'),
          instant('expires_at'),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['idempotency_key', 'outbox_delivery', 'outbox', 'user_account', 'authority']) {
      await q.dropTable(table);
    }
  }
}
