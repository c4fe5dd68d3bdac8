import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { ApplicationEventDto, ApplicationEventsService, type ApplicationResponse } from '../../applications/public-api';
import type { Principal } from '../../auth/principal';
import { parseIfMatch } from '../../http/if-match';
import { FormCommands } from '../form-commands';
import { validateAs } from '../forms/validate-as';

/** The hidden field a form carries the version of the record it was shown with in. */
export const VERSION_FIELD = 'version';

/**
 * Sends a workflow event from a page exactly as `POST /applications/:id/events` does (issue 19: no rule written
 * twice): the API's DTO and validation pipe, the same service and guards, the version the page was shown with as
 * If-Match (a change made meanwhile by someone else is refused, never overwritten), once per form.
 */
@Injectable()
export class EventForms {
  constructor(
    private readonly events: ApplicationEventsService,
    private readonly commands: FormCommands,
  ) {}

  send(principal: Principal, request: Request, applicationId: string, payload: Record<string, unknown>): Promise<ApplicationResponse> {
    const version = (request.body as Record<string, unknown>)[VERSION_FIELD];
    return this.commands.once(principal, request, async () => {
      const dto = await validateAs(ApplicationEventDto, payload);
      return this.events.apply(principal, applicationId, parseIfMatch(typeof version === 'string' ? version : undefined), dto);
    });
  }
}
