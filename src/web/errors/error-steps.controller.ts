import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CurrentPrincipal, type Principal } from '../../auth/principal';
import { Roles } from '../../common/route-policy';
import { CdErrorsService, type CdErrorResponse } from '../../errors/public-api';
import { NotFoundDomainException } from '../../http/domain-exception';
import { FormCommands } from '../form-commands';
import { RECORD_ID } from '../params';
import { VERSION_FIELD } from '../record/event-forms';
import { answer } from '../form-refusals';
import { showAgainIfRefused } from '../web-exception.filter';
import { WebPages } from '../web-page';
import { changedFields, payloadOf, valuesOf, valuesPosted, type FieldValues } from './error-form';
import { ErrorForms } from './error-forms';
import { fallbackField, shownOnErrorForm } from './error-refusals';
import { ERRORS_PATH } from './error-register.controller';
import { editable, stepAt, type ErrorStep } from './error-steps';
import { entryWords } from './error-words';

/**
 * One page per step of a register entry (issue 20, item 3; docs/law.md §4.4): record, dismiss, assess, sight,
 * extension, initial notification, report to the IPC, close, the IPC's response, its request for submissions, the
 * submissions, the determination, an operator-error investigation's outcome (error-steps.ts), each sending its event
 * as `POST /errors/:id/events` does, and the report's edit as `PATCH /errors/:id` does (ErrorForms). A step the
 * entry's state or a rule does not allow says why; a refused form is shown again with the rule's words.
 */
@WebPages(ERRORS_PATH)
@Roles('spoc', 'sro')
export class ErrorStepsController {
  constructor(
    private readonly errors: CdErrorsService,
    private readonly forms: ErrorForms,
    private readonly commands: FormCommands,
  ) {}

  @Get(':id/:step')
  async page(@CurrentPrincipal() principal: Principal, @Param('id', RECORD_ID) id: string, @Param('step') slug: string, @Res() res: Response): Promise<void> {
    const step = this.stepOr404(slug);
    const entry = await this.errors.get(principal, id);
    const values = valuesOf(step.fields, { report: entry.report, kind: entry.kind });
    res.render('errors/form.njk', this.model(step, entry, this.commands.newKey(), values));
  }

  @Post(':id/:step')
  async send(
    @CurrentPrincipal() principal: Principal,
    @Param('id', RECORD_ID) id: string,
    @Param('step') slug: string,
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const step = this.stepOr404(slug);
    const entry = await this.errors.get(principal, id);
    const model = this.model(step, entry, answer(body, 'idempotencyKey') ?? '', valuesPosted(step.fields, body), body[VERSION_FIELD]);
    showAgainIfRefused(res, 'errors/form.njk', { ...model, available: true }, fallbackField(step.fields));
    await shownOnErrorForm(() => {
      if (step.event !== 'edit') return this.forms.send(principal, req, id, { type: step.event, ...payloadOf(step.fields, body) });
      const edited = (payloadOf(step.fields, body, true).report ?? {}) as Record<string, unknown>;
      return this.forms.patch(principal, req, id, { report: changedFields(edited, entry.report) });
    }, step.fields);
    res.redirect(303, `${ERRORS_PATH}/${id}?done=${step.slug}`);
  }

  private stepOr404(slug: string): ErrorStep {
    const step = stepAt(slug);
    if (!step) throw new NotFoundDomainException('The page');
    return step;
  }

  private model(step: ErrorStep, entry: CdErrorResponse, idempotencyKey: string, values: FieldValues, version: unknown = entry.version) {
    const words = entryWords(entry);
    const available = step.event === 'edit' ? editable(entry.status) : entry.allowedEvents.includes(step.event);
    return {
      title: step.title,
      caption: `Register entry: ${words.description.length > 80 ? `${words.description.slice(0, 77)}…` : words.description}`,
      intro: step.intro,
      button: step.button,
      warning: step.warning,
      fields: step.fields,
      values,
      errors: {},
      available,
      blockedBy: step.event === 'edit' ? null : (entry.blockedEvents.find((b) => b.event === step.event) ?? null),
      stateLabel: words.status,
      action: `${ERRORS_PATH}/${entry.id}/${step.slug}`,
      cancelHref: `${ERRORS_PATH}/${entry.id}`,
      cancelText: 'Cancel and go back to the error',
      idempotencyKey,
      version: typeof version === 'string' || typeof version === 'number' ? String(version) : String(entry.version),
      backLink: `${ERRORS_PATH}/${entry.id}`,
    };
  }
}
