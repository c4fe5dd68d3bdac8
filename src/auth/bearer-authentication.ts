import { Injectable } from '@nestjs/common';
import { DomainException } from '../http/domain-exception';
import { OidcSignIn } from './oidc-sign-in';
import type { Principal } from './principal';
import { SessionsService } from './sessions.service';
import { TokenService } from './token.service';

/** The form of an Authorization header the service accepts. */
const BEARER = /^Bearer ([A-Za-z0-9._~+/=-]+)$/;

/** Who a bearer token signs in, and the session of this service it belongs to (none for a single sign-on token). */
export interface Authenticated {
  principal: Principal;
  sessionId?: string;
}

const invalid = () => new DomainException('AUTH_TOKEN_INVALID', 'The bearer token is invalid or has expired.');

/**
 * The one door for a bearer token, used by the global guard and by the documentation's door in production:
 * a token of the configured identity provider goes to single sign-on, any other must be the service's own
 * access token, whose session must be live (docs/security.md, "Sessions", "Single sign-on").
 */
@Injectable()
export class BearerAuthentication {
  constructor(
    private readonly tokens: TokenService,
    private readonly sessions: SessionsService,
    private readonly oidc: OidcSignIn,
  ) {}

  /** From an Authorization header's value. */
  fromHeader(header: string): Promise<Authenticated> {
    const match = BEARER.exec(header);
    return match ? this.fromToken(match[1]) : Promise.reject(invalid());
  }

  private async fromToken(token: string): Promise<Authenticated> {
    if (this.oidc.handles(token)) return { principal: await this.oidc.authenticate(token) };
    const access = this.tokens.verifyAccess(token);
    if (!access) throw invalid();
    return { principal: await this.sessions.authenticate(access), sessionId: access.sessionId };
  }
}
