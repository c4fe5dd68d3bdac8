import { SetMetadata } from '@nestjs/common';
import type { Role } from '../workflow/roles';

/**
 * The vocabulary every route uses to declare who may call it. It lives in src/common, not src/auth, so a
 * controller anywhere (a feature, /health in src/http) declares its policy without depending on how it is
 * enforced: the global guard and the start-up check in src/auth read this metadata (docs/architecture.md §3).
 */
export const ROUTE_POLICY = 'cd:route-policy';

/**
 * Every route declares who may call it; a route without a policy makes the app refuse to start
 * (issue 3, item 4), so a forgotten decorator can never mean "open to everyone".
 */
export type RoutePolicy =
  | { kind: 'public' }
  | { kind: 'authenticated' }
  | { kind: 'roles'; roles: readonly Role[] };

/** No token needed (health, login, API docs). */
export const Public = () => SetMetadata(ROUTE_POLICY, { kind: 'public' } satisfies RoutePolicy);

/** Any signed-in user; need-to-know is then checked by the feature's query. */
export const Authenticated = () => SetMetadata(ROUTE_POLICY, { kind: 'authenticated' } satisfies RoutePolicy);

/** Signed-in users holding at least one of these roles. */
export const Roles = (...roles: Role[]) => SetMetadata(ROUTE_POLICY, { kind: 'roles', roles } satisfies RoutePolicy);

/** Routes whose caller is signed in by the web pages' cookie rather than a bearer token (src/web). */
export const SIGNED_IN_BY_COOKIE = 'cd:signed-in-by-cookie';

/**
 * The route is a web page: its credential is the browser session cookie (src/auth/browser-sessions.ts), never
 * a bearer token; the route policy above still says who may open it.
 */
export const SignedInByCookie = () => SetMetadata(SIGNED_IN_BY_COOKIE, true);
