import { ApiProperty } from '@nestjs/swagger';

/** One event of the security audit stream, as `GET /audit` shows it. */
export class SecurityAuditEvent {
  @ApiProperty({ description: 'its place in the table, across every stream (the order events were written in)' }) seq!: number;
  @ApiProperty({ enum: ['DENIED', 'VIEWED'] }) kind!: 'DENIED' | 'VIEWED';
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ format: 'uuid', description: 'who: the user, or the nil UUID for a caller no token identified' }) actorId!: string;
  @ApiProperty({ type: [String], description: 'the roles they held then' }) actorRoles!: string[];
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'the record the request was about, when it named one' }) subjectId!: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ['product', 'application-record', 'error-report', 'return-file', 'reverse-audit', 'inspector-read', null], description: 'VIEWED: what was read (`inspector-read`: any reading by an inspector, with its request)' })
  subjectType!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'DENIED, and an inspector’s reading: the method and route asked for', example: 'POST /applications/:id/events' }) request!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'DENIED: the status answered' }) status!: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'DENIED: why, as the problem’s code', example: 'FORBIDDEN_ROLE' }) code!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'DENIED: the request’s trace id, as its logs and problem give it' }) traceId!: string | null;
}

/** The caller's authority's events that match, the newest first. */
export class SecurityAuditEvents {
  @ApiProperty({ type: [SecurityAuditEvent] }) events!: SecurityAuditEvent[];
  @ApiProperty({ description: 'true when more events matched than `limit`: narrow the period to see them all' }) truncated!: boolean;
}
