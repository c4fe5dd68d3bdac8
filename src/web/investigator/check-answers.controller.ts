import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApplicationsService, type ApplicationResponse } from '../../applications/public-api';
import { CurrentPrincipal, type Principal } from '../../auth/principal';
import { Roles } from '../../common/route-policy';
import { DomainException } from '../../http/domain-exception';
import { APPLICATION_FORM_FIELD_LABELS } from '../../workflow/application-form.labels';
import type { ApplicationEventType, ApplicationFormField } from '../../workflow/application.types';
import { FormCommands } from '../form-commands';
import { RECORD_ID } from '../params';
import { summarise, type SummarySection } from '../record/application-summary';
import { EventForms } from '../record/event-forms';
import { showAgainIfRefused } from '../web-exception.filter';
import { WebPages } from '../web-page';
import { WEB_PREFIX } from '../web-paths';
import { text, type FormBody } from './form-body';
import { inPlainWords } from './plain-words';

/** The events this page sends: the first submission, or the answer to a SPOC's return. */
const SUBMISSIONS: Readonly<Partial<Record<ApplicationEventType, string>>> = {
  SUBMIT_TO_SPOC: 'Submit to the SPOC',
  RESUBMIT: 'Resubmit to the SPOC',
};

/** What the applicant is asked to answer in the conversation: a SPOC's return, an authoriser's question. */
const ASKS: readonly ApplicationEventType[] = ['RETURN_TO_APPLICANT', 'REQUEST_MORE_INFO'];

/**
 * Check your answers (issue 19, item 3): the whole form with Change links to its question pages, what the SPOC or
 * the authoriser asked and nobody has answered yet, why it cannot be submitted yet (the guards' blocked events, in
 * words), and the submission: SUBMIT_TO_SPOC, or RESUBMIT after a return, sent as the API sends it, once per form.
 */
@WebPages(`${WEB_PREFIX}/applications`)
export class CheckAnswersController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly events: EventForms,
    private readonly commands: FormCommands,
  ) {}

  @Get(':id/check-answers')
  @Roles('applicant')
  async show(@CurrentPrincipal() principal: Principal, @Param('id', RECORD_ID) id: string, @Res() res: Response): Promise<void> {
    const application = await this.applications.get(principal, id);
    res.render('investigator/check-answers.njk', this.model(application));
  }

  @Post(':id/check-answers')
  @Roles('applicant')
  async submit(
    @CurrentPrincipal() principal: Principal,
    @Param('id', RECORD_ID) id: string,
    @Body() body: FormBody,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const application = await this.applications.get(principal, id);
    showAgainIfRefused(res, 'investigator/check-answers.njk', this.model(application), 'submit');
    const type = text(body, 'event');
    if (!Object.hasOwn(SUBMISSIONS, type)) {
      throw new DomainException('VALIDATION_FAILED', 'This form is incomplete. Reload the page and try again.');
    }
    try {
      await this.events.send(principal, req, id, { type });
    } catch (error) {
      throw inPlainWords(error, {
        moveField: () => 'submit',
        codes: {
          APPLICATION_STALE: 'Someone changed this application after you opened this page. Check the answers again before you submit.',
          WORKFLOW_INVALID_TRANSITION: 'This application cannot be submitted now. Go back to the application to see where it is.',
        },
      });
    }
    res.redirect(303, `${WEB_PREFIX}/applications/${id}?done=submitted`);
  }

  private model(application: ApplicationResponse): Record<string, unknown> {
    const sections = summarise(application.form);
    const event = (Object.keys(SUBMISSIONS) as ApplicationEventType[]).find((e) => application.allowedEvents.includes(e)) ?? null;
    const blocked = application.blockedEvents.filter((b) => Object.hasOwn(SUBMISSIONS, b.event)).map((b) => explainBlocked(b.message, sections, application.id));
    return {
      application: { id: application.id, urn: application.urn, status: application.status, operationName: application.form.operationName ?? null },
      sections,
      changeBase: `${WEB_PREFIX}/applications/${application.id}/form`,
      submit: event ? { event, text: SUBMISSIONS[event] } : null,
      blocked,
      asks: application.conversation
        .filter((entry) => ASKS.includes(entry.eventType) && entry.answeredBy === null)
        .map((entry) => ({ what: entry.what, from: entry.from.displayName, role: entry.from.roleLabel, at: entry.at, notes: entry.notes, eventType: entry.eventType })),
      backLink: `${WEB_PREFIX}/applications/${application.id}/form/justification`,
      idempotencyKey: this.commands.newKey(),
      version: String(application.version),
      errors: {},
      errorList: [],
    };
  }
}

/** Questions the summary leaves out until they are answered or needed, and the page that asks each. */
const ASKED_ON: Readonly<Record<string, string>> = {
  urgencyJustification: 'justification',
  sensitiveProfessionConsiderations: 'subjects',
};

interface Explained {
  text: string;
  links: { text: string; href: string }[];
}

/**
 * A blocked submission in words: the form-complete guard lists field paths ("missing: route, identifiers[0].source"),
 * which become the questions by name with a link to the page that asks each; any other rule keeps its message.
 */
function explainBlocked(message: string, sections: SummarySection[], id: string): Explained {
  const listed = /^(missing|invalid): (.+)$/.exec(message);
  if (!listed) return { text: message, links: [] };
  const pageOf = new Map<string, string>(sections.flatMap((s) => s.rows.map((r): [string, string] => [r.field, s.page])));
  const fields = [...new Set(listed[2].split(', ').map((path) => path.split(/[.[]/)[0]))];
  const links = fields.map((field) => ({
    text: APPLICATION_FORM_FIELD_LABELS[field as ApplicationFormField] ?? field,
    href: `${WEB_PREFIX}/applications/${id}/form/${pageOf.get(field) ?? ASKED_ON[field] ?? 'about'}`,
  }));
  return { text: listed[1] === 'missing' ? 'These answers are missing:' : 'These answers need correcting:', links };
}
