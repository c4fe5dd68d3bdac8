import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../config';
import { UnitOfWork } from '../database/unit-of-work';
import type { AuthorityType, Role } from '../workflow/roles';
import { AuthorityEntity } from './authority.entity';
import { PasswordHasher } from './password-hasher';
import { UserEntity } from './user.entity';

interface DemoAuthority {
  key: string;
  name: string;
  type: AuthorityType;
  urnPrefix: string;
  /** Whose SPOCs act for it (NAFN for a local authority). */
  spocAuthority?: string;
}

interface DemoUser {
  username: string;
  displayName: string;
  authority: string;
  roles: Role[];
  rank?: string;
  spocPin?: string;
}

export const DEMO_AUTHORITIES: readonly DemoAuthority[] = [
  { key: 'tvp', name: 'Thames Valley Police', type: 'police', urnPrefix: 'TVP' },
  { key: 'ham', name: 'Hampshire Constabulary', type: 'police', urnPrefix: 'HAM' },
  { key: 'ocda', name: 'Office for Communications Data Authorisations', type: 'ocda', urnPrefix: 'OCDA' },
  { key: 'jco', name: "Judicial Commissioners' office", type: 'judicialOffice', urnPrefix: 'JC' },
  { key: 'nafn', name: 'National Anti-Fraud Network', type: 'nafn', urnPrefix: 'NAFN' },
  { key: 'wlt', name: 'Wiltshire Council', type: 'localAuthority', urnPrefix: 'WLT', spocAuthority: 'nafn' },
];

export const DEMO_USERS: readonly DemoUser[] = [
  { username: 'applicant', displayName: 'DC Alex Applicant', authority: 'tvp', roles: ['applicant'], rank: 'constable' },
  { username: 'applicant2', displayName: 'DS Sam Second', authority: 'tvp', roles: ['applicant'], rank: 'sergeant' },
  { username: 'spoc', displayName: 'Pat Spoc', authority: 'tvp', roles: ['spoc'], spocPin: 'TVP-SPOC-0001' },
  { username: 'dso', displayName: 'Supt Dana Dso', authority: 'tvp', roles: ['dso'], rank: 'superintendent' },
  { username: 'sro', displayName: 'Ch Supt Robin Sro', authority: 'tvp', roles: ['sro'], rank: 'chiefSuperintendent' },
  { username: 'admin', displayName: 'Ada Admin', authority: 'tvp', roles: ['admin'] },
  { username: 'other-applicant', displayName: 'DC Olu Other', authority: 'ham', roles: ['applicant'], rank: 'constable' },
  { username: 'other-spoc', displayName: 'Oren Spoc', authority: 'ham', roles: ['spoc'], spocPin: 'HAM-SPOC-0001' },
  { username: 'other-dso', displayName: 'Supt Omar Dso', authority: 'ham', roles: ['dso'], rank: 'superintendent' },
  { username: 'other-sro', displayName: 'Ch Supt Orla Sro', authority: 'ham', roles: ['sro'], rank: 'chiefSuperintendent' },
  { username: 'ocda', displayName: 'Olivia OCDA Authorising Officer', authority: 'ocda', roles: ['ocda'] },
  { username: 'jc', displayName: 'Sir Julian Commissioner', authority: 'jco', roles: ['jc'] },
  // An inspector of the Commissioner's office: reads an authority's records only under a grant from its administrator.
  { username: 'inspector', displayName: 'Ines Inspector', authority: 'jco', roles: ['inspector'] },
  { username: 'la-applicant', displayName: 'Lee Trading Standards', authority: 'wlt', roles: ['applicant'] },
  { username: 'nafn-spoc', displayName: 'Nia NAFN Spoc', authority: 'nafn', roles: ['spoc'], spocPin: 'NAFN-SPOC-0001' },
];

/** Seeds the demo authorities and users when the user table is empty and seeding is on (issue 3, item 4). */
@Injectable()
export class DemoSeed {
  private readonly logger = new Logger('DemoSeed');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly uow: UnitOfWork,
    private readonly hasher: PasswordHasher,
  ) {}

  async run(): Promise<boolean> {
    if (!this.config.seedDemo) return false;
    const passwordHash = await this.hasher.hash(this.config.demoPassword);
    const seeded = await this.uow.run(async (tx) => {
      if ((await tx.count(UserEntity)) > 0) return false;
      const ids = new Map<string, string>();
      for (const a of DEMO_AUTHORITIES) {
        const existing = await tx.findOne(AuthorityEntity, { where: { name: a.name } });
        const id = existing?.id ?? randomUUID();
        ids.set(a.key, id);
        if (!existing) {
          const spocAuthorityId = a.spocAuthority ? (ids.get(a.spocAuthority) ?? null) : null;
          await tx.insert(AuthorityEntity, { id, name: a.name, type: a.type, urnPrefix: a.urnPrefix, active: true, spocAuthorityId });
        }
      }
      for (const u of DEMO_USERS) {
        await tx.insert(UserEntity, {
          id: randomUUID(),
          username: u.username,
          displayName: u.displayName,
          roles: u.roles,
          authorityId: ids.get(u.authority)!,
          rank: u.rank ?? null,
          spocPin: u.spocPin ?? null,
          active: true,
          passwordHash,
        });
      }
      return true;
    });
    if (seeded) this.logger.log(`Seeded ${DEMO_USERS.length} demo users (password in README).`);
    return seeded;
  }
}
