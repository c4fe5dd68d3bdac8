import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { UnitOfWork } from '../database/unit-of-work';
import { DomainException } from '../http/domain-exception';
import type { AuthenticatedRequest } from './principal';
import { PrincipalRepository } from './principal.repository';
import { ROUTE_POLICY, type RoutePolicy } from '../common/route-policy';
import { TokenService } from './token.service';

/**
 * The global guard: a bearer token on every route but the public ones, and the route's role policy.
 * Need-to-know (which records a caller may see) is the feature's query's job, answered 404 there.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly principals: PrincipalRepository,
    private readonly uow: UnitOfWork,
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
    const header = request.headers.authorization;
    if (!header) throw new DomainException('AUTH_REQUIRED', 'A bearer token is required.');
    const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header);
    const userId = match ? this.tokens.verifyAccess(match[1]) : null;
    if (!userId) throw new DomainException('AUTH_TOKEN_INVALID', 'The bearer token is invalid or has expired.');
    const found = await this.uow.read((m) => this.principals.findActive(m, { id: userId }));
    if (!found) throw new DomainException('AUTH_TOKEN_INVALID', 'The bearer token is invalid or has expired.');
    request.principal = found.principal;

    if (policy.kind === 'roles' && !policy.roles.some((role) => found.principal.roles.includes(role))) {
      throw new DomainException('FORBIDDEN_ROLE', `This action needs one of the roles: ${policy.roles.join(', ')}.`);
    }
    return true;
  }
}
