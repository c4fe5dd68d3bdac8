import { Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Req } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Authenticated } from '../common/route-policy';
import { ApiProblems } from '../http/openapi';
import { SessionListDto } from './login.dto';
import { type AuthenticatedRequest, CurrentPrincipal, type Principal } from './principal';
import { SessionsService } from './sessions.service';

/** The caller's own sessions: what is signed in as them, and ending any of it (ASVS 5.0 7.5). */
@ApiTags('auth')
@Controller('me/sessions')
export class MeController {
  constructor(private readonly sessions: SessionsService) {}

  @Get()
  @Authenticated()
  @ApiOperation({ operationId: 'listMySessions', summary: 'The live sessions signed in as you, newest first' })
  @ApiOkResponse({ type: SessionListDto })
  @ApiProblems(401)
  async list(@CurrentPrincipal() principal: Principal, @Req() request: Request & AuthenticatedRequest): Promise<SessionListDto> {
    const sessions = await this.sessions.listLive(principal.id);
    return {
      items: sessions.map((s) => ({
        id: s.id,
        createdAt: s.createdAt.toISOString(),
        lastActiveAt: s.lastActiveAt.toISOString(),
        expiresAt: s.expiresAt.toISOString(),
        userAgent: s.userAgent,
        current: s.id === request.sessionId,
      })),
    };
  }

  @Delete(':id')
  @Authenticated()
  @HttpCode(204)
  @ApiOperation({ operationId: 'revokeMySession', summary: 'End one of your sessions: its tokens stop working at once' })
  @ApiNoContentResponse({ description: 'the session has ended' })
  // Express reads a JSON body on any method: one over the limit is refused 413 here too.
  @ApiProblems(400, 401, 404, 413)
  async revoke(@CurrentPrincipal() principal: Principal, @Param('id', new ParseUUIDPipe({ version: undefined })) id: string): Promise<void> {
    // Another user's session is "not found": its existence is not theirs to learn.
    await this.sessions.revoke(principal.id, id, 'revokedByUser');
  }
}
