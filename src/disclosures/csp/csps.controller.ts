import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '../../auth/principal';
import { Roles } from '../../common/route-policy';
import { parseIfMatch } from '../../http/if-match';
import { ApiCommand, ApiIfMatch, ApiProblems, COMMAND_RECORD_HEADERS, ETAG_HEADER } from '../../http/openapi';
import { SendsVersionETag } from '../../http/version-etag';
import { CreateCspDto, ListCspsQuery, PatchCspDto } from './csp.dto';
import { Csp, CspPage } from './csps.responses';
import { CspsService } from './csps.service';

const ID = new ParseUUIDPipe();

/**
 * The national directory of communications service providers: read by SPOCs, SROs and administrators,
 * kept by administrators (`/admin/csps`). A CSP is versioned: its ETag is its version, and a change needs
 * it in `If-Match`.
 */
@ApiTags('csps')
@ApiBearerAuth()
@Controller()
@ApiProblems(401, 403)
export class CspsController {
  constructor(private readonly csps: CspsService) {}

  @Get('csps')
  @Roles('spoc', 'sro', 'admin')
  @ApiOperation({
    operationId: 'listCsps',
    summary: 'List the CSPs of the directory, by name',
    description: 'Active CSPs only; an administrator may add `includeInactive=true` (anyone else is refused 403).',
  })
  @ApiOkResponse({ type: CspPage })
  @ApiProblems(400)
  list(@CurrentPrincipal() p: Principal, @Query() q: ListCspsQuery) {
    return this.csps.list(p, q);
  }

  @SendsVersionETag()
  @Get('csps/:id')
  @Roles('spoc', 'sro', 'admin')
  @ApiOperation({ operationId: 'getCsp', summary: 'Read a CSP of the directory', description: 'An inactive CSP is found by administrators only.' })
  @ApiOkResponse({ type: Csp, headers: ETAG_HEADER })
  @ApiProblems(400, 404)
  get(@CurrentPrincipal() p: Principal, @Param('id', ID) id: string) {
    return this.csps.get(p, id);
  }

  @SendsVersionETag()
  @Post('admin/csps')
  @Roles('admin')
  @ApiOperation({ operationId: 'createCsp', summary: 'Add a CSP to the directory' })
  @ApiCreatedResponse({ type: Csp, description: 'the new CSP, at version 1', headers: COMMAND_RECORD_HEADERS })
  @ApiCommand()
  create(@Body() dto: CreateCspDto) {
    return this.csps.create(dto);
  }

  @SendsVersionETag()
  @Patch('admin/csps/:id')
  @Roles('admin')
  @ApiOperation({
    operationId: 'updateCsp',
    summary: 'Change a CSP of the directory, or deactivate it with `active: false`',
    description: 'The fields sent replace the CSP’s; `code` cannot change. There is no delete: requests name the CSP.',
  })
  @ApiOkResponse({ type: Csp, description: 'the CSP at its new version', headers: COMMAND_RECORD_HEADERS })
  @ApiIfMatch()
  @ApiCommand()
  @ApiProblems(404)
  patch(@Param('id', ID) id: string, @Headers('if-match') ifMatch: string | undefined, @Body() dto: PatchCspDto) {
    return this.csps.patch(id, parseIfMatch(ifMatch), dto);
  }
}
