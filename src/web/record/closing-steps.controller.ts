import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApplicationsService, type ApplicationResponse } from '../../applications/public-api';
import { CurrentPrincipal, type Principal } from '../../auth/principal';
import { Authenticated } from '../../common/route-policy';
import { FormCommands } from '../form-commands';
import { text, type FormBody } from '../investigator/form-body';
import { RECORD_ID } from '../params';
import { showAgainIfRefused } from '../web-exception.filter';
import { WebPages } from '../web-page';
import { WEB_PREFIX } from '../web-paths';
import { CLOSING_STEPS, type ClosingStep } from './closing-steps';
import { EventForms, VERSION_FIELD } from './event-forms';

const VIEW = 'record/closing-step.njk';
type Slug = keyof typeof CLOSING_STEPS;
const SLUGS = Object.keys(CLOSING_STEPS) as Slug[];
const PATHS = SLUGS.map((slug) => `:id/${slug}`);

/** The step a request is for: the last segment of its path, one of {@link PATHS} (Express 5 routes take no pattern). */
function slugOf(req: Request): Slug {
  const slug = req.path.split('/').pop() as Slug;
  if (!SLUGS.includes(slug)) throw new Error(`no closing step at ${req.path}`);
  return slug;
}

/**
 * The steps that end an authorised application's life, at the slugs the record page links to (src/web/record/actions.ts;
 * issue 20): the SPOC records the final product issued (ISSUE_PRODUCT), someone entitled cancels it or asks for it to be
 * cancelled (IPA s.65), and the SPOC or SRO closes it. Who may send each, and when, is the service's: the page asks
 * for what the event needs and sends it as `POST /applications/:id/events` does (EventForms), so the guards that decide
 * the API's answer decide the page's.
 */
@WebPages(`${WEB_PREFIX}/applications`)
export class ClosingStepsController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly events: EventForms,
    private readonly commands: FormCommands,
  ) {}

  @Get(PATHS)
  @Authenticated()
  async page(@CurrentPrincipal() principal: Principal, @Param('id', RECORD_ID) id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const application = await this.applications.get(principal, id);
    res.render(VIEW, this.model(application, slugOf(req), this.commands.newKey(), {}));
  }

  @Post(PATHS)
  @Authenticated()
  async send(@CurrentPrincipal() principal: Principal, @Param('id', RECORD_ID) id: string, @Body() body: FormBody, @Req() req: Request, @Res() res: Response): Promise<void> {
    const slug = slugOf(req);
    const step: ClosingStep = CLOSING_STEPS[slug];
    const application = await this.applications.get(principal, id);
    const answers = Object.fromEntries(step.fields.map((field) => [field.name, text(body, field.name)]));
    showAgainIfRefused(res, VIEW, this.model(application, slug, text(body, 'idempotencyKey'), answers, body[VERSION_FIELD]), step.fields[0]?.name ?? 'confirm');
    const payload = Object.fromEntries(step.fields.map((field) => [field.name, answers[field.name] || null]));
    await this.events.send(principal, req, id, { type: step.event, ...payload });
    res.redirect(303, `${WEB_PREFIX}/applications/${id}?done=${step.done}`);
  }

  private model(application: ApplicationResponse, slug: Slug, key: string, answers: Record<string, string>, version: unknown = application.version) {
    const step: ClosingStep = CLOSING_STEPS[slug];
    return {
      application,
      slug,
      step,
      answers,
      idempotencyKey: key,
      version: typeof version === 'string' || typeof version === 'number' ? String(version) : String(application.version),
      allowed: application.allowedEvents.includes(step.event),
      blocked: application.blockedEvents.find((b) => b.event === step.event)?.message ?? null,
      backLink: `${WEB_PREFIX}/applications/${application.id}`,
      errors: {},
      errorList: [],
    };
  }
}
