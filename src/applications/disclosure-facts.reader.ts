import type { EntityManager } from 'typeorm';
import type { DisclosureFacts } from '../workflow/application.guards';

/**
 * What applications need to know of the requests made to CSPs under an application (docs/architecture.md §3:
 * applications owns the interface, the disclosures feature provides it, so applications never imports
 * disclosures): the facts the ISSUE_PRODUCT guard reads, and whether every request has finished, for the
 * duty to consider cancellation (IPA s.65(3B), (4); docs/law.md §2.5).
 */
export interface DisclosureFactsReader {
  factsFor(manager: EntityManager, applicationId: string): Promise<DisclosureProgress>;
}

export interface DisclosureProgress {
  /** The facts of the requests; whether a final product was issued is the products feature's to say (product-facts.reader.ts). */
  facts: Omit<DisclosureFacts, 'finalProductIssued'>;
  /** How many requests were made under the application. */
  requests: number;
  /** When the last of them finished, once every one has (checked, rejected by the CSP or cancelled); else null. */
  allFinishedAt: Date | null;
}

/** The progress of an application under which no request has been made: a record made in this very command. */
export const NO_REQUESTS_MADE: DisclosureProgress = Object.freeze({
  facts: Object.freeze({ disclosuresTerminalAndChecked: false, dataReceivedBeforeEnd: false }),
  requests: 0,
  allFinishedAt: null,
});

/** The injection token the disclosures feature provides the reader under. */
export const DISCLOSURE_FACTS_READER = Symbol('DISCLOSURE_FACTS_READER');
