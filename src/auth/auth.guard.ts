import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { DomainException } from '../http/domain-exception';
import { BearerAuthentication, type Authenticated } from './bearer-authentication';
import { BrowserSessions } from './browser-sessions';
import { InspectionGrants } from './inspection-grants';
import type { AuthenticatedRequest } from './principal';
import { ROUTE_POLICY, SIGNED_IN_BY_COOKIE, type RoutePolicy } from '../common/route-policy';

/**
 * The global guard: a bearer token on every route but the public ones and the web pages (which take the browser
 * session cookie instead, src/auth/browser-sessions.ts) — the service's own, whose session is
 * live (checked from the session cache, src/auth/session-cache.ts), or, with single sign-on configured, one
 * from the identity provider (src/auth/oidc-sign-in.ts) — and the route's role policy.
 * Need-to-know (which records a caller may see) is the feature's query's job, answered 404 there.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly bearer: BearerAuthentication,
    private readonly browser: BrowserSessions,
    private readonly inspections: InspectionGrants,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.getAllAndOverride<RoutePolicy | undefined>(ROUTE_POLICY, [
      context.getHandler(),
      context.getClass(),
    ]);
    // Unreachable after the start-up check, but a route without a policy must fail closed.
    if (!policy) throw new DomainException('FORBIDDEN_ROLE', 'This route has no access policy.');
    if (policy.kind === 'public') return true;

    const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const byCookie = this.reflector.getAllAndOverride<boolean | undefined>(SIGNED_IN_BY_COOKIE, [context.getHandler(), context.getClass()]);
    const signedIn = byCookie ? await this.browser.fromRequest(request) : await this.fromBearer(request);
    const { sessionId } = signedIn;
    // An inspector's grants are read on every request, by the clock, so access ends at the expiry (issue 24, item 3).
    const principal = signedIn.principal.roles.includes('inspector')
      ? { ...signedIn.principal, inspections: await this.inspections.liveFor(signedIn.principal.id) }
      : signedIn.principal;
    request.principal = principal;
    request.sessionId = sessionId;

    if (policy.kind === 'roles' && !policy.roles.some((role) => principal.roles.includes(role))) {
      throw new DomainException('FORBIDDEN_ROLE', `This action needs one of the roles: ${policy.roles.join(', ')}.`);
    }
    return true;
  }

  private fromBearer(request: Request): Promise<Authenticated> {
    const header = request.headers.authorization;
    if (!header) throw new DomainException('AUTH_REQUIRED', 'A bearer token is required.');
    return this.bearer.fromHeader(header);
  }
}
