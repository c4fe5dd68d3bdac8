import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { DomainException } from './domain-exception';

/**
 * A write whose body is not JSON is refused with 415: without this, Express leaves a text/plain or XML
 * body unparsed and the command would run on an empty object (e.g. an empty draft that spends a URN).
 */
@Injectable()
export class JsonOnlyInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    const hasBody = Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
    if (['POST', 'PUT', 'PATCH'].includes(request.method) && hasBody && !request.is('application/json')) {
      throw new DomainException('UNSUPPORTED_MEDIA_TYPE', 'Send the request body as application/json.');
    }
    return next.handle();
  }
}
