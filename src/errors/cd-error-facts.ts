import type { CdErrorFacts } from '../workflow/cd-error.guards';
import type { CdErrorKind, CdErrorReport, CdErrorState } from '../workflow/cd-error.types';
import type { CdErrorEntity } from './cd-error.entity';

/** The row as the pure guards see it. */
export function cdErrorFacts(row: CdErrorEntity): CdErrorFacts {
  return {
    id: row.id,
    authorityId: row.authorityId,
    status: row.status as CdErrorState,
    kind: row.kind as CdErrorKind | null,
    report: row.report,
    reportDueAt: row.reportDueAt,
    agreedDueAt: row.agreedDueAt,
    ipc: row.ipc ?? {},
  };
}

/** The report's indexed facts, kept in their own columns for the register's filters and statistics. */
export function indexedColumns(report: Partial<CdErrorReport>): Pick<
  CdErrorEntity,
  'causeCode' | 'responsibleParty' | 'isIpRelated' | 'discoveredAt' | 'establishedAt'
> {
  return {
    causeCode: report.causeCode ?? null,
    responsibleParty: report.responsibleParty ?? null,
    isIpRelated: report.isIpRelated ?? false,
    discoveredAt: report.discoveredAt ? new Date(report.discoveredAt) : null,
    establishedAt: report.establishedAt ? new Date(report.establishedAt) : null,
  };
}
