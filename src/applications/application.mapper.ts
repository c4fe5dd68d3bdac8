import type { ApplicationEventType } from '../workflow/application.types';
import type { ApplicationEntity } from './application.entity';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export type ApplicationResponse = ReturnType<typeof toApplicationResponse>;

/** The record as the API answers it, with the events this caller may send now. */
export function toApplicationResponse(
  row: ApplicationEntity,
  teamMemberIds: readonly string[],
  allowedEvents: readonly ApplicationEventType[],
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
    allowedEvents: [...allowedEvents],
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
