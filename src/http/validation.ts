import { applyDecorators, type ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { IsISO8601, Matches } from 'class-validator';
import { DomainException, FieldError } from './domain-exception';

/** Flattens class-validator's tree into `field` paths such as `identifiers[0].value`. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const segment = /^\d+$/.test(error.property) ? `[${error.property}]` : error.property;
    const field = parent ? (segment.startsWith('[') ? parent + segment : `${parent}.${segment}`) : segment;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({ field, message, code: constraint }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** Deeper than any real payload; class-transformer and canonicalize recurse and overflow at ~2 000 levels. */
export const MAX_PAYLOAD_DEPTH = 64;

/** What makes a parsed payload unsafe to transform or canonicalise; iterative, so it cannot overflow itself. */
function payloadDefect(value: unknown): string | null {
  const stack: [unknown, number][] = [[value, 0]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [node, depth] = next;
    // JSON.parse reads 1e400 as Infinity, which canonical JSON (idempotency, history hashes) refuses.
    if (typeof node === 'number' && !Number.isFinite(node)) return 'Numbers must be finite (1e400 is out of range).';
    if (node === null || typeof node !== 'object') continue;
    if (depth >= MAX_PAYLOAD_DEPTH) return `The request is nested more than ${MAX_PAYLOAD_DEPTH} levels deep.`;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return null;
}

/** 400 instead of a stack overflow or a canonicalisation error (both 500s) for a hostile payload. */
export function assertSafePayload(value: unknown): void {
  const defect = payloadDefect(value);
  if (defect) throw new DomainException('MALFORMED_REQUEST', defect);
}

class SafePayloadValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') assertSafePayload(value);
    return super.transform(value, metadata) as Promise<unknown>;
  }
}

/** The one global pipe (docs/architecture.md §2): unknown properties refused, payloads transformed to DTOs. */
export function createValidationPipe(): ValidationPipe {
  return new SafePayloadValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const fieldErrors = flattenValidationErrors(errors);
      return new DomainException(
        'VALIDATION_FAILED',
        `The request has ${fieldErrors.length} invalid field(s): ${[...new Set(fieldErrors.map((e) => e.field))].join(', ')}.`,
        { errors: fieldErrors },
      );
    },
  });
}

/**
 * An instant given with its offset (`Z` or `+01:00`), strict ISO 8601: a time without one would be read in no zone a
 * person meant. For the infrastructure's DTOs (the features have their own, which also names the example).
 */
export function IsInstantGivenWithOffset(): PropertyDecorator {
  return applyDecorators(
    IsISO8601({ strict: true }),
    Matches(/(Z|[+-]\d{2}:\d{2})$/, { message: ({ property }) => `${property} must give its offset (Z or +01:00)` }),
  );
}
