import { APPLICATION_RULE_KINDS, type ApplicationRuleCode } from '../workflow/application.guards';
import { CD_ERROR_RULE_KINDS, type CdErrorRuleCode } from '../workflow/cd-error.guards';
import { DISCLOSURE_REQUEST_RULE_KINDS, type DisclosureRequestRuleCode } from '../workflow/disclosure-request.rule-codes';
import type { RuleKind } from '../workflow/core/rules';

/**
 * The one catalogue of stable error codes (docs/architecture.md §5). `statusFor` is an exhaustive switch: a code
 * added here without a status fails `tsc`.
 */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'MALFORMED_REQUEST',
  // A NUL character or an unpaired UTF-16 surrogate in any string of a body or query (src/http/input-hygiene.ts).
  'INPUT_CHARACTERS_INVALID',
  'WEB_CSRF_INVALID',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'AUTH_REQUIRED',
  'AUTH_INVALID_CREDENTIALS',
  'AUTH_TOKEN_INVALID',
  'AUTH_SESSION_ENDED',
  'AUTH_REFRESH_INVALID',
  'AUTH_REFRESH_REUSED',
  'AUTH_AUTHORITY_UNKNOWN',
  'AUTH_USER_DISABLED',
  'AUTH_LOCAL_LOGIN_DISABLED',
  'AUTH_ACCOUNT_CONFLICT',
  // Too many failed sign-ins for one username or from one address (ASVS 5.0 V6.3.1; OWASP API4:2023); sent with Retry-After.
  'AUTH_THROTTLED',
  'FORBIDDEN_ROLE',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'IDEMPOTENCY_KEY_INVALID',
  'IDEMPOTENCY_KEY_MISSING',
  'REVERSE_AUDIT_INVALID',
  'IDEMPOTENCY_KEY_REUSED',
  'IDEMPOTENCY_KEY_IN_FLIGHT',
  'PRECONDITION_REQUIRED',
  'APPLICATION_STALE',
  'WORKFLOW_INVALID_TRANSITION',
  'RENEWAL_NOT_ALLOWED',
  'CD_ERROR_STALE',
  'RENEWAL_NOT_RENEWABLE',
  // An upload of records made under RIPA 2000 with a record at fault: nothing of it was stored.
  'RIPA_IMPORT_INVALID',
  'STATISTICS_PERIOD_INVALID',
  'SERVICE_UNAVAILABLE',
  'INTERNAL_ERROR',
  // The CSP directory: another CSP already has the code or the ETSI endpoint identifier (`errors` names which).
  'CSP_DUPLICATE',
  'CSP_STALE',
  // A disclosure request: the If-Match did not match; an item asked for that the authorisation does not cover;
  // a CSP that does not answer that data or identifier.
  'DISCLOSURE_REQUEST_STALE',
  'DISCLOSURE_NOT_AUTHORISED',
  'RETENTION_DECISION_INVALID',
  // Retention (docs/retention.md): a deletion refused while a legal hold stands, or before the record is due for
  // review; a legal hold released twice.
  'RETENTION_LEGAL_HOLD',
  'RETENTION_NOT_DUE',
  'RETENTION_HOLD_RELEASED',
  'CSP_CANNOT_ANSWER',
  // A CSP's return (docs/returns.md): a file that cannot be read as one is refused whole, and nothing of it is
  // stored; the same file or the same part twice; a return for a request never sent; a quarantined file asked
  // for; a check already reviewed.
  'RETURN_DELIVERY_INVALID',
  'RETURN_EMPTY',
  'RETURN_NOT_UTF8',
  'RETURN_COLUMNS_INVALID',
  'RETURN_ROW_INVALID',
  'RETURN_TIME_ZONE_UNDECLARED',
  'RETURN_CHECKSUM_MISMATCH',
  'RETURN_REFERENCE_MISMATCH',
  'RETURN_TYPE_UNSUPPORTED',
  'RETURN_DUPLICATE',
  'RETURN_PART_DUPLICATE',
  'RETURN_NOT_EXPECTED',
  'RETURN_QUARANTINED',
  'CHECK_ALREADY_REVIEWED',
  // Products (docs/products.md): not in this state of the application; nothing checked to put in one; a final
  // product before every request is finished and checked; too many rows for one; a product superseded already;
  // a recipient who is not of the product's authority.
  'PRODUCT_NOT_ALLOWED',
  'PRODUCT_NOTHING_CHECKED',
  'PRODUCT_FINAL_NOT_READY',
  'PRODUCT_TOO_LARGE',
  'PRODUCT_ALREADY_SUPERSEDED',
  'DISSEMINATION_RECIPIENT_INVALID',
] as const;

/** Every workflow rule code, of every aggregate. */
export type RuleCode = ApplicationRuleCode | CdErrorRuleCode | DisclosureRequestRuleCode;

/**
 * Rule codes of the workflow guards travel as error codes too. Each aggregate's exhaustive table says
 * whether a rule is about who acts (403) or about what was sent (422), so a new rule without a kind
 * fails `tsc`. A code two aggregates share must have one kind (a unit test checks).
 */
export const RULE_KINDS: Readonly<Record<RuleCode, RuleKind>> = {
  ...APPLICATION_RULE_KINDS,
  ...CD_ERROR_RULE_KINDS,
  ...DISCLOSURE_REQUEST_RULE_KINDS,
};

export type ErrorCode = (typeof ERROR_CODES)[number] | RuleCode;

export function isRuleCode(code: string): code is RuleCode {
  return Object.prototype.hasOwnProperty.call(RULE_KINDS, code);
}

export function statusFor(code: ErrorCode): number {
  if (isRuleCode(code)) return RULE_KINDS[code] === 'actor' ? 403 : 422;
  switch (code) {
    case 'VALIDATION_FAILED':
    case 'MALFORMED_REQUEST':
    case 'INPUT_CHARACTERS_INVALID':
    case 'IDEMPOTENCY_KEY_INVALID':
    case 'IDEMPOTENCY_KEY_MISSING':
    case 'REVERSE_AUDIT_INVALID':
    case 'RIPA_IMPORT_INVALID':
    case 'STATISTICS_PERIOD_INVALID':
      return 400;
    case 'AUTH_REQUIRED':
    case 'AUTH_INVALID_CREDENTIALS':
    case 'AUTH_TOKEN_INVALID':
    case 'AUTH_SESSION_ENDED':
    case 'AUTH_REFRESH_INVALID':
    case 'AUTH_REFRESH_REUSED':
      return 401;
    case 'FORBIDDEN_ROLE':
    case 'AUTH_AUTHORITY_UNKNOWN':
    case 'AUTH_USER_DISABLED':
    case 'AUTH_LOCAL_LOGIN_DISABLED':
    case 'AUTH_ACCOUNT_CONFLICT':
    case 'WEB_CSRF_INVALID':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'METHOD_NOT_ALLOWED':
      return 405;
    case 'IDEMPOTENCY_KEY_IN_FLIGHT':
    case 'WORKFLOW_INVALID_TRANSITION':
    case 'RENEWAL_NOT_ALLOWED':
    case 'CSP_DUPLICATE':
    case 'RETURN_DUPLICATE':
    case 'RETURN_PART_DUPLICATE':
    case 'RETURN_NOT_EXPECTED':
    case 'RETURN_QUARANTINED':
    case 'CHECK_ALREADY_REVIEWED':
    case 'PRODUCT_NOT_ALLOWED':
    case 'PRODUCT_ALREADY_SUPERSEDED':
    case 'RETENTION_LEGAL_HOLD':
    case 'RETENTION_NOT_DUE':
    case 'RETENTION_HOLD_RELEASED':
      return 409;
    // A write whose If-Match does not match, or that lost the race to another write (RFC 9110 §13.1.1).
    case 'APPLICATION_STALE':
    case 'CD_ERROR_STALE':
    case 'CSP_STALE':
    case 'DISCLOSURE_REQUEST_STALE':
      return 412;
    case 'PAYLOAD_TOO_LARGE':
      return 413;
    case 'UNSUPPORTED_MEDIA_TYPE':
      return 415;
    case 'IDEMPOTENCY_KEY_REUSED':
    case 'RENEWAL_NOT_RENEWABLE':
    case 'DISCLOSURE_NOT_AUTHORISED':
    case 'CSP_CANNOT_ANSWER':
    case 'RETURN_DELIVERY_INVALID':
    case 'RETURN_EMPTY':
    case 'RETURN_NOT_UTF8':
    case 'RETURN_COLUMNS_INVALID':
    case 'RETURN_ROW_INVALID':
    case 'RETURN_TIME_ZONE_UNDECLARED':
    case 'RETURN_CHECKSUM_MISMATCH':
    case 'RETURN_REFERENCE_MISMATCH':
    case 'RETURN_TYPE_UNSUPPORTED':
    case 'PRODUCT_NOTHING_CHECKED':
    case 'PRODUCT_FINAL_NOT_READY':
    case 'PRODUCT_TOO_LARGE':
    case 'DISSEMINATION_RECIPIENT_INVALID':
    case 'RETENTION_DECISION_INVALID':
      return 422;
    case 'PRECONDITION_REQUIRED':
      return 428;
    case 'AUTH_THROTTLED':
      return 429;
    case 'SERVICE_UNAVAILABLE':
      return 503;
    case 'INTERNAL_ERROR':
      return 500;
    default: {
      const unreachable: never = code;
      return unreachable;
    }
  }
}

/** A short human title per status, for the problem document. */
export function titleFor(status: number): string {
  const titles: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    405: 'Method Not Allowed',
    409: 'Conflict',
    412: 'Precondition Failed',
    413: 'Payload Too Large',
    415: 'Unsupported Media Type',
    422: 'Unprocessable Content',
    428: 'Precondition Required',
    429: 'Too Many Requests',
    500: 'Internal Server Error',
    503: 'Service Unavailable',
  };
  return titles[status] ?? 'Error';
}
