import { Body, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CurrentPrincipal, type Principal } from '../../auth/principal';
import { Roles } from '../../common/route-policy';
import { CdErrorsService, ListCdErrorsQuery } from '../../errors/public-api';
import { CAUSE_CODE_LABELS, CD_ERROR_KIND_LABELS, CD_ERROR_STATE_LABELS } from '../../workflow/cd-error.labels';
import { FormCommands } from '../form-commands';
import { validateAs } from '../forms/validate-as';
import { answer } from '../form-refusals';
import { pagination } from '../pagination';
import { showAgainIfRefused } from '../web-exception.filter';
import { WebPages } from '../web-page';
import { WEB_PREFIX } from '../web-paths';
import { RECORD_FIELDS } from './error-fields';
import { payloadOf, valuesOf, valuesPosted, type FieldValues } from './error-form';
import { ErrorForms } from './error-forms';
import { fallbackField, shownOnErrorForm } from './error-refusals';
import { entryWords } from './error-words';

export const ERRORS_PATH = `${WEB_PREFIX}/errors`;

/** The register's filters as the page's GET form sends them (the names of `GET /errors`'s query). */
const FILTERS = ['status', 'kind', 'cause', 'dueWithinWorkingDays', 'overdue'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

const choices = (labels: Readonly<Record<string, string>>, chosen: string, any: string) => [
  { value: '', text: any, selected: chosen === '' },
  ...Object.entries(labels).map(([value, text]) => ({ value, text, selected: value === chosen })),
];

/**
 * The authority's CD error register as a page (issue 20, item 3): the entries filtered by status, kind, cause, due
 * within so many working days or overdue, through the same query and service as `GET /errors` (a GET form, so it
 * works without JavaScript); and recording a new error as `POST /errors` does. The register is its SPOCs' and
 * SRO's (docs/law.md §4.1), as the API's route policy says.
 */
@WebPages(ERRORS_PATH)
@Roles('spoc', 'sro')
export class ErrorRegisterController {
  constructor(
    private readonly errors: CdErrorsService,
    private readonly forms: ErrorForms,
    private readonly commands: FormCommands,
  ) {}

  @Get()
  async register(@CurrentPrincipal() principal: Principal, @Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const filters = Object.fromEntries(FILTERS.map((name) => [name, answer(query, name) ?? ''])) as Filters;
    const page = answer(query, 'page') ?? '1';
    const model = this.registerModel(filters);
    showAgainIfRefused(res, 'errors/register.njk', { ...model, items: [], total: 0 }, 'filters');
    const asked = Object.fromEntries(Object.entries({ ...filters, page }).filter(([, value]) => value !== ''));
    const list = await this.errors.list(principal, await validateAs(ListCdErrorsQuery, asked));
    const href = (n: number) => `${ERRORS_PATH}?${new URLSearchParams({ ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== '')), page: String(n) }).toString()}`;
    res.render('errors/register.njk', {
      ...model,
      items: list.items.map((entry) => ({ entry, words: entryWords(entry) })),
      total: list.total,
      pagination: pagination(list.page, list.total, list.pageSize, href),
    });
  }

  @Get('new')
  newPage(@Res() res: Response): void {
    res.render('errors/form.njk', this.newModel(this.commands.newKey(), valuesOf(RECORD_FIELDS, {})));
  }

  @Post('new')
  async create(@CurrentPrincipal() principal: Principal, @Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    showAgainIfRefused(res, 'errors/form.njk', this.newModel(answer(body, 'idempotencyKey') ?? '', valuesPosted(RECORD_FIELDS, body)), fallbackField(RECORD_FIELDS));
    const created = await shownOnErrorForm(() => this.forms.create(principal, req, { report: {}, ...payloadOf(RECORD_FIELDS, body) }), RECORD_FIELDS);
    res.redirect(303, `${ERRORS_PATH}/${created.id}?done=created`);
  }

  private registerModel(filters: Filters) {
    return {
      filters,
      statusOptions: choices(CD_ERROR_STATE_LABELS, filters.status, 'Any status'),
      kindOptions: choices(CD_ERROR_KIND_LABELS, filters.kind, 'Any kind'),
      causeOptions: choices(CAUSE_CODE_LABELS, filters.cause, 'Any cause'),
      errors: {},
    };
  }

  private newModel(idempotencyKey: string, values: FieldValues) {
    return {
      title: 'Record an error',
      caption: 'Error register',
      intro: 'Record an error the authority has found. What makes a record is needed now (CoP 6.20); the rest of the report can follow.',
      button: 'Record the error',
      warning: null,
      fields: RECORD_FIELDS,
      values,
      errors: {},
      available: true,
      action: `${ERRORS_PATH}/new`,
      cancelHref: ERRORS_PATH,
      cancelText: 'Cancel and go back to the register',
      idempotencyKey,
      backLink: ERRORS_PATH,
    };
  }
}
