import { Controller, Get, Inject, Logger } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Public } from '../common/route-policy';
import { checkProtections, describeFault, driverOf, type ProtectionsResult } from '../database/protections-check';
import { CLOCK } from '../clock.provider';
import { UnitOfWork } from '../database/unit-of-work';
import type { Clock } from '../workflow/clock';
import { DomainException } from './domain-exception';
import { ApiProblems, ApiPublic } from './openapi';

class HealthDto {
  @ApiProperty({ enum: ['ok'] }) status!: 'ok';
  @ApiProperty({ enum: ['up'] }) database!: 'up';
  @ApiProperty({
    enum: ['ok'],
    description:
      'every trigger by which the database itself keeps history append-only and issued products unchanged is present, ' +
      'enabled and as its migration made it; otherwise the answer is 503',
  })
  protections!: 'ok';
  @ApiProperty({ type: 'integer', description: 'how many protecting triggers were checked' }) protectionsChecked!: number;
}

/** How long a clean check of the protections is trusted before /health reads the catalogue again. */
export const PROTECTIONS_RECHECK_MS = 60_000;

@ApiTags('health')
@Controller('health')
export class HealthController {
  private readonly logger = new Logger('Health');

  private lastClean: { at: number; checked: number } | null = null;

  constructor(
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Liveness, a database round trip and the database's protections (docs/operations.md "Logs and health",
   * "Protections checked at start"); 503 problem when the database does not answer or a protection is not in
   * force. The round trip is `SELECT 1` on every call, as it always was: /health stays the cheapest route, the
   * baseline the benchmark divides by (bench/README.md). The catalogue (`sqlite_master`, or `pg_trigger` with its
   * functions) is read again once a clean reading is {@link PROTECTIONS_RECHECK_MS} old, and on every call while
   * a fault stands, so a trigger dropped or disabled while the service runs shows within a minute.
   */
  @Get()
  @Public()
  @ApiOperation({ operationId: 'health', summary: 'Liveness, with a round trip to the database and a check of its protections' })
  @ApiPublic()
  @ApiOkResponse({ type: HealthDto })
  @ApiProblems(400, 503)
  async health(): Promise<HealthDto> {
    const now = this.clock.now().getTime();
    const trusted = this.lastClean !== null && now - this.lastClean.at < PROTECTIONS_RECHECK_MS ? this.lastClean : null;
    let result: ProtectionsResult;
    try {
      result = await this.uow.read(async (m) => {
        if (!trusted) return checkProtections(m, driverOf(m.connection));
        await m.query('SELECT 1');
        return { checked: trusted.checked, faults: [] };
      });
    } catch {
      throw new DomainException('SERVICE_UNAVAILABLE', 'The database is not answering.');
    }
    this.lastClean = result.faults.length === 0 ? (trusted ?? { at: now, checked: result.checked }) : null;
    if (result.faults.length > 0) {
      // Which triggers, and how to restore them, go to the log only: this route is public.
      for (const fault of result.faults) this.logger.error(`Database protection not in force: ${describeFault(fault)}`);
      throw new DomainException(
        'SERVICE_UNAVAILABLE',
        `The database's protections are not all in force (${result.faults.length} fault(s) among ${result.checked} triggers checked); the service's log names them.`,
      );
    }
    return { status: 'ok', database: 'up', protections: 'ok', protectionsChecked: result.checked };
  }
}
