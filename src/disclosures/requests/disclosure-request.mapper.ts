import type { AvailableEvents } from '../../workflow/core/engine';
import type { DisclosureRequestEventType } from '../../workflow/disclosure-request.types';
import type { DisclosureRequestEntity } from './disclosure-request.entity';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export type DisclosureRequestResponse = ReturnType<typeof toDisclosureRequestResponse>;

/** A disclosure request as the API answers it, with what the caller may send now and what a rule blocks (docs/architecture.md §7). */
export function toDisclosureRequestResponse(row: DisclosureRequestEntity, events: AvailableEvents<DisclosureRequestEventType>) {
  return {
    id: row.id,
    authorityId: row.authorityId,
    applicationId: row.applicationId,
    cspId: row.cspId,
    status: row.status,
    desiredStatus: row.desiredStatus,
    cspStatus: row.cspStatus,
    items: row.items.map((item) => ({ ...item, identifier: { ...item.identifier } })),
    cspReference: row.cspReference,
    sentAt: iso(row.sentAt),
    cancelledAt: iso(row.cancelledAt),
    cspToBeTold: row.cspToBeTold,
    outcome: { ...row.outcome },
    version: row.version,
    machineVersion: row.machineVersion,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    allowedEvents: [...events.allowedEvents],
    blockedEvents: events.blockedEvents.map((blocked) => ({ ...blocked })),
  };
}
