import { Module } from '@nestjs/common';
import { PrincipalRepository } from './principal.repository';

/**
 * The one provider of PrincipalRepository: AuthModule (the guard, login) and any feature that loads a
 * person (a named decider) import this module, so there is a single instance rather than one per module.
 */
@Module({ providers: [PrincipalRepository], exports: [PrincipalRepository] })
export class PrincipalsModule {}
