import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AuthorityType } from '../workflow/roles';

/** A public authority (police force, local authority, NAFN, OCDA, judicial office) — docs/architecture.md §6. */
@Entity('authority')
export class AuthorityEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Column('varchar', { length: 200 })
  name!: string;

  @Column('varchar', { length: 20 })
  type!: AuthorityType;

  /** Prefix of this authority's URNs, e.g. `TVP` in `TVP/CD/2026/000123`. */
  @Column('varchar', { name: 'urn_prefix', length: 16 })
  urnPrefix!: string;

  @Column('boolean', { default: true })
  active!: boolean;

  /**
   * The authority whose SPOCs act for this one: NAFN for local authorities (docs/law.md §1 nafn; IOCCO-16
   * p13). Null when the authority has its own SPOCs.
   */
  @Column('varchar', { name: 'spoc_authority_id', length: 36, nullable: true })
  spocAuthorityId!: string | null;
}
