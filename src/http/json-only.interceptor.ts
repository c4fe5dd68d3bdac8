import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { DomainException } from './domain-exception';

const BODY_MEDIA_TYPES = 'bodyMediaTypes';

/**
 * The media types a route takes its body in, in place of JSON alone: an import of records accepts
 * `text/csv` too; a web page's controller (src/web) takes HTML forms. The route must also have that type parsed
 * (Express parses JSON for every route; forms only under the web pages' paths).
 */
export const AcceptsBody = (...mediaTypes: string[]) => SetMetadata(BODY_MEDIA_TYPES, mediaTypes);

/**
 * A write whose body is not JSON (or a type its route accepts: {@link AcceptsBody}) is refused with 415:
 * without this, Express leaves a text/plain or XML body unparsed and the command would run on an empty
 * object (e.g. an empty draft that spends a URN).
 */
@Injectable()
export class JsonOnlyInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    const accepted = this.reflector.getAllAndOverride<string[] | undefined>(BODY_MEDIA_TYPES, [context.getHandler(), context.getClass()]) ?? ['application/json'];
    const hasBody = Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
    if (['POST', 'PUT', 'PATCH'].includes(request.method) && hasBody && !request.is(accepted)) {
      throw new DomainException('UNSUPPORTED_MEDIA_TYPE', `Send the request body as ${accepted.join(' or ')}.`);
    }
    return next.handle();
  }
}
