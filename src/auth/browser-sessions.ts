import { Inject, Injectable } from '@nestjs/common';
import type { CookieOptions, Request } from 'express';
import { hkdfSync } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../config';
import { DomainException } from '../http/domain-exception';
import { AuthService } from './auth.service';
import type { Authenticated } from './bearer-authentication';
import type { LoginDto } from './login.dto';
import type { Principal } from './principal';
import { SessionsService } from './sessions.service';

/** A signed cookie's value: the session and its user (cookie-parser adds and checks the HMAC). */
const VALUE = /^([0-9a-f-]{36}):([0-9a-f-]{36})$/;

const signInAgain = () => new DomainException('AUTH_REQUIRED', 'Sign in to continue.');

/**
 * The key cookie-parser signs the web pages' cookies with: derived from the token secret (HKDF-SHA256), so
 * there is one secret to keep and rotating it ends every browser session as it ends every access token.
 */
export function browserCookieSecret(config: AppConfig): string {
  return Buffer.from(hkdfSync('sha256', config.jwt.secret, 'cd-web-cookies', 'browser session cookie', 32)).toString('base64url');
}

/**
 * The web pages' door (docs/security.md, "Web pages"): a sign-in form opens a session of the same table the
 * API's tokens belong to (so idle and absolute limits, logout, the user's list and "disabled means out at
 * once" hold alike), and the browser keeps only a signed, httpOnly, SameSite=Lax cookie naming it, Secure
 * and `__Host-` prefixed in production. The API never reads this cookie: only routes that declare
 * `SignedInByCookie` do, and each of their POSTs needs a CSRF token (src/web/csrf.ts).
 */
@Injectable()
export class BrowserSessions {
  readonly cookieName: string;
  private readonly production: boolean;

  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.production = config.env === 'production';
    this.cookieName = this.production ? '__Host-cd_session' : 'cd_session';
  }

  /** Session cookies only (no Max-Age): closing the browser forgets it; the server ends it anyway. */
  cookieOptions(): CookieOptions {
    return { httpOnly: true, sameSite: 'lax', secure: this.production, path: '/', signed: true };
  }

  /** Checks the password (one check for both doors) and opens a session; the cookie's value for it. */
  async signIn(dto: LoginDto, userAgent: string | undefined): Promise<{ cookie: string; principal: Principal }> {
    const issued = await this.auth.openSession(dto, userAgent);
    return { cookie: `${issued.sessionId}:${issued.principal.id}`, principal: issued.principal };
  }

  /** The session named by the request's cookie, if it is live; otherwise "sign in". */
  async fromRequest(request: Request): Promise<Authenticated> {
    const signed = (request.signedCookies as Record<string, unknown> | undefined)?.[this.cookieName];
    const match = typeof signed === 'string' ? VALUE.exec(signed) : null;
    if (!match) throw signInAgain();
    const [, sessionId, userId] = match;
    try {
      return { principal: await this.sessions.authenticate({ sessionId, userId }), sessionId };
    } catch (error) {
      // An ended or unknown session is the same thing to a person at a browser: sign in again.
      if (error instanceof DomainException && error.code.startsWith('AUTH_')) throw signInAgain();
      throw error;
    }
  }

  /** Ends the session behind the cookie, if it is still live. */
  async signOut(request: Request): Promise<void> {
    const found = await this.fromRequest(request).catch(() => null);
    if (found?.sessionId) await this.sessions.revoke(found.principal.id, found.sessionId, 'logout').catch(() => undefined);
  }
}
