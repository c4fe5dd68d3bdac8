import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { Principal } from '../../auth/principal';
import { CdErrorEventDto, CdErrorsService, CreateCdErrorDto, PatchCdErrorDto, type CdErrorResponse } from '../../errors/public-api';
import { parseIfMatch } from '../../http/if-match';
import { FormCommands } from '../form-commands';
import { validateAs } from '../forms/validate-as';
import { VERSION_FIELD } from '../record/event-forms';

/**
 * The register's commands from a page exactly as `/errors` runs them (issue 20: no rule written twice): the API's
 * DTOs through its validation pipe, the same service, the version the page was shown with as If-Match (a change
 * made meanwhile is refused, never overwritten), and each form run once however often it is posted.
 */
@Injectable()
export class ErrorForms {
  constructor(
    private readonly errors: CdErrorsService,
    private readonly commands: FormCommands,
  ) {}

  /** `POST /errors`: a new entry at `recorded`. */
  create(principal: Principal, request: Request, body: Record<string, unknown>): Promise<CdErrorResponse> {
    return this.commands.once(principal, request, async () => this.errors.create(principal, await validateAs(CreateCdErrorDto, body)));
  }

  /** `POST /errors/:id/events`. */
  send(principal: Principal, request: Request, id: string, event: Record<string, unknown>): Promise<CdErrorResponse> {
    const ifMatch = this.shownVersion(request);
    return this.commands.once(principal, request, async () => this.errors.apply(principal, id, parseIfMatch(ifMatch), await validateAs(CdErrorEventDto, event)));
  }

  /** `PATCH /errors/:id`. */
  patch(principal: Principal, request: Request, id: string, body: Record<string, unknown>): Promise<CdErrorResponse> {
    const ifMatch = this.shownVersion(request);
    return this.commands.once(principal, request, async () => this.errors.patch(principal, id, parseIfMatch(ifMatch), await validateAs(PatchCdErrorDto, body)));
  }

  private shownVersion(request: Request): string | undefined {
    const version = (request.body as Record<string, unknown>)[VERSION_FIELD];
    return typeof version === 'string' ? version : undefined;
  }
}
