import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApplicationsService, type ApplicationResponse } from '../../applications/public-api';
import { CurrentPrincipal, type Principal } from '../../auth/principal';
import { Roles } from '../../common/route-policy';
import { ACQUISITION_METHOD_LABELS, SENSITIVE_PROFESSION_LABELS } from '../../workflow/application-form.labels';
import { APPLICATION_STATE_LABELS } from '../../workflow/application.labels';
import { ACQUISITION_METHODS, SPOC_REASON_CODES, type ApplicationEventType } from '../../workflow/application.types';
import { SPOC_REASON_LABELS } from '../../workflow/statistics.labels';
import { FormCommands } from '../form-commands';
import { RECORD_ID } from '../params';
import { EventForms, VERSION_FIELD } from '../record/event-forms';
import { showAgainIfRefused } from '../web-exception.filter';
import { WebPages } from '../web-page';
import { WEB_PREFIX } from '../web-paths';
import { answer, shownOnForm } from '../form-refusals';
import { presentChecks } from './spoc-review.controller';

/** The two ways a SPOC sends an application back without authorisation (docs/architecture.md §7.1). */
const REASON_PAGES = {
  return: {
    event: 'RETURN_TO_APPLICANT',
    title: 'Return the application to the applicant',
    intro: 'The applicant can change the application and send it back to you. Say what they need to do.',
    reasonLabel: 'What the applicant needs to change',
    button: 'Return to the applicant',
    warning: null,
  },
  decline: {
    event: 'DECLINE',
    title: 'Decline the application',
    intro: 'Declining ends the application: it will not go for authorisation and the applicant cannot send it again.',
    reasonLabel: 'Why you are declining it',
    button: 'Decline the application',
    warning: 'This cannot be undone.',
  },
} as const satisfies Record<string, { event: ApplicationEventType; title: string; intro: string; reasonLabel: string; button: string; warning: string | null }>;
type ReasonPage = keyof typeof REASON_PAGES;

const REASON_FIELDS = ['reason', 'reasonCode'];

/** The SPOC section's fields by id (the DTO path `spoc.spocAdvice` is the id `spoc-spocAdvice`). */
const SPOC_FIELDS = ['spoc-spocAdvice', 'spoc-acquisitionMethod', 'spoc-costEstimate', 'spoc-practicalityAssessment', 'spoc-sensitiveProfessionAdvice'];

/** What each form is shown with, besides its own fields: the record it acts on, and the envelope (partials/form-envelope.njk). */
function envelope(application: ApplicationResponse, idempotencyKey: string, version: unknown = application.version) {
  return {
    application,
    idempotencyKey,
    version: typeof version === 'string' || typeof version === 'number' ? String(version) : String(application.version),
    stateLabel: APPLICATION_STATE_LABELS[application.status],
    backLink: `${WEB_PREFIX}/applications/${application.id}/review`,
  };
}

/** Whether `event` can be sent now, and if not what stops it (from the record's allowed and blocked events). */
function availability(application: ApplicationResponse, event: ApplicationEventType) {
  return {
    available: application.allowedEvents.includes(event),
    blockedBy: application.blockedEvents.find((b) => b.event === event) ?? null,
  };
}

/**
 * The SPOC's answers to an application in review (issue 19): return it to the applicant or decline it, each with
 * a reason and its category (the statistics return counts them), or record their advice and send it for
 * authorisation. Each sends its event as `POST /applications/:id/events` does (EventForms), so the guards that
 * decide the API's answer decide the page's; a refusal is shown on the form.
 */
@WebPages(`${WEB_PREFIX}/applications`)
export class SpocReviewFormsController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly events: EventForms,
    private readonly commands: FormCommands,
  ) {}

  @Get(':id/return')
  @Roles('spoc')
  returnPage(@CurrentPrincipal() principal: Principal, @Param('id', RECORD_ID) id: string, @Res() res: Response): Promise<void> {
    return this.showReasonPage('return', principal, id, res);
  }

  @Post(':id/return')
  @Roles('spoc')
  returnIt(
    @CurrentPrincipal() principal: Principal,
    @Param('id', RECORD_ID) id: string,
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.sendReason('return', principal, id, body, req, res);
  }

  @Get(':id/decline')
  @Roles('spoc')
  declinePage(@CurrentPrincipal() principal: Principal, @Param('id', RECORD_ID) id: string, @Res() res: Response): Promise<void> {
    return this.showReasonPage('decline', principal, id, res);
  }

  @Post(':id/decline')
  @Roles('spoc')
  decline(
    @CurrentPrincipal() principal: Principal,
    @Param('id', RECORD_ID) id: string,
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.sendReason('decline', principal, id, body, req, res);
  }

  @Get(':id/send-for-authorisation')
  @Roles('spoc')
  async sendPage(@CurrentPrincipal() principal: Principal, @Param('id', RECORD_ID) id: string, @Res() res: Response): Promise<void> {
    const application = await this.applications.get(principal, id);
    const section = application.spocSection ?? {};
    const values = {
      'spoc-spocAdvice': section.spocAdvice ?? '',
      'spoc-acquisitionMethod': section.acquisitionMethod ?? '',
      'spoc-costEstimate': section.costEstimate ?? '',
      'spoc-practicalityAssessment': section.practicalityAssessment ?? '',
      'spoc-sensitiveProfessionAdvice': section.sensitiveProfessionAdvice ?? '',
    };
    res.render('spoc/send-for-authorisation.njk', await this.sendModel(principal, application, this.commands.newKey(), values));
  }

  @Post(':id/send-for-authorisation')
  @Roles('spoc')
  async send(
    @CurrentPrincipal() principal: Principal,
    @Param('id', RECORD_ID) id: string,
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const application = await this.applications.get(principal, id);
    const values = Object.fromEntries(SPOC_FIELDS.map((field) => [field, answer(body, field) ?? '']));
    const model = await this.sendModel(principal, application, answer(body, 'idempotencyKey') ?? '', values, body[VERSION_FIELD]);
    showAgainIfRefused(res, 'spoc/send-for-authorisation.njk', { ...model, available: true }, 'checks');
    const spoc = {
      spocAdvice: answer(body, 'spoc-spocAdvice'),
      acquisitionMethod: answer(body, 'spoc-acquisitionMethod'),
      costEstimate: answer(body, 'spoc-costEstimate'),
      practicalityAssessment: answer(body, 'spoc-practicalityAssessment'),
      sensitiveProfessionAdvice: answer(body, 'spoc-sensitiveProfessionAdvice'),
    };
    await shownOnForm(() => this.events.send(principal, req, id, { type: 'SUBMIT_FOR_AUTHORISATION', spoc }), SPOC_FIELDS);
    res.redirect(303, `${WEB_PREFIX}/applications/${id}`);
  }

  private async sendModel(principal: Principal, application: ApplicationResponse, key: string, values: Record<string, string>, version?: unknown) {
    const checks = presentChecks(await this.applications.checksFor(principal, application.id));
    const profession = application.form.sensitiveProfession;
    return {
      ...envelope(application, key, version),
      ...availability(application, 'SUBMIT_FOR_AUTHORISATION'),
      // What the record decides whatever the SPOC sends; their advice is asked for below.
      checks: checks.checks.filter((check) => check.reads === 'facts'),
      profession: profession ? SENSITIVE_PROFESSION_LABELS[profession] : null,
      methodOptions: ACQUISITION_METHODS.map((method) => ({ value: method, text: ACQUISITION_METHOD_LABELS[method] })),
      values,
      errors: {},
    };
  }

  private async showReasonPage(page: ReasonPage, principal: Principal, id: string, res: Response): Promise<void> {
    const application = await this.applications.get(principal, id);
    res.render('spoc/reason.njk', this.reasonModel(page, application, this.commands.newKey(), { reason: '', reasonCode: '' }));
  }

  private async sendReason(page: ReasonPage, principal: Principal, id: string, body: Record<string, unknown>, req: Request, res: Response): Promise<void> {
    const application = await this.applications.get(principal, id);
    const reason = answer(body, 'reason');
    const reasonCode = answer(body, 'reasonCode');
    const model = this.reasonModel(page, application, answer(body, 'idempotencyKey') ?? '', { reason: reason ?? '', reasonCode: reasonCode ?? '' }, body[VERSION_FIELD]);
    showAgainIfRefused(res, 'spoc/reason.njk', { ...model, available: true }, 'reason');
    await shownOnForm(() => this.events.send(principal, req, id, { type: REASON_PAGES[page].event, reason, reasonCode }), REASON_FIELDS);
    res.redirect(303, `${WEB_PREFIX}/applications/${id}`);
  }

  private reasonModel(page: ReasonPage, application: ApplicationResponse, key: string, values: Record<string, string>, version?: unknown) {
    const copy = REASON_PAGES[page];
    return {
      ...envelope(application, key, version),
      ...availability(application, copy.event),
      copy,
      action: `${WEB_PREFIX}/applications/${application.id}/${page}`,
      reasonOptions: SPOC_REASON_CODES.map((code) => ({ value: code, text: SPOC_REASON_LABELS[code] })),
      values,
      errors: {},
    };
  }
}
