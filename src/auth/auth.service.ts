import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../database/unit-of-work';
import { DomainException } from '../http/domain-exception';
import type { LoginDto, LoginResponseDto } from './login.dto';
import { PasswordHasher } from './password-hasher';
import { PrincipalRepository } from './principal.repository';
import { TokenService } from './token.service';

@Injectable()
export class AuthService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly principals: PrincipalRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
  ) {}

  async login(dto: LoginDto): Promise<LoginResponseDto> {
    const found = await this.uow.read((m) => this.principals.findActive(m, { username: dto.username }));
    // One answer for unknown user, inactive user and wrong password: no account enumeration.
    if (!(await this.hasher.verify(found?.passwordHash, dto.password)) || !found) {
      throw new DomainException('AUTH_INVALID_CREDENTIALS', 'The username or password is wrong.');
    }
    const { principal } = found;
    const { token, expiresIn } = this.tokens.signAccess(principal.id);
    return {
      accessToken: token,
      tokenType: 'Bearer',
      expiresIn,
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
}
