import type { ActorFacts } from '../workflow/core/actor';
import { SYSTEM_SENDER, type EventSender } from '../workflow/roles';
import type { Principal } from './principal';

/**
 * Whoever sends an event: a signed-in person, or the scheduler. Shared by every feature, so it lives
 * beside the Principal it derives from rather than in one feature (docs/architecture.md §3).
 */
export type Actor = Omit<Principal, 'roles' | 'username'> & { readonly roles: readonly EventSender[] };

/** The scheduler, as the history records it (docs/architecture.md §7.1 EXPIRE "sent by the scheduler"). */
export const SCHEDULER: Actor = {
  id: '00000000-0000-0000-0000-000000000000',
  displayName: 'Deadline scheduler',
  roles: [SYSTEM_SENDER],
  authorityId: '00000000-0000-0000-0000-000000000000',
  authorityType: 'other',
  rank: null,
  spocPin: null,
};

/** The actor as the pure guards of every aggregate see it. */
export function actorFacts(principal: Actor): ActorFacts {
  return {
    id: principal.id,
    roles: [...principal.roles],
    authorityId: principal.authorityId,
    authorityType: principal.authorityType,
    rank: principal.rank,
    spocPin: principal.spocPin,
    displayName: principal.displayName,
  };
}
