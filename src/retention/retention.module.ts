import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ErrorsForApplicationModule } from '../errors/public-api';
import { RetentionController } from './retention.controller';
import { RETENTION_ENTITIES } from './retention.entities';
import { RetentionReviews } from './retention-reviews';
import { RetentionService } from './retention.service';

/** Retention and destruction (docs/retention.md): the review job, the SRO's decisions and holds, the certificates. */
@Module({
  imports: [TypeOrmModule.forFeature(RETENTION_ENTITIES), ErrorsForApplicationModule],
  controllers: [RetentionController],
  providers: [RetentionService, RetentionReviews],
  exports: [RetentionReviews],
})
export class RetentionModule {}
