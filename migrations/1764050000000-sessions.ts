import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { id, instant, ref, varchar } from './columns';

/** The channel on which instances hear that a session, a user or an authority changed (src/auth/session-cache.ts). */
const CHANNEL = 'cd_auth_changed';

/**
 * Server-side sessions and their refresh tokens (docs/security.md, "Sessions"), and the identity-provider
 * subject of a user who signs in by single sign-on. On PostgreSQL, a change to a user or an authority made anywhere, even by hand in the database, is announced on a channel, so every
 * instance drops its cached copy at once and a deactivated user is out on the next request.
 */
export class Sessions1764050000000 implements MigrationInterface {
  name = 'Sessions1764050000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'auth_session',
        columns: [
          id(),
          ref('user_id'),
          instant('created_at'),
          instant('last_active_at'),
          instant('expires_at'),
          instant('revoked_at', true),
          varchar('revoked_reason', 30, true),
          varchar('user_agent', 200, true),
        ],
        indices: [new TableIndex({ name: 'ix_auth_session_user', columnNames: ['user_id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'auth_refresh_token',
        columns: [{ ...varchar('token_hash', 64), isPrimary: true }, ref('session_id'), instant('issued_at'), instant('used_at', true)],
        indices: [new TableIndex({ name: 'ix_auth_refresh_token_session', columnNames: ['session_id'] })],
      }),
    );
    // Which identity provider's subject a user is (`<issuer> <sub>`), for single sign-on: never a username,
    // which a provider does not promise to keep unique. Plain ALTER TABLE: no table rebuild on SQLite.
    await q.query('ALTER TABLE user_account ADD COLUMN external_subject varchar(300)');
    await q.createIndex('user_account', new TableIndex({ name: 'ux_user_account_external_subject', columnNames: ['external_subject'], isUnique: true }));
    if (q.connection.driver.options.type === 'postgres') {
      for (const [table, kind] of ANNOUNCED) {
        await q.query(`
          CREATE FUNCTION ${table}_announce() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN
            PERFORM pg_notify('${CHANNEL}', '${kind}:' || OLD.id);
            RETURN NULL;
          END $$`);
        await q.query(`CREATE TRIGGER ${table}_announce AFTER UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${table}_announce()`);
      }
    }
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.driver.options.type === 'postgres') {
      for (const [table] of ANNOUNCED) {
        await q.query(`DROP TRIGGER ${table}_announce ON ${table}`);
        await q.query(`DROP FUNCTION ${table}_announce()`);
      }
    }
    await q.dropIndex('user_account', 'ux_user_account_external_subject');
    await q.query('ALTER TABLE user_account DROP COLUMN external_subject');
    await q.dropTable('auth_refresh_token');
    await q.dropTable('auth_session');
  }
}

const ANNOUNCED = [
  ['user_account', 'user'],
  ['authority', 'authority'],
] as const;
