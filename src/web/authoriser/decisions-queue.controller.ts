import { Get, Inject, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApplicationsService } from '../../applications/public-api';
import { CurrentPrincipal, type Principal } from '../../auth/principal';
import { CLOCK } from '../../clock.provider';
import { Roles } from '../../common/route-policy';
import { PRIORITY_GRADE_LABELS, ROUTE_LABELS } from '../../workflow/application-form.labels';
import type { ApplicationState, RecordRoute } from '../../workflow/application.types';
import type { Clock } from '../../workflow/clock';
import { WebPages } from '../web-page';
import { blockedOf, DECISIONS_PATH, decidePath, judicialDecisionPath, writtenRecordPath } from './authoriser-pages';
import { DECISION_CHOICES, JUDICIAL_CHOICES } from './decision-form';
import { writtenRecordClock, type WrittenRecordClock } from './written-record-clock';

type Summary = Awaited<ReturnType<ApplicationsService['list']>>['items'][number];

/** The largest page the list service gives (ListApplicationsQuery's maximum). */
const LIST_PAGE_SIZE = 100;
/** How many pages of one state the queue reads at most: a bound on the work of one page view. */
const MAX_LIST_PAGES = 10;
/** Rows shown per page of the queue; each is read in full for its priority and whether this reader may decide it. */
const QUEUE_PAGE_SIZE = 25;
/** How many urgent grants the written-record section reads in full at most, newest first. */
const MAX_WRITTEN_RECORD_CANDIDATES = 50;
/** The states an oral grant's written record can still be outstanding in (docs/law.md §2.4 RECORD_WRITTEN). */
const WRITTEN_RECORD_STATES: readonly ApplicationState[] = ['authorised', 'awaitingJudicialApproval', 'productIssued', 'cancelled', 'expired', 'quashed'];

/** One row of the queue, in words. */
interface QueueRow {
  urn: string;
  href: string;
  operationName: string;
  route: string;
  priority: string;
  waitingSince: string | null;
  journalisticSource: boolean;
  /** Why this reader cannot decide it, when a rule says so (the service's `blockedEvents`). */
  cannotDecide: string | null;
  clock?: WrittenRecordClock | null;
}

/** The routes each authoriser decides (docs/law.md §2.1): OCDA on ipc60A, a DSO on dso61 and dso61A (their own force, by need-to-know). */
function routesDecidedBy(principal: Principal): Set<RecordRoute> {
  const routes = new Set<RecordRoute>();
  if (principal.roles.includes('ocda')) routes.add('ipc60A');
  if (principal.roles.includes('dso')) {
    routes.add('dso61');
    routes.add('dso61A');
  }
  return routes;
}

const pageNumber = (value: unknown): number => {
  const n = typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : 1;
  return n >= 1 ? n : 1;
};

/**
 * The authoriser's start page (issue 19): what awaits this person's decision. OCDA: applications awaiting
 * authorisation on ipc60A; a DSO: those on dso61 and dso61A of their force, and their oral grants whose written record
 * is outstanding, with its clock; a Judicial Commissioner: grants awaiting approval under IPA s.77. What each may see is
 * the list service's need-to-know; the longest waiting come first.
 */
@WebPages(DECISIONS_PATH)
export class DecisionsQueueController {
  constructor(
    private readonly applications: ApplicationsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Roles('ocda', 'dso', 'jc')
  async queue(@CurrentPrincipal() principal: Principal, @Query('page') pageParam: unknown, @Res() res: Response): Promise<void> {
    const page = pageNumber(pageParam);
    const routes = routesDecidedBy(principal);
    const decisions = routes.size
      ? await this.section(principal, 'awaitingAuthorisation', (s) => s.route !== null && routes.has(s.route), page, 'decide')
      : null;
    const judicial = principal.roles.includes('jc') ? await this.section(principal, 'awaitingJudicialApproval', () => true, page, 'judicial') : null;
    const writtenRecords = principal.roles.includes('dso') ? await this.writtenRecords(principal) : null;
    res.render('authoriser/decisions.njk', { decisions, judicial, writtenRecords });
  }

  /** Every summary of `status` that `keep` accepts, reading at most {@link MAX_LIST_PAGES} pages. */
  private async collect(principal: Principal, status: ApplicationState, keep: (s: Summary) => boolean): Promise<{ items: Summary[]; complete: boolean }> {
    const items: Summary[] = [];
    for (let page = 1; page <= MAX_LIST_PAGES; page++) {
      const result = await this.applications.list(principal, { status, page, pageSize: LIST_PAGE_SIZE });
      items.push(...result.items.filter(keep));
      if (page * LIST_PAGE_SIZE >= result.total) return { items, complete: true };
    }
    return { items, complete: false };
  }

  private async section(principal: Principal, status: ApplicationState, keep: (s: Summary) => boolean, page: number, kind: 'decide' | 'judicial') {
    const { items, complete } = await this.collect(principal, status, keep);
    // The longest waiting first: the last change of an application awaiting a decision is its arrival there.
    items.sort((a, b) => (a.updatedAt ?? '').localeCompare(b.updatedAt ?? ''));
    const pages = Math.max(1, Math.ceil(items.length / QUEUE_PAGE_SIZE));
    const current = Math.min(page, pages);
    const shown = items.slice((current - 1) * QUEUE_PAGE_SIZE, current * QUEUE_PAGE_SIZE);
    const events = (kind === 'decide' ? DECISION_CHOICES : JUDICIAL_CHOICES).map((c) => c.event);
    const rows: QueueRow[] = [];
    for (const summary of shown) {
      const application = await this.applications.get(principal, summary.id);
      const canDecide = events.some((event) => application.allowedEvents.includes(event));
      const blocked = blockedOf(application, events)[0]?.message ?? null;
      rows.push({
        ...this.row(summary, application.form.priorityGrade ?? null, application.form.journalisticSourceSought === true),
        href: kind === 'decide' ? decidePath(summary.id) : judicialDecisionPath(summary.id),
        cannotDecide: canDecide ? null : (blocked ?? 'You cannot decide on this application.'),
      });
    }
    return {
      rows,
      total: items.length,
      complete,
      from: items.length ? (current - 1) * QUEUE_PAGE_SIZE + 1 : 0,
      to: (current - 1) * QUEUE_PAGE_SIZE + shown.length,
      previous: current > 1 ? `${DECISIONS_PATH}?page=${current - 1}` : null,
      next: current < pages ? `${DECISIONS_PATH}?page=${current + 1}` : null,
    };
  }

  /**
   * This DSO's oral grants whose written record is outstanding (docs/law.md §2.3): urgent-route applications of their
   * force in a state the record can still be made in, read in full (newest first, at most
   * {@link MAX_WRITTEN_RECORD_CANDIDATES}) for whether this DSO may make it now, soonest due first.
   */
  private async writtenRecords(principal: Principal) {
    const candidates: Summary[] = [];
    let complete = true;
    for (const status of WRITTEN_RECORD_STATES) {
      const found = await this.collect(principal, status, (s) => s.route === 'dso61A');
      complete &&= found.complete;
      candidates.push(...found.items);
    }
    candidates.sort((a, b) => (b.updatedAt ?? '').localeCompare(a.updatedAt ?? ''));
    if (candidates.length > MAX_WRITTEN_RECORD_CANDIDATES) complete = false;
    const now = this.clock.now();
    const rows: (QueueRow & { dueAt: string })[] = [];
    for (const summary of candidates.slice(0, MAX_WRITTEN_RECORD_CANDIDATES)) {
      const application = await this.applications.get(principal, summary.id);
      if (!application.writtenRecordDueAt || !application.allowedEvents.includes('RECORD_WRITTEN')) continue;
      rows.push({
        ...this.row(summary, application.form.priorityGrade ?? null, application.form.journalisticSourceSought === true),
        href: writtenRecordPath(summary.id),
        cannotDecide: null,
        clock: writtenRecordClock(application.writtenRecordDueAt, now),
        dueAt: application.writtenRecordDueAt,
      });
    }
    rows.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
    return { rows, complete };
  }

  private row(summary: Summary, grade: keyof typeof PRIORITY_GRADE_LABELS | null, journalisticSource: boolean): Omit<QueueRow, 'href' | 'cannotDecide'> {
    return {
      urn: summary.urn,
      operationName: summary.operationName ?? 'Not given',
      route: summary.route ? ROUTE_LABELS[summary.route] : 'Not given',
      priority: grade ? PRIORITY_GRADE_LABELS[grade] : 'Not given',
      waitingSince: summary.updatedAt,
      journalisticSource,
    };
  }
}
