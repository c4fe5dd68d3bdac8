import type { EntityManager } from 'typeorm';
import type { DisclosureRequestState } from '../workflow/disclosure-request.types';

/**
 * What the duplicate-acquisition warning shows of a disclosure request it lists (docs/architecture.md §3, §8:
 * applications owns the interface, the disclosures feature provides it, so applications never imports
 * disclosures). Applications has already chosen the requests through the need-to-know of their applications;
 * the reader only says what each one is.
 */
export interface RequestSummaryReader {
  /** The status and CSP of each of `ids` that exists (keyed by request id). */
  summariesOf(manager: EntityManager, ids: readonly string[]): Promise<Map<string, RequestSummary>>;
}

export interface RequestSummary {
  status: DisclosureRequestState;
  cspId: string;
  /** The CSP's name in the directory. */
  cspName: string;
}

/** The injection token the disclosures feature provides the reader under. */
export const REQUEST_SUMMARY_READER = Symbol('REQUEST_SUMMARY_READER');
