import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { UnitOfWork } from '../database/unit-of-work';
import { DomainException } from '../http/domain-exception';
import type { Clock } from '../workflow/clock';
import { ROLES, type Role } from '../workflow/roles';
import { AuthorityEntity } from './authority.entity';
import { OidcVerifier, type IdentityClaims } from './oidc-verifier';
import type { Principal } from './principal';
import { SessionCache } from './session-cache';
import { SESSION_CLOCK } from './session-clock';
import { UserEntity } from './user.entity';

/** No password can match it: a user who signs in through the identity provider has no local password. */
const NO_PASSWORD = '!single-sign-on';

const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/**
 * Single sign-on (docs/security.md, "Single sign-on"): a verified token from the identity provider is a
 * principal. The provider says who the bearer is (username, name), what they may do (roles), where
 * (authority, by its URN prefix), their rank and SPOC PIN; the local record of the user is made or brought
 * into line with that on first sight of each token, so that the records and their histories name a user of
 * this service. Locally, an authority must exist and be active, and a user disabled here stays out whatever
 * the provider says. A token's principal is then served from the session cache until the token expires.
 */
@Injectable()
export class OidcSignIn {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly verifier: OidcVerifier,
    private readonly cache: SessionCache,
    @Inject(SESSION_CLOCK) private readonly clock: Clock,
  ) {}

  get enabled(): boolean {
    return this.verifier.enabled;
  }

  /** Whether the guard should hand this token to single sign-on rather than to the local sessions. */
  handles(token: string): boolean {
    return this.verifier.namesIssuer(token);
  }

  async authenticate(token: string): Promise<Principal> {
    const now = this.clock.now().getTime();
    const key = `oidc:${createHash('sha256').update(token).digest('hex')}`;
    const cached = this.cache.get(key, now);
    if (cached && now < cached.expiresAt) return cached.principal;
    const claims = await this.verifier.verify(token);
    if (!claims) throw new DomainException('AUTH_TOKEN_INVALID', 'The bearer token is invalid or has expired.');
    const ticket = this.cache.ticket();
    const principal = await this.uow.run((tx) => this.principalFor(tx, claims));
    this.cache.put({ sessionId: key, principal, expiresAt: claims.expiresAt, lastActiveAt: now, readAt: now }, ticket);
    return principal;
  }

  private async principalFor(tx: EntityManager, claims: IdentityClaims): Promise<Principal> {
    const authority = await tx.findOne(AuthorityEntity, { where: { urnPrefix: claims.authority } });
    if (!authority?.active) {
      throw new DomainException('AUTH_AUTHORITY_UNKNOWN', 'Your sign-in names an authority this service does not know or no longer serves. Ask your administrator.');
    }
    const fields = {
      displayName: claims.displayName.slice(0, 200),
      roles: claims.roles.filter(isRole),
      authorityId: authority.id,
      rank: claims.rank?.slice(0, 50) ?? null,
      spocPin: claims.spocPin?.slice(0, 50) ?? null,
    };
    let user = await tx.findOne(UserEntity, { where: { externalSubject: claims.subject } });
    // A username already taken by a local account or another subject is not theirs: an administrator links accounts.
    const named = user?.username === claims.username ? null : await tx.findOne(UserEntity, { where: { username: claims.username } });
    if (named) {
      throw new DomainException('AUTH_ACCOUNT_CONFLICT', 'The username your sign-on gives already belongs to another account of this service. Ask your administrator to link them.');
    }
    if (user && !user.active) throw new DomainException('AUTH_USER_DISABLED', 'Your account is disabled in this service. Ask your administrator.');
    const wanted = { username: claims.username, ...fields };
    if (!user) {
      user = { id: randomUUID(), active: true, passwordHash: NO_PASSWORD, externalSubject: claims.subject, ...wanted };
      await tx.insert(UserEntity, user);
    } else if (JSON.stringify({ ...user, ...wanted }) !== JSON.stringify(user)) {
      await tx.update(UserEntity, { id: user.id }, wanted);
    }
    return { id: user.id, ...wanted, authorityType: authority.type };
  }
}
