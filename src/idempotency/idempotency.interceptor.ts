import { CallHandler, ExecutionContext, HttpStatus, Injectable, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { catchError, from, mergeMap, Observable, of } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/principal';
import { DomainException } from '../http/domain-exception';
import { assertSafePayload } from '../http/validation';
import { IDEMPOTENCY_KEY_RULE, type IdempotencyKeyRule } from '../common/idempotency-key-rule';
import { fingerprintOf, IdempotencyService, TwinCommitted } from './idempotency.service';

/** What an Idempotency-Key may be, for the header and for a web form's hidden field (src/web/form-commands.ts). */
export const IDEMPOTENCY_KEY_FORMAT = /^[A-Za-z0-9_.:-]{8,200}$/;

/**
 * Requires an `Idempotency-Key` on authenticated POST and PATCH (400 without one) unless the route says
 * otherwise: a retry with the same key and body gets the stored response (same status, same body) and
 * causes no second effect.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly idempotency: IdempotencyService,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<Request & AuthenticatedRequest>();
    const key = request.header('idempotency-key');
    const principal = request.principal;
    // Public routes (sign-in) have no one to hold a key for; GET, PUT and DELETE repeat safely by themselves.
    if (!principal || !['POST', 'PATCH'].includes(request.method)) return next.handle();
    const rule = this.reflector.getAllAndOverride<IdempotencyKeyRule | undefined>(IDEMPOTENCY_KEY_RULE, [context.getHandler(), context.getClass()]);
    if (rule === 'in-form') return next.handle();
    if (key === undefined) {
      if (rule === 'optional' || rule === 'refused') return next.handle();
      throw new DomainException(
        'IDEMPOTENCY_KEY_MISSING',
        'Send an Idempotency-Key header with this request: a new random value (a UUID) for each change you mean to make, and the same value again if you retry it.',
        { errors: [{ field: 'Idempotency-Key', message: 'is required', code: 'isDefined' }] },
      );
    }
    if (rule === 'refused') {
      throw new DomainException(
        'IDEMPOTENCY_KEY_INVALID',
        'This route takes no Idempotency-Key: its body is streamed, not fingerprinted. Sending the same file again is safe: it is refused as a duplicate.',
      );
    }
    if (!IDEMPOTENCY_KEY_FORMAT.test(key)) {
      throw new DomainException('IDEMPOTENCY_KEY_INVALID', 'Idempotency-Key must be 8–200 characters of [A-Za-z0-9_.:-].');
    }
    const response = http.getResponse<Response>();
    const path = request.path;
    // Interceptors run before the validation pipe: a 20 000-level body or 1e400 would break canonicalize (500).
    assertSafePayload(request.body);
    const fingerprint = fingerprintOf(request.method, path, request.body);
    const status =
      this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ??
      (request.method === 'POST' ? HttpStatus.CREATED : HttpStatus.OK);
    const replayed = (replay: { status: number; body: unknown }) => {
      response.status(replay.status);
      response.setHeader('Idempotent-Replayed', 'true');
      return of(replay.body);
    };

    return from(this.idempotency.replay(principal.id, key, fingerprint)).pipe(
      mergeMap((replay) => {
        if (replay) return replayed(replay);
        const pending = { userId: principal.id, key, method: request.method, path, fingerprint, status };
        return new Observable<unknown>((subscriber) =>
          this.idempotency.withPending(pending, () => next.handle().subscribe(subscriber)),
        ).pipe(
          // A concurrent twin committed first: answer with its response. Its transaction made ours wait and
          // then stop before doing anything (TwinCommitted); a twin that slipped past (IN_FLIGHT) is read again.
          catchError((error: unknown) =>
            error instanceof TwinCommitted
              ? replayed(error.replay)
              : error instanceof DomainException && error.code === 'IDEMPOTENCY_KEY_IN_FLIGHT'
              ? from(this.idempotency.replay(principal.id, key, fingerprint)).pipe(
                  mergeMap((again) => {
                    if (again) return replayed(again);
                    throw error;
                  }),
                )
              : Promise.reject(error instanceof Error ? error : new Error(String(error))),
          ),
        );
      }),
    );
  }
}
