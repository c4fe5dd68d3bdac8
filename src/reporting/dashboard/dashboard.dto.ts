import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { ApplicationState } from '../../workflow/application.types';
import { AGE_BAND_KEYS, OPEN_APPLICATION_STATES, type AgeBandKey } from './dashboard-thresholds';
import { DASHBOARD_TILE_IDS, type DashboardTileId } from './dashboard-tiles';

/** The tile whose records `GET /dashboard/tiles/:tile` lists. */
export class DashboardTileParams {
  @ApiProperty({ enum: DASHBOARD_TILE_IDS, description: 'the tile’s `id`, as `GET /dashboard` gives it' })
  @IsIn(DASHBOARD_TILE_IDS)
  tile!: DashboardTileId;
}

/** Which page of a tile's records; a state and an age band narrow the open applications. */
export class DashboardTileQuery {
  @ApiPropertyOptional({ enum: OPEN_APPLICATION_STATES, description: 'open applications only: those in this state' })
  @IsOptional()
  @IsIn(OPEN_APPLICATION_STATES)
  state?: ApplicationState;

  @ApiPropertyOptional({ enum: AGE_BAND_KEYS, description: 'open applications only: those that have been in their state for this band of working days' })
  @IsOptional()
  @IsIn(AGE_BAND_KEYS)
  ageBand?: AgeBandKey;

  @ApiPropertyOptional({ default: 1, minimum: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1_000_000) page: number = 1;
  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) pageSize: number = 20;
}
