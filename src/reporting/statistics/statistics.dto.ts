import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { PAGE_SIZE_MAX } from '../../http/request-limits';
import { ISO_DATE } from './statistics-period';
import { STATISTICS_FIGURES } from './statistics.figures';

export const RETURN_FORMATS = ['json', 'csv', 'xlsx', 'pdf'] as const;
export type ReturnFormat = (typeof RETURN_FORMATS)[number];
export const LIST_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type ListFormat = (typeof LIST_FORMATS)[number];
export const FIGURE_IDS = [...STATISTICS_FIGURES.keys()];

/** The most rows one page of a cell's list holds, in any format: the service's one page limit (OWASP API4:2023). */
export const LIST_PAGE_MAX = PAGE_SIZE_MAX;

/** The period of a return or of a cell's list: whole Europe/London days (docs/statistics.md §1). */
export class StatisticsPeriodQuery {
  @ApiProperty({ description: 'the first day counted, a Europe/London calendar date', example: '2026-01-01', pattern: ISO_DATE.source })
  @IsString()
  @Matches(ISO_DATE, { message: 'from must be a date written YYYY-MM-DD' })
  from!: string;

  @ApiProperty({ description: 'the last day counted (inclusive), a Europe/London calendar date, at most 13 months after from', example: '2026-12-31', pattern: ISO_DATE.source })
  @IsString()
  @Matches(ISO_DATE, { message: 'to must be a date written YYYY-MM-DD' })
  to!: string;
}

/** `GET /returns/statistics` (docs/statistics.md §1). */
export class StatisticsQuery extends StatisticsPeriodQuery {
  @ApiPropertyOptional({ enum: RETURN_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(RETURN_FORMATS)
  format: ReturnFormat = 'json';
}

/** `GET /returns/statistics/records`: the records behind one cell (docs/statistics.md §3). */
export class StatisticsRecordsQuery extends StatisticsPeriodQuery {
  @ApiProperty({ enum: FIGURE_IDS, description: 'the figure’s id, as the return gives it' })
  @IsIn(FIGURE_IDS)
  figure!: string;

  @ApiProperty({ description: 'the cell’s key, as the return gives it', example: 'ipc60A' })
  @IsString()
  @MaxLength(100)
  key!: string;

  @ApiPropertyOptional({ enum: LIST_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(LIST_FORMATS)
  format: ListFormat = 'json';

  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  page: number = 1;

  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: LIST_PAGE_MAX })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(LIST_PAGE_MAX)
  pageSize: number = 100;
}
