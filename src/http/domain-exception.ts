import type { ErrorCode } from './error-codes';

/**
 * One field at fault: where, what a person should read, and a stable code for machines. An error in an
 * uploaded file also says which record: its `line` in a CSV file, or its `index` in a JSON array.
 */
export interface FieldError {
  field: string;
  message: string;
  code: string;
  line?: number;
  index?: number;
}

/**
 * Base of every exception domain code throws. It carries a stable code and never an HTTP status:
 * only the problem-details filter maps codes to statuses (docs/architecture.md §5).
 */
export class DomainException extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    /** `retryAfterSeconds` becomes the answer's `Retry-After` header, not a member of the problem. */
    readonly extras: { errors?: FieldError[]; retryAfterSeconds?: number; [key: string]: unknown } = {},
  ) {
    super(detail);
    this.name = 'DomainException';
  }
}

export class NotFoundDomainException extends DomainException {
  constructor(what: string) {
    super('NOT_FOUND', `${what} was not found.`);
  }
}
