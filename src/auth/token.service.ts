import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../config';
import type { Clock } from '../workflow/clock';
import { SESSION_CLOCK } from './session-clock';

interface AccessClaims {
  sub: string;
  sid: string;
  typ: 'access';
  iat: number;
  exp: number;
}

/** What a valid access token says: who, and in which session. */
export interface AccessToken {
  userId: string;
  sessionId: string;
}

const seconds = (at: Date): number => Math.floor(at.getTime() / 1000);

/** How many verified tokens are remembered: the oldest is forgotten first, and verified again if it comes back. */
const VERIFIED_TOKENS_KEPT = 10_000;

/**
 * Signs and verifies the service's access tokens (ASVS 5.0 9.1, 9.2): HS256 only, so `alg: none` and foreign
 * algorithms never verify; `iss`, `aud` and `exp` are required and checked against the sessions' clock; the
 * token names its session, which the guard checks on every request.
 */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SESSION_CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Tokens already verified, each with its `exp`. The signature, algorithm, issuer, audience and claims of a
   * token are fixed by its text, so a token that verified once verifies again until its `exp`; only the expiry
   * is checked again. Verifying a signature was a twentieth of a read's time (issue 23). The session behind the
   * token is checked on every request whatever this says (BearerAuthentication), so revocation is unaffected.
   */
  private readonly verified = new Map<string, { access: AccessToken; exp: number }>();

  /** An access token for the session, living the configured time but never past the session's end. */
  signAccess(userId: string, sessionId: string, sessionEndsAt: Date): { token: string; expiresIn: number } {
    const now = seconds(this.clock.now());
    const exp = Math.min(now + this.config.jwt.ttlSeconds, seconds(sessionEndsAt));
    const claims: AccessClaims = { sub: userId, sid: sessionId, typ: 'access', iat: now, exp };
    const token = this.jwt.sign(claims, {
      algorithm: 'HS256',
      issuer: this.config.jwt.issuer,
      audience: this.config.jwt.audience,
      jwtid: randomUUID(),
    });
    return { token, expiresIn: exp - now };
  }

  /** The user and session of a valid access token, or null (bad signature, expired, no `exp`, wrong algorithm, issuer, audience or type). */
  verifyAccess(token: string): AccessToken | null {
    const now = seconds(this.clock.now());
    const known = this.verified.get(token);
    // jsonwebtoken's own test: a token is expired from the second its `exp` names.
    if (known !== undefined) {
      if (now < known.exp) return known.access;
      this.verified.delete(token);
      return null;
    }
    try {
      const claims = this.jwt.verify<Partial<AccessClaims>>(token, {
        algorithms: ['HS256'],
        issuer: this.config.jwt.issuer,
        audience: this.config.jwt.audience,
        clockTimestamp: now,
      });
      // jsonwebtoken accepts a token without `exp` for ever: a token must say when it ends.
      if (typeof claims.exp !== 'number') return null;
      if (claims.typ !== 'access' || typeof claims.sub !== 'string' || typeof claims.sid !== 'string') return null;
      const access = Object.freeze({ userId: claims.sub, sessionId: claims.sid });
      if (this.verified.size >= VERIFIED_TOKENS_KEPT) this.verified.delete(this.verified.keys().next().value as string);
      this.verified.set(token, { access, exp: claims.exp });
      return access;
    } catch {
      return null;
    }
  }
}
