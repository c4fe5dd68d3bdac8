import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApplicationsService, type ApplicationResponse } from '../../applications/public-api';
import { CurrentPrincipal, type Principal } from '../../auth/principal';
import { Roles } from '../../common/route-policy';
import { FormCommands } from '../form-commands';
import { RECORD_ID } from '../params';
import { EventForms } from '../record/event-forms';
import { summarise } from '../record/application-summary';
import { showAgainIfRefused } from '../web-exception.filter';
import { WebPages } from '../web-page';
import { WEB_PREFIX } from '../web-paths';
import { blockedOf, DECISIONS_PATH, headerOf, recordPath } from './authoriser-pages';
import {
  DECISION_CHOICES,
  decisionAnswers,
  decisionEvent,
  decisionSectionsFor,
  emptyDecisionAnswers,
  offeredChoices,
  spocAdviceRows,
  type DecisionAnswers,
} from './decision-form';

const VIEW = 'authoriser/decide.njk';
const DECISION_EVENTS = DECISION_CHOICES.map((c) => c.event);

/**
 * The authoriser's decision page (issue 19: OCDA on ipc60A, a DSO on dso61 and dso61A): the whole application, the
 * SPOC's advice, the findings the law leaves to the authoriser (IPA s.63, s.76, s.77), the reasons and what a grant
 * must state (IPA s.64), and the decision, sent as `POST /applications/:id/events` sends it. Every refusal is the
 * service's guards', shown on the form.
 */
@WebPages(`${WEB_PREFIX}/applications`)
export class DecidePageController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly commands: FormCommands,
    private readonly events: EventForms,
  ) {}

  @Get(':id/decide')
  @Roles('ocda', 'dso')
  async show(@CurrentPrincipal() principal: Principal, @Param('id', RECORD_ID) id: string, @Res() res: Response): Promise<void> {
    const application = await this.applications.get(principal, id);
    res.render(VIEW, this.model(application, emptyDecisionAnswers()));
  }

  @Post(':id/decide')
  @Roles('ocda', 'dso')
  async decide(
    @CurrentPrincipal() principal: Principal,
    @Param('id', RECORD_ID) id: string,
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const application = await this.applications.get(principal, id);
    const answers = decisionAnswers(body);
    showAgainIfRefused(res, VIEW, this.model(application, answers), 'decision');
    await this.events.send(principal, req, id, decisionEvent(answers, decisionSectionsFor(application)));
    res.redirect(303, recordPath(id));
  }

  private model(application: ApplicationResponse, answers: DecisionAnswers): Record<string, unknown> {
    return {
      application,
      header: headerOf(application),
      sections: summarise(application.form),
      spocAdvice: spocAdviceRows(application.spocSection),
      findings: decisionSectionsFor(application),
      choices: offeredChoices(DECISION_CHOICES, application.allowedEvents),
      blocked: blockedOf(application, DECISION_EVENTS),
      answers,
      errors: {},
      idempotencyKey: this.commands.newKey(),
      version: application.version,
      backLink: DECISIONS_PATH,
    };
  }
}
