import { Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApplicationOverlaps, ApplicationsService } from '../../applications/public-api';
import { CurrentPrincipal, type Principal } from '../../auth/principal';
import { Roles } from '../../common/route-policy';
import { IDENTIFIER_TYPE_LABELS, ROUTE_LABELS } from '../../workflow/application-form.labels';
import { RECORD_ID } from '../params';
import { actionsFor } from '../record/actions';
import { summarise } from '../record/application-summary';
import { WebPages } from '../web-page';
import { WEB_PREFIX } from '../web-paths';
import { fieldsInWords, rankInWords } from './words';

/** What `ApplicationsService.checksFor` answers (the page reads it as it is). */
export type ApplicationChecks = Awaited<ReturnType<ApplicationsService['checksFor']>>;
type Check = ApplicationChecks['checks'][number];

/** A check as the page shows it: its result in words and the fields a failure names, in words. */
export function presentCheck(check: Check) {
  const waiting = !check.passed && check.reads === 'payload';
  return {
    ...check,
    state: check.passed ? 'passed' : waiting ? 'waiting' : 'failed',
    result: check.passed ? 'Passed' : waiting ? 'To give when you send it' : 'Failed',
    // Where the rules it applies come from, each once (a passed check has no failure to word).
    citations: [...new Set(check.rules.flatMap((rule) => rule.citation.split('; ')))],
    tag: check.passed ? 'govuk-tag--green' : waiting ? 'govuk-tag--grey' : 'govuk-tag--red',
    fieldWords: check.failure ? fieldsInWords(check.failure.fields) : [],
  };
}

/** Every check of the review, presented; the DSOs with their independence, where the route has them. */
export function presentChecks(checks: ApplicationChecks) {
  return {
    checks: checks.checks.map(presentCheck),
    independence: checks.independence?.map((d) => ({ ...d, rankWords: rankInWords(d.rank), independence: presentCheck(d.independence) })) ?? null,
  };
}

/**
 * The SPOC's review of an application (issue 19): the whole form, the checks that decide whether it may go for
 * authorisation (each a guard of SUBMIT_FOR_AUTHORISATION run by `ApplicationsService.checksFor`, with its result,
 * the rule's words and its citation), the independence of each DSO where a DSO decides, how many other
 * applications and requests seek the same data, and what the SPOC can do next (src/web/record/actions.ts).
 */
@WebPages(`${WEB_PREFIX}/applications`)
export class SpocReviewController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly overlaps: ApplicationOverlaps,
  ) {}

  @Get(':id/review')
  @Roles('spoc')
  async review(@CurrentPrincipal() principal: Principal, @Param('id', RECORD_ID) id: string, @Res() res: Response): Promise<void> {
    const application = await this.applications.get(principal, id);
    const checks = await this.applications.checksFor(principal, id);
    res.render('spoc/review.njk', {
      application,
      ...presentChecks(checks),
      routeLabel: application.route ? ROUTE_LABELS[application.route] : 'Not chosen',
      sections: summarise(application.form),
      actions: actionsFor(id, application.allowedEvents, principal),
      blocked: application.blockedEvents,
      backLink: `${WEB_PREFIX}/spoc`,
    });
  }

  @Get(':id/overlaps')
  @Roles('spoc')
  async overlapsOf(@CurrentPrincipal() principal: Principal, @Param('id', RECORD_ID) id: string, @Res() res: Response): Promise<void> {
    const application = await this.applications.get(principal, id);
    const { items } = await this.overlaps.list(principal, id);
    res.render('spoc/overlaps.njk', {
      application,
      items: items.map((item) => ({
        ...item,
        identifierType: IDENTIFIER_TYPE_LABELS[item.identifier.type],
        href: `${WEB_PREFIX}/applications/${item.applicationId}`,
      })),
      backLink: `${WEB_PREFIX}/applications/${id}/review`,
    });
  }
}
