import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { type Observable, tap } from 'rxjs';
import { versionETag } from './if-match';

const SENDS_VERSION_ETAG = 'sendsVersionETag';

/** On a handler that answers with one versioned record: the record's GET, and every 2xx write of it. */
export const SendsVersionETag = (): MethodDecorator => SetMetadata(SENDS_VERSION_ETAG, true);

/**
 * Sends a versioned record's ETag — its version as a strong validator, `"3"` (RFC 9110 §8.8.3) — with the
 * record, so a client can send back exactly what it received in `If-Match` (docs/architecture.md §8).
 * Global, and installed before the idempotency interceptor, so that it also sees a response that one
 * replays.
 */
@Injectable()
export class VersionETagInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (this.reflector.get<boolean | undefined>(SENDS_VERSION_ETAG, context.getHandler()) !== true) return next.handle();
    const response = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      tap((body: unknown) => {
        const version = (body as { version?: unknown } | null)?.version;
        if (Number.isInteger(version)) response.setHeader('ETag', versionETag(version as number));
      }),
    );
  }
}
