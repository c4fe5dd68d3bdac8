import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApplicationsService, type ApplicationResponse } from '../../applications/public-api';
import { CurrentPrincipal, type Principal } from '../../auth/principal';
import { Roles } from '../../common/route-policy';
import type { ApplicationEventType } from '../../workflow/application.types';
import { FormCommands } from '../form-commands';
import { RECORD_ID } from '../params';
import { EventForms } from '../record/event-forms';
import { showAgainIfRefused } from '../web-exception.filter';
import { WebPages } from '../web-page';
import { WEB_PREFIX } from '../web-paths';
import { text, type FormBody } from './form-body';
import { inPlainWords } from './plain-words';

const recordPath = (id: string): string => `${WEB_PREFIX}/applications/${id}`;

/** A page that sends one event with one written answer. */
interface EventPage {
  view: string;
  event: ApplicationEventType;
  /** The payload field the answer goes in, and the input's id. */
  field: 'reason' | 'outcome';
  /** The page's words when the answer is missing (the guard refuses; the page says what to do). */
  missing: string;
  done: string;
}

const WITHDRAW: EventPage = { view: 'investigator/withdraw.njk', event: 'WITHDRAW', field: 'reason', missing: 'Enter why you are withdrawing the application', done: 'withdrawn' };
const OUTCOME: EventPage = { view: 'investigator/outcome.njk', event: 'RECORD_OUTCOME', field: 'outcome', missing: 'Enter the use made of the data', done: 'outcome' };

/**
 * The applicant's other steps on an application (issue 19, item 3), at the slugs the record page links to
 * (src/web/record/actions.ts): withdraw it (WITHDRAW with the reason), record the use made of the data
 * (RECORD_OUTCOME), and renew it (a linked new draft, `POST /applications/:id/renewal`'s service), each once per form.
 */
@WebPages(`${WEB_PREFIX}/applications`)
export class ApplicationStepsController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly events: EventForms,
    private readonly commands: FormCommands,
  ) {}

  @Get(':id/withdraw')
  @Roles('applicant')
  async withdrawPage(@CurrentPrincipal() principal: Principal, @Param('id', RECORD_ID) id: string, @Res() res: Response): Promise<void> {
    await this.showEventPage(principal, id, WITHDRAW, res);
  }

  @Post(':id/withdraw')
  @Roles('applicant')
  async withdraw(@CurrentPrincipal() principal: Principal, @Param('id', RECORD_ID) id: string, @Body() body: FormBody, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.sendEvent(principal, id, WITHDRAW, body, req, res);
  }

  @Get(':id/outcome')
  @Roles('applicant')
  async outcomePage(@CurrentPrincipal() principal: Principal, @Param('id', RECORD_ID) id: string, @Res() res: Response): Promise<void> {
    await this.showEventPage(principal, id, OUTCOME, res);
  }

  @Post(':id/outcome')
  @Roles('applicant')
  async outcome(@CurrentPrincipal() principal: Principal, @Param('id', RECORD_ID) id: string, @Body() body: FormBody, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.sendEvent(principal, id, OUTCOME, body, req, res);
  }

  @Get(':id/renew')
  @Roles('applicant')
  async renewPage(@CurrentPrincipal() principal: Principal, @Param('id', RECORD_ID) id: string, @Res() res: Response): Promise<void> {
    const application = await this.applications.get(principal, id);
    res.render('investigator/renew.njk', this.model(application, {}));
  }

  @Post(':id/renew')
  @Roles('applicant')
  async renew(@CurrentPrincipal() principal: Principal, @Param('id', RECORD_ID) id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const application = await this.applications.get(principal, id);
    showAgainIfRefused(res, 'investigator/renew.njk', this.model(application, {}), 'renew');
    let renewal: ApplicationResponse;
    try {
      renewal = await this.commands.once(principal, req, () => this.applications.renew(principal, id));
    } catch (error) {
      throw inPlainWords(error, {
        codes: {
          RENEWAL_NOT_ALLOWED: 'Only an application that is authorised now can be renewed.',
          NOT_APPLICANT_OF_RECORD: 'Only the applicant who made this application can renew it.',
          RENEWAL_NOT_RENEWABLE: 'An urgent authorisation (IPA s.61A) cannot be renewed. Make a new application instead.',
        },
      });
    }
    res.redirect(303, `${recordPath(renewal.id)}/check-answers`);
  }

  private async showEventPage(principal: Principal, id: string, page: EventPage, res: Response): Promise<void> {
    const application = await this.applications.get(principal, id);
    res.render(page.view, this.eventModel(application, page, ''));
  }

  private async sendEvent(principal: Principal, id: string, page: EventPage, body: FormBody, req: Request, res: Response): Promise<void> {
    const application = await this.applications.get(principal, id);
    const answer = text(body, page.field);
    showAgainIfRefused(res, page.view, this.eventModel(application, page, answer), page.field);
    try {
      await this.events.send(principal, req, id, { type: page.event, [page.field]: answer || null });
    } catch (error) {
      throw inPlainWords(error, {
        fields: { [page.field]: page.missing },
        codes: {
          APPLICATION_STALE: 'Someone changed this application after you opened this page. Go back to the application to see what changed.',
          WORKFLOW_INVALID_TRANSITION: 'This cannot be done while the application is where it is now. Go back to the application to see what you can do.',
          NOT_APPLICANT_OF_RECORD: 'Only the applicant who made this application can do this.',
        },
      });
    }
    res.redirect(303, `${recordPath(id)}?done=${page.done}`);
  }

  private eventModel(application: ApplicationResponse, page: EventPage, answer: string): Record<string, unknown> {
    return this.model(application, {
      answer,
      // Whether the service offers the event now, and if a rule blocks it, why: the page says so before anyone types.
      allowed: application.allowedEvents.includes(page.event),
      blocked: application.blockedEvents.find((b) => b.event === page.event)?.message ?? null,
    });
  }

  private model(application: ApplicationResponse, extra: Record<string, unknown>): Record<string, unknown> {
    return {
      application: {
        id: application.id,
        urn: application.urn,
        status: application.status,
        operationName: application.form.operationName ?? null,
        expiresAt: application.expiresAt,
        route: application.route,
      },
      backLink: recordPath(application.id),
      idempotencyKey: this.commands.newKey(),
      version: String(application.version),
      errors: {},
      errorList: [],
      ...extra,
    };
  }
}
