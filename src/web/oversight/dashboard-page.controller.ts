import { Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CurrentPrincipal, type Principal } from '../../auth/principal';
import { Roles } from '../../common/route-policy';
import { AGE_BANDS, DashboardService, DashboardTileParams, DashboardTileQuery } from '../../reporting/public-api';
import { APPLICATION_STATE_LABELS } from '../../workflow/application.labels';
import { validateAs } from '../forms/validate-as';
import { pagination } from '../pagination';
import { WebPages } from '../web-page';
import { DASHBOARD_PATH, queryFields, recordLink, tilePagePath } from './oversight-links';

/** Records a page of a tile's list shows: the API's largest page (DashboardTileQuery). */
const TILE_PAGE_SIZE = 100;

/**
 * The manager's dashboard (issue 20; docs/statistics.md §5): what needs the attention of an authority's SPOCs and
 * its SRO now, and the records behind each count. The same service as `GET /dashboard` and `GET /dashboard/tiles/:tile`,
 * for the same roles: every count and list is of the caller's own authority only, so another force's SRO sees their own.
 */
@WebPages(DASHBOARD_PATH)
export class DashboardPageController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get()
  @Roles('spoc', 'sro')
  async page(@CurrentPrincipal() principal: Principal, @Res() res: Response): Promise<void> {
    const view = await this.dashboard.dashboard(principal);
    const open = view.tiles.find((tile) => tile.id === 'openApplications');
    res.render('oversight/dashboard.njk', {
      asOfLondon: view.asOfLondon,
      tiles: view.tiles.map((tile) => ({ id: tile.id, title: tile.title, definition: tile.definition, count: tile.count, href: tilePagePath(tile.id) })),
      bands: AGE_BANDS.map((band) => band.label),
      openTotal: open?.count ?? 0,
      openHref: tilePagePath('openApplications'),
      breakdown: (open?.breakdown ?? []).map((state) => ({
        label: state.label,
        count: state.count,
        href: tilePagePath('openApplications', { state: state.key }),
        bands: state.bands.map((band) => ({ label: band.label, count: band.count, href: tilePagePath('openApplications', { state: state.key, ageBand: band.key }) })),
      })),
    });
  }

  @Get('tiles/:tile')
  @Roles('spoc', 'sro')
  async tile(@CurrentPrincipal() principal: Principal, @Param('tile') tileParam: string, @Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const { tile } = await validateAs(DashboardTileParams, { tile: tileParam });
    const q = await validateAs(DashboardTileQuery, { ...queryFields(query, ['state', 'ageBand', 'page']), pageSize: TILE_PAGE_SIZE });
    const list = await this.dashboard.records(principal, tile, q);
    const narrowedBy = [list.state ? APPLICATION_STATE_LABELS[list.state] : null, list.ageBand ? AGE_BANDS.find((b) => b.key === list.ageBand)?.label : null].filter(Boolean);
    res.render('oversight/tile.njk', {
      title: list.title,
      narrowedBy: narrowedBy.join(', '),
      total: list.total,
      rows: list.items.map((item) => ({ ...item, link: recordLink(item.type, item.id, item.reference, principal.roles) })),
      pagination: pagination(list.page, list.total, list.pageSize, (page) => tilePagePath(tile, { state: list.state, ageBand: list.ageBand, page })),
      firstPage: tilePagePath(tile, { state: list.state, ageBand: list.ageBand }),
      backLink: DASHBOARD_PATH,
    });
  }
}
