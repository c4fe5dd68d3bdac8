import type { Principal } from '../auth/principal';
import type { ApplicationEntity } from './application.entity';
import type { DisclosureProgress } from './disclosure-facts.reader';

/** The prompt on the record once nothing more is being obtained under a still-valid authorisation. */
export interface CancellationDuty {
  /** When the last request to a CSP finished. */
  since: string;
  message: string;
}

/**
 * The duty to consider cancellation (IPA s.65(3B), (4); docs/law.md §2.5): when every request made to a CSP
 * under an authorisation that is still valid has finished, the authorisation may no longer be necessary, and
 * those who can act on that are told: the SPOC, and the person who granted it. Null before the last request
 * finishes, once the authorisation has ended, and for anyone else.
 */
export function cancellationDutyFor(
  row: Pick<ApplicationEntity, 'status' | 'expiresAt' | 'grantedById'>,
  viewer: Pick<Principal, 'id' | 'roles'>,
  progress: DisclosureProgress | null,
  now: Date,
): CancellationDuty | null {
  if (row.status !== 'authorised' || row.expiresAt === null || now.getTime() > row.expiresAt.getTime()) return null;
  if (!progress || progress.requests === 0 || progress.allFinishedAt === null) return null;
  if (!viewer.roles.includes('spoc') && viewer.id !== row.grantedById) return null;
  return {
    since: progress.allFinishedAt.toISOString(),
    message:
      'Every request to a CSP under this authorisation has finished. If the authorisation is no longer necessary or proportionate, it must be cancelled (IPA s.65).',
  };
}
