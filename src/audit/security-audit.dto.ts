import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';

/** An instant with its offset (`Z` or `+01:00`): a time without one would be read in no zone a person meant. */
const WITH_OFFSET = /(Z|[+-]\d{2}:\d{2})$/;

/** What `GET /audit` narrows the caller's authority's stream to; every filter is optional. */
export class SecurityAuditQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'events about this record (an application, error, request, product or return)' })
  @IsOptional()
  @IsUUID()
  subjectId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'events of this person (their user id)' })
  @IsOptional()
  @IsUUID()
  actor?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'events at or after this instant (with its offset)', example: '2026-03-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(WITH_OFFSET, { message: 'from must give its offset (Z or +01:00)' })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'events before this instant (with its offset)', example: '2026-04-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(WITH_OFFSET, { message: 'to must give its offset (Z or +01:00)' })
  to?: string;

  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 100, description: 'at most this many events, the newest first (narrow the period for more)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 100;
}
