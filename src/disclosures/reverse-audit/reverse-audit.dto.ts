import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { IsInstantWithOffset } from '../../applications/public-api';

/** Which CSP's list, and the period it covers: [from, to), instants with their offsets. */
export class ReverseAuditQuery {
  @ApiProperty({ format: 'uuid', description: 'the CSP whose list this is' }) @IsUUID() cspId!: string;
  @ApiProperty({ format: 'date-time', example: '2026-07-01T00:00:00+01:00' }) @IsInstantWithOffset() from!: string;
  @ApiProperty({ format: 'date-time', example: '2026-10-01T00:00:00+01:00', description: 'the end, not included' }) @IsInstantWithOffset() to!: string;
}
