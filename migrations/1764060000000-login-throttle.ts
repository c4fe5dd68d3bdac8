import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { id, instant, varchar } from './columns';

/**
 * The failed sign-in attempts the login throttle counts (docs/security.md "Login abuse limits"): one row per
 * attempt and key, in the database so every instance counts together. `(key, at)` finds a key's attempts in
 * the window; `(at)` lets the prune of expired rows use an index.
 */
export class LoginThrottle1764060000000 implements MigrationInterface {
  name = 'LoginThrottle1764060000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'login_attempt',
        columns: [id(), varchar('key', 80), instant('at')],
        indices: [
          new TableIndex({ name: 'ix_login_attempt_key_at', columnNames: ['key', 'at'] }),
          new TableIndex({ name: 'ix_login_attempt_at', columnNames: ['at'] }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('login_attempt');
  }
}
