import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '../config';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { AuthorityEntity } from './authority.entity';
import { DemoSeed } from './demo-seed';
import { PasswordHasher } from './password-hasher';
import { PrincipalsModule } from './principals.module';
import { RoutePolicyCheck } from './route-policy.check';
import { TokenService } from './token.service';
import { UserEntity } from './user.entity';

/** The tables auth owns, registered with the data source by this module (docs/architecture.md §3). */
export const AUTH_ENTITIES = [AuthorityEntity, UserEntity];

@Module({})
export class AuthModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AuthModule,
      imports: [
        TypeOrmModule.forFeature(AUTH_ENTITIES),
        PrincipalsModule,
        DiscoveryModule,
        JwtModule.register({
          secret: config.jwt.secret,
          signOptions: { algorithm: 'HS256' },
          verifyOptions: { algorithms: ['HS256'] },
        }),
      ],
      controllers: [AuthController],
      providers: [AuthService, TokenService, PasswordHasher, DemoSeed, RoutePolicyCheck, { provide: APP_GUARD, useClass: AuthGuard }],
      exports: [PrincipalsModule, PasswordHasher, DemoSeed],
    };
  }
}
