import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { Roles } from '../common/route-policy';
import { ApiHistoryVerifyResponse } from '../http/history.responses';
import { parseIfMatch } from '../http/if-match';
import { ApiCommand, ApiIfMatch, ApiProblems, COMMAND_RECORD_HEADERS, ETAG_HEADER } from '../http/openapi';
import { SendsVersionETag } from '../http/version-etag';
import { CdErrorReports } from './cd-error-reports.service';
import { CdErrorEventDto, CreateCdErrorDto, ListCdErrorsQuery, PatchCdErrorDto } from './cd-error.dto';
import { CdError, CdErrorHistory, CdErrorPage, ErrorReport } from './cd-errors.responses';
import { CdErrorsService } from './cd-errors.service';

const ID = new ParseUUIDPipe();

/** The CD error register (docs/architecture.md §8): the authority's SPOCs and SRO only. */
@ApiTags('errors')
@ApiBearerAuth()
@Controller('errors')
@Roles('spoc', 'sro')
@ApiProblems(401, 403)
export class CdErrorsController {
  constructor(
    private readonly errors: CdErrorsService,
    private readonly reports: CdErrorReports,
  ) {}

  @SendsVersionETag()
  @Post()
  @ApiOperation({ operationId: 'createCdError', summary: 'Record an error in the caller’s authority’s register' })
  @ApiCreatedResponse({ type: CdError, description: 'the new entry, at `recorded`', headers: COMMAND_RECORD_HEADERS })
  @ApiCommand()
  create(@CurrentPrincipal() p: Principal, @Body() dto: CreateCdErrorDto) {
    return this.errors.create(p, dto);
  }

  @Get()
  @ApiOperation({ operationId: 'listCdErrors', summary: 'List the register of the caller’s authority, filtered' })
  @ApiOkResponse({ type: CdErrorPage })
  @ApiProblems(400)
  list(@CurrentPrincipal() p: Principal, @Query() q: ListCdErrorsQuery) {
    return this.errors.list(p, q);
  }

  @SendsVersionETag()
  @Get(':id')
  @ApiOperation({ operationId: 'getCdError', summary: 'Read a register entry, with its due date and the events the caller may send now' })
  @ApiOkResponse({ type: CdError, headers: ETAG_HEADER })
  @ApiProblems(400, 404)
  get(@CurrentPrincipal() p: Principal, @Param('id', ID) id: string) {
    return this.errors.get(p, id);
  }

  @SendsVersionETag()
  @Patch(':id')
  @ApiOperation({ operationId: 'updateCdError', summary: 'Edit the report or the links of an entry while recorded or assessed' })
  @ApiOkResponse({ type: CdError, description: 'the entry at its new version', headers: COMMAND_RECORD_HEADERS })
  @ApiIfMatch()
  @ApiCommand()
  @ApiProblems(404)
  patch(@CurrentPrincipal() p: Principal, @Param('id', ID) id: string, @Headers('if-match') ifMatch: string | undefined, @Body() dto: PatchCdErrorDto) {
    return this.errors.patch(p, id, parseIfMatch(ifMatch), dto);
  }

  @SendsVersionETag()
  @Post(':id/events')
  @HttpCode(200)
  @ApiOperation({ operationId: 'sendCdErrorEvent', summary: 'Send a register event: assess, sight, report to the IPC, record its response…' })
  @ApiOkResponse({ type: CdError, description: 'the entry after the transition', headers: COMMAND_RECORD_HEADERS })
  @ApiIfMatch()
  @ApiCommand()
  @ApiProblems(404)
  event(@CurrentPrincipal() p: Principal, @Param('id', ID) id: string, @Headers('if-match') ifMatch: string | undefined, @Body() dto: CdErrorEventDto) {
    return this.errors.apply(p, id, parseIfMatch(ifMatch), dto);
  }

  @Get(':id/report')
  @ApiOperation({ operationId: 'getCdErrorReport', summary: 'The report of the error to the IPC, as data' })
  @ApiOkResponse({ type: ErrorReport })
  @ApiProblems(400, 404)
  report(@CurrentPrincipal() p: Principal, @Param('id', ID) id: string) {
    return this.reports.report(p, id);
  }

  @Get(':id/report.pdf')
  @ApiProduces('application/pdf')
  @ApiOperation({ operationId: 'getCdErrorReportPdf', summary: 'The report of the error to the IPC, as an OFFICIAL-SENSITIVE PDF' })
  @ApiOkResponse({ description: 'the report, marked on every page', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblems(400, 404)
  async reportPdf(@CurrentPrincipal() p: Principal, @Param('id', ID) id: string): Promise<StreamableFile> {
    return new StreamableFile(await this.reports.reportPdf(p, id), { type: 'application/pdf', disposition: `inline; filename="error-${id}.pdf"` });
  }

  @Get(':id/history')
  @ApiOperation({ operationId: 'getCdErrorHistory', summary: 'Read an entry’s hash-chained history, oldest first' })
  @ApiOkResponse({ type: CdErrorHistory })
  @ApiProblems(400, 404)
  history(@CurrentPrincipal() p: Principal, @Param('id', ID) id: string) {
    return this.errors.historyOf(p, id);
  }

  @Get(':id/history/verify')
  @ApiOperation({ operationId: 'verifyCdErrorHistory', summary: 'Recompute an entry’s history chain and report the first broken row' })
  @ApiHistoryVerifyResponse()
  @ApiProblems(400, 404)
  verify(@CurrentPrincipal() p: Principal, @Param('id', ID) id: string) {
    return this.errors.verify(p, id);
  }
}
