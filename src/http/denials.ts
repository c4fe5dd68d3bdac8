import { Logger } from '@nestjs/common';
import type { Request } from 'express';
import { DomainException, NotFoundDomainException } from './domain-exception';
import { isRuleCode } from './error-codes';
import type { Problem } from './problem-details.filter';

/**
 * One refusal, as the security audit stream records it (issue 24, item 1): who asked (null when no one could be
 * identified), what they asked for (the method, the route as declared, the record the path names) and why it was
 * refused (the status and the problem's code). Never the request's body.
 */
export interface Denial {
  actor: { id: string; roles: readonly string[]; authorityId: string } | null;
  method: string;
  /** The route as declared (`/applications/:id/events`), or the path when no route matched. */
  route: string;
  /** The record the path names (its `:id`), when it names one. */
  subjectId: string | null;
  status: number;
  code: string;
  traceId: string;
}

/** Where denials are written: the security audit stream (src/audit), provided under this token. */
export const DENIAL_RECORDER = Symbol('DENIAL_RECORDER');
export interface DenialRecorder {
  denied(denial: Denial): Promise<void>;
}

/** What the global guard leaves on a request it let through (src/auth sits above src/http, so it is named here by shape). */
type SignedInRequest = Request & { principal?: { id: string; roles: readonly string[]; authorityId: string } };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether an answer is a denial (issue 24, item 1): every 401 and 403; a 404 for a record the caller may not see
 * (need-to-know answers "not found" rather than reveal it: a record lookup's NotFoundDomainException, not an unknown
 * route); and every refused transition (an event the state does not allow, or one a rule blocks).
 */
export function isDenial(exception: unknown, problem: Problem): boolean {
  if (problem.status === 401 || problem.status === 403) return true;
  if (exception instanceof NotFoundDomainException) return true;
  return exception instanceof DomainException && (exception.code === 'WORKFLOW_INVALID_TRANSITION' || isRuleCode(exception.code));
}

/**
 * What a request asked for, as the security audit stream records it: the route as declared (or the path, cut
 * short, when no route matched) and the record its path names (its `:id`, when that is an id at all).
 */
export function requestTarget(request: Request): { route: string; subjectId: string | null } {
  const id = (request.params as Record<string, string | undefined> | undefined)?.id;
  const route = (request.route as { path?: unknown } | undefined)?.path;
  return { route: typeof route === 'string' ? route : request.path.slice(0, 200), subjectId: id !== undefined && UUID.test(id) ? id.toLowerCase() : null };
}

/** The denial an answer is, or null when it is none. */
export function denialOf(exception: unknown, problem: Problem, request: SignedInRequest): Denial | null {
  if (!isDenial(exception, problem)) return null;
  const principal = request.principal;
  return {
    actor: principal ? { id: principal.id, roles: [...principal.roles], authorityId: principal.authorityId } : null,
    method: request.method,
    ...requestTarget(request),
    status: problem.status,
    code: problem.code,
    traceId: problem.traceId,
  };
}

const logger = new Logger('SecurityAudit');

/**
 * Records the denial `exception` is, if it is one, before its answer is sent. A failure to record is logged as an
 * error, with the trace id, and the refusal is still sent: it refuses, so nothing is let through unrecorded.
 */
export async function recordDenial(recorder: DenialRecorder | null, exception: unknown, problem: Problem, request: SignedInRequest): Promise<void> {
  const denial = recorder && denialOf(exception, problem, request);
  if (!denial) return;
  try {
    await recorder.denied(denial);
  } catch (error) {
    logger.error(`traceId=${problem.traceId} the denial could not be recorded in the security audit stream: ${error instanceof Error ? error.message : String(error)}`);
  }
}
