import { ApplicationEventEntity } from '../applications/application-event.entity';
import { ApplicationTeamMemberEntity } from '../applications/application-team-member.entity';
import { ApplicationEntity } from '../applications/application.entity';
import { UrnCounterEntity } from '../applications/urn-counter.entity';
import { AuthorityEntity } from '../auth/authority.entity';
import { UserEntity } from '../auth/user.entity';
import { CdErrorEventEntity } from '../errors/cd-error-event.entity';
import { CdErrorLinkEntity } from '../errors/cd-error-link.entity';
import { CdErrorEntity } from '../errors/cd-error.entity';
import { IdempotencyKeyEntity } from '../idempotency/idempotency-key.entity';
import { DeadlineNoticeEntity } from './deadline-notice.entity';
import { OutboxDeliveryEntity } from '../outbox/outbox-delivery.entity';
import { OutboxEventEntity } from '../outbox/outbox-event.entity';

/** Every entity, listed once: the data source and the schema-agreement test both use this list. */
export const ENTITIES = [
  AuthorityEntity,
  UserEntity,
  OutboxEventEntity,
  OutboxDeliveryEntity,
  IdempotencyKeyEntity,
  ApplicationEntity,
  ApplicationTeamMemberEntity,
  ApplicationEventEntity,
  UrnCounterEntity,
  DeadlineNoticeEntity,
  CdErrorEntity,
  CdErrorLinkEntity,
  CdErrorEventEntity,
];
