import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApplicationsService, type ApplicationResponse } from '../../applications/public-api';
import { CurrentPrincipal, type Principal } from '../../auth/principal';
import { Roles } from '../../common/route-policy';
import { DomainException } from '../../http/domain-exception';
import { FormCommands } from '../form-commands';
import { dateTimeParts, parseDateTime, type DateTimeParts } from '../forms/date-time-input';
import { RECORD_ID } from '../params';
import { EventForms } from '../record/event-forms';
import { summarise } from '../record/application-summary';
import { showAgainIfRefused } from '../web-exception.filter';
import { WebPages } from '../web-page';
import { WEB_PREFIX } from '../web-paths';
import { blockedOf, DECISIONS_PATH, headerOf, recordPath } from './authoriser-pages';
import { JUDICIAL_CHOICES, judicialAnswers, judicialEvent, offeredChoices, spocAdviceRows, type JudicialAnswers } from './decision-form';

const VIEW = 'authoriser/judicial-decision.njk';
/** The date-time input's name (and id): its parts post as `judicialApproval-decidedAt-day` and so on. */
const DECIDED_AT = 'judicialApproval-decidedAt';
const JUDICIAL_EVENTS = JUDICIAL_CHOICES.map((c) => c.event);
const NO_TIME: DateTimeParts = { day: '', month: '', year: '', hour: '', minute: '', zone: 'Europe/London' };

/**
 * A Judicial Commissioner's approval or refusal of a grant that seeks to identify or confirm a journalist's source
 * (IPA s.77; docs/law.md §2.4 JC_APPROVE, JC_REFUSE): the application, the authoriser's grant and findings, and the
 * decision with the judge's name and, if it was taken earlier, when.
 */
@WebPages(`${WEB_PREFIX}/applications`)
export class JudicialDecisionPageController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly commands: FormCommands,
    private readonly events: EventForms,
  ) {}

  @Get(':id/judicial-decision')
  @Roles('jc')
  async show(@CurrentPrincipal() principal: Principal, @Param('id', RECORD_ID) id: string, @Res() res: Response): Promise<void> {
    const application = await this.applications.get(principal, id);
    res.render(VIEW, this.model(application, judicialAnswers({}, principal.displayName), NO_TIME));
  }

  @Post(':id/judicial-decision')
  @Roles('jc')
  async decide(
    @CurrentPrincipal() principal: Principal,
    @Param('id', RECORD_ID) id: string,
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const application = await this.applications.get(principal, id);
    const answers = judicialAnswers(body);
    const parts = dateTimeParts(body, DECIDED_AT);
    showAgainIfRefused(res, VIEW, this.model(application, answers, parts), 'decision');
    const decidedAt = parseDateTime(parts, 'The time of the decision');
    if (!decidedAt.ok) {
      throw new DomainException('VALIDATION_FAILED', decidedAt.message, {
        errors: [{ field: 'judicialApproval.decidedAt', message: decidedAt.message, code: 'isInstant' }],
      });
    }
    await this.events.send(principal, req, id, judicialEvent(answers, decidedAt.iso));
    res.redirect(303, recordPath(id));
  }

  private model(application: ApplicationResponse, answers: JudicialAnswers, decidedAt: DateTimeParts): Record<string, unknown> {
    const grant = [...application.conversation].reverse().find((entry) => entry.eventType === 'GRANT') ?? null;
    return {
      application,
      header: headerOf(application),
      sections: summarise(application.form),
      spocAdvice: spocAdviceRows(application.spocSection),
      grantedBy: grant ? (grant.decider ?? grant.from) : null,
      grantedAt: grant?.at ?? null,
      choices: offeredChoices(JUDICIAL_CHOICES, application.allowedEvents),
      blocked: blockedOf(application, JUDICIAL_EVENTS),
      answers,
      decidedAt,
      errors: {},
      idempotencyKey: this.commands.newKey(),
      version: application.version,
      backLink: DECISIONS_PATH,
    };
  }
}
