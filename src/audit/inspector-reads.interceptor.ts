import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { from, mergeMap, type Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/principal';
import { requestTarget } from '../http/denials';
import { SecurityAuditService } from './security-audit.service';

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
    const { route, subjectId } = requestTarget(request);
    return next.handle().pipe(mergeMap((answer: unknown) => from(this.audit.inspectorRead(principal, route, subjectId).then(() => answer))));
  }
}
