import { Entity, Index, PrimaryColumn } from 'typeorm';

/** Members of the investigation team: they see the application and may not authorise it (IPA s.63). */
@Entity('application_team_member')
@Index('ix_application_team_member_user', ['userId'])
export class ApplicationTeamMemberEntity {
  @PrimaryColumn('varchar', { name: 'application_id', length: 36 })
  applicationId!: string;

  @PrimaryColumn('varchar', { name: 'user_id', length: 36 })
  userId!: string;
}
