import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { Roles } from '../common/route-policy';
import { ApiCommand, ApiProblems, IDEMPOTENT_REPLAYED_HEADER } from '../http/openapi';
import { ListReviewsQuery, PlaceLegalHoldDto, ReleaseLegalHoldDto, RetentionDecisionDto, RetentionRecordParams } from './retention.dto';
import { DestructionCertificate, LegalHold, RetentionDecisionOutcome, RetentionRecord, RetentionReviewList } from './retention.responses';
import { RetentionService } from './retention.service';

const ID = new ParseUUIDPipe({ version: undefined });

/**
 * Retention and destruction (issue 24, item 6; docs/retention.md), for the authority's senior responsible officer,
 * who answers for how long its records are kept (docs/law.md §1).
 */
@ApiTags('retention')
@ApiBearerAuth()
@Controller('retention')
@Roles('sro')
export class RetentionController {
  constructor(private readonly retention: RetentionService) {}

  @Get('reviews')
  @ApiOperation({ operationId: 'listRetentionReviews', summary: 'The authority’s records due for a retention decision (or, with state=decided, answered), oldest due first' })
  @ApiOkResponse({ type: RetentionReviewList })
  @ApiProblems(400, 401, 403)
  reviews(@CurrentPrincipal() p: Principal, @Query() query: ListReviewsQuery): Promise<RetentionReviewList> {
    return this.retention.listReviews(p, query);
  }

  @Get('records/:recordType/:id')
  @ApiOperation({ operationId: 'getRetentionRecord', summary: 'A record’s retention: when it closed, when its period runs out, its reviews, decisions, legal holds and destruction certificates' })
  @ApiOkResponse({ type: RetentionRecord })
  @ApiProblems(400, 401, 403, 404)
  record(@CurrentPrincipal() p: Principal, @Param() params: RetentionRecordParams): Promise<RetentionRecord> {
    return this.retention.record(p, params.recordType, params.id);
  }

  @Post('decisions')
  @ApiOperation({
    operationId: 'decideRetention',
    summary: 'Record a decision about a record: retain it (with a reason and a date to review it again) or delete its content',
    description:
      'A deletion blanks the record’s content and its history’s payloads under this decision, in the same transaction, and issues a destruction certificate; the record’s history still verifies. It is refused while a legal hold stands, while the record is open, and before the record is due for review unless a register entry establishes that its data was acquired in error.',
  })
  @ApiCreatedResponse({ type: RetentionDecisionOutcome, headers: IDEMPOTENT_REPLAYED_HEADER })
  @ApiCommand()
  @ApiProblems(403, 404)
  decide(@CurrentPrincipal() p: Principal, @Body() dto: RetentionDecisionDto): Promise<RetentionDecisionOutcome> {
    return this.retention.decide(p, dto);
  }

  @Post('holds')
  @ApiOperation({ operationId: 'placeLegalHold', summary: 'Place a legal hold on a record (criminal proceedings, a Tribunal complaint, an IPC investigation): no decision may delete it until released' })
  @ApiCreatedResponse({ type: LegalHold, headers: IDEMPOTENT_REPLAYED_HEADER })
  @ApiCommand()
  @ApiProblems(403, 404)
  placeHold(@CurrentPrincipal() p: Principal, @Body() dto: PlaceLegalHoldDto): Promise<LegalHold> {
    return this.retention.placeHold(p, dto);
  }

  @Post('holds/:id/release')
  @ApiOperation({ operationId: 'releaseLegalHold', summary: 'Release a legal hold, with the reason; the hold as placed is kept' })
  @ApiCreatedResponse({ type: LegalHold, headers: IDEMPOTENT_REPLAYED_HEADER })
  @ApiCommand()
  @ApiProblems(403, 404)
  releaseHold(@CurrentPrincipal() p: Principal, @Param('id', ID) id: string, @Body() dto: ReleaseLegalHoldDto): Promise<LegalHold> {
    return this.retention.releaseHold(p, id, dto);
  }

  @Get('certificates/:id')
  @ApiOperation({ operationId: 'getDestructionCertificate', summary: 'A destruction certificate: the decision, the record, the fields deleted and the history head it left' })
  @ApiOkResponse({ type: DestructionCertificate })
  @ApiProblems(400, 401, 403, 404)
  certificate(@CurrentPrincipal() p: Principal, @Param('id', ID) id: string): Promise<DestructionCertificate> {
    return this.retention.certificate(p, id);
  }
}
