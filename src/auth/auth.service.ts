import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../database/unit-of-work';
import { DomainException } from '../http/domain-exception';
import type { LoginDto, LoginResponseDto } from './login.dto';
import { OidcSignIn } from './oidc-sign-in';
import { PasswordHasher } from './password-hasher';
import { PrincipalRepository } from './principal.repository';
import { SessionsService, type IssuedTokens } from './sessions.service';

@Injectable()
export class AuthService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly principals: PrincipalRepository,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionsService,
    private readonly oidc: OidcSignIn,
  ) {}

  async login(dto: LoginDto, userAgent: string | undefined): Promise<LoginResponseDto> {
    return tokensResponse(await this.openSession(dto, userAgent));
  }

  /**
   * A new session for a username and password, for the API's tokens or the web pages' cookie
   * (src/auth/browser-sessions.ts): one check of the password whichever door is used.
   */
  async openSession(dto: LoginDto, userAgent: string | undefined): Promise<IssuedTokens> {
    // With single sign-on the identity provider signs people in, with its own factors and lock-outs.
    if (this.oidc.enabled) throw new DomainException('AUTH_LOCAL_LOGIN_DISABLED', 'Sign in through your organisation’s sign-on: this service does not take passwords.');
    const found = await this.uow.read((m) => this.principals.findActive(m, { username: dto.username }));
    // One answer for unknown user, inactive user and wrong password: no account enumeration.
    if (!(await this.hasher.verify(found?.passwordHash, dto.password)) || !found) {
      throw new DomainException('AUTH_INVALID_CREDENTIALS', 'The username or password is wrong.');
    }
    return this.sessions.open(found.principal, userAgent);
  }

  async refresh(refreshToken: string): Promise<LoginResponseDto> {
    return tokensResponse(await this.sessions.refresh(refreshToken));
  }
}

function tokensResponse(issued: IssuedTokens): LoginResponseDto {
  const { principal } = issued;
  return {
    accessToken: issued.accessToken,
    tokenType: 'Bearer',
    expiresIn: issued.expiresIn,
    refreshToken: issued.refreshToken,
    sessionId: issued.sessionId,
    sessionExpiresAt: issued.sessionExpiresAt.toISOString(),
    user: {
      id: principal.id,
      username: principal.username,
      displayName: principal.displayName,
      roles: [...principal.roles],
      authorityId: principal.authorityId,
      authorityType: principal.authorityType,
    },
  };
}
