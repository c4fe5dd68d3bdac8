import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { DomainException } from './domain-exception';

/**
 * What Swagger UI and the OpenAPI document are served under (src/app.setup.ts): `/docs`, its assets
 * (`/docs/swagger-ui-init.js`, `/docs/swagger-ui.css`, …), `/docs-json` and `/docs-yaml`. In any case:
 * Express routes match `/DOCS-json` too.
 */
export const DOCS_PATH = /^\/docs(?:$|[/-])/i;

/** The bearer token of a request, if it sends one in the form the guard accepts. */
const BEARER = /^Bearer ([A-Za-z0-9._~+/=-]+)$/;

/**
 * Checks an access token; whatever it answers other than null (or undefined, or false) means valid. Given by
 * app.setup.ts as the token service's own check, so the documents' door opens to exactly the tokens the API's
 * guard accepts.
 */
export type VerifyAccessToken = (token: string) => unknown;

/**
 * In production the API's description is for signed-in callers only (ASVS 5.0 V13.4.5: documentation of an
 * internal API is not exposed unless intended; OWASP API9:2023 Improper Inventory Management): every route
 * it lists, its error codes and its examples are a map for an attacker. A request for the docs without a valid
 * bearer token is answered 401 problem+json, as the API's own routes answer one (`AUTH_REQUIRED` without a
 * token, `AUTH_TOKEN_INVALID` with a bad one). Outside production the docs stay public for developers.
 *
 * Express middleware, installed before Swagger's routes, because those routes are not Nest controllers and the
 * global guard never sees them.
 */
export function docsAccessMiddleware(verify: VerifyAccessToken): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (!DOCS_PATH.test(req.path)) return next();
    const header = req.headers.authorization;
    if (!header) return next(new DomainException('AUTH_REQUIRED', 'A bearer token is required to read the API documentation.'));
    const match = BEARER.exec(header);
    Promise.resolve(match ? verify(match[1]) : null).then(
      (verified) => next(verified === null || verified === undefined || verified === false ? invalid() : undefined),
      () => next(invalid()),
    );
  };
}

const invalid = () => new DomainException('AUTH_TOKEN_INVALID', 'The bearer token is invalid or has expired.');
