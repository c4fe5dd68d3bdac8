import { Controller, Get, Param, ParseUUIDPipe, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { Roles } from '../common/route-policy';
import { ApiProblems } from '../http/openapi';
import { ApplicationRecordsService } from './application-records.service';

/**
 * The whole record of an application as a PDF, for inspectors (docs/architecture.md §8; docs/products.md §7):
 * the SPOCs and the SRO of the application's authority, with the application's need-to-know (one the caller
 * may not see is 404). It holds everything — the requests and their checks, the products, the error
 * register's entries — so it goes only to the roles that may read every part of it; an applicant, a DSO, OCDA
 * or a Judicial Commissioner reads the parts their own routes give them.
 */
@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class ApplicationRecordsController {
  constructor(private readonly records: ApplicationRecordsService) {}

  @Get(':id/record.pdf')
  // An inspector reads the records a grant opens to them (issue 24, item 3).
  @Roles('spoc', 'sro', 'inspector')
  @ApiProduces('application/pdf')
  @ApiOperation({
    operationId: 'getApplicationRecordPdf',
    summary: 'The whole record of an application (form, decision, conversation, requests and checks, products, errors, history), as an OFFICIAL-SENSITIVE PDF',
  })
  @ApiOkResponse({ description: 'the record, marked on every page', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblems(400, 401, 403, 404)
  async recordPdf(@CurrentPrincipal() p: Principal, @Param('id', new ParseUUIDPipe({ version: undefined })) id: string): Promise<StreamableFile> {
    return new StreamableFile(await this.records.pdf(p, id), { type: 'application/pdf', disposition: `inline; filename="application-${id}.pdf"` });
  }
}
