import type { DisclosureRequestState } from '../../workflow/disclosure-request.types';

/**
 * Whether a CSP's return can arrive for a request in `status`: only once it has gone to the CSP (docs/returns.md
 * "Uploading"). The service refuses a return otherwise (RETURN_NOT_EXPECTED); the request's page offers the upload
 * only then, by the same rule.
 */
export function returnExpected(status: DisclosureRequestState): boolean {
  return status !== 'pending';
}
