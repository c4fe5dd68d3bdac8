import { Module } from '@nestjs/common';
import { ApplicationStepsController } from './application-steps.controller';
import { CheckAnswersController } from './check-answers.controller';
import { MyApplicationsController } from './my-applications.controller';
import { QuestionPagesController } from './question-pages.controller';

/**
 * The investigator's pages (docs/web.md): "My applications", the application as question pages with check your
 * answers and submission, and withdrawing, renewing and recording the outcome. They use the services the web core
 * module shares (src/web/web.module.ts).
 */
@Module({
  controllers: [MyApplicationsController, QuestionPagesController, CheckAnswersController, ApplicationStepsController],
  providers: [],
})
export class InvestigatorPagesModule {}
