import { reportedLate } from '../workflow/cd-error.guards';
import type { CdErrorEventEntity } from './cd-error-event.entity';
import type { CdErrorLinkEntity } from './cd-error-link.entity';
import type { CdErrorEntity } from './cd-error.entity';
import type { ErrorReportInitialNotification, ErrorReportIpcExchange, ErrorReportKind, ErrorReportView } from './error-report.view';

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);
const flag = (value: unknown): boolean | null => (typeof value === 'boolean' ? value : null);

/** What the report is built from: rows already loaded, and the instant it is made at. Plain data only. */
export interface ErrorReportSource {
  error: Pick<
    CdErrorEntity,
    'id' | 'status' | 'kind' | 'causeCode' | 'responsibleParty' | 'isIpRelated' | 'report' | 'reportDueAt' | 'agreedDueAt' | 'reportedAt' | 'ipc'
  >;
  links: readonly Pick<CdErrorLinkEntity, 'targetType' | 'targetId'>[];
  /** URNs of the linked applications. */
  applicationUrns: readonly string[];
  /** The entry's history, oldest first. */
  history: readonly Pick<
    CdErrorEventEntity,
    'position' | 'at' | 'eventType' | 'kind' | 'actorId' | 'actorRoles' | 'fromState' | 'toState' | 'hash' | 'prevHash'
  >[];
  authorityName: string;
  /** Display names of the users who made the history, by id. */
  actorNames: ReadonlyMap<string, string>;
  generatedBy: string;
  now: Date;
}

/**
 * The report to the IPC as data (docs/law.md §4.3): every field, the linked URNs, a timeline of the key
 * dates and the hash-chained history. The JSON endpoint answers it; the PDF renders it. A pure function:
 * the caller loads the rows and reads the clock.
 */
export function buildErrorReportView(source: ErrorReportSource): ErrorReportView {
  const { error: row, links, applicationUrns, history, actorNames: nameOf, now } = source;
  const r = row.report;
  const reportedBy = text(r.reportedBy);
  const fields = {
    errorDescription: text(r.errorDescription),
    howItOccurred: text(r.howItOccurred),
    collateralIntrusion: text(r.collateralIntrusion),
    preventiveSteps: text(r.preventiveSteps),
    dataDestructionConfirmed: flag(r.dataDestructionConfirmed),
    dataDestroyedAt: text(r.dataDestroyedAt),
    actionTakenOnData: text(r.actionTakenOnData),
    cspInformed: flag(r.cspInformed),
    cspNotInformedReason: text(r.cspNotInformedReason),
    excessDataDetails: text(r.excessDataDetails),
    dataWronglyObtained: text(r.dataWronglyObtained),
    dataDisposal: text(r.dataDisposal),
    occurredAt: text(r.occurredAt),
    discoveredAt: text(r.discoveredAt),
    establishedAt: text(r.establishedAt),
    reportedAt: text(r.reportedAt),
    reportedBy: reportedBy ? (nameOf.get(reportedBy) ?? reportedBy) : null,
    sroSightedAt: text(r.sroSightedAt),
    authoriserReview: text(r.authoriserReview),
  };
  const exchange = row.ipc ?? {};
  const initialNotification: ErrorReportInitialNotification | null = exchange.initialNotification
    ? {
        whatIsKnown: exchange.initialNotification.whatIsKnown,
        whyFullReportNotReady: exchange.initialNotification.whyFullReportNotReady,
        fullReportExpectedBy: exchange.initialNotification.fullReportExpectedBy,
        madeAt: exchange.initialNotification.recordedAt,
        madeBy: nameOf.get(exchange.initialNotification.recordedBy) ?? exchange.initialNotification.recordedBy,
      }
    : null;
  const ipc: ErrorReportIpcExchange = {
    response: exchange.response?.ipcResponse ?? null,
    reference: exchange.response?.ipcReference ?? null,
    submissionsRequestedAt: exchange.submissionsRequest?.requestedAt ?? null,
    submissionsDueBy: exchange.submissionsRequest?.respondBy ?? null,
    submissions: exchange.submissions?.text ?? null,
    submissionsMadeAt: exchange.submissions?.madeAt ?? null,
    seriousError: exchange.determination?.serious ?? null,
    personInformed: exchange.determination?.personInformed ?? null,
    determinationNotes: exchange.determination?.notes ?? null,
    investigationOutcome: exchange.investigationOutcome?.outcome ?? null,
  };
  const late = reportedLate(row);
  const timeline = [
    { at: fields.occurredAt, label: 'Error occurred' },
    { at: fields.discoveredAt, label: 'Error discovered' },
    { at: fields.establishedAt, label: 'Error established' },
    { at: fields.sroSightedAt, label: 'SRO sighted' },
    { at: initialNotification?.madeAt ?? null, label: 'Initial notification made to the IPC' },
    { at: initialNotification?.fullReportExpectedBy ?? null, label: 'Full report expected (initial notification)' },
    { at: row.reportDueAt?.toISOString() ?? null, label: 'Report due to the IPC (10 working days)' },
    { at: row.agreedDueAt?.toISOString() ?? null, label: 'Report due (extension agreed with the IPC)' },
    { at: fields.reportedAt, label: late ? 'Reported to the IPC, late' : 'Reported to the IPC' },
    { at: ipc.submissionsRequestedAt, label: "The IPC asked for the authority's submissions (IPA s.231(5))" },
    { at: ipc.submissionsMadeAt, label: 'Submissions made to the IPC' },
  ]
    .filter((e): e is { at: string; label: string } => e.at !== null)
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return {
    errorId: row.id,
    authorityName: source.authorityName,
    status: row.status,
    kind: row.kind as ErrorReportKind | null,
    causeCode: row.causeCode ?? 'not recorded',
    responsibleParty: row.responsibleParty ?? 'not recorded',
    isIpRelated: row.isIpRelated,
    linkedUrns: [...new Set([...applicationUrns, ...(text(r.urn) ? [r.urn as string] : [])])].sort(),
    linkedDisclosureRequestIds: links.filter((l) => l.targetType === 'disclosureRequest').map((l) => l.targetId).sort(),
    fields,
    reportDueAt: row.reportDueAt?.toISOString() ?? null,
    agreedDueAt: row.agreedDueAt?.toISOString() ?? null,
    reportedLate: late,
    initialNotification,
    ipc,
    timeline,
    history: history.map((h) => ({
      position: h.position,
      at: h.at.toISOString(),
      event: h.eventType ?? h.kind,
      actor: nameOf.get(h.actorId) ?? (h.actorRoles.includes('system') ? 'System' : h.actorId),
      fromState: h.fromState,
      toState: h.toState,
      hash: h.hash,
      prevHash: h.prevHash,
    })),
    generatedAt: now.toISOString(),
    generatedBy: source.generatedBy,
  };
}
