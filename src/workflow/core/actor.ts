import type { AuthorityType, EventSender } from '../roles';

/** Who is acting (or deciding): what the guards of every aggregate may know about a person. */
export interface ActorFacts {
  id: string;
  roles: readonly EventSender[];
  authorityId: string;
  authorityType: AuthorityType;
  /** A police rank, another office name, or null. */
  rank: string | null;
  /** SPOC accreditation PIN; null when not accredited. */
  spocPin: string | null;
  /** The name people read in records and history; absent for facts built before it was kept. */
  displayName?: string;
}
