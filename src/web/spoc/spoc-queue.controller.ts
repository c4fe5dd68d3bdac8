import { Get, Inject, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApplicationsService } from '../../applications/public-api';
import { CurrentPrincipal, type Principal } from '../../auth/principal';
import { CLOCK } from '../../clock.provider';
import { Roles } from '../../common/route-policy';
import { PRIORITY_GRADE_LABELS, ROUTE_LABELS } from '../../workflow/application-form.labels';
import { APPLICATION_STATE_LABELS } from '../../workflow/application.labels';
import { PRIORITY_GRADES } from '../../workflow/application.types';
import type { Clock } from '../../workflow/clock';
import { pagination } from '../pagination';
import { WebPages } from '../web-page';
import { WEB_PREFIX } from '../web-paths';
import { changedBeforeToWaitMoreThan, parseQueueFilters, SPOC_QUEUE_STATES, workingDaysWaiting, type QueueFilters } from './queue-filters';

/** Rows a page of the queue shows. */
export const QUEUE_PAGE_SIZE = 50;

const QUEUE_PATH = `${WEB_PREFIX}/spoc`;

/** The queue's address with these filters (and page), for the pagination links. */
function queueHref(filters: QueueFilters, page: number): string {
  const query = new URLSearchParams({ state: filters.state });
  if (filters.priorityGrade) query.set('priorityGrade', filters.priorityGrade);
  if (filters.waitingDays !== null) query.set('waitingDays', String(filters.waitingDays));
  if (page > 1) query.set('page', String(page));
  return `${QUEUE_PATH}?${query.toString()}`;
}

/**
 * The SPOC's work queue (issue 19): their authority's applications in one of the states a SPOC works in, by
 * priority grade and by how long they have waited, a plain GET form over `ApplicationsService.list` (the query
 * `GET /applications` runs, need-to-know in it, so another force's applications never appear). Age is in working
 * days (docs/law.md §2.3) since the application last changed: when it entered its state, or an event or edit since.
 */
@WebPages(QUEUE_PATH)
export class SpocQueueController {
  constructor(
    private readonly applications: ApplicationsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Roles('spoc')
  async queue(@CurrentPrincipal() principal: Principal, @Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const parsed = parseQueueFilters(query);
    const { filters } = parsed;
    const now = this.clock.now();
    const list = await this.applications.list(principal, {
      status: filters.state,
      priorityGrade: filters.priorityGrade ?? undefined,
      updatedBefore: filters.waitingDays === null ? undefined : changedBeforeToWaitMoreThan(now, filters.waitingDays).toISOString(),
      page: filters.page,
      pageSize: QUEUE_PAGE_SIZE,
    });
    const errors = parsed.ok ? [] : parsed.errors;
    res.status(parsed.ok ? 200 : 400).render('spoc/queue.njk', {
      filters,
      values: { state: query.state, priorityGrade: query.priorityGrade, waitingDays: query.waitingDays },
      stateOptions: SPOC_QUEUE_STATES.map((state) => ({ value: state, text: APPLICATION_STATE_LABELS[state] })),
      gradeOptions: PRIORITY_GRADES.map((grade) => ({ value: grade, text: PRIORITY_GRADE_LABELS[grade] })),
      stateLabel: APPLICATION_STATE_LABELS[filters.state],
      rows: list.items.map((item) => ({
        ...item,
        gradeLabel: item.priorityGrade ? PRIORITY_GRADE_LABELS[item.priorityGrade] : 'Not given',
        routeLabel: item.route ? ROUTE_LABELS[item.route] : 'Not chosen',
        waiting: item.updatedAt ? workingDaysWaiting(new Date(item.updatedAt), now) : 0,
        href: `${WEB_PREFIX}/applications/${item.id}/review`,
      })),
      total: list.total,
      pagination: pagination(filters.page, list.total, QUEUE_PAGE_SIZE, (n) => queueHref(filters, n)),
      errorList: errors.map((e) => ({ text: e.message, href: `#${e.field}` })),
      errors: Object.fromEntries(errors.map((e) => [e.field, { text: e.message }])),
    });
  }
}
