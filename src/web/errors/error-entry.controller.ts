import { Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApplicationsService, WRITTEN_RECORD_OVERDUE } from '../../applications/public-api';
import { CurrentPrincipal, type Principal } from '../../auth/principal';
import { Roles } from '../../common/route-policy';
import { RETURN_CHECK_FAILED } from '../../disclosures/public-api';
import { CdErrorReports, CdErrorsService } from '../../errors/public-api';
import { DomainException } from '../../http/domain-exception';
import { CD_ERROR_EVENT_LABELS } from '../../workflow/cd-error.labels';
import { sendDownload } from '../download';
import { RECORD_ID } from '../params';
import { WebPages } from '../web-page';
import { WEB_PREFIX } from '../web-paths';
import { ERRORS_PATH } from './error-register.controller';
import { stepAt, stepsFor, stepTitleFor } from './error-steps';
import { entryWords, errorTimeline, ipcRows, reportRows } from './error-words';

/** Who raised an entry the service raised itself (the outbox event its intake turned into a suspected error, src/errors/suspected-error-intake.ts). */
function raisedBy(source: string | undefined): string | null {
  if (source === undefined) return null;
  if (source === RETURN_CHECK_FAILED) return 'The service, from a failed check on an operator’s return';
  if (source === WRITTEN_RECORD_OVERDUE) return 'The service, from an overdue written record of an oral grant';
  return 'The service';
}

/**
 * A register entry as a page (issue 20, item 3): its status, kind, deadlines in UK time, the report, the exchange
 * with the IPC, what the reader may do now and what a rule blocks (the service's `allowedEvents` and
 * `blockedEvents`, from the same guards as the API), its hash-chained history with the chain's verification, and
 * the report to the IPC as a PDF. Another authority's entry is "Page not found", as the API's 404.
 */
@WebPages(ERRORS_PATH)
@Roles('spoc', 'sro')
export class ErrorEntryController {
  constructor(
    private readonly errors: CdErrorsService,
    private readonly reports: CdErrorReports,
    private readonly applications: ApplicationsService,
  ) {}

  @Get(':id')
  async show(@CurrentPrincipal() principal: Principal, @Param('id', RECORD_ID) id: string, @Query('done') done: unknown, @Res() res: Response): Promise<void> {
    const entry = await this.errors.get(principal, id);
    const [history, verification, linked] = await Promise.all([
      this.errors.historyOf(principal, id),
      this.errors.verify(principal, id),
      Promise.all(entry.applicationIds.map((appId) => this.linkedApplication(principal, appId))),
    ]);
    const doneStep = typeof done === 'string' ? stepAt(done) : null;
    res.render('errors/entry.njk', {
      entry,
      words: entryWords(entry),
      reportRows: reportRows(entry),
      ipcRows: ipcRows(entry),
      actions: stepsFor(entry.allowedEvents, entry.status).map((step) => ({ text: step.title, href: `${ERRORS_PATH}/${id}/${step.slug}` })),
      blocked: entry.blockedEvents.map((b) => ({ label: stepTitleFor(b.event) ?? CD_ERROR_EVENT_LABELS[b.event], message: b.message })),
      raisedBy: raisedBy(entry.source?.type),
      linked,
      timeline: errorTimeline(history.items),
      verification,
      done: done === 'created' ? 'Error recorded in the register' : (doneStep?.done ?? null),
      pdfHref: `${ERRORS_PATH}/${id}/report.pdf`,
      backLink: ERRORS_PATH,
    });
  }

  /**
   * The report to the IPC as a PDF, through the same service method as `GET /errors/:id/report.pdf`; kept out of
   * every cache (it is OFFICIAL-SENSITIVE and changes with the entry).
   */
  @Get(':id/report.pdf')
  async reportPdf(@CurrentPrincipal() principal: Principal, @Param('id', RECORD_ID) id: string, @Res() res: Response): Promise<void> {
    sendDownload(res, { body: await this.reports.reportPdf(principal, id), type: 'application/pdf', filename: `error-${id}.pdf` });
  }

  /** A linked application by its URN when the reader may see it (the applications service decides), else by its place in the list. */
  private async linkedApplication(principal: Principal, applicationId: string): Promise<{ text: string; href: string | null }> {
    try {
      const application = await this.applications.get(principal, applicationId);
      return { text: `Application ${application.urn}`, href: `${WEB_PREFIX}/applications/${applicationId}` };
    } catch (error) {
      // Need-to-know refused (not found, not yours): the link is not offered; anything else is a fault.
      if (!(error instanceof DomainException)) throw error;
      return { text: `An application you cannot open (${applicationId})`, href: null };
    }
  }
}
