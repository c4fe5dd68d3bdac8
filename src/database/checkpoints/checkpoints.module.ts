import { Module } from '@nestjs/common';
import { checkpointKeyProvider } from './checkpoint-key';
import { CheckpointsController } from './checkpoints.controller';
import { CheckpointsService } from './checkpoints.service';

/** Signed checkpoints of the history tables (issue 21, item 2; docs/architecture.md §11). */
@Module({
  controllers: [CheckpointsController],
  providers: [checkpointKeyProvider, CheckpointsService],
  exports: [CheckpointsService],
})
export class CheckpointsModule {}
