import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Role } from '../workflow/roles';

@Entity('user_account')
@Index('ux_user_account_username', ['username'], { unique: true })
@Index('ix_user_account_authority', ['authorityId'])
@Index('ux_user_account_external_subject', ['externalSubject'], { unique: true })
export class UserEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Column('varchar', { length: 100 })
  username!: string;

  @Column('varchar', { name: 'display_name', length: 200 })
  displayName!: string;

  @Column('simple-json')
  roles!: Role[];

  @Column('varchar', { name: 'authority_id', length: 36 })
  authorityId!: string;

  /** Police rank (or a local authority's office), checked for DSO decisions. */
  @Column('varchar', { length: 50, nullable: true })
  rank!: string | null;

  /** The SPOC's accreditation identifier known to CSPs; null for anyone not accredited. */
  @Column('varchar', { name: 'spoc_pin', length: 50, nullable: true })
  spocPin!: string | null;

  @Column('boolean', { default: true })
  active!: boolean;

  @Column('varchar', { name: 'password_hash', length: 200 })
  passwordHash!: string;

  /** Single sign-on: the identity provider's issuer and subject (`<iss> <sub>`) this user is; null for a local account. */
  @Column('varchar', { name: 'external_subject', length: 300, nullable: true })
  externalSubject!: string | null;
}
