import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { IsInstantGivenWithOffset } from '../http/validation';


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
  @IsInstantGivenWithOffset()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'events before this instant (with its offset)', example: '2026-04-01T00:00:00Z' })
  @IsOptional()
  @IsInstantGivenWithOffset()
  to?: string;

  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 100, description: 'at most this many events, the newest first (narrow the period for more)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 100;
}
