import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { INSTANT_LENGTH, instantTransformer } from '../database/instant.transformer';

/**
 * An inspector's access to one authority's records (issue 24, item 3; docs/security.md, "Inspectors"): granted by an
 * administrator of that authority, for the records made in a stated period, until it expires. Never changed once
 * written (the database refuses UPDATE and DELETE): a grant ends by its expiry.
 */
@Entity('inspection_grant')
@Index('ix_inspection_grant_inspector', ['inspectorId', 'expiresAt'])
export class InspectionGrantEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Column('varchar', { name: 'inspector_id', length: 36 })
  inspectorId!: string;

  @Column('varchar', { name: 'authority_id', length: 36 })
  authorityId!: string;

  /** The records inspected: those made from here... */
  @Column('varchar', { name: 'period_from', length: INSTANT_LENGTH, transformer: instantTransformer })
  periodFrom!: Date;

  /** ...to here (not included). */
  @Column('varchar', { name: 'period_to', length: INSTANT_LENGTH, transformer: instantTransformer })
  periodTo!: Date;

  /** From this instant the grant gives nothing. */
  @Column('varchar', { name: 'expires_at', length: INSTANT_LENGTH, transformer: instantTransformer })
  expiresAt!: Date;

  @Column('varchar', { name: 'granted_by', length: 36 })
  grantedBy!: string;

  @Column('varchar', { name: 'granted_at', length: INSTANT_LENGTH, transformer: instantTransformer })
  grantedAt!: Date;

  @Column('text')
  reason!: string;
}
