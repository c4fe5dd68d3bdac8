import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { ApplicationRecords } from '../applications/public-api';
import { SecurityAuditService } from '../audit/security-audit.service';
import { People } from '../auth/people';
import type { Principal } from '../auth/principal';
import { CLOCK } from '../clock.provider';
import { UnitOfWork } from '../database/unit-of-work';
import { ALL_RETURN_CHECKS, Acquisitions } from '../disclosures/public-api';
import { ErrorsForApplication } from '../errors/public-api';
import { ProductRecords } from '../products/public-api';
import type { Clock } from '../workflow/clock';
import { buildApplicationRecordView, personIdsIn, type ApplicationRecordView } from './application-record.view';
import { createApplicationRecordPdfPool } from './application-record.worker';

/**
 * The whole record of an application for inspectors (docs/architecture.md §8 `record.pdf`): loads every
 * part in one read — the application through applications' own need-to-know (404 when not visible), what
 * was acquired, the products, the linked register entries, the names — and hands them, with the clock's
 * instant, to the pure {@link buildApplicationRecordView}. The PDF is rendered on a worker thread
 * (application-record.worker.ts); the pool's threads stop with the application.
 */
@Injectable()
export class ApplicationRecordsService implements OnModuleDestroy {
  /** Record PDFs are rendered here; public so a test can see that they were. */
  readonly pdfWorkers = createApplicationRecordPdfPool();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly records: ApplicationRecords,
    private readonly acquisitions: Acquisitions,
    private readonly productRecords: ProductRecords,
    private readonly errors: ErrorsForApplication,
    private readonly people: People,
    private readonly audit: SecurityAuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * The record as data; the PDF renders it with the clock's instant as its date. Each reading is a VIEWED event of
   * the security audit stream (issue 24, item 1), written before the record is handed over.
   */
  async view(principal: Principal, id: string): Promise<ApplicationRecordView> {
    const view = await this.uow.read(async (m) => {
      const record = await this.records.recordOf(m, principal, id);
      const requests = await this.acquisitions.ofApplication(m, id);
      const { products, disseminations } = await this.productRecords.forApplication(m, id);
      // The caller's own register only: a NAFN SPOC reading a local authority's record does not read its register.
      const errors = await this.errors.linkedTo(m, principal.authorityId, id, requests.map((r) => r.id));
      const names = await this.people.displayNames(m, personIdsIn({ requests, products, disseminations }));
      return buildApplicationRecordView({
        record,
        requests,
        checkCodes: ALL_RETURN_CHECKS,
        products,
        disseminations,
        errors,
        names,
        generatedBy: principal.displayName,
        now: this.clock.now(),
      });
    });
    await this.audit.viewed(principal, 'application-record', id);
    return view;
  }

  async pdf(principal: Principal, id: string): Promise<Buffer> {
    const view = await this.view(principal, id);
    return this.pdfWorkers.render({ view, creationDate: new Date(view.generatedAt) });
  }

  onModuleDestroy(): Promise<void> {
    return this.pdfWorkers.close();
  }
}
