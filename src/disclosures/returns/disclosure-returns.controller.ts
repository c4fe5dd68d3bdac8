import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentPrincipal, type Principal } from '../../auth/principal';
import { Roles } from '../../common/route-policy';
import { AcceptsBody } from '../../http/json-only.interceptor';
import { ApiCommand, ApiProblems, IDEMPOTENT_REPLAYED_HEADER } from '../../http/openapi';
import { RefusesIdempotencyKey } from '../../common/idempotency-key-rule';
import { RecordPageQuery, ReviewCheckDto } from './disclosure-return.dto';
import { AcquiredRecordPage, DisclosureReturn, DisclosureReturnList, ReturnCheck } from './disclosure-returns.responses';
import { DisclosureReturnsService } from './disclosure-returns.service';

const ID = new ParseUUIDPipe();
/** Who may read a request's returns: whoever may see its application (the service checks need-to-know). */
const READERS = ['spoc', 'sro', 'dso', 'applicant'] as const;

/** Returns from CSPs, under their request (docs/architecture.md §8; docs/returns.md). */
@ApiTags('disclosures')
@ApiBearerAuth()
@Controller('disclosure-requests/:id/returns')
@ApiProblems(401, 403)
export class DisclosureReturnsController {
  constructor(private readonly returns: DisclosureReturnsService) {}

  @Post()
  @Roles('spoc')
  @AcceptsBody('multipart/form-data')
  @RefusesIdempotencyKey()
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    description:
      'One part of a CSP’s delivery, as received: a CSV file (`text/csv`) of the item’s record type, or a JSON ETSI TS 103 120 ' +
      'DeliveryObject (`application/json`) whose payload is that CSV (docs/returns.md). Form fields come before the file.',
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        dataItemRef: { type: 'string', description: 'CSV: the item the file answers (may be left out when the request has one item)' },
        deliveryId: { type: 'string', description: 'CSV: the CSP’s delivery the part belongs to (default: a delivery of this one file)' },
        sequenceNumber: { type: 'integer', minimum: 1, description: 'CSV: the part’s number in its delivery (default 1)' },
        lastSequence: { type: 'boolean', description: 'CSV: whether it is the last part (default true)' },
        file: { type: 'string', format: 'binary' },
      },
    },
  })
  @ApiOperation({
    operationId: 'receiveDisclosureReturn',
    summary: 'Receive one part of a CSP’s return: stored as received, every row read and checked, each failed check raised as a suspected error',
    description:
      'Not idempotent by key: the same file twice is refused with 409 `RETURN_DUPLICATE`, naming the return it is. A file that cannot be read ' +
      'is refused with a 4xx and nothing of it is stored.',
  })
  @ApiCreatedResponse({ type: DisclosureReturn, description: 'the return, its failed checks, and the request after it' })
  @ApiProblems(400, 404, 409, 413, 415, 422)
  receive(@CurrentPrincipal() p: Principal, @Param('id', ID) id: string, @Req() request: Request) {
    return this.returns.receive(p, id, request);
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({ operationId: 'listDisclosureReturns', summary: 'The returns of a request, in the order they arrived, with their failed checks' })
  @ApiOkResponse({ type: DisclosureReturnList })
  @ApiProblems(400, 404)
  list(@CurrentPrincipal() p: Principal, @Param('id', ID) id: string) {
    return this.returns.list(p, id);
  }

  @Get(':returnId')
  @Roles(...READERS)
  @ApiOperation({ operationId: 'getDisclosureReturn', summary: 'One return, with its failed checks and their reviews' })
  @ApiOkResponse({ type: DisclosureReturn })
  @ApiProblems(400, 404)
  get(@CurrentPrincipal() p: Principal, @Param('id', ID) id: string, @Param('returnId', ID) returnId: string) {
    return this.returns.get(p, id, returnId);
  }

  @Get(':returnId/records')
  @Roles('spoc', 'sro')
  @ApiOperation({ operationId: 'listAcquiredRecords', summary: 'A page of a return’s rows as read and checked, in file order (never a quarantined return’s)' })
  @ApiOkResponse({ type: AcquiredRecordPage })
  @ApiProblems(400, 404, 409)
  records(@CurrentPrincipal() p: Principal, @Param('id', ID) id: string, @Param('returnId', ID) returnId: string, @Query() query: RecordPageQuery) {
    return this.returns.records(p, id, returnId, query.offset ?? 0, query.limit ?? 100);
  }

  @Get(':returnId/file')
  @Roles('spoc', 'sro')
  @ApiProduces('application/octet-stream')
  @ApiOperation({ operationId: 'getDisclosureReturnFile', summary: 'The file exactly as received, byte for byte (never a quarantined one)' })
  @ApiOkResponse({
    description: 'the bytes received, unchanged (as `application/octet-stream` whatever the sender called them, so nothing renders them), with their SHA-256',
    content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
    headers: {
      'Repr-Digest': { description: 'the SHA-256 of the bytes (RFC 9530), `sha-256=:<base64>:`', schema: { type: 'string' } },
      'Content-Disposition': { description: 'an attachment, with the file name as received (characters other than letters, digits, `.`, `-` and `_` replaced)', schema: { type: 'string' } },
    },
  })
  @ApiProblems(400, 404, 409)
  async file(@CurrentPrincipal() p: Principal, @Param('id', ID) id: string, @Param('returnId', ID) returnId: string, @Res() response: Response) {
    await this.returns.file(p, id, returnId, async (meta, chunks) => {
      response.setHeader('x-content-type-options', 'nosniff');
      response.status(200);
      // Never the sender's own media type: a file a CSP called text/html must not render in a browser.
      response.setHeader('content-type', 'application/octet-stream');
      response.setHeader('content-length', String(meta.sizeBytes));
      response.setHeader('content-disposition', `attachment; filename="${meta.fileName.replace(/[^\w.-]/g, '_')}"`);
      response.setHeader('repr-digest', `sha-256=:${Buffer.from(meta.sha256, 'hex').toString('base64')}:`);
      for await (const chunk of chunks) {
        if (!response.write(chunk)) await new Promise((resolve) => response.once('drain', resolve));
      }
      response.end();
    });
  }

  @Post(':returnId/checks/:checkId/review')
  @HttpCode(200)
  @Roles('spoc')
  @ApiOperation({ operationId: 'reviewReturnCheck', summary: 'Review a failed check: accept it with a reason, or confirm it as an error' })
  @ApiOkResponse({ type: ReturnCheck, headers: IDEMPOTENT_REPLAYED_HEADER })
  @ApiCommand()
  @ApiProblems(404)
  review(
    @CurrentPrincipal() p: Principal,
    @Param('id', ID) id: string,
    @Param('returnId', ID) returnId: string,
    @Param('checkId', ID) checkId: string,
    @Body() dto: ReviewCheckDto,
  ) {
    return this.returns.review(p, id, returnId, checkId, dto.decision, dto.reason);
  }
}
