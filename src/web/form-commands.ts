import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import type { Principal } from '../auth/principal';
import { DomainException } from '../http/domain-exception';
import { IDEMPOTENCY_KEY_FORMAT } from '../idempotency/idempotency.interceptor';
import { fingerprintOf, IdempotencyService, TwinCommitted } from '../idempotency/idempotency.service';

/** The hidden field a form carries its Idempotency-Key in. */
export const IDEMPOTENCY_FIELD = 'idempotencyKey';

/**
 * A form's command runs once however often it is posted (issue 19, item 2): each form is issued with its own key in
 * a hidden field, and the post runs through the API's idempotency store (src/idempotency): a second post of the
 * same form (a double click, a resend after a timeout) gets the first one's result and has no effect of its own.
 * A twin in flight waits for the first, as the API's retries do.
 */
@Injectable()
export class FormCommands {
  constructor(private readonly idempotency: IdempotencyService) {}

  /** A key for a form about to be shown. */
  newKey(): string {
    return randomUUID();
  }

  /** Runs `work` for this post unless the same form already ran it; the first run's result either way. */
  async once<T>(principal: Principal, request: Request, work: () => Promise<T>): Promise<T> {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const key = body[IDEMPOTENCY_FIELD];
    delete body[IDEMPOTENCY_FIELD];
    if (typeof key !== 'string' || !IDEMPOTENCY_KEY_FORMAT.test(key)) {
      throw new DomainException('IDEMPOTENCY_KEY_INVALID', 'This form is incomplete. Reload the page and try again.');
    }
    const fingerprint = fingerprintOf('POST', request.path, body);
    const stored = await this.replay<T>(principal, key, fingerprint);
    if (stored) return stored;
    const pending = { userId: principal.id, key, method: 'POST', path: request.path, fingerprint, status: 303 };
    try {
      return await this.idempotency.withPending(pending, work);
    } catch (error) {
      // A twin committed while this post waited for it: its result is this post's too.
      if (error instanceof TwinCommitted) return error.replay.body as T;
      if (error instanceof DomainException && error.code === 'IDEMPOTENCY_KEY_IN_FLIGHT') {
        const again = await this.replay<T>(principal, key, fingerprint);
        if (again) return again;
      }
      throw error;
    }
  }

  private async replay<T>(principal: Principal, key: string, fingerprint: string): Promise<T | null> {
    try {
      return ((await this.idempotency.replay(principal.id, key, fingerprint))?.body as T | undefined) ?? null;
    } catch (error) {
      if (error instanceof DomainException && error.code === 'IDEMPOTENCY_KEY_REUSED') {
        throw new DomainException('IDEMPOTENCY_KEY_REUSED', 'This form was already sent with other answers. Reload the page to start from the record as it is now.');
      }
      throw error;
    }
  }
}
