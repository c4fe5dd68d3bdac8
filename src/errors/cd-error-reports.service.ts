import { SecurityAuditService } from '../audit/security-audit.service';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { People } from '../auth/people';
import type { Principal } from '../auth/principal';
import { CLOCK } from '../clock.provider';
import { UnitOfWork } from '../database/unit-of-work';
import type { Clock } from '../workflow/clock';
import { CdErrorHistory } from './cd-error-history';
import { CdErrorLinks } from './cd-error-links';
import { buildErrorReportView } from './cd-error-report';
import { CdErrorsRepository } from './cd-errors.repository';
import type { ErrorReportView } from './error-report.view';
import { createErrorReportPdfPool } from './error-report.worker';

/**
 * The report of an entry to the IPC (docs/law.md §4.3), as JSON and as PDF: loads the rows in one read and
 * hands them, with the clock's instant, to the pure {@link buildErrorReportView}. The PDF is rendered on
 * a worker thread (error-report.worker.ts), so a long report never holds the event loop
 * (docs/architecture.md §10, PDF); the pool's threads stop with the application.
 */
@Injectable()
export class CdErrorReports implements OnModuleDestroy {
  /** Report PDFs are rendered here; public so a test can see that they were. */
  readonly pdfWorkers = createErrorReportPdfPool();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: CdErrorsRepository,
    private readonly links: CdErrorLinks,
    private readonly history: CdErrorHistory,
    private readonly people: People,
    private readonly audit: SecurityAuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * The report to the IPC as data; the PDF renders the same view with the clock's instant as its date. Each reading
   * is a VIEWED event of the security audit stream (issue 24, item 1), written before the report is handed over.
   */
  async report(principal: Principal, id: string): Promise<ErrorReportView> {
    const view = await this.uow.read(async (m) => {
      const row = await this.repo.visibleOrNotFound(m, principal, id);
      const links = await this.links.ofEntry(m, id);
      const urns = await this.links.urnsOf(m, row.authorityId, links);
      const history = await this.history.list(m, id);
      const authority = await this.repo.authority(m, row.authorityId);
      const actorNames = await this.people.displayNames(m, history.map((h) => h.actorId));
      return buildErrorReportView({
        error: row,
        links,
        applicationUrns: [...urns.values()],
        history,
        authorityName: authority.name,
        actorNames,
        generatedBy: principal.displayName,
        now: this.clock.now(),
      });
    });
    await this.audit.viewed(principal, 'error-report', id);
    return view;
  }

  async reportPdf(principal: Principal, id: string): Promise<Buffer> {
    const view = await this.report(principal, id);
    return this.pdfWorkers.render({ view, creationDate: new Date(view.generatedAt) });
  }

  onModuleDestroy(): Promise<void> {
    return this.pdfWorkers.close();
  }
}
