import { Inject, Injectable } from '@nestjs/common';
import { createRemoteJWKSet, decodeJwt, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { APP_CONFIG, type AppConfig } from '../config';
import type { Clock } from '../workflow/clock';
import { SESSION_CLOCK } from './session-clock';

/** Who a single sign-on token says its bearer is, read from the configured claims. */
export interface IdentityClaims {
  /** The provider's issuer and subject, `<iss> <sub>`: who the bearer is, for good (a username may be reused). */
  subject: string;
  username: string;
  displayName: string;
  roles: string[];
  authority: string;
  rank: string | null;
  spocPin: string | null;
  /** When the token expires (ms). */
  expiresAt: number;
}

/** The longest username a user of this service has (user_account.username). */
const USERNAME_MAX = 100;

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

/**
 * Verifies bearer tokens from the configured identity provider (issue 18, item 2) with jose: the signature
 * against the issuer's published key set (fetched, cached, fetched again for a key it does not know), an
 * algorithm of the allow-list only (never `none` or a shared-secret one), the issuer, the audience, and `exp`
 * required and checked against the sessions' clock (ASVS 5.0 9.1, 9.2, 10.3).
 */
@Injectable()
export class OidcVerifier {
  private readonly keys: JWTVerifyGetKey | null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SESSION_CLOCK) private readonly clock: Clock,
  ) {
    this.keys = config.oidc ? createRemoteJWKSet(new URL(config.oidc.jwksUrl)) : null;
  }

  get enabled(): boolean {
    return this.config.oidc !== null;
  }

  /** Whether a token says it comes from the configured issuer: which verification it gets, not whether it passes. */
  namesIssuer(token: string): boolean {
    if (!this.config.oidc) return false;
    try {
      return decodeJwt(token).iss === this.config.oidc.issuer;
    } catch {
      return false;
    }
  }

  /** The identity a valid token carries, or null (bad signature or key, algorithm, issuer, audience, expiry, or a claim missing). */
  async verify(token: string): Promise<IdentityClaims | null> {
    const oidc = this.config.oidc;
    if (!oidc || !this.keys) return null;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        issuer: oidc.issuer,
        audience: oidc.audience,
        algorithms: oidc.algorithms,
        requiredClaims: ['exp', 'sub'],
        currentDate: this.clock.now(),
      }));
    } catch {
      return null;
    }
    const claims = oidc.claims;
    const username = text(payload[claims.username]);
    const authority = text(payload[claims.authority]);
    const roles = payload[claims.roles];
    // A username longer than this service keeps cannot be matched as written: refused, not cut short.
    if (!username || username.length > USERNAME_MAX || !authority || !payload.sub || typeof payload.exp !== 'number') return null;
    return {
      subject: `${oidc.issuer} ${payload.sub}`,
      username,
      displayName: text(payload.name) ?? username,
      roles: Array.isArray(roles) ? roles.filter((r): r is string => typeof r === 'string') : [],
      authority,
      rank: text(payload[claims.rank]),
      spocPin: text(payload[claims.spocPin]),
      expiresAt: payload.exp * 1000,
    };
  }
}
