import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { AuthorityType, Role } from '../workflow/roles';

/** The authenticated caller, loaded from the database on every request (a deactivated user is out at once). */
export interface Principal {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
  readonly authorityId: string;
  readonly authorityType: AuthorityType;
  readonly rank: string | null;
  readonly spocPin: string | null;
}

export interface AuthenticatedRequest {
  principal?: Principal;
}

export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a route without authentication');
  return principal;
});
