import { Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApplicationsService } from '../../applications/public-api';
import { CurrentPrincipal, type Principal } from '../../auth/principal';
import { Authenticated } from '../../common/route-policy';
import { RECORD_ID } from '../params';
import { WebPages } from '../web-page';
import { WEB_PREFIX } from '../web-paths';
import { actionsFor } from './actions';
import { summarise } from './application-summary';

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
  async show(@CurrentPrincipal() principal: Principal, @Param('id', RECORD_ID) id: string, @Res() res: Response): Promise<void> {
    const application = await this.applications.get(principal, id);
    const [history, verification] = await Promise.all([this.applications.historyOf(principal, id), this.applications.verify(principal, id)]);
    res.render('record/application.njk', {
      application,
      sections: summarise(application.form),
      actions: actionsFor(id, application.allowedEvents, principal),
      blocked: application.blockedEvents,
      history: [...history.items].reverse(),
      verification,
    });
  }
}
