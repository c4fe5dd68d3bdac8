import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

export interface RequestContext {
  readonly traceId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** The current request's context, if any (logs and problem documents carry its trace id). */
export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}

const TRACE_ID = /^[A-Za-z0-9-]{8,64}$/;

/** Express middleware: one context per request; a well-formed incoming X-Request-Id is kept. */
export function requestContextMiddleware(req: Request, res: Response, next: NextFunction): void {
  const incoming = req.header('x-request-id');
  const traceId = incoming && TRACE_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader('X-Request-Id', traceId);
  storage.run({ traceId }, next);
}
