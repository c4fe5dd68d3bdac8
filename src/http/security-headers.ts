import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

/** A year, in seconds: HSTS's usual lifetime (and the minimum the browsers' preload lists accept). */
export const HSTS_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

/** A directive's value computed per response: helmet calls it with the request and response. */
type NonceSource = (req: IncomingMessage, res: ServerResponse) => string;

/** A fresh nonce per response (CSP Level 3 §6.1.4.1: unguessable, never reused), kept in `res.locals.cspNonce` for the page's template. */
export function cspNonceMiddleware(_req: Request, res: Response, next: NextFunction): void {
  res.locals.cspNonce = randomBytes(16).toString('base64');
  next();
}

const nonceSource: NonceSource = (_req, res) => `'nonce-${String((res as Response).locals.cspNonce)}'`;

/**
 * The Content-Security-Policy of every response (ASVS 5.0 V3.4.3; OWASP API8:2023 Security Misconfiguration). The API answers JSON, PDF and
 * files, which a browser never runs; the HTML pages are Swagger UI at /docs and the web pages (src/web), and this is
 * the tightest policy they work under: their scripts, stylesheets and icons are files of this origin (`'self'`; the one
 * inline script, GOV.UK's `js-enabled` line, runs by this response's nonce), Swagger's page carries `<style>` blocks
 * (`style-src 'unsafe-inline'`, styles only) and its stylesheet draws with `data:` SVG images. Nothing may frame any response (`frame-ancestors 'none'`, ASVS 5.0 V3.4.6), no plug-in runs, no
 * form posts elsewhere. test/security-headers.e2e-spec.ts loads the page's assets under it.
 */
export function contentSecurityPolicyDirectives(production: boolean): Record<string, (string | NonceSource)[] | null> {
  return {
    'default-src': ["'self'"],
    // ASVS 5.0 3.4.3 asks for `object-src 'none'` and `base-uri 'none'` at least; no page here sets a <base>.
    'base-uri': ["'none'"],
    'connect-src': ["'self'"],
    'font-src': ["'self'", 'data:'],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    'img-src': ["'self'", 'data:'],
    'object-src': ["'none'"],
    // The web pages' one inline script (GOV.UK's template marks the body `js-enabled`) runs by this response's
    // nonce; every other script is a file of this origin (src/web).
    'script-src': ["'self'", nonceSource],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    // Production is behind TLS; a developer's http://host:3000 would have every asset of /docs "upgraded" to
    // an https URL nothing answers.
    'upgrade-insecure-requests': production ? [] : null,
  };
}

/**
 * Every response carries helmet's headers (issue 18 point 5): the CSP above, HSTS for a year and every subdomain
 * (ASVS 5.0 V3.4.1), `nosniff` (V3.4.4), `Referrer-Policy: no-referrer` (V3.4.5), `X-Frame-Options: DENY` for
 * browsers that predate `frame-ancestors`, `Cross-Origin-Opener-Policy: same-origin` (V3.4.8) and
 * `Cross-Origin-Resource-Policy: same-origin`.
 */
export function helmetMiddleware(production: boolean): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicyDirectives(production) },
    strictTransportSecurity: { maxAge: HSTS_MAX_AGE_SECONDS, includeSubDomains: true },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  }) as RequestHandler;
}

/**
 * `Cache-Control: no-store` on every response, set before anything answers so that an error, a 404 and a
 * streamed file carry it too (ASVS 5.0 V14.3.2: no sensitive data in caches; OWASP API8:2023). Every answer of
 * this API is a record of communications data, of a person, or of who asked for it; none may sit in a shared
 * or browser cache. Static files (Swagger UI's, the web pages' assets) carry it too: their servers keep a
 * `Cache-Control` already set.
 */
export function noStoreMiddleware(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Cache-Control', 'no-store');
  next();
}

/** All three, in the order they must run: first of all the middleware, so every response has them. */
export function securityHeaders(options: { production: boolean }): RequestHandler[] {
  return [cspNonceMiddleware, helmetMiddleware(options.production), noStoreMiddleware];
}
