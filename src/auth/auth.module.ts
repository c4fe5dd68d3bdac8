import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import type { AppConfig } from '../config';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { DemoSeed } from './demo-seed';
import { PasswordHasher } from './password-hasher';
import { PrincipalRepository } from './principal.repository';
import { RoutePolicyCheck } from './route-policy.check';
import { TokenService } from './token.service';

@Module({})
export class AuthModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AuthModule,
      imports: [
        DiscoveryModule,
        JwtModule.register({
          secret: config.jwt.secret,
          signOptions: { algorithm: 'HS256' },
          verifyOptions: { algorithms: ['HS256'] },
        }),
      ],
      controllers: [AuthController],
      providers: [
        AuthService,
        TokenService,
        PasswordHasher,
        PrincipalRepository,
        DemoSeed,
        RoutePolicyCheck,
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [PrincipalRepository, PasswordHasher, DemoSeed],
    };
  }
}
