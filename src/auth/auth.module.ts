import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { createSecretKey } from 'node:crypto';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '../config';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { AuthorityEntity } from './authority.entity';
import { DemoSeed } from './demo-seed';
import { InspectionGrantEntity } from './inspection-grant.entity';
import { InspectionGrants } from './inspection-grants';
import { InspectionGrantsController } from './inspection-grants.controller';
import { LoginAttemptEntity } from './login-attempt.entity';
import { LoginAttempts } from './login-attempts.repository';
import { LoginThrottleInterceptor } from './login-throttle';
import { PasswordHasher } from './password-hasher';
import { PrincipalsModule } from './principals.module';
import { RoutePolicyCheck } from './route-policy.check';
import { TokenService } from './token.service';
import { UserEntity } from './user.entity';
import { BearerAuthentication } from './bearer-authentication';
import { BrowserSessions } from './browser-sessions';
import { MeController } from './me.controller';
import { OidcSignIn } from './oidc-sign-in';
import { OidcVerifier } from './oidc-verifier';
import { SessionCache } from './session-cache';
import { sessionClockProvider } from './session-clock';
import { AuthSessionEntity, RefreshTokenEntity } from './session.entity';
import { SessionsService } from './sessions.service';

/** The tables auth owns, registered with the data source by this module (docs/architecture.md §3). */
export const AUTH_ENTITIES = [AuthorityEntity, UserEntity, LoginAttemptEntity, AuthSessionEntity, RefreshTokenEntity, InspectionGrantEntity];

@Module({})
export class AuthModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AuthModule,
      // Configured once at the root; what it exports (the browser sessions the web pages sign in with) is then visible everywhere.
      global: true,
      imports: [
        TypeOrmModule.forFeature(AUTH_ENTITIES),
        PrincipalsModule,
        DiscoveryModule,
        JwtModule.register({
          // A secret-key object, not the string: given a string, jsonwebtoken first tries to read it as a public key
          // and fails on every request before falling back (about half a millisecond each; issue 23).
          secret: createSecretKey(Buffer.from(config.jwt.secret, 'utf8')),
          signOptions: { algorithm: 'HS256' },
          verifyOptions: { algorithms: ['HS256'] },
        }),
      ],
      controllers: [AuthController, MeController, InspectionGrantsController],
      providers: [AuthService, TokenService, SessionsService, SessionCache, sessionClockProvider, OidcVerifier, OidcSignIn, BearerAuthentication, BrowserSessions, PasswordHasher, DemoSeed, RoutePolicyCheck, { provide: APP_GUARD, useClass: AuthGuard }, LoginAttempts, LoginThrottleInterceptor, InspectionGrants],
      exports: [PrincipalsModule, PasswordHasher, DemoSeed, BrowserSessions, LoginThrottleInterceptor, LoginAttempts],
    };
  }
}
