import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { from, mergeMap, type Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/principal';
import { SecurityAuditService } from './security-audit.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Every reading by an inspector is a VIEWED event of the security audit stream (issue 24, item 3), written once the
 * route has its answer and before it is sent: the route, and the record its path names. An inspector only reads (the
 * role is in no policy that writes), so every answer an inspector gets is a reading.
 */
@Injectable()
export class InspectorReadsInterceptor implements NestInterceptor {
  constructor(private readonly audit: SecurityAuditService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const principal = request.principal;
    if (!principal?.roles.includes('inspector') || request.method !== 'GET') return next.handle();
    const id = (request.params as Record<string, string | undefined>).id;
    const route = (request.route as { path?: unknown } | undefined)?.path;
    return next.handle().pipe(
      mergeMap((answer: unknown) =>
        from(
          this.audit
            .inspectorRead(principal, `GET ${typeof route === 'string' ? route : request.path}`, id !== undefined && UUID.test(id) ? id.toLowerCase() : null)
            .then(() => answer),
        ),
      ),
    );
  }
}
