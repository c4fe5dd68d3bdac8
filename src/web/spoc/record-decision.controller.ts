import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApplicationsService, type ApplicationResponse } from '../../applications/public-api';
import { CurrentPrincipal, type Principal } from '../../auth/principal';
import { Roles } from '../../common/route-policy';
import { DomainException } from '../../http/domain-exception';
import { SENSITIVE_PROFESSION_LABELS } from '../../workflow/application-form.labels';
import { APPLICATION_STATE_LABELS } from '../../workflow/application.labels';
import { FormCommands } from '../form-commands';
import { dateTimeParts, parseDateTime, type DateTimeParts } from '../forms/date-time-input';
import { RECORD_ID } from '../params';
import { EventForms, VERSION_FIELD } from '../record/event-forms';
import { showAgainIfRefused } from '../web-exception.filter';
import { WebPages } from '../web-page';
import { WEB_PREFIX } from '../web-paths';
import { answer, shownOnForm } from '../form-refusals';
import { DECISION_FIELDS, dsoOralGrantEvent, OCDA_OUTCOMES, ocdaDecisionEvent, recordingFor, type OcdaOutcome } from './recorded-decision';
import { presentChecks } from './spoc-review.controller';

const F = DECISION_FIELDS;
const FIELD_IDS: readonly string[] = Object.values(F);
const EMPTY_PARTS: DateTimeParts = { day: '', month: '', year: '', hour: '', minute: '', zone: 'Europe/London' };

/** The outcomes in words, as the radios offer them. */
const OUTCOME_LABELS: Readonly<Record<OcdaOutcome, string>> = {
  GRANT: 'OCDA granted the authorisation',
  REFUSE: 'OCDA refused it',
  REQUEST_MORE_INFO: 'OCDA asked for more information',
};

/**
 * A SPOC records a decision made outside the service (issue 19; docs/architecture.md §7.1 footnotes ¹ ²):
 * OCDA's decision on an `ipc60A` application as OCDA's own system gave it, or a designated senior officer's oral
 * grant on the urgent `dso61A` route, the DSO chosen from their authority's DSOs. The time of the decision is typed
 * in UK time or UTC, said explicitly (src/web/forms/date-time-input.ts). The event goes as the API sends it; the
 * guards decide (the recorder's capacity, OCDA's details, the decision's time, the DSO's rank and independence).
 */
@WebPages(`${WEB_PREFIX}/applications`)
export class RecordDecisionController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly events: EventForms,
    private readonly commands: FormCommands,
  ) {}

  @Get(':id/record-decision')
  @Roles('spoc')
  async page(@CurrentPrincipal() principal: Principal, @Param('id', RECORD_ID) id: string, @Res() res: Response): Promise<void> {
    const application = await this.applications.get(principal, id);
    res.render('spoc/record-decision.njk', await this.model(principal, application, this.commands.newKey(), {}, EMPTY_PARTS));
  }

  @Post(':id/record-decision')
  @Roles('spoc')
  async record(
    @CurrentPrincipal() principal: Principal,
    @Param('id', RECORD_ID) id: string,
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const application = await this.applications.get(principal, id);
    const recording = recordingFor(application.route);
    const parts = dateTimeParts(body, F.decidedAt);
    const values = Object.fromEntries(FIELD_IDS.map((field) => [field, answer(body, field) ?? '']));
    const model = await this.model(principal, application, answer(body, 'idempotencyKey') ?? '', values, parts, body[VERSION_FIELD]);
    showAgainIfRefused(res, 'spoc/record-decision.njk', model, recording === 'dsoOral' ? F.deciderId : F.outcome);
    const when = parseDateTime(parts, recording === 'dsoOral' ? 'The time of the grant' : 'The time of OCDA’s decision');
    if (!when.ok) throw new DomainException('VALIDATION_FAILED', when.message, { errors: [{ field: 'decision.decidedAt', message: when.message, code: 'dateTime' }] });
    let event: Record<string, unknown>;
    if (recording === 'dsoOral') {
      if (!answer(body, F.deciderId)) {
        const message = 'Choose the designated senior officer who granted it';
        throw new DomainException('VALIDATION_FAILED', message, { errors: [{ field: 'decision.deciderId', message, code: 'isNotEmpty' }] });
      }
      event = dsoOralGrantEvent(body, when.iso);
    } else {
      const outcome = answer(body, F.outcome);
      if (!(OCDA_OUTCOMES as readonly string[]).includes(outcome ?? '')) {
        const message = 'Select what OCDA decided';
        throw new DomainException('VALIDATION_FAILED', message, { errors: [{ field: 'outcome', message, code: 'isIn' }] });
      }
      event = ocdaDecisionEvent(outcome as OcdaOutcome, body, when.iso);
    }
    // A rule about who decided, without fields, is about the DSO chosen (or, for OCDA, the outcome recorded).
    const fallback = recording === 'dsoOral' ? 'decision.deciderId' : 'outcome';
    await shownOnForm(() => this.events.send(principal, req, id, event), FIELD_IDS, {
      AUTHORISER_WRONG_ROUTE: fallback,
      AUTHORISER_NOT_INDEPENDENT: fallback,
      DSO_RANK_INSUFFICIENT: fallback,
    });
    res.redirect(303, `${WEB_PREFIX}/applications/${id}`);
  }

  private async model(principal: Principal, application: ApplicationResponse, key: string, values: Record<string, string>, parts: DateTimeParts, version?: unknown) {
    const recording = recordingFor(application.route);
    const checks = recording === 'dsoOral' ? presentChecks(await this.applications.checksFor(principal, application.id)) : null;
    const profession = application.form.sensitiveProfession;
    const chosen = values[F.deciderId] ?? '';
    return {
      application,
      idempotencyKey: key,
      version: typeof version === 'string' ? version : String(application.version),
      stateLabel: APPLICATION_STATE_LABELS[application.status],
      backLink: `${WEB_PREFIX}/applications/${application.id}/review`,
      recording,
      outcomes: OCDA_OUTCOMES.filter((o) => application.allowedEvents.includes(o)).map((o) => ({
        value: o,
        text: OUTCOME_LABELS[o],
        checked: values[F.outcome] === o,
      })),
      allowedOutcomes: OCDA_OUTCOMES.filter((o) => application.allowedEvents.includes(o)),
      available: recording === 'ocda' ? OCDA_OUTCOMES.some((o) => application.allowedEvents.includes(o)) : recording === 'dsoOral' && application.allowedEvents.includes('GRANT'),
      dsoOptions: [
        { value: '', text: 'Choose the DSO who granted it' },
        ...(checks?.independence ?? []).map((d) => ({
          value: d.id,
          text: `${d.displayName}${d.rankWords ? `, ${d.rankWords}` : ''}${d.independence.passed ? '' : ' (not independent of this application)'}`,
          selected: d.id === chosen,
        })),
      ],
      journalisticSource: application.form.journalisticSourceSought === true,
      profession: profession ? SENSITIVE_PROFESSION_LABELS[profession] : null,
      values,
      parts,
      errors: {},
    };
  }
}
