import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, ApiPublic } from '../http/openapi';
import { AuthService } from './auth.service';
import { LoginDto, LoginResponseDto } from './login.dto';
import { Public } from '../common/route-policy';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ operationId: 'login', summary: 'Sign in with a username and password for a bearer token' })
  @ApiPublic()
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiProblems(400, 401, 413, 415)
  login(@Body() dto: LoginDto): Promise<LoginResponseDto> {
    return this.auth.login(dto);
  }
}
