import { Controller, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiExtraModels, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { Roles } from '../common/route-policy';
import { AcceptsBody } from '../http/json-only.interceptor';
import { ApiCommand, ApiProblems, IDEMPOTENT_REPLAYED_HEADER } from '../http/openapi';
import { RIPA_RECORD_FIELDS } from '../workflow/ripa-record.types';
import { RIPA_CSV_MAX_BYTES, RIPA_IMPORT_MAX_RECORDS } from './ripa-import.limits';
import { RipaImportService } from './ripa-import.service';
import { RipaRecordDto } from './ripa-record.dto';
import { RipaImport } from './ripa-records.responses';

const CSV_HEADER = RIPA_RECORD_FIELDS.join(',');
const CSV_EXAMPLE =
  `${CSV_HEADER}\n` +
  'TVP/CD/2015/001234,s22_4_notice,2015-06-01T09:30:00+01:00,2015-06-01T14:00:00+01:00,2015-06-30T23:59:59+01:00,,' +
  'DC Jo Bloggs,Detective Constable,Supt Sam Smith,Superintendent,"The number arranged the robbery; nothing else will identify its user.",' +
  '"Subscriber data for one number only.",s22_2_b,Subscriber details for 07700 900123,Vodafone\n';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/ripa-records')
export class RipaRecordsController {
  constructor(private readonly imports: RipaImportService) {}

  @Post()
  @Roles('admin')
  @AcceptsBody('application/json', 'text/csv')
  @ApiOperation({
    operationId: 'importRipaRecords',
    summary: 'Import records made under RIPA 2000 s.22 into the caller’s authority, all or none',
    description:
      `Each record (an authorisation under RIPA s.22(3) or a notice under s.22(4)) becomes an application on the ` +
      `\`ripa22\` route in the state \`ripaRecord\`, which no workflow event leaves. Send a JSON array of records, or ` +
      `a CSV file (\`text/csv\`, at most ${RIPA_CSV_MAX_BYTES / 1024 / 1024} MiB) whose header names the fields; at most ` +
      `${RIPA_IMPORT_MAX_RECORDS} records. If any record is at fault nothing is stored, and the 400 ` +
      '`RIPA_IMPORT_INVALID` names each problem by CSV `line` or JSON `index` and field.',
    // Two media types with a schema each, which @ApiBody cannot say: the body is read from the request.
    requestBody: {
      required: true,
      description: 'the records: a JSON array, or CSV whose header line names the fields (`expiresAt` and `cancelledAt` may be left out)',
      content: {
        'application/json': {
          schema: { type: 'array', items: { $ref: getSchemaPath(RipaRecordDto) }, minItems: 1, maxItems: RIPA_IMPORT_MAX_RECORDS },
        },
        'text/csv': { schema: { type: 'string', maxLength: RIPA_CSV_MAX_BYTES }, example: CSV_EXAMPLE },
      },
    },
  })
  @ApiExtraModels(RipaRecordDto)
  @ApiCreatedResponse({ type: RipaImport, description: 'every record stored, with its new id and URN', headers: IDEMPOTENT_REPLAYED_HEADER })
  @ApiCommand()
  @ApiProblems(403)
  import(@CurrentPrincipal() p: Principal, @Req() request: Request) {
    return this.imports.import(p, request.headers['content-type'], request.body as unknown);
  }
}
