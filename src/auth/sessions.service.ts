import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { IsNull, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config';
import { UnitOfWork } from '../database/unit-of-work';
import { DomainException, NotFoundDomainException } from '../http/domain-exception';
import type { Clock } from '../workflow/clock';
import type { Principal } from './principal';
import { PrincipalRepository } from './principal.repository';
import { SessionCache, type CachedSession } from './session-cache';
import { SESSION_CLOCK } from './session-clock';
import { AuthSessionEntity, RefreshTokenEntity } from './session.entity';
import { TokenService, type AccessToken } from './token.service';

/** How stale a session's recorded last request may be before a request writes it again: a write a minute, not per request. */
const TOUCH_MS = 60_000;

/** A new access token and refresh token for a session. */
export interface IssuedTokens {
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  sessionId: string;
  sessionExpiresAt: Date;
  principal: Principal;
}

/** A session as its user sees it in their list. */
export interface SessionView {
  id: string;
  createdAt: Date;
  lastActiveAt: Date;
  expiresAt: Date;
  userAgent: string | null;
}

type Ended = 'revoked' | 'expired' | 'idle' | null;

const sha256 = (token: string): string => createHash('sha256').update(token).digest('hex');
const sessionEnded = () => new DomainException('AUTH_SESSION_ENDED', 'Your session has ended. Sign in again.');

/**
 * Server-side sessions (docs/security.md, "Sessions"; ASVS 5.0 7.1–7.4): opened at sign-in, checked on every
 * request, refreshed by rotating a one-use refresh token, ended by logout, by the user, by the idle timeout,
 * at the absolute end, or when a spent refresh token is presented again (the whole family is revoked: a
 * stolen token and its thief's successors die together).
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly principals: PrincipalRepository,
    private readonly tokens: TokenService,
    private readonly cache: SessionCache,
    @Inject(SESSION_CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A new session for a user who has just proved who they are. */
  async open(principal: Principal, userAgent: string | undefined): Promise<IssuedTokens> {
    const now = this.clock.now();
    const session: AuthSessionEntity = {
      id: randomUUID(),
      userId: principal.id,
      createdAt: now,
      lastActiveAt: now,
      expiresAt: new Date(now.getTime() + this.config.session.absoluteMs),
      revokedAt: null,
      revokedReason: null,
      userAgent: userAgent ? userAgent.slice(0, 200) : null,
    };
    const refreshToken = await this.uow.run(async (tx) => {
      await tx.insert(AuthSessionEntity, session);
      return this.issueRefresh(tx, session.id, now);
    });
    return this.issued(session, principal, refreshToken);
  }

  /** Spends a refresh token for a new pair; a spent one presented again ends its session. */
  async refresh(refreshToken: string): Promise<IssuedTokens> {
    const now = this.clock.now();
    const outcome = await this.uow.run(async (tx) => {
      const hash = sha256(refreshToken);
      const row = await tx.findOne(RefreshTokenEntity, { where: { tokenHash: hash } });
      if (!row) return { kind: 'invalid' as const };
      const session = await tx.findOne(AuthSessionEntity, { where: { id: row.sessionId } });
      if (!session) return { kind: 'invalid' as const };
      // Spent already, or spent by a concurrent refresh this instant: either way two parties hold the family.
      const spent =
        row.usedAt !== null ||
        (await tx.update(RefreshTokenEntity, { tokenHash: hash, usedAt: IsNull() }, { usedAt: now })).affected !== 1;
      if (spent) {
        if (session.revokedAt === null) await this.revokeIn(tx, session, 'refreshReuse', now);
        return { kind: 'reused' as const, sessionId: session.id };
      }
      if (this.ended(session, now.getTime()) !== null) return { kind: 'ended' as const };
      const found = await this.principals.findActive(tx, { id: session.userId });
      if (!found) return { kind: 'invalid' as const };
      session.lastActiveAt = now;
      await tx.update(AuthSessionEntity, { id: session.id }, { lastActiveAt: now });
      return { kind: 'issued' as const, session, principal: found.principal, token: await this.issueRefresh(tx, session.id, now) };
    });
    switch (outcome.kind) {
      case 'invalid':
        throw new DomainException('AUTH_REFRESH_INVALID', 'The refresh token is not valid. Sign in again.');
      case 'reused':
        this.cache.forget(`session:${outcome.sessionId}`);
        throw new DomainException('AUTH_REFRESH_REUSED', 'That refresh token was already used, so the session has been ended to protect you. Sign in again.');
      case 'ended':
        throw sessionEnded();
      case 'issued':
        return this.issued(outcome.session, outcome.principal, outcome.token);
    }
  }

  /**
   * The principal behind a valid access token, if its session is live: from the cache when it holds a
   * trusted copy, otherwise from the database. The session's last request is written at most once a minute.
   */
  async authenticate(token: AccessToken): Promise<Principal> {
    const now = this.clock.now().getTime();
    let entry: CachedSession | 'revoked' | undefined = this.cache.get(token.sessionId, now);
    // A copy that looks idle is read again: another instance may have seen a request since.
    if (!entry || this.ended(entry, now) === 'idle') entry = await this.load(token.sessionId, now);
    if (entry === 'revoked') throw sessionEnded();
    if (!entry || entry.principal.id !== token.userId) throw new DomainException('AUTH_TOKEN_INVALID', 'The bearer token is invalid or has expired.');
    if (this.ended(entry, now) !== null) throw sessionEnded();
    if (now - entry.lastActiveAt >= TOUCH_MS) {
      const { sessionId } = entry;
      const at = new Date(now);
      await this.uow.run((tx) => tx.update(AuthSessionEntity, { id: sessionId, revokedAt: IsNull() }, { lastActiveAt: at }));
      entry.lastActiveAt = now;
    }
    return entry.principal;
  }

  /** Ends a session for good: logout (`logout`) or its user's choice (`revokedByUser`). */
  async revoke(userId: string, sessionId: string, reason: 'logout' | 'revokedByUser'): Promise<void> {
    const now = this.clock.now();
    const revoked = await this.uow.run(async (tx) => {
      const session = await tx.findOne(AuthSessionEntity, { where: { id: sessionId, userId } });
      if (!session || this.ended(session, now.getTime()) !== null) return false;
      await this.revokeIn(tx, session, reason, now);
      return true;
    });
    if (!revoked) throw new NotFoundDomainException('The session');
    // Committed: a copy read while the transaction ran goes too.
    this.cache.forget(`session:${sessionId}`);
  }

  /** The user's live sessions, newest first. */
  async listLive(userId: string): Promise<SessionView[]> {
    const now = this.clock.now().getTime();
    const sessions = await this.uow.read((m) => m.find(AuthSessionEntity, { where: { userId, revokedAt: IsNull() }, order: { createdAt: 'DESC' } }));
    return sessions
      .filter((s) => this.ended(s, now) === null)
      .map((s) => ({ id: s.id, createdAt: s.createdAt, lastActiveAt: s.lastActiveAt, expiresAt: s.expiresAt, userAgent: s.userAgent }));
  }

  /** A session and its user from the database: undefined when there is no such session or its user or authority is inactive. */
  private async load(sessionId: string, now: number): Promise<CachedSession | 'revoked' | undefined> {
    const ticket = this.cache.ticket();
    const found = await this.uow.read(async (m) => {
      const session = await m.findOne(AuthSessionEntity, { where: { id: sessionId } });
      if (!session || session.revokedAt !== null) return session ? ('revoked' as const) : null;
      const user = await this.principals.findActive(m, { id: session.userId });
      return user ? { session, principal: user.principal } : null;
    });
    if (!found || found === 'revoked') return found ?? undefined;
    const entry: CachedSession = {
      sessionId,
      principal: found.principal,
      expiresAt: found.session.expiresAt.getTime(),
      lastActiveAt: found.session.lastActiveAt.getTime(),
      readAt: now,
    };
    this.cache.put(entry, ticket);
    return entry;
  }

  /** Why a session is over at `now`, or null while it is live. */
  private ended(session: { revokedAt?: Date | null; expiresAt: Date | number; lastActiveAt: Date | number }, now: number): Ended {
    if (session.revokedAt) return 'revoked';
    if (now >= Number(session.expiresAt.valueOf())) return 'expired';
    if (now - Number(session.lastActiveAt.valueOf()) >= this.config.session.idleMs) return 'idle';
    return null;
  }

  private async revokeIn(tx: EntityManager, session: AuthSessionEntity, reason: string, now: Date): Promise<void> {
    await tx.update(AuthSessionEntity, { id: session.id }, { revokedAt: now, revokedReason: reason });
    await this.cache.announce(tx, `session:${session.id}`);
    // This instance drops its copy at once (and again once committed); a rollback only costs a reread.
    this.cache.forget(`session:${session.id}`);
  }

  private async issueRefresh(tx: EntityManager, sessionId: string, now: Date): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await tx.insert(RefreshTokenEntity, { tokenHash: sha256(token), sessionId, issuedAt: now, usedAt: null });
    return token;
  }

  private issued(session: AuthSessionEntity, principal: Principal, refreshToken: string): IssuedTokens {
    const { token, expiresIn } = this.tokens.signAccess(principal.id, session.id, session.expiresAt);
    return { accessToken: token, expiresIn, refreshToken, sessionId: session.id, sessionExpiresAt: session.expiresAt, principal };
  }
}
