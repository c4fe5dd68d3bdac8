import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../../auth/principal';
import { CLOCK } from '../../clock.provider';
import { APP_CONFIG, type AppConfig } from '../../config';
import { UnitOfWork } from '../../database/unit-of-work';
import { DomainException } from '../../http/domain-exception';
import type { Clock } from '../../workflow/clock';
import {
  dashboardThresholds,
  ERRORS_DUE_WITHIN_WORKING_DAYS,
  EXPIRING_WITHIN_CALENDAR_DAYS,
  type DashboardSettings,
} from './dashboard-thresholds';
import { DASHBOARD_TILE_IDS, tileWords, type DashboardTileId } from './dashboard-tiles';
import type { DashboardTileQuery } from './dashboard.dto';
import { toDashboard, toDashboardRecord, type DashboardTileRecordsView, type DashboardView } from './dashboard.mapper';
import { DashboardQueries, type OpenApplicationsFilter } from './dashboard.queries';

/**
 * The manager's dashboard (docs/statistics.md §5): what needs a SPOC's or the SRO's attention in their own
 * authority, now. Scope is the caller's authority (`principal.authorityId`) and nothing else — not the local
 * authorities a NAFN SPOC serves, not another force's records — because the SRO answers for their own
 * authority's compliance (docs/law.md §1). Each answer is one read (`UnitOfWork.read`), so the tiles and their
 * breakdown are one consistent snapshot, at one instant from the injected clock.
 */
@Injectable()
export class DashboardService {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private settings(): DashboardSettings {
    return {
      cspWaitWorkingDays: this.config.dashboard.cspWaitWorkingDays,
      errorsDueWithinWorkingDays: ERRORS_DUE_WITHIN_WORKING_DAYS,
      expiringWithinCalendarDays: EXPIRING_WITHIN_CALENDAR_DAYS,
    };
  }

  dashboard(principal: Principal): Promise<DashboardView> {
    const settings = this.settings();
    const thresholds = dashboardThresholds(this.clock.now(), settings);
    const authorityId = principal.authorityId;
    return this.uow.read(async (m) => {
      const counts = {} as Record<DashboardTileId, number>;
      for (const tile of DASHBOARD_TILE_IDS) counts[tile] = await DashboardQueries.count(m, tile, authorityId, thresholds);
      const openByStateAndBand = await DashboardQueries.openByStateAndBand(m, authorityId, thresholds);
      return toDashboard({ authorityId, thresholds, settings, counts, openByStateAndBand });
    });
  }

  records(principal: Principal, tile: DashboardTileId, q: DashboardTileQuery): Promise<DashboardTileRecordsView> {
    const filter: OpenApplicationsFilter = { state: q.state, ageBand: q.ageBand };
    if (tile !== 'openApplications' && (q.state !== undefined || q.ageBand !== undefined)) {
      const errors = (['state', 'ageBand'] as const)
        .filter((field) => q[field] !== undefined)
        .map((field) => ({ field, code: 'openApplicationsOnly', message: `${field} narrows the openApplications tile only` }));
      throw new DomainException('VALIDATION_FAILED', `The ${tile} tile has no ${errors.map((e) => e.field).join(' or ')}: only the open applications are counted by state and age.`, { errors });
    }
    const settings = this.settings();
    const thresholds = dashboardThresholds(this.clock.now(), settings);
    const authorityId = principal.authorityId;
    return this.uow.read(async (m) => {
      const total = await DashboardQueries.count(m, tile, authorityId, thresholds, filter);
      const rows = await DashboardQueries.page(m, tile, authorityId, thresholds, filter, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
      const errorIds = tileWords(settings)[tile].recordType === 'errorEntry' ? rows.map((row) => row.record_id) : [];
      const urns = await DashboardQueries.linkedUrns(m, authorityId, errorIds);
      return {
        tile,
        title: tileWords(settings)[tile].title,
        state: q.state ?? null,
        ageBand: q.ageBand ?? null,
        asOf: thresholds.now.toISOString(),
        items: rows.map((row) => toDashboardRecord(tile, row, thresholds, settings, urns)),
        page: q.page,
        pageSize: q.pageSize,
        total,
      };
    });
  }
}
