import { CanActivate, ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { doubleCsrf, type DoubleCsrfUtilities } from 'csrf-csrf';
import type { Request, Response } from 'express';
import { createHmac, randomBytes } from 'node:crypto';
import { BrowserSessions, browserCookieSecret } from '../auth/browser-sessions';
import { APP_CONFIG, type AppConfig } from '../config';
import { DomainException } from '../http/domain-exception';

/** The hidden field every form of the web pages carries its token in. */
export const CSRF_FIELD = '_csrf';

/**
 * Cross-site request forgery (docs/security.md, "Web pages"; ASVS 5.0 3.5.1; OWASP CSRF cheat sheet, "Signed
 * double-submit cookie"): `csrf-csrf` issues a token bound by HMAC to the browser session (or, before sign-in,
 * to a random pre-session cookie, so the sign-in form is protected too) and checks it on every POST of a web
 * page, together with SameSite=Lax cookies. The JSON API takes no cookie, so it needs no token.
 */
@Injectable()
export class WebCsrf {
  private readonly csrf: DoubleCsrfUtilities;
  private readonly preSessionCookie: string;
  private readonly production: boolean;

  constructor(
    private readonly browser: BrowserSessions,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.production = config.env === 'production';
    this.preSessionCookie = this.production ? '__Host-cd_presession' : 'cd_presession';
    const secret = createHmac('sha256', browserCookieSecret(config)).update('csrf').digest('base64url');
    this.csrf = doubleCsrf({
      getSecret: () => secret,
      getSessionIdentifier: (req) => this.sessionIdentifier(req),
      cookieName: this.production ? '__Host-cd_csrf' : 'cd_csrf',
      cookieOptions: { sameSite: 'lax', secure: this.production, httpOnly: true, path: '/' },
      getCsrfTokenFromRequest: (req) => {
        const body = req.body as Record<string, unknown> | undefined;
        return typeof body?.[CSRF_FIELD] === 'string' ? body[CSRF_FIELD] : null;
      },
    });
  }

  /** The token for this page's forms (the same one while it stays valid for this session). */
  token(req: Request, res: Response): string {
    if (!this.sessionCookie(req) && !this.preSession(req)) {
      const value = randomBytes(18).toString('base64url');
      res.cookie(this.preSessionCookie, value, { httpOnly: true, sameSite: 'lax', secure: this.production, path: '/' });
      (req.cookies as Record<string, string>)[this.preSessionCookie] = value;
    }
    return this.csrf.generateCsrfToken(req, res, { overwrite: false, validateOnReuse: false });
  }

  /** Whether a POST carries a token valid for its session; the token is then taken out of the form. */
  check(req: Request): boolean {
    const valid = this.csrf.validateRequest(req);
    if (req.body && typeof req.body === 'object') delete (req.body as Record<string, unknown>)[CSRF_FIELD];
    return valid;
  }

  private sessionIdentifier(req: Request): string {
    return this.sessionCookie(req) ?? this.preSession(req) ?? '';
  }

  private sessionCookie(req: Request): string | undefined {
    const value = (req.signedCookies as Record<string, unknown> | undefined)?.[this.browser.cookieName];
    return typeof value === 'string' ? value : undefined;
  }

  private preSession(req: Request): string | undefined {
    const value = (req.cookies as Record<string, unknown> | undefined)?.[this.preSessionCookie];
    return typeof value === 'string' && value.length > 0 ? value : undefined;
  }
}

/** A POST without a valid token: a 403 page, and nothing changed. */
export function csrfRefused(): DomainException {
  return new DomainException('WEB_CSRF_INVALID', 'This form has expired or did not come from this service. Go back, reload the page and try again.');
}

const MULTIPART_FORM = 'webMultipartForm';

/**
 * A POST whose form is `multipart/form-data` (a file upload): no body parser reads it before the route, so the
 * route spools the upload and checks the token from its fields (placed before the file) with {@link WebCsrf.check}
 * before anything is stored. Any other body posted to it is checked by {@link CsrfGuard} as usual.
 */
export const MultipartForm = () => SetMetadata(MULTIPART_FORM, true);

/** Every POST of a web page needs its CSRF token; anything else passes. */
@Injectable()
export class CsrfGuard implements CanActivate {
  constructor(
    private readonly csrf: WebCsrf,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    if (request.method === 'GET' || request.method === 'HEAD') return true;
    if (this.reflector.get<boolean | undefined>(MULTIPART_FORM, context.getHandler()) && request.is('multipart/form-data')) return true;
    if (!this.csrf.check(request)) throw csrfRefused();
    return true;
  }
}
