import { Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentPrincipal, type Principal } from '../../auth/principal';
import { Roles } from '../../common/route-policy';
import { AcceptsBody } from '../../http/json-only.interceptor';
import { ApiCommand, ApiProblems, IDEMPOTENT_REPLAYED_HEADER } from '../../http/openapi';
import { CSP_LIST_COLUMNS, CSP_LIST_MAX_BYTES, CSP_LIST_MAX_LINES } from './csp-disclosure-list';
import { ReverseAuditQuery } from './reverse-audit.dto';
import { ReverseAudit } from './reverse-audit.responses';
import { ReverseAuditsService } from './reverse-audits.service';

const ID = new ParseUUIDPipe({ version: undefined });
const CSV_EXAMPLE = `${CSP_LIST_COLUMNS.join(',')}\nEM-2026-0001,+447911123456,subscriber,2026-07-02T10:15:00+01:00\n`;

/**
 * The reverse audit (issue 24, item 4; docs/returns.md §7), for the authority's SRO, who answers for its compliance:
 * a CSP's own list of what it disclosed, matched back to the authority's requests.
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('reverse-audits')
@Roles('sro')
export class ReverseAuditsController {
  constructor(private readonly audits: ReverseAuditsService) {}

  @Post()
  @AcceptsBody('text/csv')
  @ApiOperation({
    operationId: 'runReverseAudit',
    summary: 'Match a CSP’s list of what it disclosed to the authority in a period to the authority’s requests',
    description:
      `The body is the CSP’s list as CSV (at most ${CSP_LIST_MAX_BYTES / 1024 / 1024} MiB, ${CSP_LIST_MAX_LINES} lines) whose header names ` +
      `${CSP_LIST_COLUMNS.map((c) => `\`${c}\``).join(', ')}. Each line is matched to an authorised, sent request by the CSP’s ` +
      'reference, the identifier (normalised), the data type and the time of disclosure (while the request was out and the ' +
      'authorisation in force). A line that matches none is a finding and raises a suspected error in the register; a request ' +
      'the authority recorded as answered in the period that the list lacks is a finding too. Nothing is matched if any line is ' +
      'at fault: the 400 `REVERSE_AUDIT_INVALID` names each by `line`.',
    requestBody: { required: true, content: { 'text/csv': { schema: { type: 'string', maxLength: CSP_LIST_MAX_BYTES }, example: CSV_EXAMPLE } } },
  })
  @ApiCreatedResponse({ type: ReverseAudit, headers: IDEMPOTENT_REPLAYED_HEADER })
  @ApiCommand()
  @ApiProblems(403, 404)
  run(@CurrentPrincipal() p: Principal, @Query() query: ReverseAuditQuery, @Req() request: Request): Promise<ReverseAudit> {
    return this.audits.run(p, query, request.body as unknown);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getReverseAudit', summary: 'A reverse audit of the caller’s authority, as it was run' })
  @ApiOkResponse({ type: ReverseAudit })
  @ApiProblems(400, 401, 403, 404)
  get(@CurrentPrincipal() p: Principal, @Param('id', ID) id: string): Promise<ReverseAudit> {
    return this.audits.get(p, id);
  }

  @Get(':id/report.pdf')
  @ApiProduces('application/pdf')
  @ApiOperation({ operationId: 'getReverseAuditPdf', summary: 'A reverse audit as an OFFICIAL-SENSITIVE PDF' })
  @ApiOkResponse({ description: 'the findings and the matched lines, marked on every page', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblems(400, 401, 403, 404)
  async pdf(@CurrentPrincipal() p: Principal, @Param('id', ID) id: string): Promise<StreamableFile> {
    return new StreamableFile(await this.audits.pdf(p, id), { type: 'application/pdf', disposition: `inline; filename="reverse-audit-${id}.pdf"` });
  }
}
