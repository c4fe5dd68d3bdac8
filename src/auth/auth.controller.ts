import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Authenticated, Public } from '../common/route-policy';
import { NotFoundDomainException } from '../http/domain-exception';
import { ApiCommand, ApiProblems, ApiPublic } from '../http/openapi';
import { IdempotencyKeyOptional } from '../common/idempotency-key-rule';
import { AuthService } from './auth.service';
import { LoginDto, LoginResponseDto, RefreshDto } from './login.dto';
import { LoginThrottled } from './login-throttle';
import { type AuthenticatedRequest, CurrentPrincipal, type Principal } from './principal';
import { SessionsService } from './sessions.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionsService,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ operationId: 'login', summary: 'Sign in with a username and password: an access token and a refresh token for a new session' })
  @ApiPublic()
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiProblems(400, 401, 403, 413, 415)
  @LoginThrottled()
  login(@Body() dto: LoginDto, @Req() request: Request): Promise<LoginResponseDto> {
    // Read from the request, not declared as a parameter: clients need not send one.
    return this.auth.login(dto, request.get('user-agent'));
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    operationId: 'refreshSession',
    summary: 'Spend a refresh token for a new access token and refresh token in the same session',
    description:
      'Each refresh token is spent once. Presenting a spent one again ends its session (someone else holds a copy). ' +
      'A session ends 12 hours after sign-in however often it is refreshed, and after 30 minutes without a request.',
  })
  @ApiPublic()
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiProblems(400, 401, 413, 415)
  refresh(@Body() dto: RefreshDto): Promise<LoginResponseDto> {
    return this.auth.refresh(dto.refreshToken);
  }

  @Post('logout')
  @Authenticated()
  @HttpCode(204)
  @ApiOperation({ operationId: 'logout', summary: 'End the session of this access token: it and its refresh token stop working at once' })
  @ApiNoContentResponse({ description: 'the session has ended' })
  // Ending a session twice ends it once: the key is honoured here but not required (issue 24, item 5).
  @IdempotencyKeyOptional()
  @ApiCommand('optional')
  @ApiProblems(404)
  async logout(@CurrentPrincipal() principal: Principal, @Req() request: Request & AuthenticatedRequest): Promise<void> {
    // A single sign-on token has no session here: the identity provider ends those.
    if (!request.sessionId) throw new NotFoundDomainException('A session of this service for your token');
    await this.sessions.revoke(principal.id, request.sessionId, 'logout');
  }
}
