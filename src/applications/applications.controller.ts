import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { Authenticated, Roles } from '../common/route-policy';
import { parseIfMatch } from '../http/if-match';
import { SendsVersionETag } from '../http/version-etag';
import { ApplicationEventDto } from './application-event.dto';
import { ApplicationEventsService } from './application-events.service';
import { ApplicationFormDto } from './application-form.dto';
import { ApplicationsService } from './applications.service';
import { ListApplicationsQuery } from './list-applications.query';

const ID = new ParseUUIDPipe({ version: undefined });
const IF_MATCH = { name: 'If-Match', required: true, description: 'the version you are changing' };

@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class ApplicationsController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly events: ApplicationEventsService,
  ) {}

  @SendsVersionETag()
  @Post()
  @Roles('applicant')
  create(@CurrentPrincipal() p: Principal, @Body() dto: ApplicationFormDto) {
    return this.applications.create(p, dto);
  }

  @Get()
  @Authenticated()
  list(@CurrentPrincipal() p: Principal, @Query() q: ListApplicationsQuery) {
    return this.applications.list(p, { status: q.status, page: q.page, pageSize: q.pageSize });
  }

  @SendsVersionETag()
  @Get(':id')
  @Authenticated()
  get(@CurrentPrincipal() p: Principal, @Param('id', ID) id: string) {
    return this.applications.get(p, id);
  }

  @SendsVersionETag()
  @Patch(':id')
  @Roles('applicant')
  @ApiHeader(IF_MATCH)
  patch(@CurrentPrincipal() p: Principal, @Param('id', ID) id: string, @Headers('if-match') ifMatch: string | undefined, @Body() dto: ApplicationFormDto) {
    return this.applications.patch(p, id, parseIfMatch(ifMatch), dto);
  }

  @SendsVersionETag()
  @Post(':id/events')
  @HttpCode(200)
  @Authenticated()
  @ApiHeader(IF_MATCH)
  event(@CurrentPrincipal() p: Principal, @Param('id', ID) id: string, @Headers('if-match') ifMatch: string | undefined, @Body() dto: ApplicationEventDto) {
    return this.events.apply(p, id, parseIfMatch(ifMatch), dto);
  }

  @SendsVersionETag()
  @Post(':id/renewal')
  @Roles('applicant')
  renew(@CurrentPrincipal() p: Principal, @Param('id', ID) id: string) {
    return this.applications.renew(p, id);
  }

  @Get(':id/history')
  @Authenticated()
  history(@CurrentPrincipal() p: Principal, @Param('id', ID) id: string) {
    return this.applications.historyOf(p, id);
  }

  @Get(':id/history/verify')
  @Authenticated()
  verify(@CurrentPrincipal() p: Principal, @Param('id', ID) id: string) {
    return this.applications.verify(p, id);
  }
}
