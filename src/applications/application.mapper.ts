import type { AvailableEvents } from '../workflow/core/engine';
import type { ApplicationEventType } from '../workflow/application.types';
import type { CancellationRequest, ConversationEntry } from './application-conversation.mapper';
import type { ApplicationEntity } from './application.entity';
import type { CancellationDuty } from './cancellation-duty';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

const reasonsOf = (text: string | null | undefined): string | null =>
  typeof text === 'string' && text.trim() !== '' ? text : null;

/**
 * The findings on the record, flagged for inspection and the statistics (docs/law.md §3.7 findings), each
 * with who made it as the statute gives it: the authoriser's imminent threat to life (IPA s.77); the s.76(2)
 * exception to consulting a SPOC, the applicant's on ipc60A (recorded at submission) and the DSO's on
 * dso61/dso61A (at grant); the DSO's declaration of independence or s.63 exception.
 */
export function findingsOf(row: Pick<ApplicationEntity, 'route' | 'form' | 'decision'>) {
  const { decision } = row;
  const route = row.route ?? row.form.route ?? null;
  const applicants = route === 'ipc60A' ? reasonsOf(row.form.exceptionalCircumstances) : null;
  const dsos = route === 'ipc60A' ? null : reasonsOf(decision?.findings?.spocNotConsulted?.reasons);
  const dsoRoute = route === 'dso61' || route === 'dso61A';
  return {
    imminentThreatToLife: reasonsOf(decision?.findings?.imminentThreatToLife?.reasons),
    spocNotConsulted:
      applicants !== null
        ? { recordedBy: 'applicant' as const, reasons: applicants }
        : dsos !== null
          ? { recordedBy: 'designatedSeniorOfficer' as const, reasons: dsos }
          : null,
    independenceDeclared: decision && dsoRoute ? decision.independenceDeclaration === true : null,
    independenceException: dsoRoute ? reasonsOf(decision?.exceptionalCircumstancesOverride) : null,
  };
}

export type ApplicationResponse = ReturnType<typeof toApplicationResponse>;

/**
 * The record as the API answers it (docs/architecture.md §8): the events this caller can send now and
 * those a rule blocks, with why (docs/architecture.md §7), the conversation so far, and the cancellation
 * requests not yet acted on (docs/law.md §2.5), and how many duplicates `GET /applications/:id/overlaps`
 * lists for this caller. An imported RIPA record carries its particulars in `ripa`.
 */
export function toApplicationResponse(
  row: ApplicationEntity,
  teamMemberIds: readonly string[],
  events: AvailableEvents<ApplicationEventType>,
  conversation: readonly ConversationEntry[],
  cancellationRequests: readonly CancellationRequest[],
  cancellationDuty: CancellationDuty | null,
  overlapCount: number | null,
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
    findings: findingsOf(row),
    oralGrant: row.oralGrant,
    writtenRecordDueAt: iso(row.writtenRecordDueAt),
    validFrom: iso(row.validFrom),
    expiresAt: iso(row.expiresAt),
    renewalOf: row.renewalOf,
    ripa: row.ripa,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    allowedEvents: [...events.allowedEvents],
    blockedEvents: events.blockedEvents.map((blocked) => ({ ...blocked })),
    conversation: [...conversation],
    cancellationRequests: [...cancellationRequests],
    cancellationDuty: cancellationDuty ? { ...cancellationDuty } : null,
    overlapCount,
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
    priorityGrade: row.form.priorityGrade ?? null,
    expiresAt: iso(row.expiresAt),
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}
