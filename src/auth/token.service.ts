import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../config';

interface AccessClaims {
  sub: string;
  typ: 'access';
}

/** Signs and verifies access tokens: HS256 only, so `alg: none` and foreign algorithms never verify. */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  signAccess(userId: string): { token: string; expiresIn: number } {
    const claims: AccessClaims = { sub: userId, typ: 'access' };
    const token = this.jwt.sign(claims, {
      algorithm: 'HS256',
      expiresIn: this.config.jwt.ttlSeconds,
      jwtid: randomUUID(),
    });
    return { token, expiresIn: this.config.jwt.ttlSeconds };
  }

  /** The user id of a valid access token, or null (bad signature, expired, wrong algorithm, wrong type). */
  verifyAccess(token: string): string | null {
    try {
      const claims = this.jwt.verify<Partial<AccessClaims>>(token, { algorithms: ['HS256'] });
      return claims.typ === 'access' && typeof claims.sub === 'string' ? claims.sub : null;
    } catch {
      return null;
    }
  }
}
