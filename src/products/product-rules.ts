/**
 * Who may issue or send a product, and when (pure; docs/products.md §1, §5). The SPOC rules are the ones every
 * SPOC action obeys (docs/law.md §1: accredited, not the applicant, serving the application's authority), so
 * they refuse with the same rule codes.
 */
import type { ActorFacts } from '../workflow/core/actor';
import { failure, type RuleFailure } from '../workflow/core/rules';
import type { ApplicationState } from '../workflow/application.types';
import type { AuthorityType } from '../workflow/roles';

/**
 * The application's states in which a product may be issued: authorised (data is arriving), after the
 * authorisation was cancelled or expired (data received before the end may still be given), and once a product
 * was issued (a correction supersedes it). Before authorisation there is nothing lawful to give; after closing,
 * the record is complete.
 */
export const PRODUCT_STATES: readonly ApplicationState[] = ['authorised', 'cancelled', 'expired', 'productIssued'];

export interface ProductApplication {
  authorityId: string;
  authorityType: AuthorityType;
  applicantId: string;
}

/** An accredited SPOC, not the applicant, serving the application's authority (a NAFN SPOC for a local authority). */
export function spocRefusal(actor: ActorFacts, application: ProductApplication): RuleFailure | null {
  if (!actor.roles.includes('spoc') || !actor.spocPin?.trim()) return failure('SPOC_NOT_ACCREDITED', 'the sender is not an accredited SPOC');
  if (actor.id === application.applicantId) return failure('SPOC_IS_APPLICANT', 'a SPOC may not give the product of an application they made');
  if (actor.authorityId === application.authorityId) return null;
  if (actor.authorityType === 'nafn' && application.authorityType === 'localAuthority') return null;
  return failure('SPOC_WRONG_AUTHORITY', "the SPOC does not serve the application's authority");
}

/**
 * The final product that stands among an application's products, newest first: the latest final one that no
 * product superseded (a correction, even an interim one, withdraws what it supersedes). Undefined when none.
 */
export function standingFinal<P extends { id: string; kind: string; supersedesId: string | null }>(newestFirst: readonly P[]): P | undefined {
  const superseded = new Set(newestFirst.map((p) => p.supersedesId));
  return newestFirst.find((p) => p.kind === 'final' && !superseded.has(p.id));
}
