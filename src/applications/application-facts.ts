import type { Principal } from '../auth/principal';
import type { ActorFacts, ApplicationFacts } from '../workflow/application.guards';
import { SYSTEM_SENDER, type AuthorityType, type EventSender } from '../workflow/roles';
import type { ApplicationEntity } from './application.entity';

/** Whoever sends an event: a signed-in person, or the scheduler. */
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

export function actorFacts(principal: Actor): ActorFacts {
  return {
    id: principal.id,
    roles: [...principal.roles],
    authorityId: principal.authorityId,
    authorityType: principal.authorityType,
    rank: principal.rank,
    spocPin: principal.spocPin,
  };
}

/** The row as the pure guards see it. */
export function applicationFacts(
  row: ApplicationEntity,
  authorityType: AuthorityType,
  teamMemberIds: string[],
  original: Pick<ApplicationEntity, 'expiresAt' | 'status'> | null,
): ApplicationFacts {
  return {
    id: row.id,
    authorityId: row.authorityId,
    authorityType,
    applicantId: row.applicantId,
    teamMemberIds,
    spocId: row.spocId,
    route: row.route,
    status: row.status,
    form: row.form,
    spocSection: row.spocSection,
    grantedById: row.grantedById,
    oralGrant: row.oralGrant,
    writtenRecordDueAt: row.writtenRecordDueAt,
    expiresAt: row.expiresAt,
    renewalOfExpiresAt: original?.expiresAt ?? null,
    renewalOfLive: original ? original.status === 'authorised' : undefined,
    disclosureFacts: null,
  };
}
