import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Public } from '../common/route-policy';
import { UnitOfWork } from '../database/unit-of-work';
import { DomainException } from './domain-exception';
import { ApiProblems, ApiPublic } from './openapi';

class HealthDto {
  @ApiProperty({ enum: ['ok'] }) status!: 'ok';
  @ApiProperty({ enum: ['up'] }) database!: 'up';
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly uow: UnitOfWork) {}

  /** Liveness and a database round trip; 503 problem when the database does not answer. */
  @Get()
  @Public()
  @ApiOperation({ operationId: 'health', summary: 'Liveness, with a round trip to the database' })
  @ApiPublic()
  @ApiOkResponse({ type: HealthDto })
  @ApiProblems(400, 503)
  async health(): Promise<HealthDto> {
    try {
      await this.uow.read((m) => m.query('SELECT 1'));
    } catch {
      throw new DomainException('SERVICE_UNAVAILABLE', 'The database is not answering.');
    }
    return { status: 'ok', database: 'up' };
  }
}
