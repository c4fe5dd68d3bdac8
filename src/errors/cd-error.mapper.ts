import type { AvailableEvents } from '../workflow/core/engine';
import { reportedLate } from '../workflow/cd-error.guards';
import type { CdErrorEventType } from '../workflow/cd-error.types';
import type { CdErrorLinkEntity } from './cd-error-link.entity';
import type { CdErrorEntity } from './cd-error.entity';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export type CdErrorResponse = ReturnType<typeof toCdErrorResponse>;

/**
 * A register entry as the API answers it, with the events this caller can send now and those a rule
 * blocks, with why (docs/architecture.md §7).
 */
export function toCdErrorResponse(
  row: CdErrorEntity,
  links: readonly CdErrorLinkEntity[],
  events: AvailableEvents<CdErrorEventType>,
  now: Date,
  flags: { overdue: boolean },
) {
  return {
    id: row.id,
    authorityId: row.authorityId,
    status: row.status,
    kind: row.kind,
    causeCode: row.causeCode,
    responsibleParty: row.responsibleParty,
    isIpRelated: row.isIpRelated,
    report: row.report,
    applicationIds: links.filter((l) => l.targetType === 'application').map((l) => l.targetId).sort(),
    disclosureRequestIds: links.filter((l) => l.targetType === 'disclosureRequest').map((l) => l.targetId).sort(),
    discoveredAt: iso(row.discoveredAt),
    establishedAt: iso(row.establishedAt),
    reportDueAt: iso(row.reportDueAt),
    agreedDueAt: iso(row.agreedDueAt),
    dueAt: iso(row.agreedDueAt ?? row.reportDueAt),
    overdue: flags.overdue,
    reportedAt: iso(row.reportedAt),
    reportedLate: reportedLate(row),
    ipc: row.ipc ?? {},
    source: row.sourceType ? { type: row.sourceType, eventId: row.sourceEventId } : null,
    version: row.version,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    asOf: now.toISOString(),
    allowedEvents: [...events.allowedEvents],
    blockedEvents: events.blockedEvents.map((blocked) => ({ ...blocked })),
  };
}
