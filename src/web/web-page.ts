import { applyDecorators, Controller, UseFilters, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SignedInByCookie } from '../common/route-policy';
import { AcceptsBody } from '../http/json-only.interceptor';
import { IdempotencyKeyInForm } from '../common/idempotency-key-rule';
import { CsrfGuard } from './csrf';
import { WebLocalsInterceptor } from './web-locals.interceptor';
import { WebExceptionFilter } from './web-exception.filter';

/**
 * A controller of web pages (docs/web.md): signed in by the browser session cookie, CSRF-checked on every
 * POST, HTML forms as bodies (each with its Idempotency-Key in a hidden field), errors as pages, left out of the OpenAPI document (it describes the JSON API).
 * Each route still declares who may open it (@Public, @Authenticated, @Roles), checked by the one global guard.
 */
export function WebPages(path = ''): ClassDecorator {
  return applyDecorators(
    Controller(path),
    ApiExcludeController(),
    SignedInByCookie(),
    AcceptsBody('application/x-www-form-urlencoded'),
    IdempotencyKeyInForm(),
    UseGuards(CsrfGuard),
    UseInterceptors(WebLocalsInterceptor),
    UseFilters(WebExceptionFilter),
  );
}
