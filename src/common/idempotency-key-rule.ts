import { SetMetadata } from '@nestjs/common';

/*
 * How a route takes its Idempotency-Key (issue 24, item 5), said on the route and read by the interceptor
 * (src/idempotency/idempotency.interceptor.ts). Here, in the neutral helpers, so that the routes of auth and of the
 * web pages can say it without importing the interceptor, which imports them.
 */

/**
 * How a POST or PATCH route takes its key. Unmarked routes require the header: a command sent without one
 * could not be retried safely, so it is refused before it runs (issue 24, item 5).
 */
export type IdempotencyKeyRule = 'optional' | 'refused' | 'in-form';
export const IDEMPOTENCY_KEY_RULE = 'idempotencyKeyRule';

/**
 * A route whose body is streamed to its handler (an upload) cannot be fingerprinted before it runs, so a key
 * could replay one file's answer for another: such a route refuses the header, and says how it is safe to
 * retry instead (its own duplicate check).
 */
export const RefusesIdempotencyKey = (): MethodDecorator => SetMetadata<string, IdempotencyKeyRule>(IDEMPOTENCY_KEY_RULE, 'refused');

/** A route of the session itself (`/auth/*`): a repeat changes nothing a record holds, so the key is honoured but not required. */
export const IdempotencyKeyOptional = (): MethodDecorator & ClassDecorator => SetMetadata<string, IdempotencyKeyRule>(IDEMPOTENCY_KEY_RULE, 'optional');

/** A web page's form carries its key in a hidden field, which its controller spends (src/web/form-commands.ts). */
export const IdempotencyKeyInForm = (): MethodDecorator & ClassDecorator => SetMetadata<string, IdempotencyKeyRule>(IDEMPOTENCY_KEY_RULE, 'in-form');
