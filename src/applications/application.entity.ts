import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { INSTANT_LENGTH, instantTransformer, NullableInstantColumn } from '../database/instant.transformer';
import type { ApplicationForm, ApplicationState, AuthorisationDecision, RecordRoute, SpocSection } from '../workflow/application.types';
import type { RipaRecordParticulars } from '../workflow/ripa-record.types';

/**
 * The application record (docs/architecture.md §6; docs/law.md §3). `version` = number of history rows. A
 * record made under RIPA 2000 s.22 and imported is a row too: route `ripa22`, status `ripaRecord`, an empty
 * form, its particulars in `ripa` and its original reference in `ripaReference`.
 */
@Entity('application')
@Index('ux_application_urn', ['urn'], { unique: true })
@Index('ux_application_ripa_reference', ['authorityId', 'ripaReference'], { unique: true })
@Index('ix_application_authority_status', ['authorityId', 'status'])
@Index('ix_application_applicant', ['applicantId'])
@Index('ix_application_status_expires', ['status', 'expiresAt'])
@Index('ix_application_written_record_due', ['writtenRecordDueAt'])
@Index('ix_application_ocda_view', ['route', 'submittedToOcdaAt'])
@Index('ix_application_jc_view', ['judicialApprovalRequestedAt'])
export class ApplicationEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Column('varchar', { length: 40 })
  urn!: string;

  @Column('varchar', { name: 'authority_id', length: 36 })
  authorityId!: string;

  @Column('varchar', { name: 'applicant_id', length: 36 })
  applicantId!: string;

  /** The reviewing SPOC, set by the first SPOC action. */
  @Column('varchar', { name: 'spoc_id', length: 36, nullable: true })
  spocId!: string | null;

  /** The person who decided the grant (not the recorder). */
  @Column('varchar', { name: 'granted_by_id', length: 36, nullable: true })
  grantedById!: string | null;

  @Column('varchar', { length: 10, nullable: true })
  route!: RecordRoute | null;

  @Column('varchar', { length: 30 })
  status!: ApplicationState;

  @Column('varchar', { name: 'machine_version', length: 10 })
  machineVersion!: string;

  @Column('integer')
  version!: number;

  @Column('simple-json')
  form!: ApplicationForm;

  @Column('simple-json', { name: 'spoc_section', nullable: true })
  spocSection!: SpocSection | null;

  @Column('simple-json', { nullable: true })
  decision!: AuthorisationDecision | null;

  @Column('boolean', { name: 'oral_grant', default: false })
  oralGrant!: boolean;

  @NullableInstantColumn('written_record_due_at')
  writtenRecordDueAt!: Date | null;

  @NullableInstantColumn('valid_from')
  validFrom!: Date | null;

  @NullableInstantColumn('expires_at')
  expiresAt!: Date | null;

  @Column('varchar', { name: 'renewal_of', length: 36, nullable: true })
  renewalOf!: string | null;

  /** First time it reached an authoriser, whichever the route (kept for the record; sight keys off the next two). */
  @NullableInstantColumn('submitted_for_authorisation_at')
  submittedForAuthorisationAt!: Date | null;

  /** The last time it entered `awaitingAuthorisation`: no decision recorded for someone else is dated before it (docs/law.md §2.3). */
  @NullableInstantColumn('last_submitted_for_authorisation_at')
  lastSubmittedForAuthorisationAt!: Date | null;

  /** First time it reached OCDA (entered `awaitingAuthorisation` on `ipc60A`): from then OCDA sees it while the route is `ipc60A` (docs/law.md §1). */
  @NullableInstantColumn('submitted_to_ocda_at')
  submittedToOcdaAt!: Date | null;

  /** First time it went to a Judicial Commissioner (IPA s.77): from then the JC may see it. */
  @NullableInstantColumn('judicial_approval_requested_at')
  judicialApprovalRequestedAt!: Date | null;

  /** The reference an imported RIPA record was made under (unique per authority); null for an application made here. */
  @Column('varchar', { name: 'ripa_reference', length: 100, nullable: true })
  ripaReference!: string | null;

  /** The particulars of an imported RIPA record, as imported; null for an application made here. */
  @Column('simple-json', { nullable: true })
  ripa!: RipaRecordParticulars | null;

  @Column('varchar', { name: 'history_head', length: 64 })
  historyHead!: string;

  @Column('varchar', { name: 'created_at', length: INSTANT_LENGTH, transformer: instantTransformer })
  createdAt!: Date;

  @Column('varchar', { name: 'updated_at', length: INSTANT_LENGTH, transformer: instantTransformer })
  updatedAt!: Date;
}
