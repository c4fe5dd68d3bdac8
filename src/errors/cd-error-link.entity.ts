import { Entity, Index, PrimaryColumn } from 'typeorm';

/** Links an error to applications and disclosure requests, by id (docs/architecture.md §3: cross-feature links are ids). */
@Entity('cd_error_link')
@Index('ix_cd_error_link_target', ['targetType', 'targetId'])
export class CdErrorLinkEntity {
  @PrimaryColumn('varchar', { name: 'error_id', length: 36 })
  errorId!: string;

  @PrimaryColumn('varchar', { name: 'target_type', length: 20 })
  targetType!: 'application' | 'disclosureRequest';

  @PrimaryColumn('varchar', { name: 'target_id', length: 36 })
  targetId!: string;
}
