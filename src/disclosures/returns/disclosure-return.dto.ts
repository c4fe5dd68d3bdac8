import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { TEXT_MAX } from '../../applications/public-api';
import { PAGE_SIZE_MAX } from '../../http/request-limits';
import { CHECK_REVIEW_DECISIONS, type CheckReviewDecision } from './disclosure-return-check.entity';

/** `POST …/checks/:checkId/review`: the SPOC's decision on a failed check, with a reason either way. */
export class ReviewCheckDto {
  @ApiProperty({ enum: CHECK_REVIEW_DECISIONS, description: 'accepted (not an error, with why) or raisedAsError (the suspected error stands)' })
  @IsIn(CHECK_REVIEW_DECISIONS)
  decision!: CheckReviewDecision;
  @ApiProperty({ description: 'why, in plain English' }) @IsString() @MinLength(1) @MaxLength(TEXT_MAX) reason!: string;
}

/** The largest page of acquired records one read returns: the service's one page limit (OWASP API4:2023). */
export const RECORD_PAGE_MAX = PAGE_SIZE_MAX;

/** `GET …/returns/:returnId/records?offset=&limit=`: a page of the rows, in file order. */
export class RecordPageQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 0, default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset?: number;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: RECORD_PAGE_MAX, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(RECORD_PAGE_MAX)
  limit?: number;
}
