import { Module } from '@nestjs/common';
import { People } from './people';
import { PrincipalRepository } from './principal.repository';

/**
 * The one provider of PrincipalRepository and of People (display names): AuthModule (the guard, login)
 * and any feature that loads a person (a named decider) or names one (history, the conversation) import
 * this module, so there is a single instance rather than one per module.
 */
@Module({ providers: [PrincipalRepository, People], exports: [PrincipalRepository, People] })
export class PrincipalsModule {}
