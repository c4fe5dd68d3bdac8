import { Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CurrentPrincipal, type Principal } from '../../auth/principal';
import { Roles } from '../../common/route-policy';
import { DisclosureRequestsService, DisclosureReturnsService, type ReturnResponse, type SpooledUpload } from '../../disclosures/public-api';
import { AcceptsBody } from '../../http/json-only.interceptor';
import { CSRF_FIELD, csrfRefused, MultipartForm, WebCsrf } from '../csrf';
import { FormCommands, IDEMPOTENCY_FIELD } from '../form-commands';
import { RECORD_ID } from '../params';
import { showAgainIfRefused } from '../web-exception.filter';
import { WebPages } from '../web-page';
import { WEB_PREFIX } from '../web-paths';
import { RequestPageModel } from './request-page.model';

/** The page's own fields of the upload form: taken out before the rest reach the service as the API's fields. */
const PAGE_FIELDS = [CSRF_FIELD, IDEMPOTENCY_FIELD];

/**
 * A CSP's return uploaded from the request's page (issue 20, item 1; docs/returns.md "Uploading"): a
 * `multipart/form-data` form, so no body parser has read it when the guards run. The route takes the upload whole
 * to a temporary file first (the API's own spooling and limits), then checks the CSRF token and the form's
 * Idempotency-Key from the fields that come before the file, and only then does the API's service store and check
 * it. A bad token stores nothing and deletes the spooled file; anything but multipart is CSRF-checked by the guard.
 */
@WebPages(`${WEB_PREFIX}/disclosure-requests`)
export class ReturnUploadController {
  constructor(
    private readonly requests: DisclosureRequestsService,
    private readonly returns: DisclosureReturnsService,
    private readonly pages: RequestPageModel,
    private readonly csrf: WebCsrf,
    private readonly commands: FormCommands,
  ) {}

  @Post(':id/returns')
  @Roles('spoc')
  @MultipartForm()
  @AcceptsBody('multipart/form-data')
  async upload(@CurrentPrincipal() principal: Principal, @Param('id', RECORD_ID) id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    // Another authority's request, or none: 404 before a byte of the upload is read (as the API answers).
    await this.requests.get(principal, id);
    let upload: SpooledUpload;
    try {
      upload = await this.returns.spool(req);
    } catch (error) {
      // Unreadable (too large, empty, not UTF-8): nothing was kept, so the form is shown again with the reason.
      showAgainIfRefused(res, 'acquisition/request.njk', await this.pages.build(principal, id), 'file');
      throw error;
    }
    req.body = { ...upload.fields };
    if (!this.csrf.check(req)) {
      await this.returns.discard(upload);
      throw csrfRefused();
    }
    try {
      const fields = Object.fromEntries(Object.entries(upload.fields).filter(([name, value]) => !PAGE_FIELDS.includes(name) && value !== ''));
      const posted = { form: 'upload' as const, idempotencyKey: String(upload.fields[IDEMPOTENCY_FIELD] ?? ''), values: fields };
      showAgainIfRefused(res, 'acquisition/request.njk', await this.pages.build(principal, id, posted), 'file');
      // The file's hash is part of what the form sent: the same key with another file is refused, not replayed.
      (req.body as Record<string, unknown>).fileSha256 = upload.file.sha256;
      const received = await this.commands.once<ReturnResponse>(principal, req, () => this.returns.receiveSpooled(principal, id, { fields, file: upload.file }));
      res.redirect(303, `${WEB_PREFIX}/disclosure-requests/${id}/returns/${received.id}`);
    } finally {
      // Received (the service deleted it), replayed, or refused before the service ran: gone either way.
      await this.returns.discard(upload);
    }
  }
}
