import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { Roles } from '../common/route-policy';
import { parseIfMatch } from '../http/if-match';
import { SendsVersionETag } from '../http/version-etag';
import { CdErrorReports } from './cd-error-reports.service';
import { CdErrorEventDto, CreateCdErrorDto, ListCdErrorsQuery, PatchCdErrorDto } from './cd-error.dto';
import { CdErrorsService } from './cd-errors.service';

const ID = new ParseUUIDPipe();
const IF_MATCH = { name: 'If-Match', required: true, description: 'the version you are changing' };

/** The CD error register (docs/architecture.md §8): the authority's SPOCs and SRO only. */
@ApiTags('errors')
@ApiBearerAuth()
@Controller('errors')
@Roles('spoc', 'sro')
export class CdErrorsController {
  constructor(
    private readonly errors: CdErrorsService,
    private readonly reports: CdErrorReports,
  ) {}

  @SendsVersionETag()
  @Post()
  create(@CurrentPrincipal() p: Principal, @Body() dto: CreateCdErrorDto) {
    return this.errors.create(p, dto);
  }

  @Get()
  list(@CurrentPrincipal() p: Principal, @Query() q: ListCdErrorsQuery) {
    return this.errors.list(p, q);
  }

  @SendsVersionETag()
  @Get(':id')
  get(@CurrentPrincipal() p: Principal, @Param('id', ID) id: string) {
    return this.errors.get(p, id);
  }

  @SendsVersionETag()
  @Patch(':id')
  @ApiHeader(IF_MATCH)
  patch(@CurrentPrincipal() p: Principal, @Param('id', ID) id: string, @Headers('if-match') ifMatch: string | undefined, @Body() dto: PatchCdErrorDto) {
    return this.errors.patch(p, id, parseIfMatch(ifMatch), dto);
  }

  @SendsVersionETag()
  @Post(':id/events')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  event(@CurrentPrincipal() p: Principal, @Param('id', ID) id: string, @Headers('if-match') ifMatch: string | undefined, @Body() dto: CdErrorEventDto) {
    return this.errors.apply(p, id, parseIfMatch(ifMatch), dto);
  }

  @Get(':id/report')
  report(@CurrentPrincipal() p: Principal, @Param('id', ID) id: string) {
    return this.reports.report(p, id);
  }

  @Get(':id/report.pdf')
  @ApiProduces('application/pdf')
  async reportPdf(@CurrentPrincipal() p: Principal, @Param('id', ID) id: string): Promise<StreamableFile> {
    return new StreamableFile(await this.reports.reportPdf(p, id), { type: 'application/pdf', disposition: `inline; filename="error-${id}.pdf"` });
  }

  @Get(':id/history')
  history(@CurrentPrincipal() p: Principal, @Param('id', ID) id: string) {
    return this.errors.historyOf(p, id);
  }

  @Get(':id/history/verify')
  verify(@CurrentPrincipal() p: Principal, @Param('id', ID) id: string) {
    return this.errors.verify(p, id);
  }
}
