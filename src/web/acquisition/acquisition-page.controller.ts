import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApplicationOverlaps, ApplicationsService, type ApplicationResponse } from '../../applications/public-api';
import { CurrentPrincipal, type Principal } from '../../auth/principal';
import { Roles } from '../../common/route-policy';
import { CreateDisclosureRequestDto, DisclosureRequestsService, type DisclosureRequestResponse } from '../../disclosures/public-api';
import { APPLICATION_STATE_LABELS } from '../../workflow/application.labels';
import { FormCommands } from '../form-commands';
import { validateAs } from '../forms/validate-as';
import { RECORD_ID } from '../params';
import { answer, withFieldsRenamed } from '../form-refusals';
import { londonTime } from '../view-filters';
import { showAgainIfRefused } from '../web-exception.filter';
import { WebPages } from '../web-page';
import { WEB_PREFIX } from '../web-paths';
import { AcquisitionReads } from './acquisition-reads';
import { identifierTypeWords, presentRequest, subtypeWords } from './acquisition-words';

const chosen = (value: unknown): string[] => (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string' && v !== '');

/**
 * A refusal of the new request as its form shows it: the DTO's and the rule's field paths name an item by its
 * place in the list sent (`items[1].dataItemRef`), which is one group of checkboxes on the page (`items`).
 */
const onTheForm = (error: unknown): unknown => withFieldsRenamed(error, (field) => (field.startsWith('items') ? 'items' : field));

/**
 * The SPOC's acquisition under one authorised application (issue 20, item 1): its requests to CSPs grouped by CSP,
 * each with our state and the CSP's reported state side by side, the overlapping acquisitions for each identifier,
 * and the form that makes a request to one CSP for some of the authorised items — `POST
 * /applications/:id/disclosure-requests` minus HTTP: the same DTO and service, once per form.
 */
@WebPages(`${WEB_PREFIX}/applications`)
export class AcquisitionPageController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly requests: DisclosureRequestsService,
    private readonly overlaps: ApplicationOverlaps,
    private readonly reads: AcquisitionReads,
    private readonly commands: FormCommands,
  ) {}

  @Get(':id/acquisition')
  @Roles('spoc')
  async acquisition(@CurrentPrincipal() principal: Principal, @Param('id', RECORD_ID) id: string, @Res() res: Response): Promise<void> {
    const application = await this.applications.get(principal, id);
    const [{ items: requests }, { items: overlaps }, directory] = await Promise.all([
      this.requests.listFor(principal, id),
      this.overlaps.list(principal, id),
      this.reads.directory(principal),
    ]);
    const names = new Map(directory.map((csp) => [csp.id, csp.name]));
    const presented = requests.map((request) => presentRequest(request, names.get(request.cspId) ?? 'An operator no longer in the directory'));
    const byCsp = [...new Set(presented.map((r) => r.cspName))].map((cspName) => ({ cspName, requests: presented.filter((r) => r.cspName === cspName) }));
    const identifiers = (application.form.identifiers ?? []).map((identifier) => ({
      label: `${identifierTypeWords(identifier.type)} ${identifier.normalisedValue ?? identifier.value}`,
      overlaps: overlaps
        .filter((o) => o.identifier.type === identifier.type && o.identifier.normalisedValue === identifier.normalisedValue)
        .map((o) => ({ ...o, href: `${WEB_PREFIX}/applications/${o.applicationId}` })),
    }));
    res.render('acquisition/application.njk', {
      application,
      stateLabel: APPLICATION_STATE_LABELS[application.status],
      byCsp,
      identifiers,
      backLink: `${WEB_PREFIX}/applications/${id}`,
    });
  }

  @Get(':id/acquisition/new')
  @Roles('spoc')
  async newPage(@CurrentPrincipal() principal: Principal, @Param('id', RECORD_ID) id: string, @Res() res: Response): Promise<void> {
    const application = await this.applications.get(principal, id);
    res.render('acquisition/new-request.njk', await this.newModel(principal, application, this.commands.newKey(), { cspId: '', items: [] }));
  }

  @Post(':id/acquisition/new')
  @Roles('spoc')
  async create(
    @CurrentPrincipal() principal: Principal,
    @Param('id', RECORD_ID) id: string,
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const application = await this.applications.get(principal, id);
    const values = { cspId: answer(body, 'cspId') ?? '', items: chosen(body.items) };
    showAgainIfRefused(res, 'acquisition/new-request.njk', await this.newModel(principal, application, answer(body, 'idempotencyKey') ?? '', values), 'cspId');
    const created = await this.commands.once<DisclosureRequestResponse>(principal, req, async () => {
      try {
        const dto = await validateAs(CreateDisclosureRequestDto, { cspId: values.cspId, items: values.items.map((dataItemRef) => ({ dataItemRef })) });
        return await this.requests.create(principal, id, dto);
      } catch (error) {
        throw onTheForm(error);
      }
    });
    res.redirect(303, `${WEB_PREFIX}/disclosure-requests/${created.id}`);
  }

  private async newModel(principal: Principal, application: ApplicationResponse, idempotencyKey: string, values: { cspId: string; items: string[] }) {
    const identifiers = new Map((application.form.identifiers ?? []).map((i) => [i.ref, i]));
    const directory = await this.reads.directory(principal);
    return {
      application,
      stateLabel: APPLICATION_STATE_LABELS[application.status],
      idempotencyKey,
      cspOptions: directory.map((csp) => ({ value: csp.id, text: csp.name, hint: csp.portalOnly ? 'Through its portal only: you send it the copy pack' : 'Through its secure system (ETSI HI-1)' })),
      itemOptions: (application.form.dataItems ?? []).map((item) => {
        const identifier = identifiers.get(item.identifierRef ?? '');
        return {
          value: item.ref,
          text: `${subtypeWords(item.subtype ?? '')} for ${identifier ? `${identifierTypeWords(identifier.type)} ${identifier.normalisedValue ?? identifier.value}` : 'no identifier'}`,
          hint: `${item.ref}: from ${londonTime(item.periodStart)} to ${londonTime(item.periodEnd)}${item.csp ? `; the application names ${item.csp}` : ''}`,
        };
      }),
      values,
      errors: {},
      backLink: `${WEB_PREFIX}/applications/${application.id}/acquisition`,
    };
  }
}
