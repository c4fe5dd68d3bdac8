import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { Roles } from '../common/route-policy';
import { ApiProblems } from '../http/openapi';
import { SecurityAuditQuery } from './security-audit.dto';
import { SecurityAuditEvents } from './security-audit.responses';
import { SecurityAuditService } from './security-audit.service';

/**
 * The security audit stream (issue 24, item 1), for the authority's senior responsible officer, who answers for
 * its compliance (docs/law.md §1), and for the Commissioner's inspectors under a grant (item 3): who was refused
 * what, and who read which record's content.
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
@Roles('sro', 'inspector')
@ApiProblems(400, 401, 403)
export class SecurityAuditController {
  constructor(private readonly audit: SecurityAuditService) {}

  @Get()
  @ApiOperation({
    operationId: 'listSecurityEvents',
    summary: 'The security events of the caller’s authority (an inspector: of each authority and period a live grant opens), newest first: every refusal (DENIED) and every reading of a record’s content (VIEWED)',
  })
  @ApiOkResponse({ type: SecurityAuditEvents })
  list(@CurrentPrincipal() p: Principal, @Query() query: SecurityAuditQuery): Promise<SecurityAuditEvents> {
    return this.audit.list(p, query);
  }
}
