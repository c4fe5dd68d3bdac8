import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '../config';
import { buildDataSourceOptions } from './data-source-options';
import { DeadlineNoticeEntity } from './deadline-notice.entity';
import { RetentionDecisionEntity } from './retention-decision.entity';
import { RetentionSubjects } from './retention-subjects';
import { UnitOfWork } from './unit-of-work';

/**
 * The database layer's own tables: deadline notices (shared by the pollers of every feature) and retention decisions
 * (which the history tables' triggers read, whatever feature's history it is).
 */
export const DATABASE_ENTITIES = [DeadlineNoticeEntity, RetentionDecisionEntity];

/**
 * The one data source. It lists no entity itself: every module registers its own tables with
 * `TypeOrmModule.forFeature(...)` and `autoLoadEntities` collects them, so src/database imports no feature
 * (docs/architecture.md §3).
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({ ...buildDataSourceOptions(config.database), autoLoadEntities: true }),
        TypeOrmModule.forFeature(DATABASE_ENTITIES),
      ],
      providers: [UnitOfWork, RetentionSubjects],
      exports: [UnitOfWork, RetentionSubjects],
    };
  }
}
