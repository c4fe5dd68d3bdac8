import { ApiProperty } from '@nestjs/swagger';
import type {
  StatisticsCell,
  StatisticsFigure,
  StatisticsPeriod,
  StatisticsRecord,
  StatisticsReturn,
  StatisticsSection,
  StatisticsUnit,
} from './statistics-return';
import type { StatisticsRecordList } from './statistics.service';

/*
 * What the statistics endpoints answer as JSON (docs/statistics.md), for the OpenAPI document and the
 * generated clients; `implements` lets the compiler check each member named here.
 */

const UNITS: StatisticsUnit[] = ['applications', 'events', 'authorisations', 'items', 'records', 'errors'];

export class StatisticsCellResponse implements StatisticsCell {
  @ApiProperty({ description: 'the value counted by, as a code' }) key!: string;
  @ApiProperty({ description: 'the value in words' }) label!: string;
  @ApiProperty({ type: 'integer' }) count!: number;
  @ApiProperty({ description: 'relative link listing exactly the records this cell counts' }) records!: string;
}

export class StatisticsFigureResponse implements StatisticsFigure {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: UNITS }) unit!: StatisticsUnit;
  @ApiProperty({ description: 'which records, which event and which date put a record in the period' }) definition!: string;
  @ApiProperty({ type: () => StatisticsCellResponse, isArray: true }) cells!: StatisticsCellResponse[];
  @ApiProperty({ type: 'integer' }) total!: number;
}

export class StatisticsSectionResponse implements StatisticsSection {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ description: 'whether the PDF draws its figures as bar charts' }) chart!: boolean;
  @ApiProperty({ type: () => StatisticsFigureResponse, isArray: true }) figures!: StatisticsFigureResponse[];
}

export class StatisticsPeriodResponse implements StatisticsPeriod {
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date', description: 'inclusive' }) to!: string;
  @ApiProperty({ format: 'date-time', description: 'the first day’s start in Europe/London, as UTC' }) startsAt!: string;
  @ApiProperty({ format: 'date-time', description: 'the start of the day after the last, in Europe/London, as UTC (excluded)' }) endsBefore!: string;
  @ApiProperty({ enum: ['Europe/London'] }) timeZone!: 'Europe/London';
}

export class StatisticsAuthorityResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

export class StatisticsReturnResponse implements StatisticsReturn {
  @ApiProperty({ example: 'OFFICIAL-SENSITIVE' }) marking!: string;
  @ApiProperty({ type: () => StatisticsAuthorityResponse }) authority!: StatisticsAuthorityResponse;
  @ApiProperty({ type: () => StatisticsPeriodResponse }) period!: StatisticsPeriodResponse;
  @ApiProperty({ format: 'date-time' }) generatedAt!: string;
  @ApiProperty() generatedBy!: string;
  @ApiProperty({ type: () => StatisticsSectionResponse, isArray: true }) sections!: StatisticsSectionResponse[];
}

export class StatisticsRecordResponse implements StatisticsRecord {
  @ApiProperty({ enum: ['application', 'error'] }) type!: 'application' | 'error';
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, nullable: true, description: 'the application’s URN' }) reference!: string | null;
  @ApiProperty({ format: 'date-time', description: 'the instant that put it in the period' }) at!: string;
  @ApiProperty({ type: String, nullable: true, description: 'the data item, for figures counted in items' }) item!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'the identifier the data item is sought on, normalised' }) identifier!: string | null;
  @ApiProperty({ description: 'the record’s own route' }) href!: string;
}

export class StatisticsRecordListResponse implements StatisticsRecordList {
  @ApiProperty({ example: 'OFFICIAL-SENSITIVE' }) marking!: string;
  @ApiProperty({ type: () => StatisticsAuthorityResponse }) authority!: StatisticsAuthorityResponse;
  @ApiProperty() figure!: string;
  @ApiProperty() figureTitle!: string;
  @ApiProperty() key!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ type: () => StatisticsPeriodResponse }) period!: StatisticsPeriodResponse;
  @ApiProperty({ type: 'integer', description: 'how many records the cell counts: the same as its count in the return' }) total!: number;
  @ApiProperty({ type: 'integer' }) page!: number;
  @ApiProperty({ type: 'integer' }) pageSize!: number;
  @ApiProperty({ type: () => StatisticsRecordResponse, isArray: true }) items!: StatisticsRecordResponse[];
  @ApiProperty({ format: 'date-time' }) generatedAt!: string;
  @ApiProperty() generatedBy!: string;
}
