import { applyDecorators } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiHeader,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  ApiSecurity,
  getSchemaPath,
  type HeadersObject,
} from '@nestjs/swagger';
import type { FieldError } from './domain-exception';
import { ERROR_CODES, statusFor, titleFor } from './error-codes';

/*
 * The OpenAPI vocabulary the controllers share (docs/architecture.md §8): the problem document every
 * error answer is, the statuses an operation can answer with, the validators (`ETag`, `If-Match`) and
 * `Idempotency-Key`. Clients are generated from the served document, so what is said here is what a
 * client compiles against.
 */

/** One field at fault, as validation failures and workflow rule refusals both report it. */
export class ProblemFieldError implements FieldError {
  @ApiProperty({ description: 'where: a body path such as `identifiers[0].value`, or a header name', example: 'identifiers[0].value' })
  field!: string;

  @ApiProperty({ description: 'what a person should read', example: 'must be a valid phone number, IMEI or address' })
  message!: string;

  @ApiProperty({ description: 'a stable code for programs: the failed constraint (`isString`) or the rule code', example: 'isString' })
  code!: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, description: 'in an uploaded CSV file: the line the record at fault starts on (the header is line 1)', example: 3 })
  line?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, description: 'in an uploaded JSON array: the index of the record at fault, from 0', example: 0 })
  index?: number;
}

/** An event a rule blocks for the caller whatever they send, with the rule's code and why. */
export class ProblemBlockedEvent {
  @ApiProperty() event!: string;
  @ApiProperty({ description: 'the rule code the event would be refused with' }) code!: string;
  @ApiProperty() message!: string;
}

/**
 * The RFC 9457 problem document `ProblemDetailsFilter` writes for every error answer
 * (docs/architecture.md §5). `allowedEvents` and `fields` appear only on the refusals that carry them.
 */
export class Problem {
  @ApiProperty({ description: 'a URN naming the problem type, derived from `code`', example: 'urn:cd-workflow:problem:application-stale' })
  type!: string;

  @ApiProperty({ description: 'the HTTP status in words', example: 'Precondition Failed' })
  title!: string;

  @ApiProperty({ description: 'the HTTP status, repeated', type: 'integer', example: 412 })
  status!: number;

  @ApiProperty({ description: 'the stable error code; a workflow rule code for a rule refusal', example: 'APPLICATION_STALE' })
  code!: string;

  @ApiProperty({ description: 'what went wrong, for a person', example: 'The application is now at version 4 (ETag "4"); If-Match: "3" does not match it.' })
  detail!: string;

  @ApiProperty({ description: 'the request id (`X-Request-Id`) under which the answer was logged' })
  traceId!: string;

  @ApiPropertyOptional({ type: [ProblemFieldError], description: 'each field at fault (validation failures and rule refusals)' })
  errors?: ProblemFieldError[];

  @ApiPropertyOptional({ type: [String], description: '409 WORKFLOW_INVALID_TRANSITION: the events the caller could send instead' })
  allowedEvents?: string[];

  @ApiPropertyOptional({ type: [ProblemBlockedEvent], description: '409 WORKFLOW_INVALID_TRANSITION: the events a rule blocks for the caller' })
  blockedEvents?: ProblemBlockedEvent[];

  @ApiPropertyOptional({ type: [String], description: 'a CD error rule refusal at creation or edit: the report fields at fault' })
  fields?: string[];
}

/** The 4xx and 5xx statuses an operation can declare; `ApiProblems` refuses a status no code maps to. */
export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 412 | 413 | 415 | 422 | 428 | 429 | 503;

/** Workflow rule codes are not listed in the catalogue one by one; each is about who acts (403) or what was sent (422). */
const RULES: Partial<Record<ProblemStatus, string>> = {
  403: 'a workflow rule about who the caller is (e.g. `NOT_APPLICANT_OF_RECORD`)',
  422: 'a workflow rule about what was sent (e.g. `FORM_INCOMPLETE`; `errors` names the fields)',
};

/**
 * What a status means, from the catalogue itself, so the document names every code that maps to it. 403
 * and 422 add the workflow rule codes (a rule about who acts, or about what was sent).
 */
export function problemDescription(status: ProblemStatus): string {
  const codes = [...ERROR_CODES.filter((code) => statusFor(code) === status).map((code) => `\`${code}\``), ...(RULES[status] ? [RULES[status]] : [])];
  if (codes.length === 0) throw new Error(`no error code maps to ${status} (src/http/error-codes.ts)`);
  return `${titleFor(status)}: a problem whose \`code\` is one of the codes with this status — ${codes.join(', ')}.`;
}

/** The problem responses an operation can give, each an `application/problem+json` {@link Problem}. */
export function ApiProblems(...statuses: ProblemStatus[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(Problem, ProblemFieldError, ProblemBlockedEvent),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: problemDescription(status),
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(Problem) } } },
      }),
    ),
  );
}

/**
 * The ETag of a versioned record: its version as a strong validator (src/http/version-etag.ts). A
 * client sends it back unchanged in `If-Match`.
 */
export const ETAG_HEADER: HeadersObject = {
  ETag: {
    description: 'the record’s version as a strong validator; send it back in `If-Match` to change the record',
    required: true,
    schema: { type: 'string', example: '"3"' },
  },
};

/** Sent when an `Idempotency-Key` replays a stored answer instead of running the command again. */
export const IDEMPOTENT_REPLAYED_HEADER: HeadersObject = {
  'Idempotent-Replayed': {
    description: '`true` when this is the stored answer to an earlier request with the same `Idempotency-Key`',
    schema: { type: 'string', enum: ['true'] },
  },
};

/**
 * `If-Match` on a write to a versioned record (docs/architecture.md §4, §8), with the answers it brings:
 * 412 when it does not match (strong comparison), 428 when it is missing.
 */
export function ApiIfMatch(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiHeader({
      name: 'If-Match',
      required: true,
      description:
        'the ETag of the version you are changing (`"3"`), the bare version (`3`), a list of ETags, or `*`. ' +
        'Compared strongly: a weak validator (`W/"3"`) never matches.',
      schema: { type: 'string', example: '"3"' },
    }),
    ApiProblems(412, 428),
  );
}

/**
 * The `Idempotency-Key` of an authenticated POST or PATCH (docs/architecture.md §8): required on every
 * command (400 without it), optional on the session's own routes (`/auth/*`).
 */
export function ApiIdempotencyKey(key: 'required' | 'optional'): MethodDecorator & ClassDecorator {
  return ApiHeader({
    name: 'Idempotency-Key',
    required: key === 'required',
    description:
      'a new random value (a UUID) for each change you mean to make. A retry with the same key and body gets the stored answer ' +
      'and causes nothing new; the same key with another body is 422.' +
      (key === 'required' ? ' Without it the request is refused (400, `IDEMPOTENCY_KEY_MISSING`).' : ''),
    schema: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{8,200}$' },
  });
}

/**
 * A route anyone may call (`@Public()`): an empty security requirement, so the document's bearer
 * requirement does not apply (OpenAPI 3.0, Security Requirement Object: `{}` makes it optional).
 */
export function ApiPublic(): MethodDecorator & ClassDecorator {
  return ApiSecurity({});
}

/**
 * An authenticated command (POST or PATCH with a JSON body): its `Idempotency-Key` and what it and the
 * body can bring — 400 (a missing or bad key, or a bad body), 401, 409 (a twin in flight, or an event or
 * edit the state does not allow), 413, 415, and 422 (a key reused for another body, or a rule about what
 * was sent). `key` says what the route's interceptor rule is (src/idempotency/idempotency.interceptor.ts).
 */
export function ApiCommand(key: 'required' | 'optional' = 'required'): MethodDecorator & ClassDecorator {
  return applyDecorators(ApiIdempotencyKey(key), ApiProblems(400, 401, 409, 413, 415, 422));
}

/** The headers of a versioned record's 2xx answer to a command: its ETag, and whether it was replayed. */
export const COMMAND_RECORD_HEADERS: HeadersObject = { ...ETAG_HEADER, ...IDEMPOTENT_REPLAYED_HEADER };

/**
 * An enum property that may be null. OpenAPI 3.0's `nullable` widens the type, but an `enum` still
 * lists every allowed value, so null is listed too; generators read it that way (a client then may send
 * null to clear the field, as the validators allow).
 */
export function nullableEnum<T extends string>(values: readonly T[]): { enum: (T | null)[]; nullable: true; type: 'string' } {
  return { enum: [...values, null], nullable: true, type: 'string' };
}

/** A 429 problem with its `Retry-After` header (the problem filter sets it from the refusal), described for the route. */
export function ApiThrottled(retryAfter: string): MethodDecorator {
  return ApiResponse({
    status: 429,
    description: problemDescription(429),
    content: { 'application/problem+json': { schema: { $ref: getSchemaPath(Problem) } } },
    headers: { 'Retry-After': { description: retryAfter, required: true, schema: { type: 'integer', minimum: 1 } } },
  });
}
