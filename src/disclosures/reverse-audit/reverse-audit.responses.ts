import { ApiProperty } from '@nestjs/swagger';
import { FINDING_KINDS, type FindingKind } from './reverse-audit.match';
import type { ReverseAuditView } from './reverse-audit.view';

class ReverseAuditCsp {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

class ReverseAuditPeriod {
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time', description: 'the end, not included' }) to!: string;
}

class ReverseAuditMatch {
  @ApiProperty({ description: 'the line of the CSP’s list (the header is line 1)' }) line!: number;
  @ApiProperty({ format: 'uuid' }) requestId!: string;
  @ApiProperty() urn!: string;
}

class ReverseAuditFinding {
  @ApiProperty({ enum: FINDING_KINDS }) kind!: FindingKind;
  @ApiProperty({ type: Number, nullable: true, description: 'the line of the CSP’s list; null for a request the list lacks' }) line!: number | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'the request it is about, or the nearest one' }) requestId!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) applicationId!: string | null;
  @ApiProperty({ type: String, nullable: true }) urn!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'the identifier as the CSP’s list gives it' }) identifier!: string | null;
  @ApiProperty({ type: String, nullable: true }) dataType!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'when the CSP disclosed it, or when the authority recorded the request answered' })
  disclosedAt!: string | null;
  @ApiProperty({ description: 'true for a line that matched no authorised, sent request: a possible acquisition without authority, raised in the error register' })
  suspectedError!: boolean;
  @ApiProperty({ description: 'what was found, in words' }) detail!: string;
}

/** A reverse audit's result (issue 24, item 4). */
export class ReverseAudit implements ReverseAuditView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() authorityName!: string;
  @ApiProperty({ type: ReverseAuditCsp }) csp!: ReverseAuditCsp;
  @ApiProperty({ type: ReverseAuditPeriod }) period!: ReverseAuditPeriod;
  @ApiProperty({ description: 'who uploaded the list' }) uploadedBy!: string;
  @ApiProperty({ format: 'date-time' }) uploadedAt!: string;
  @ApiProperty({ description: 'SHA-256 (hex) of the list as uploaded' }) listSha256!: string;
  @ApiProperty({ description: 'how many lines the list had' }) lines!: number;
  @ApiProperty({ type: [ReverseAuditMatch] }) matched!: ReverseAuditMatch[];
  @ApiProperty({ type: [ReverseAuditFinding] }) findings!: ReverseAuditFinding[];
  @ApiProperty({ description: 'how many findings were raised as suspected errors' }) suspectedErrors!: number;
}
