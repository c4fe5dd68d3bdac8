import { ArgumentsHost, Catch, ExceptionFilter, Inject, Logger, Optional } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DENIAL_RECORDER, type DenialRecorder, recordDenial } from '../http/denials';
import { answerFailed, problemOf } from '../http/problem-details.filter';
import { currentRequest } from '../http/request-context';
import { sentence } from './view-filters';
import { SIGN_IN_PATH } from './web-paths';

/** What a person reads for each status the pages can meet: a heading and a next step, never a code. */
const HEADINGS: Readonly<Record<number, string>> = {
  400: 'There is a problem with what was sent',
  403: 'You cannot do that',
  404: 'Page not found',
  409: 'Someone else changed this record',
  413: 'What you sent is too large',
  422: 'That cannot be done now',
  429: 'Too many attempts',
};

/** A form to show again, with the refusal in its error summary, when what it posted is refused (see {@link showAgainIfRefused}). */
interface FormToShowAgain {
  view: string;
  model: Record<string, unknown>;
  /** The id of the field a refusal without field errors points at. */
  field: string;
}

/**
 * Before a form's command runs: if it is refused with a 4xx (a rule, a validation error, a wrong password), the
 * form is shown again with the reason in its error summary and the answers as typed, instead of an error page.
 */
export function showAgainIfRefused(response: Response, view: string, model: Record<string, unknown>, field = 'main-content'): void {
  response.locals.formToShowAgain = { view, model, field } satisfies FormToShowAgain;
}

/**
 * The web pages' answer to anything thrown (src/web): "sign in" becomes a redirect to the sign-in page that
 * comes back here; anything else is a GOV.UK error page with the status and the plain-English detail the API
 * would send as its problem's `detail` (src/http/problem-details.filter.ts owns both). A record of another
 * authority is the same "Page not found" as one that does not exist.
 */
@Catch()
export class WebExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('WebPages');

  constructor(@Optional() @Inject(DENIAL_RECORDER) private readonly denials: DenialRecorder | null = null) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    // Nest does not wait for a filter: the page is sent once the denial, if it is one, is recorded (and a failure
    // to answer is logged, never an unhandled rejection).
    this.answer(exception, host).catch((error: unknown) => answerFailed(this.logger, error, host.switchToHttp().getResponse<Response>()));
  }

  private async answer(exception: unknown, host: ArgumentsHost): Promise<void> {
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    const traceId = currentRequest()?.traceId ?? 'none';
    const problem = problemOf(exception, traceId);
    if (problem.status >= 500) {
      this.logger.error(`traceId=${traceId} ${exception instanceof Error ? (exception.stack ?? exception.message) : String(exception)}`);
    }
    if (response.headersSent) return;
    await recordDenial(this.denials, exception, problem, request);
    if (response.headersSent) return;
    const again = response.locals.formToShowAgain as FormToShowAgain | undefined;
    if (again && problem.status >= 400 && problem.status < 500) {
      const fieldErrors = problem.errors ?? [];
      // As sentences: the guards and the DTOs write their messages in lower case, to be quoted.
      const errorList = fieldErrors.length
        ? fieldErrors.map((e) => ({ text: sentence(e.message), href: `#${fieldId(e.field)}` }))
        : [{ text: sentence(problem.detail), href: `#${again.field}` }];
      const errors = Object.fromEntries(fieldErrors.map((e) => [fieldId(e.field), { text: sentence(e.message) }]));
      response.status(problem.status).render(again.view, { ...again.model, errorList, errors, refusalCode: problem.code });
      return;
    }
    if (problem.status === 401) {
      const back = request.method === 'GET' ? `?returnTo=${encodeURIComponent(request.originalUrl)}` : '';
      response.redirect(303, `${SIGN_IN_PATH}${back}`);
      return;
    }
    const retryAfter = problem.status === 429 ? (exception as { extras?: { retryAfterSeconds?: unknown } }).extras?.retryAfterSeconds : undefined;
    if (typeof retryAfter === 'number') response.setHeader('Retry-After', String(retryAfter));
    response.status(problem.status).render('error.njk', {
      heading: HEADINGS[problem.status] ?? 'Sorry, there is a problem with the service',
      detail: problem.status >= 500 ? 'Try again later. If it keeps happening, tell your service desk this reference:' : problem.detail,
      traceId: problem.status >= 500 ? traceId : null,
      status: problem.status,
    });
  }
}

/** A field path (`identifiers[0].value`) as the id of its input on a page (`identifiers-0-value`). */
export function fieldId(path: string): string {
  return path.replace(/\[(\d+)\]/g, '-$1').replace(/\./g, '-');
}
