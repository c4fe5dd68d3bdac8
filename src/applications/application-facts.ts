import type { ApplicationFacts, DisclosureFacts } from '../workflow/application.guards';
import { ROUTES, type RecordRoute, type Route } from '../workflow/application.types';
import { includes } from '../workflow/guard-support';
import type { AuthorityType } from '../workflow/roles';
import type { ApplicationEntity } from './application.entity';

/**
 * The IPA route the guards read. An imported RIPA record (`ripa22`) has none: it sits in `ripaRecord`, where
 * no event is defined, so the engine refuses every event before any guard could read it.
 */
function ipaRoute(route: RecordRoute | null): Route | null {
  return includes(ROUTES, route) ? route : null;
}

/** The row as the pure guards see it, with what the disclosures feature reports of its requests (null when it reports nothing). */
export function applicationFacts(
  row: ApplicationEntity,
  authorityType: AuthorityType,
  teamMemberIds: string[],
  original: Pick<ApplicationEntity, 'expiresAt' | 'status'> | null,
  disclosureFacts: DisclosureFacts | null,
): ApplicationFacts {
  return {
    id: row.id,
    authorityId: row.authorityId,
    authorityType,
    applicantId: row.applicantId,
    teamMemberIds,
    spocId: row.spocId,
    route: ipaRoute(row.route),
    status: row.status,
    form: row.form,
    spocSection: row.spocSection,
    grantedById: row.grantedById,
    oralGrant: row.oralGrant,
    writtenRecordDueAt: row.writtenRecordDueAt,
    expiresAt: row.expiresAt,
    renewalOfExpiresAt: original?.expiresAt ?? null,
    renewalOfLive: original ? original.status === 'authorised' : undefined,
    submittedForAuthorisationAt: row.submittedForAuthorisationAt,
    lastSubmittedForAuthorisationAt: row.lastSubmittedForAuthorisationAt,
    submittedToOcdaAt: row.submittedToOcdaAt,
    judicialApprovalRequestedAt: row.judicialApprovalRequestedAt,
    disclosureFacts,
  };
}
