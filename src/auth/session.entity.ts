import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { INSTANT_LENGTH, instantTransformer, NullableInstantColumn } from '../database/instant.transformer';

const InstantColumn = (name: string) => Column('varchar', { name, length: INSTANT_LENGTH, transformer: instantTransformer });

/**
 * A signed-in session (docs/security.md, "Sessions"): every access token names one, and the token is
 * refused once the session is revoked, idle for too long or past its absolute end. Its refresh tokens are a
 * family: reusing a spent one revokes the session (ASVS 5.0 7.4, OAuth 2.0 Security BCP §4.14).
 */
@Entity('auth_session')
@Index('ix_auth_session_user', ['userId'])
export class AuthSessionEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Column('varchar', { name: 'user_id', length: 36 })
  userId!: string;

  @InstantColumn('created_at')
  createdAt!: Date;

  /** The last request seen, kept to within a minute (a write per minute, not per request). */
  @InstantColumn('last_active_at')
  lastActiveAt!: Date;

  /** The absolute end: sign-in plus the absolute life; refreshing never moves it. */
  @InstantColumn('expires_at')
  expiresAt!: Date;

  @NullableInstantColumn('revoked_at')
  revokedAt!: Date | null;

  /** Why it ended early: `logout`, `revokedByUser`, `refreshReuse`. */
  @Column('varchar', { name: 'revoked_reason', length: 30, nullable: true })
  revokedReason!: string | null;

  /** The browser or client that signed in, for the user's list of sessions (truncated). */
  @Column('varchar', { name: 'user_agent', length: 200, nullable: true })
  userAgent!: string | null;
}

/** A refresh token, by its SHA-256 (the token itself is never stored): spent once used. */
@Entity('auth_refresh_token')
@Index('ix_auth_refresh_token_session', ['sessionId'])
export class RefreshTokenEntity {
  @PrimaryColumn('varchar', { name: 'token_hash', length: 64 })
  tokenHash!: string;

  @Column('varchar', { name: 'session_id', length: 36 })
  sessionId!: string;

  @InstantColumn('issued_at')
  issuedAt!: Date;

  @NullableInstantColumn('used_at')
  usedAt!: Date | null;
}
