import { Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApplicationFormDto, ApplicationsService, type ApplicationResponse } from '../../applications/public-api';
import { CurrentPrincipal, type Principal } from '../../auth/principal';
import { Roles } from '../../common/route-policy';
import { APPLICATION_STATE_LABELS } from '../../workflow/application.labels';
import { APPLICATION_STATES, type ApplicationState } from '../../workflow/application.types';
import { FormCommands } from '../form-commands';
import { pagination } from '../pagination';
import { validateAs } from '../forms/validate-as';
import { showAgainIfRefused } from '../web-exception.filter';
import { WebPages } from '../web-page';
import { WEB_PREFIX } from '../web-paths';

const PAGE_SIZE = 20;
/** How many of each waiting kind the "Waiting on you" section lists at most (the rest are in the table). */
const WAITING_MAX = 50;

/**
 * What waits on the applicant, by state, and what they do next there: finish a draft, answer a SPOC's return, record
 * the use made of the data once the product is issued. A grouping of the list for the page; the service's guards
 * still decide each step on its own page.
 */
const WAITING: readonly { status: ApplicationState; todo: string; slug: string }[] = [
  { status: 'returnedToApplicant', todo: 'The SPOC returned it: change what they asked and resubmit it', slug: 'check-answers' },
  { status: 'draft', todo: 'Finish it and submit it to the SPOC', slug: 'check-answers' },
  { status: 'productIssued', todo: 'Record the use made of the data', slug: 'outcome' },
];

/**
 * "My applications" (issue 19, item 3), the applicant's start page: what is waiting on them first, then every
 * application they can see (their own and those whose team they are on, as the API lists them), newest first, with a
 * filter by status; and the button that starts a new application.
 */
@WebPages(`${WEB_PREFIX}/applications`)
export class MyApplicationsController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly commands: FormCommands,
  ) {}

  @Get()
  @Roles('applicant')
  async list(@CurrentPrincipal() principal: Principal, @Query('status') status: unknown, @Query('page') page: unknown, @Res() res: Response): Promise<void> {
    res.render('investigator/my-applications.njk', await this.model(principal, status, page));
  }

  @Post()
  @Roles('applicant')
  async start(@CurrentPrincipal() principal: Principal, @Req() req: Request, @Res() res: Response): Promise<void> {
    showAgainIfRefused(res, 'investigator/my-applications.njk', await this.model(principal, undefined, undefined), 'start');
    const created: ApplicationResponse = await this.commands.once(principal, req, async () => this.applications.create(principal, await validateAs(ApplicationFormDto, {})));
    res.redirect(303, `${WEB_PREFIX}/applications/${created.id}/form/about`);
  }

  private async model(principal: Principal, statusQuery: unknown, pageQuery: unknown): Promise<Record<string, unknown>> {
    const status = typeof statusQuery === 'string' && (APPLICATION_STATES as readonly string[]).includes(statusQuery) ? (statusQuery as ApplicationState) : undefined;
    const requested = typeof pageQuery === 'string' && /^\d{1,6}$/.test(pageQuery) ? Math.max(1, Number(pageQuery)) : 1;
    const [listed, ...waitingLists] = await Promise.all([
      this.applications.list(principal, { status, page: requested, pageSize: PAGE_SIZE }),
      ...WAITING.map((w) => this.applications.list(principal, { status: w.status, page: 1, pageSize: WAITING_MAX })),
    ]);
    const waiting = WAITING.flatMap((w, i) =>
      waitingLists[i].items
        .filter((item) => item.applicantId === principal.id)
        .map((item) => ({ ...item, todo: w.todo, href: `${WEB_PREFIX}/applications/${item.id}/${w.slug}` })),
    );
    const query = (n: number): string => `${WEB_PREFIX}/applications?${new URLSearchParams({ ...(status ? { status } : {}), page: String(n) }).toString()}`;
    return {
      waiting,
      items: listed.items,
      total: listed.total,
      status: status ?? '',
      statusItems: [
        { value: '', text: 'Any status', selected: !status },
        ...APPLICATION_STATES.filter((s) => s !== 'ripaRecord').map((s) => ({ value: s, text: APPLICATION_STATE_LABELS[s], selected: s === status })),
      ],
      pagination: pagination(listed.page, listed.total, PAGE_SIZE, query),
      idempotencyKey: this.commands.newKey(),
      errors: {},
      errorList: [],
    };
  }
}
