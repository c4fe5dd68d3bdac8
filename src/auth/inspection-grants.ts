import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { type EntityManager, MoreThan } from 'typeorm';
import { CLOCK } from '../clock.provider';
import { UnitOfWork } from '../database/unit-of-work';
import { DomainException } from '../http/domain-exception';
import { IsInstantGivenWithOffset } from '../http/validation';
import type { Clock } from '../workflow/clock';
import { InspectionGrantEntity } from './inspection-grant.entity';
import type { InspectionWindow, Principal } from './principal';
import { UserEntity } from './user.entity';


/** What an administrator grants (issue 24, item 3). */
export class GrantInspectionDto {
  @ApiProperty({ format: 'uuid', description: 'the inspector (a user holding the inspector role)' }) @IsUUID() inspectorId!: string;
  @ApiProperty({ format: 'date-time', description: 'the records made from this instant…', example: '2026-01-01T00:00:00Z' })
  @IsInstantGivenWithOffset()
  periodFrom!: string;
  @ApiProperty({ format: 'date-time', description: '…to this one (not included)', example: '2026-07-01T00:00:00+01:00' })
  @IsInstantGivenWithOffset()
  periodTo!: string;
  @ApiProperty({ format: 'date-time', description: 'from this instant the grant gives nothing', example: '2026-04-01T00:00:00+01:00' })
  @IsInstantGivenWithOffset()
  expiresAt!: string;
  @ApiProperty({ description: 'why: the inspection it is for', example: 'IPCO inspection of communications data, March 2026' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason!: string;
}

/** A grant as the administrator reads it back. */
export class InspectionGrant {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) inspectorId!: string;
  @ApiProperty({ format: 'uuid', description: 'the authority whose records it opens: the granting administrator’s' }) authorityId!: string;
  @ApiProperty({ format: 'date-time' }) periodFrom!: string;
  @ApiProperty({ format: 'date-time' }) periodTo!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ format: 'uuid' }) grantedBy!: string;
  @ApiProperty({ format: 'date-time' }) grantedAt!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ description: 'whether it gives access now' }) live!: boolean;
}

export class InspectionGrantList {
  @ApiProperty({ type: [InspectionGrant] }) items!: InspectionGrant[];
}

/**
 * Inspectors' grants (issue 24, item 3; docs/security.md, "Inspectors"): an administrator opens their authority's
 * records made in a period to a named inspector until an expiry; the global guard reads an inspector's live grants
 * on every request ({@link liveFor}), by the injected clock, so access ends at the expiry to the instant.
 */
@Injectable()
export class InspectionGrants {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The windows `inspectorId` may read now. */
  async liveFor(inspectorId: string): Promise<InspectionWindow[]> {
    const now = this.clock.now();
    const rows = await this.uow.read((m) => m.find(InspectionGrantEntity, { where: { inspectorId, expiresAt: MoreThan(now) }, order: { grantedAt: 'ASC', id: 'ASC' } }));
    return rows.map((g) => ({ authorityId: g.authorityId, from: g.periodFrom, to: g.periodTo }));
  }

  grant(admin: Principal, dto: GrantInspectionDto): Promise<InspectionGrant> {
    return this.uow.run(async (tx) => {
      const now = this.clock.now();
      const [from, to, expiresAt] = [new Date(dto.periodFrom), new Date(dto.periodTo), new Date(dto.expiresAt)];
      const field = (name: string, message: string) => new DomainException('VALIDATION_FAILED', `${name} ${message}.`, { errors: [{ field: name, message, code: 'inspectionGrant' }] });
      if (from.getTime() >= to.getTime()) throw field('periodTo', 'must be after periodFrom');
      if (expiresAt.getTime() <= now.getTime()) throw field('expiresAt', 'must be in the future');
      await this.inspectorOrRefuse(tx, dto.inspectorId);
      const row: InspectionGrantEntity = {
        id: randomUUID(),
        inspectorId: dto.inspectorId,
        authorityId: admin.authorityId,
        periodFrom: from,
        periodTo: to,
        expiresAt,
        grantedBy: admin.id,
        grantedAt: now,
        reason: dto.reason,
      };
      await tx.insert(InspectionGrantEntity, row);
      return toGrant(row, now);
    });
  }

  /** The administrator's authority's grants, newest first. */
  list(admin: Principal): Promise<InspectionGrantList> {
    return this.uow.read(async (m) => {
      const now = this.clock.now();
      const rows = await m.find(InspectionGrantEntity, { where: { authorityId: admin.authorityId }, order: { grantedAt: 'DESC', id: 'ASC' } });
      return { items: rows.map((row) => toGrant(row, now)) };
    });
  }

  private async inspectorOrRefuse(m: EntityManager, id: string): Promise<void> {
    const user = await m.findOne(UserEntity, { where: { id, active: true }, select: { id: true, roles: true } });
    if (!user?.roles.includes('inspector')) {
      throw new DomainException('VALIDATION_FAILED', 'inspectorId must name an active user who holds the inspector role.', {
        errors: [{ field: 'inspectorId', message: 'must name an active user who holds the inspector role', code: 'inspectionGrant' }],
      });
    }
  }
}

function toGrant(row: InspectionGrantEntity, now: Date): InspectionGrant {
  return {
    id: row.id,
    inspectorId: row.inspectorId,
    authorityId: row.authorityId,
    periodFrom: row.periodFrom.toISOString(),
    periodTo: row.periodTo.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    grantedBy: row.grantedBy,
    grantedAt: row.grantedAt.toISOString(),
    reason: row.reason,
    live: row.expiresAt.getTime() > now.getTime(),
  };
}
