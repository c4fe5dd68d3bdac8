import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApplicationFormDto, ApplicationsService, type ApplicationResponse } from '../../applications/public-api';
import { CurrentPrincipal, type Principal } from '../../auth/principal';
import { Roles } from '../../common/route-policy';
import { DomainException, NotFoundDomainException } from '../../http/domain-exception';
import { parseIfMatch } from '../../http/if-match';
import { APPLICATION_STATE_LABELS } from '../../workflow/application.labels';
import { FormCommands } from '../form-commands';
import { validateAs } from '../forms/validate-as';
import { RECORD_ID } from '../params';
import { showAgainIfRefused } from '../web-exception.filter';
import { WebPages } from '../web-page';
import { WEB_PREFIX } from '../web-paths';
import { text, type FormBody } from './form-body';
import { inPlainWords } from './plain-words';
import { changedAnswers } from './changed-answers';
import { pageAfter, pageBefore, questionPage, QUESTION_PAGES, type PageState, type QuestionPage } from './question-pages';

const applicationPath = (id: string): string => `${WEB_PREFIX}/applications/${id}`;
const pagePath = (id: string, page: string): string => `${applicationPath(id)}/form/${page}`;

/**
 * The application's question pages (issue 19, item 3): `GET/POST /web/applications/:id/form/:page`. Each page
 * posts its own answers and saves them with `PATCH /applications/:id`'s service, DTO and If-Match (the version the
 * page was shown with), once per form; "Add another" and "Remove" post the form and show it again with a row more
 * or less, without saving, so the pages work without JavaScript. The answers are kept as the person typed them
 * whenever the page is shown again.
 */
@WebPages(`${WEB_PREFIX}/applications`)
export class QuestionPagesController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly commands: FormCommands,
  ) {}

  @Get(':id/form/:page')
  @Roles('applicant')
  async show(
    @CurrentPrincipal() principal: Principal,
    @Param('id', RECORD_ID) id: string,
    @Param('page') name: string,
    @Query('saved') saved: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const page = pageNamed(name);
    const application = await this.applications.get(principal, id);
    const model = this.model(application, page, page.fromForm(application.form), String(application.version));
    res.render(`investigator/${page.name}.njk`, { ...model, saved: saved === '1' });
  }

  @Post(':id/form/:page')
  @Roles('applicant')
  async save(
    @CurrentPrincipal() principal: Principal,
    @Param('id', RECORD_ID) id: string,
    @Param('page') name: string,
    @Body() body: FormBody,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const page = pageNamed(name);
    const application = await this.applications.get(principal, id);
    const version = text(body, 'version');
    const action = text(body, 'action');
    const view = `investigator/${page.name}.njk`;
    const posted = page.fromBody(body);
    const changed = posted.afterRowAction(action);
    if (changed) {
      res.status(200).render(view, this.model(application, page, changed, version));
      return;
    }
    const answers = posted.compact();
    showAgainIfRefused(res, view, this.model(application, page, answers, version), page.anchor);
    try {
      await this.commands.once(principal, req, async () => {
        const { plain, errors } = answers.toPlain();
        await validateAs(ApplicationFormDto, plain).catch((error: unknown) => {
          throw withUnreadable(error, errors);
        });
        if (errors.length) throw withUnreadable(null, errors);
        const ifMatch = parseIfMatch(version || undefined);
        const changes = changedAnswers(plain, application.form);
        if (Object.keys(changes).length === 0) {
          // Nothing changed: nothing to write, but the page must still be the one the record is at.
          if (!ifMatch.matches(application.version)) throw new DomainException('APPLICATION_STALE', 'The application has changed since this page was shown.');
          return application;
        }
        return this.applications.patch(principal, id, ifMatch, await validateAs(ApplicationFormDto, changes));
      });
    } catch (error) {
      throw inPlainWords(error, {
        moveField: (field) => (page.owns(field) ? field.replace(/^(dataItems\[\d+\])\.category$/, '$1.subtype') : page.anchor),
        codes: {
          WORKFLOW_INVALID_TRANSITION: `You cannot change the answers now: the application is ${(APPLICATION_STATE_LABELS[application.status] ?? application.status).toLowerCase()}.`,
          NOT_APPLICANT_OF_RECORD: 'Only the applicant who made this application can change its answers.',
          APPLICATION_STALE: 'Someone else changed this application after you opened this page. Reload the page to see their changes, then make yours again.',
          RENEWAL_NOT_RENEWABLE: 'A renewal cannot take the urgent route (IPA s.65(2)): choose another route, or make a new application.',
        },
        codeFields: { RENEWAL_NOT_RENEWABLE: 'route' },
      });
    }
    const next = pageAfter(page.name);
    if (action === 'later') res.redirect(303, applicationPath(id));
    else if (page.name === 'identifiers') res.redirect(303, `${pagePath(id, 'identifiers')}?saved=1`);
    else res.redirect(303, next ? pagePath(id, next) : `${applicationPath(id)}/check-answers`);
  }

  private model(application: ApplicationResponse, page: QuestionPage, state: PageState, version: string): Record<string, unknown> {
    const before = pageBefore(page.name);
    return {
      ...state.view(application.form),
      application: { id: application.id, urn: application.urn, status: application.status, operationName: application.form.operationName ?? null },
      title: page.title,
      step: QUESTION_PAGES.indexOf(page.name) + 1,
      steps: QUESTION_PAGES.length,
      formAction: pagePath(application.id, page.name),
      nextPath: pageAfter(page.name) ? pagePath(application.id, pageAfter(page.name) ?? '') : `${applicationPath(application.id)}/check-answers`,
      backLink: before ? pagePath(application.id, before) : applicationPath(application.id),
      idempotencyKey: this.commands.newKey(),
      version,
      errors: {},
      errorList: [],
    };
  }
}

function pageNamed(name: string): QuestionPage {
  const page = questionPage(name);
  if (!page) throw new NotFoundDomainException('The page');
  return page;
}

/**
 * The DTO's refusal with the fields the page could not read (a date that is not one) in place of what the DTO says
 * of them, or those alone when the DTO found nothing else: every problem on the page in one error summary.
 */
function withUnreadable(error: unknown, unreadable: { field: string; message: string; code: string }[]): unknown {
  if (error !== null && !(error instanceof DomainException && error.code === 'VALIDATION_FAILED')) return error;
  const fields = new Set(unreadable.map((e) => e.field));
  const others = error instanceof DomainException ? (error.extras.errors ?? []).filter((e) => !fields.has(e.field)) : [];
  const errors = [...others, ...unreadable];
  return new DomainException('VALIDATION_FAILED', `The page has ${errors.length} answer(s) to correct.`, { errors });
}
