import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { INSTANT_LENGTH, instantTransformer } from '../database/instant.transformer';

/**
 * One sign-in attempt counted against a throttling key (docs/security.md "Login abuse limits"): a failed one,
 * or one still in flight (its row is deleted when it succeeds). Written in the database, not in memory, so every
 * instance on one database counts together (ASVS 5.0 V6.3.1; OWASP API4:2023).
 *
 * `key` is `user:` or `addr:` and a SHA-256 of the username (lower-cased) or the client address: the table
 * never holds what someone typed as a username, which is sometimes their password.
 */
@Entity('login_attempt')
@Index('ix_login_attempt_key_at', ['key', 'at'])
@Index('ix_login_attempt_at', ['at'])
export class LoginAttemptEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Column('varchar', { length: 80 })
  key!: string;

  @Column('varchar', { length: INSTANT_LENGTH, transformer: instantTransformer })
  at!: Date;
}
