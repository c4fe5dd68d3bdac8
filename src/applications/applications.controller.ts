import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { Authenticated, Roles } from '../common/route-policy';
import { ApiHistoryVerifyResponse } from '../http/history.responses';
import { parseIfMatch } from '../http/if-match';
import { ApiCommand, ApiIfMatch, ApiProblems, COMMAND_RECORD_HEADERS, ETAG_HEADER } from '../http/openapi';
import { SendsVersionETag } from '../http/version-etag';
import { ApplicationEventDto } from './application-event.dto';
import { ApplicationEventsService } from './application-events.service';
import { ApplicationFormDto } from './application-form.dto';
import { ApplicationOverlaps, OVERLAP_READERS } from './application-overlaps';
import { ApplicationOverlapList } from './application-overlaps.responses';
import { Application, ApplicationHistory, ApplicationPage } from './applications.responses';
import { ApplicationsService } from './applications.service';
import { ListApplicationsQuery } from './list-applications.query';

const ID = new ParseUUIDPipe({ version: undefined });

@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class ApplicationsController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly events: ApplicationEventsService,
    private readonly overlaps: ApplicationOverlaps,
  ) {}

  @SendsVersionETag()
  @Post()
  @Roles('applicant')
  @ApiOperation({ operationId: 'createApplication', summary: 'Create a draft application' })
  @ApiCreatedResponse({ type: Application, description: 'the new draft, at version 1', headers: COMMAND_RECORD_HEADERS })
  @ApiCommand()
  @ApiProblems(403)
  create(@CurrentPrincipal() p: Principal, @Body() dto: ApplicationFormDto) {
    return this.applications.create(p, dto);
  }

  @Get()
  @Authenticated()
  @ApiOperation({ operationId: 'listApplications', summary: 'List the applications the caller may see, newest first' })
  @ApiOkResponse({ type: ApplicationPage })
  @ApiProblems(400, 401)
  list(@CurrentPrincipal() p: Principal, @Query() q: ListApplicationsQuery) {
    return this.applications.list(p, { status: q.status, priorityGrade: q.priorityGrade, updatedBefore: q.updatedBefore, page: q.page, pageSize: q.pageSize });
  }

  @SendsVersionETag()
  @Get(':id')
  @Authenticated()
  @ApiOperation({ operationId: 'getApplication', summary: 'Read an application, with the events the caller may send now' })
  @ApiOkResponse({ type: Application, headers: ETAG_HEADER })
  @ApiProblems(400, 401, 404)
  get(@CurrentPrincipal() p: Principal, @Param('id', ID) id: string) {
    return this.applications.get(p, id);
  }

  @SendsVersionETag()
  @Patch(':id')
  @Roles('applicant')
  @ApiOperation({ operationId: 'updateApplication', summary: 'Edit the form of a draft or returned application (fields present are merged)' })
  @ApiOkResponse({ type: Application, description: 'the application at its new version', headers: COMMAND_RECORD_HEADERS })
  @ApiIfMatch()
  @ApiCommand()
  @ApiProblems(403, 404)
  patch(@CurrentPrincipal() p: Principal, @Param('id', ID) id: string, @Headers('if-match') ifMatch: string | undefined, @Body() dto: ApplicationFormDto) {
    return this.applications.patch(p, id, parseIfMatch(ifMatch), dto);
  }

  @SendsVersionETag()
  @Post(':id/events')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({ operationId: 'sendApplicationEvent', summary: 'Send a workflow event: submit, review, decide, cancel, close…' })
  @ApiOkResponse({ type: Application, description: 'the application after the transition', headers: COMMAND_RECORD_HEADERS })
  @ApiIfMatch()
  @ApiCommand()
  @ApiProblems(403, 404)
  event(@CurrentPrincipal() p: Principal, @Param('id', ID) id: string, @Headers('if-match') ifMatch: string | undefined, @Body() dto: ApplicationEventDto) {
    return this.events.apply(p, id, parseIfMatch(ifMatch), dto);
  }

  @SendsVersionETag()
  @Post(':id/renewal')
  @Roles('applicant')
  @ApiOperation({ operationId: 'renewApplication', summary: 'Renew an authorised application as a linked new draft' })
  @ApiCreatedResponse({ type: Application, description: 'the renewal: a new draft prefilled from the original', headers: COMMAND_RECORD_HEADERS })
  @ApiCommand()
  @ApiProblems(403, 404)
  renew(@CurrentPrincipal() p: Principal, @Param('id', ID) id: string) {
    return this.applications.renew(p, id);
  }

  @Get(':id/overlaps')
  @Roles(...OVERLAP_READERS)
  @ApiOperation({ operationId: 'listApplicationOverlaps', summary: 'Duplicate-acquisition warning: other applications and requests for the same identifier and time' })
  @ApiOkResponse({ type: ApplicationOverlapList })
  @ApiProblems(400, 401, 403, 404)
  overlapsOf(@CurrentPrincipal() p: Principal, @Param('id', ID) id: string) {
    return this.overlaps.list(p, id);
  }

  @Get(':id/history')
  @Authenticated()
  @ApiOperation({ operationId: 'getApplicationHistory', summary: 'Read an application’s hash-chained history, oldest first' })
  @ApiOkResponse({ type: ApplicationHistory })
  @ApiProblems(400, 401, 404)
  history(@CurrentPrincipal() p: Principal, @Param('id', ID) id: string) {
    return this.applications.historyOf(p, id);
  }

  @Get(':id/history/verify')
  @Authenticated()
  @ApiOperation({ operationId: 'verifyApplicationHistory', summary: 'Recompute an application’s history chain and report the first broken row' })
  @ApiHistoryVerifyResponse()
  @ApiProblems(400, 401, 404)
  verify(@CurrentPrincipal() p: Principal, @Param('id', ID) id: string) {
    return this.applications.verify(p, id);
  }
}
