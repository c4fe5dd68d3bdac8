import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Public, Roles } from '../../common/route-policy';
import { ApiProblems, ApiPublic, nullableEnum } from '../../http/openapi';
import type { CheckpointVerification } from './checkpoint-verify';
import { CheckpointsService } from './checkpoints.service';
import { CHECKPOINTED_TABLES } from './history-rows';

const TABLES = CHECKPOINTED_TABLES.map((t) => t.table);

class CheckpointKeyDto {
  @ApiProperty({ enum: ['Ed25519'] }) algorithm!: 'Ed25519';
  @ApiProperty({ description: 'the public key, PEM (SPKI): what `npm run verify-archive` checks a copy of the database with' }) publicKeyPem!: string;
  @ApiProperty({ description: 'SHA-256 (hex) of the public key’s DER, as each checkpoint names its signing key' }) keyId!: string;
  @ApiProperty({ description: 'true when no key is configured and this run made a throwaway one (never in production): its checkpoints prove nothing after a restart' })
  ephemeral!: boolean;
}

class CoveredRangeDto {
  @ApiProperty({ enum: TABLES }) table!: string;
  @ApiProperty({ type: 'integer', description: 'the first seq of the range' }) from!: number;
  @ApiProperty({ type: 'integer', description: 'the last seq of the range (below `from` when the checkpoint added nothing to this table)' }) to!: number;
}

class NotYetCoveredDto extends CoveredRangeDto {
  @ApiProperty({ type: 'integer', description: 'how many rows of the range no checkpoint covers yet' }) rows!: number;
}

class FirstFailingCheckpointDto {
  @ApiProperty({ type: 'integer' }) checkpointId!: number;
  @ApiProperty({ format: 'date-time' }) madeAt!: string;
  @ApiProperty({ ...nullableEnum(TABLES), description: 'the history table at fault; null when the checkpoint itself is (its signature, its link)' }) table!: string | null;
  @ApiProperty({ type: 'integer', isArray: true, nullable: true, minItems: 2, maxItems: 2, description: '[from, to]: that table’s seq range the checkpoint covers' })
  seqRange!: number[] | null;
  @ApiProperty({ type: String, nullable: true, description: 'the record whose chain is at fault, when one is' }) aggregateId!: string | null;
  @ApiProperty({ description: 'what is wrong, for a person' }) reason!: string;
  @ApiProperty({ type: () => [CoveredRangeDto], description: 'every table’s range the checkpoint covers' }) covers!: CoveredRangeDto[];
}

class CheckpointVerificationDto {
  @ApiProperty({ description: 'every checkpoint verifies: its signature, its link to the one before, and each chain head it signed' }) valid!: boolean;
  @ApiProperty({ type: 'integer', description: 'how many checkpoints there are' }) checkpoints!: number;
  @ApiProperty({ type: () => FirstFailingCheckpointDto, required: false, description: 'when not valid: the first checkpoint that fails, and where' })
  firstFailing?: FirstFailingCheckpointDto;
  @ApiProperty({ type: () => [NotYetCoveredDto], description: 'rows written since the last checkpoint: not a failure, only not yet signed' })
  notYetCovered!: NotYetCoveredDto[];
}

/**
 * Signed checkpoints of the history (issue 21, item 2; docs/architecture.md §11, "Signed checkpoints"): the public
 * key anyone may fetch, to verify a copy of the database offline with `npm run verify-archive`; and the
 * verification of every checkpoint against the history as stored, for the SRO and administrators.
 */
@ApiTags('checkpoints')
@Controller('checkpoints')
export class CheckpointsController {
  constructor(private readonly checkpoints: CheckpointsService) {}

  @Get('key')
  @Public()
  @ApiPublic()
  @ApiOperation({ operationId: 'getCheckpointKey', summary: 'The public key that verifies the history’s signed checkpoints, and its key id' })
  @ApiOkResponse({ type: CheckpointKeyDto })
  @ApiProblems(400)
  key(): CheckpointKeyDto {
    return this.checkpoints.publicKey();
  }

  @Get('verify')
  // The whole database, every authority's records: the operator's check (its failures name records of any authority).
  @Roles('admin')
  @ApiBearerAuth()
  @ApiOperation({
    operationId: 'verifyCheckpoints',
    summary: 'Verifies every signed checkpoint against the history as stored; names the first that fails, its table and seq range',
  })
  @ApiOkResponse({ type: CheckpointVerificationDto })
  @ApiProblems(400, 401, 403)
  async verify(): Promise<CheckpointVerificationDto> {
    const result: CheckpointVerification = await this.checkpoints.verify();
    return result;
  }
}
