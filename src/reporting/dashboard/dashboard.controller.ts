import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '../../auth/principal';
import { Roles } from '../../common/route-policy';
import { ApiProblems } from '../../http/openapi';
import { DashboardTileParams, DashboardTileQuery } from './dashboard.dto';
import { Dashboard, DashboardTileRecords } from './dashboard.responses';
import { DashboardService } from './dashboard.service';

/**
 * The manager's dashboard (docs/statistics.md §5): the SPOCs and the SRO of an authority, who answer for
 * its deadlines and its compliance (docs/law.md §1), see their own authority's only. Every tile links to the
 * records it counts; each record links to its own route, where its need-to-know applies as ever.
 */
@ApiTags('dashboard')
@ApiBearerAuth()
@Controller('dashboard')
@Roles('spoc', 'sro')
@ApiProblems(400, 401, 403)
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get()
  @ApiOperation({
    operationId: 'getDashboard',
    summary: 'What needs attention in the caller’s authority now: open applications by state and age, waits on CSPs, error reports due and overdue, authorisations ending, requests to cancel, written records overdue',
  })
  @ApiOkResponse({ type: Dashboard })
  get(@CurrentPrincipal() p: Principal) {
    return this.dashboard.dashboard(p);
  }

  @Get('tiles/:tile')
  @ApiOperation({ operationId: 'listDashboardTileRecords', summary: 'The records behind one tile of the dashboard, most pressing first: exactly as many as the tile counts' })
  @ApiOkResponse({ type: DashboardTileRecords })
  records(@CurrentPrincipal() p: Principal, @Param() params: DashboardTileParams, @Query() q: DashboardTileQuery) {
    return this.dashboard.records(p, params.tile, q);
  }
}
