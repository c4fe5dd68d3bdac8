import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Header } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '../../auth/principal';
import { Roles } from '../../common/route-policy';
import { ApiHistoryVerifyResponse } from '../../http/history.responses';
import { parseIfMatch } from '../../http/if-match';
import { ApiCommand, ApiIfMatch, ApiProblems, COMMAND_RECORD_HEADERS, ETAG_HEADER } from '../../http/openapi';
import { SendsVersionETag } from '../../http/version-etag';
import { copyPackOf, hi1MessageOf } from './disclosure-request-exports';
import { CreateDisclosureRequestDto, DisclosureRequestEventDto } from './disclosure-request.dto';
import { DisclosureRequest, DisclosureRequestHistoryList, DisclosureRequestList } from './disclosure-requests.responses';
import { DisclosureRequestsService } from './disclosure-requests.service';

const ID = new ParseUUIDPipe();
/** Who may read a request: whoever may see its application (the service checks need-to-know). */
const READERS = ['spoc', 'sro', 'dso', 'applicant'] as const;

/** Requests made under an application (docs/architecture.md §8). */
@ApiTags('disclosures')
@ApiBearerAuth()
@Controller('applications/:id/disclosure-requests')
@ApiProblems(401, 403)
export class ApplicationDisclosureRequestsController {
  constructor(private readonly requests: DisclosureRequestsService) {}

  @SendsVersionETag()
  @Post()
  @Roles('spoc')
  @ApiOperation({ operationId: 'createDisclosureRequest', summary: 'Ask one CSP for some of an authorisation’s data items, as authorised' })
  @ApiCreatedResponse({ type: DisclosureRequest, description: 'the new request, pending', headers: COMMAND_RECORD_HEADERS })
  @ApiCommand()
  @ApiProblems(404)
  create(@CurrentPrincipal() p: Principal, @Param('id', ID) id: string, @Body() dto: CreateDisclosureRequestDto) {
    return this.requests.create(p, id, dto);
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({ operationId: 'listDisclosureRequests', summary: 'The requests made under an application, oldest first' })
  @ApiOkResponse({ type: DisclosureRequestList })
  @ApiProblems(400, 404)
  list(@CurrentPrincipal() p: Principal, @Param('id', ID) id: string) {
    return this.requests.listFor(p, id);
  }
}

/** One disclosure request (docs/architecture.md §7.2, §8). */
@ApiTags('disclosures')
@ApiBearerAuth()
@Controller('disclosure-requests')
@ApiProblems(401, 403)
export class DisclosureRequestsController {
  constructor(private readonly requests: DisclosureRequestsService) {}

  @SendsVersionETag()
  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({ operationId: 'getDisclosureRequest', summary: 'Read a request, with both statuses and the events the caller may send now' })
  @ApiOkResponse({ type: DisclosureRequest, headers: ETAG_HEADER })
  @ApiProblems(400, 404)
  get(@CurrentPrincipal() p: Principal, @Param('id', ID) id: string) {
    return this.requests.get(p, id);
  }

  @SendsVersionETag()
  @Post(':id/events')
  @HttpCode(200)
  @Roles('spoc')
  @ApiOperation({ operationId: 'sendDisclosureRequestEvent', summary: 'Send a request event: send it, record the CSP’s answer, mark it checked, cancel it' })
  @ApiOkResponse({ type: DisclosureRequest, description: 'the request after the transition', headers: COMMAND_RECORD_HEADERS })
  @ApiIfMatch()
  @ApiCommand()
  @ApiProblems(404)
  event(@CurrentPrincipal() p: Principal, @Param('id', ID) id: string, @Headers('if-match') ifMatch: string | undefined, @Body() dto: DisclosureRequestEventDto) {
    return this.requests.apply(p, id, parseIfMatch(ifMatch), dto);
  }

  @Get(':id/history')
  @Roles(...READERS)
  @ApiOperation({ operationId: 'getDisclosureRequestHistory', summary: 'Read a request’s hash-chained history, oldest first' })
  @ApiOkResponse({ type: DisclosureRequestHistoryList })
  @ApiProblems(400, 404)
  history(@CurrentPrincipal() p: Principal, @Param('id', ID) id: string) {
    return this.requests.historyOf(p, id);
  }

  @Get(':id/history/verify')
  @Roles(...READERS)
  @ApiOperation({ operationId: 'verifyDisclosureRequestHistory', summary: 'Recompute a request’s history chain and report the first broken row' })
  @ApiHistoryVerifyResponse()
  @ApiProblems(400, 404)
  verify(@CurrentPrincipal() p: Principal, @Param('id', ID) id: string) {
    return this.requests.verify(p, id);
  }

  @Get(':id/hi1')
  @Roles('spoc')
  @ApiOperation({ operationId: 'getDisclosureRequestEtsiMessage', summary: 'The request as an ETSI TS 103 120 (HI-1) message, in its JSON form' })
  @ApiOkResponse({ description: 'the message: a CREATE of the authorisation and one LDTask per data item', schema: { type: 'object', additionalProperties: true } })
  @ApiProblems(400, 404, 422)
  async hi1(@CurrentPrincipal() p: Principal, @Param('id', ID) id: string) {
    return hi1MessageOf(await this.requests.load(p, id));
  }

  @Get(':id/copy-pack')
  @Roles('spoc')
  @Header('content-type', 'text/plain; charset=utf-8')
  @ApiProduces('text/plain')
  @ApiOperation({ operationId: 'getDisclosureRequestCopyPack', summary: 'The request as plain text for a CSP’s portal, every time with its zone' })
  @ApiOkResponse({ description: 'OFFICIAL-SENSITIVE text, one block per data item', content: { 'text/plain': { schema: { type: 'string' } } } })
  @ApiProblems(400, 404)
  async copyPack(@CurrentPrincipal() p: Principal, @Param('id', ID) id: string) {
    return copyPackOf(await this.requests.load(p, id));
  }
}
