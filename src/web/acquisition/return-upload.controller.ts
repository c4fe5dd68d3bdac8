import { Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CurrentPrincipal, type Principal } from '../../auth/principal';
import { Roles } from '../../common/route-policy';
import { DisclosureRequestsService, DisclosureReturnsService, type ReturnResponse, type SpooledUpload } from '../../disclosures/public-api';
import { DomainException } from '../../http/domain-exception';
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
 * `multipart/form-data` form, so no body parser has read it when the guards run. The route streams it through the
 * API's own spooling and limits, and when the file part starts — before a byte of it is written — checks the CSRF
 * token among the fields sent so far (the form puts them before the file); without a valid token there, the answer
 * is 403 and nothing is kept. Then the form's Idempotency-Key runs it once, and the API's service stores and checks
 * it. Anything but multipart posted here is CSRF-checked by the guard.
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
    // The token is checked on the fields that come before the file, before a byte of the file is kept.
    let tokenValid = false;
    let upload: SpooledUpload;
    try {
      upload = await this.returns.spool(req, (fields) => {
        req.body = { ...fields };
        if (!this.csrf.check(req)) throw csrfRefused();
        tokenValid = true;
      });
    } catch (error) {
      // No valid token before the file: a 403 whatever else was wrong, and nothing of the form shown back.
      if (!tokenValid) throw error instanceof DomainException && error.code === 'WEB_CSRF_INVALID' ? error : csrfRefused();
      // Unreadable (too large, empty, not UTF-8): nothing was kept, so the form is shown again with the reason.
      showAgainIfRefused(res, 'acquisition/request.njk', await this.pages.build(principal, id), 'file');
      throw error;
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
