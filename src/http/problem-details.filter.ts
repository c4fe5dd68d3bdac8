import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Inject, Logger, Optional } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DENIAL_RECORDER, type DenialRecorder, recordDenial } from './denials';
import { DomainException, FieldError } from './domain-exception';
import { ErrorCode, statusFor, titleFor } from './error-codes';
import { currentRequest } from './request-context';

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  errors?: FieldError[];
  traceId: string;
  [key: string]: unknown;
}

/** Nest's own HTTP exceptions (unknown route, body-parser failures) mapped onto the catalogue. */
const CODE_FOR_HTTP_STATUS: Record<number, ErrorCode> = {
  400: 'MALFORMED_REQUEST',
  401: 'AUTH_REQUIRED',
  403: 'FORBIDDEN_ROLE',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  503: 'SERVICE_UNAVAILABLE',
};

/**
 * The one place that knows HTTP statuses for errors: answers RFC 9457 `application/problem+json`
 * (docs/architecture.md §5). Unknown errors are logged with the trace id and answered 500 without stack, SQL or path.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  constructor(@Optional() @Inject(DENIAL_RECORDER) private readonly denials: DenialRecorder | null = null) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    // Nest does not wait for a filter: the answer is sent once the denial, if it is one, is recorded. Nothing thrown
    // while answering may escape as an unhandled rejection: it is logged, and the request still gets an answer.
    this.answer(exception, host).catch((error: unknown) => answerFailed(this.logger, error, host.switchToHttp().getResponse<Response>()));
  }

  private async answer(exception: unknown, host: ArgumentsHost): Promise<void> {
    const response = host.switchToHttp().getResponse<Response>();
    const traceId = currentRequest()?.traceId ?? 'none';
    const problem = problemOf(exception, traceId);
    if (problem.status >= 500) {
      this.logger.error(
        `traceId=${traceId} ${exception instanceof Error ? (exception.stack ?? exception.message) : String(exception)}`,
      );
    }
    if (response.headersSent) return;
    await recordDenial(this.denials, exception, problem, host.switchToHttp().getRequest<Request>());
    if (response.headersSent) return;
    // How long to wait before trying again (RFC 9110 §10.2.3), for a refusal that says so (the login limits).
    const retryAfter = exception instanceof DomainException ? exception.extras.retryAfterSeconds : undefined;
    if (typeof retryAfter === 'number') response.setHeader('Retry-After', String(retryAfter));
    response.status(problem.status).type('application/problem+json').json(problem);
  }
}

/** The last resort of an exception filter whose answer failed: log it, and end the request with a bare 500. */
export function answerFailed(logger: Logger, error: unknown, response: Response): void {
  logger.error(`the answer to a refused request failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  if (!response.headersSent) response.status(500).end();
}

/**
 * Any thrown value as a problem (docs/architecture.md §5): a DomainException by its code's status, Nest's own
 * HTTP exceptions onto the catalogue, anything else a 500 without detail. The web pages' error page reads its
 * status and words from here too (src/web/web-exception.filter.ts).
 */
export function problemOf(exception: unknown, traceId: string): Problem {
  if (exception instanceof DomainException) {
    const status = statusFor(exception.code);
    // `retryAfterSeconds` is a header (above), not a member of the problem.
    const { errors, ...rest } = Object.fromEntries(Object.entries(exception.extras).filter(([name]) => name !== 'retryAfterSeconds')) as typeof exception.extras;
    return {
      ...rest,
      type: `urn:cd-workflow:problem:${exception.code.toLowerCase().replace(/_/g, '-')}`,
      title: titleFor(status),
      status,
      code: exception.code,
      detail: exception.detail,
      ...(errors ? { errors } : {}),
      traceId,
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const code = CODE_FOR_HTTP_STATUS[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'MALFORMED_REQUEST');
    return problemOf(new DomainException(code, safeDetail(status)), traceId);
  }
  return problemOf(new DomainException('INTERNAL_ERROR', 'An unexpected error occurred.'), traceId);
}

function safeDetail(status: number): string {
  if (status === 404) return 'No such resource.';
  if (status === 413) return 'The request body is too large.';
  if (status === 400) return 'The request could not be read (malformed body or parameters).';
  return titleFor(status);
}
