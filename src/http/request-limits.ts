import { json, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { DomainException } from './domain-exception';

/**
 * How much one request may make the service read or write (issue 18 point 3; ASVS 5.0 V2.4.1; OWASP API4:2023
 * Unrestricted Resource Consumption). The issue sets ceilings — a JSON body of at most 1 MB, a page of at most
 * 100 — and the service stays well inside the first: no command needs more than a few kilobytes, and the
 * largest JSON body, an import of records made under RIPA 2000, is bounded by its 500 records. Uploads have
 * their own limits: a CSP's return `RETURN_MAX_BYTES` (streamed to disk, src/disclosures/returns/return-upload.ts),
 * a RIPA CSV file 1 MiB (src/ripa/ripa-import.limits.ts).
 */

/** The largest JSON body, in bytes: 100 KiB, as Express has always held it here (docs/architecture.md §8). */
export const JSON_BODY_MAX_BYTES = 100 * 1024;

/** The most items one page of any list holds; every list's `pageSize` (or `limit`) is held to it. */
export const PAGE_SIZE_MAX = 100;

/** The largest HTML form a web page posts (src/web): the same bound as a JSON body. */
export const FORM_BODY_LIMIT = JSON_BODY_MAX_BYTES;

/**
 * The JSON body parser for every route, with the limit above; a larger body is refused with 413
 * `PAYLOAD_TOO_LARGE` naming the limit, before a byte more is read or anything is parsed. Named `jsonParser`,
 * as Express's own is, so that Nest does not install its default parser (100 kB) beside it.
 */
export function jsonBodyParser(): RequestHandler {
  const parse = json({ limit: JSON_BODY_MAX_BYTES });
  return function jsonParser(req: Request, res: Response, next: NextFunction): void {
    parse(req, res, (error?: unknown) => {
      if (error && (error as { type?: unknown }).type === 'entity.too.large') {
        next(new DomainException('PAYLOAD_TOO_LARGE', `The JSON body is larger than the limit of ${JSON_BODY_MAX_BYTES} bytes (100 KiB).`));
        return;
      }
      next(error);
    });
  };
}
