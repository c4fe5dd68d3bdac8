import type { AvailableEvents } from '../workflow/core/engine';
import type { ApplicationEventType } from '../workflow/application.types';
import type { ConversationEntry } from './application-conversation.mapper';
import type { ApplicationEntity } from './application.entity';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export type ApplicationResponse = ReturnType<typeof toApplicationResponse>;

/**
 * The record as the API answers it (docs/architecture.md §8): the events this caller can send now and
 * those a rule blocks, with why (docs/architecture.md §7), and the conversation so far.
 */
export function toApplicationResponse(
  row: ApplicationEntity,
  teamMemberIds: readonly string[],
  events: AvailableEvents<ApplicationEventType>,
  conversation: readonly ConversationEntry[],
) {
  return {
    id: row.id,
    urn: row.urn,
    authorityId: row.authorityId,
    applicantId: row.applicantId,
    teamMemberIds: [...teamMemberIds].sort(),
    spocId: row.spocId,
    grantedById: row.grantedById,
    route: row.route,
    status: row.status,
    version: row.version,
    machineVersion: row.machineVersion,
    form: row.form,
    spocSection: row.spocSection,
    decision: row.decision,
    oralGrant: row.oralGrant,
    writtenRecordDueAt: iso(row.writtenRecordDueAt),
    validFrom: iso(row.validFrom),
    expiresAt: iso(row.expiresAt),
    renewalOf: row.renewalOf,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    allowedEvents: [...events.allowedEvents],
    blockedEvents: events.blockedEvents.map((blocked) => ({ ...blocked })),
    conversation: [...conversation],
  };
}

/** A list entry: the header without the form body. */
export function toApplicationSummary(row: ApplicationEntity) {
  return {
    id: row.id,
    urn: row.urn,
    authorityId: row.authorityId,
    applicantId: row.applicantId,
    route: row.route,
    status: row.status,
    version: row.version,
    operationName: row.form.operationName ?? null,
    expiresAt: iso(row.expiresAt),
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}
