import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { APPLICATION_STATES, PRIORITY_GRADES, type ApplicationState, type PriorityGrade } from '../workflow/application.types';
import { IsInstantWithOffset } from './form-validators';

/**
 * `GET /applications`: the caller's applications, filtered. The SPOC's work queue (src/web/spoc) runs this same
 * query, so the page and the API filter alike (issue 19).
 */
export class ListApplicationsQuery {
  @ApiPropertyOptional({ enum: APPLICATION_STATES })
  @IsOptional()
  @IsIn(APPLICATION_STATES)
  status?: ApplicationState;

  @ApiPropertyOptional({ enum: PRIORITY_GRADES, description: 'only applications whose form gives this priority grade (docs/law.md §3.1)' })
  @IsOptional()
  @IsIn(PRIORITY_GRADES)
  priorityGrade?: PriorityGrade;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'only applications last changed (any event or edit) before this instant, an ISO 8601 date-time with its offset: how long they have waited',
    example: '2026-03-02T10:00:00Z',
  })
  @IsOptional()
  @IsInstantWithOffset()
  updatedBefore?: string;

  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  page: number = 1;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize: number = 20;
}
