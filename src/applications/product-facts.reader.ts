import type { EntityManager } from 'typeorm';

/**
 * What applications need to know of the products issued under an application (docs/architecture.md §3:
 * applications owns the interface, the products feature provides it, so applications never imports products):
 * whether a final product has been issued, which ISSUE_PRODUCT requires (docs/law.md §5; docs/products.md §1).
 */
export interface ProductFactsReader {
  finalProductIssued(manager: EntityManager, applicationId: string): Promise<boolean>;
}

/** The injection token the products feature provides the reader under. */
export const PRODUCT_FACTS_READER = Symbol('PRODUCT_FACTS_READER');
