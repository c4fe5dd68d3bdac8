import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/route-policy';
import { ApiCommand, ApiProblems, IDEMPOTENT_REPLAYED_HEADER } from '../http/openapi';
import { GrantInspectionDto, InspectionGrant, InspectionGrantList, InspectionGrants } from './inspection-grants';
import { CurrentPrincipal, type Principal } from './principal';

/** An administrator opens their authority's records to an inspector, for a period, until an expiry (issue 24, item 3). */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/inspection-grants')
@Roles('admin')
export class InspectionGrantsController {
  constructor(private readonly grants: InspectionGrants) {}

  @Post()
  @ApiOperation({
    operationId: 'grantInspection',
    summary: 'Give an inspector read-only access to the authority’s records made in a period, until an expiry',
    description: 'The inspector may then read those records (and nothing else of the authority), and write nothing; each reading is in the security audit stream. A grant cannot be changed: it ends at its expiry.',
  })
  @ApiCreatedResponse({ type: InspectionGrant, headers: IDEMPOTENT_REPLAYED_HEADER })
  @ApiCommand()
  @ApiProblems(403)
  grant(@CurrentPrincipal() p: Principal, @Body() dto: GrantInspectionDto): Promise<InspectionGrant> {
    return this.grants.grant(p, dto);
  }

  @Get()
  @ApiOperation({ operationId: 'listInspectionGrants', summary: 'The authority’s grants to inspectors, newest first, each saying whether it gives access now' })
  @ApiOkResponse({ type: InspectionGrantList })
  @ApiProblems(401, 403)
  list(@CurrentPrincipal() p: Principal): Promise<InspectionGrantList> {
    return this.grants.list(p);
  }
}
