import { Module } from '@nestjs/common';
import { ErrorsModule } from '../../errors/public-api';
import { ErrorEntryController } from './error-entry.controller';
import { ErrorForms } from './error-forms';
import { ErrorRegisterController } from './error-register.controller';
import { ErrorStepsController } from './error-steps.controller';

/** The manager's error register pages (docs/web.md; issue 20): the register, and each step of an error from recording to the Commissioner's determination. */
@Module({
  imports: [ErrorsModule],
  // In this order: `new` before `:id`, and `:id/report.pdf` before `:id/:step`, as the router tries them.
  controllers: [ErrorRegisterController, ErrorEntryController, ErrorStepsController],
  providers: [ErrorForms],
})
export class ErrorPagesModule {}
