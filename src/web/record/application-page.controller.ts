import { Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApplicationsService } from '../../applications/public-api';
import { CurrentPrincipal, type Principal } from '../../auth/principal';
import { Authenticated } from '../../common/route-policy';
import { RECORD_ID } from '../params';
import { WebPages } from '../web-page';
import { WEB_PREFIX } from '../web-paths';
import { actionsFor } from './actions';
import { summarise } from './application-summary';
import { relatedPagesFor } from './related-pages';
import { timelineOf } from './timeline';

/** What a page that sends a person back here says it did (`?done=`), as a GOV.UK success banner. */
const DONE: Readonly<Record<string, string>> = {
  submitted: 'Application submitted to the SPOC',
  withdrawn: 'Application withdrawn',
  outcome: 'Use made of the data recorded',
  productIssued: 'Product recorded as issued',
  cancelled: 'Authorisation cancelled',
  cancellationRequested: 'Cancellation asked for',
  closed: 'Application closed',
};

/**
 * An application's record as a page (issue 19, item 5): the form, the conversation, what the reader may do
 * next and what a rule blocks (from the same guards as the API's `allowedEvents` and `blockedEvents`), and
 * the hash-chained history as an MoJ timeline with the chain's verification. Need-to-know is the service's:
 * another authority's application is "Page not found", as the API's 404.
 */
@WebPages(`${WEB_PREFIX}/applications`)
export class ApplicationPageController {
  constructor(private readonly applications: ApplicationsService) {}

  @Get(':id')
  @Authenticated()
  async show(@CurrentPrincipal() principal: Principal, @Param('id', RECORD_ID) id: string, @Query('done') done: unknown, @Res() res: Response): Promise<void> {
    const application = await this.applications.get(principal, id);
    const [history, verification] = await Promise.all([this.applications.historyOf(principal, id), this.applications.verify(principal, id)]);
    res.render('record/application.njk', {
      application,
      sections: summarise(application.form),
      actions: actionsFor(id, application.allowedEvents, principal),
      blocked: application.blockedEvents,
      timeline: timelineOf(history.items),
      done: typeof done === 'string' && Object.hasOwn(DONE, done) ? DONE[done] : null,
      // Renewal is not an event but a new linked draft (POST /applications/:id/renewal); the service decides if it may be made.
      renewHref: application.status === 'authorised' && application.applicantId === principal.id ? `${WEB_PREFIX}/applications/${id}/renew` : null,
      verification,
      related: relatedPagesFor(application, principal),
    });
  }
}
