import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, getSchemaPath, ApiExtraModels } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '../../auth/principal';
import { Roles } from '../../common/route-policy';
import { ApiProblems } from '../../http/openapi';
import { StatisticsQuery, StatisticsRecordsQuery } from './statistics.dto';
import { StatisticsRecordListResponse, StatisticsReturnResponse } from './statistics.responses';
import type { StatisticsRecordList } from './statistics.service';
import { StatisticsExports, XLSX } from './statistics-exports';
import type { StatisticsReturn } from './statistics-return';

const binary = { schema: { type: 'string', format: 'binary' } } as const;

/**
 * The statistics return (docs/statistics.md): the senior responsible officer's, for their own authority.
 * JSON carries a link per cell to the records it counts; CSV, XLSX and PDF are the same figures to keep or
 * send, each marked.
 */
@ApiTags('statistics')
@ApiBearerAuth()
@ApiExtraModels(StatisticsReturnResponse, StatisticsRecordListResponse)
@Controller('returns/statistics')
export class StatisticsController {
  constructor(private readonly exports: StatisticsExports) {}

  @Get()
  @Roles('sro')
  @ApiProduces('application/json', 'text/csv', XLSX, 'application/pdf')
  @ApiOperation({
    operationId: 'getStatisticsReturn',
    summary: 'The statistics return of the caller’s authority for a period of whole Europe/London days (at most 13 months), as JSON, CSV, XLSX or PDF',
  })
  @ApiOkResponse({
    description: 'the return; as JSON every cell links to the records it counts',
    content: { 'application/json': { schema: { $ref: getSchemaPath(StatisticsReturnResponse) } }, 'text/csv': binary, [XLSX]: binary, 'application/pdf': binary },
  })
  @ApiProblems(400, 401, 403)
  async statistics(@CurrentPrincipal() p: Principal, @Query() query: StatisticsQuery): Promise<StatisticsReturn | StreamableFile> {
    const rendered = await this.exports.statistics(p, query);
    return 'file' in rendered ? file(rendered.file) : rendered.json;
  }

  @Get('records')
  @Roles('sro')
  @ApiProduces('application/json', 'text/csv', XLSX)
  @ApiOperation({
    operationId: 'listStatisticsRecords',
    summary: 'The records one cell of the statistics return counts, a page at a time: its total is the cell’s count',
  })
  @ApiOkResponse({
    description: 'a page of the records behind the cell',
    content: { 'application/json': { schema: { $ref: getSchemaPath(StatisticsRecordListResponse) } }, 'text/csv': binary, [XLSX]: binary },
  })
  @ApiProblems(400, 401, 403)
  async records(@CurrentPrincipal() p: Principal, @Query() query: StatisticsRecordsQuery): Promise<StatisticsRecordList | StreamableFile> {
    const rendered = await this.exports.records(p, query);
    return 'file' in rendered ? file(rendered.file) : rendered.json;
  }
}

function file(f: { body: Buffer | string; type: string; filename: string }): StreamableFile {
  return new StreamableFile(Buffer.isBuffer(f.body) ? f.body : Buffer.from(f.body, 'utf8'), { type: f.type, disposition: `attachment; filename="${f.filename}"` });
}
