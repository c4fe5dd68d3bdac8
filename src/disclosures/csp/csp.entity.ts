import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { INSTANT_LENGTH, instantTransformer } from '../../database/instant.transformer';
import {
  CSP_CODE_MAX,
  CSP_NAME_MAX,
  ETSI_ENDPOINT_ID_MAX,
  TIME_PRECISION_SECONDS_DEFAULT,
  TIME_ZONE_MAX,
  type CspDataType,
  type CspIdentifierKind,
  type IpResolutionAddress,
  type ReturnFormat,
} from './csp.types';

/**
 * A communications service provider of the national directory (table `csp`; migrations
 * `1763970000000-csp-directory` and `1764000000000-csp-zone-precision`). Not an authority's record: every
 * authority's SPOCs read the same directory, and only administrators change it. `version` counts its writes, for `If-Match`; it has no
 * history table.
 */
@Entity('csp')
@Index('ux_csp_code', ['code'], { unique: true })
@Index('ux_csp_etsi_endpoint_id', ['etsiEndpointId'], { unique: true })
@Index('ix_csp_active_name', ['active', 'name'])
export class CspEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Column('varchar', { length: CSP_CODE_MAX })
  code!: string;

  @Column('varchar', { length: CSP_NAME_MAX })
  name!: string;

  /** NULL for a portal-only CSP; NULLs are distinct in the unique index on both drivers. */
  @Column('varchar', { name: 'etsi_endpoint_id', length: ETSI_ENDPOINT_ID_MAX, nullable: true })
  etsiEndpointId!: string | null;

  @Column('simple-json', { name: 'data_types' })
  dataTypes!: CspDataType[];

  @Column('simple-json', { name: 'identifier_kinds' })
  identifierKinds!: CspIdentifierKind[];

  @Column('simple-json', { name: 'return_formats' })
  returnFormats!: ReturnFormat[];

  /** NULL when the CSP has declared no zone: a time in its files without an offset is then refused. */
  @Column('varchar', { name: 'file_time_zone', length: TIME_ZONE_MAX, nullable: true })
  fileTimeZone!: string | null;

  /** Whole seconds, 0 to 3600 (migration `1764000000000-csp-zone-precision`). */
  @Column('integer', { name: 'time_precision_seconds', default: TIME_PRECISION_SECONDS_DEFAULT })
  timePrecisionSeconds!: number;

  @Column('varchar', { name: 'ip_resolution_address', length: 20, nullable: true })
  ipResolutionAddress!: IpResolutionAddress | null;

  @Column('boolean', { name: 'portal_only', default: false })
  portalOnly!: boolean;

  @Column('boolean', { default: true })
  active!: boolean;

  @Column('integer')
  version!: number;

  @Column('varchar', { name: 'created_at', length: INSTANT_LENGTH, transformer: instantTransformer })
  createdAt!: Date;

  @Column('varchar', { name: 'updated_at', length: INSTANT_LENGTH, transformer: instantTransformer })
  updatedAt!: Date;
}
