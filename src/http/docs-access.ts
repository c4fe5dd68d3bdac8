import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { DomainException } from './domain-exception';

/**
 * What Swagger UI and the OpenAPI document are served under (src/app.setup.ts): `/docs`, its assets
 * (`/docs/swagger-ui-init.js`, `/docs/swagger-ui.css`, …), `/docs-json` and `/docs-yaml`. In any case:
 * Express routes match `/DOCS-json` too.
 */
export const DOCS_PATH = /^\/docs(?:$|[/-])/i;

/**
 * Checks an Authorization header as the API's guard does, resolving when it signs someone in and rejecting
 * otherwise: app.setup.ts gives the guard's own check, so the documents' door opens to exactly the callers
 * the API admits.
 */
export type AuthenticateHeader = (authorization: string) => Promise<unknown>;

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
export function docsAccessMiddleware(authenticate: AuthenticateHeader): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (!DOCS_PATH.test(req.path)) return next();
    const header = req.headers.authorization;
    if (!header) return next(new DomainException('AUTH_REQUIRED', 'A bearer token is required to read the API documentation.'));
    authenticate(header).then(
      () => next(),
      () => next(invalid()),
    );
  };
}

const invalid = () => new DomainException('AUTH_TOKEN_INVALID', 'The bearer token is invalid or has expired.');
