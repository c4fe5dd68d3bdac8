import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { AuthorityType, Role } from '../workflow/roles';

/** The authenticated caller, as their session last read them (a deactivated user is out once the change is announced, src/auth/session-cache.ts). */
export interface Principal {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
  readonly authorityId: string;
  readonly authorityType: AuthorityType;
  readonly rank: string | null;
  readonly spocPin: string | null;
  /**
   * An inspector's live grants (issue 24, item 3): the authorities and periods whose records they may read now, read
   * by the global guard on every request with the injected clock; absent for everyone else.
   */
  readonly inspections?: readonly InspectionWindow[];
}

/** What an inspector's grant opens: one authority's records made in [from, to). */
export interface InspectionWindow {
  readonly authorityId: string;
  readonly from: Date;
  readonly to: Date;
}

export interface AuthenticatedRequest {
  principal?: Principal;
  /** The session the access token belongs to (logout ends it). */
  sessionId?: string;
}

export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a route without authentication');
  return principal;
});
