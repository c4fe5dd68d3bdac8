import { randomUUID } from 'node:crypto';
import type { RipaRecordDto } from '../generated/api';

/**
 * A record made under RIPA 2000 as `POST /admin/ripa-records` takes it (a notice under RIPA s.22(4);
 * docs/law.md §10), typed by the generated client, with an original reference of its own each time: the
 * specs share one database and an authority holds each reference once. `overrides` may break it on purpose.
 */
export function ripaRecord(overrides: Record<string, unknown> = {}): RipaRecordDto {
  return {
    originalReference: `TVP/RIPA/TEST/${randomUUID()}`,
    kind: 's22_4_notice',
    appliedAt: '2018-01-08T09:00:00Z',
    grantedAt: '2018-01-08T12:00:00Z',
    expiresAt: '2018-02-07T23:59:59Z',
    cancelledAt: null,
    applicantName: 'DC Jo Bloggs',
    applicantRank: 'Detective Constable',
    designatedPersonName: 'Supt Sam Smith',
    designatedPersonRank: 'Superintendent',
    necessity: 'Needed to identify who made the threatening calls.',
    proportionality: 'Subscriber details of one number only.',
    purpose: 's22_2_b',
    dataSought: 'Subscriber details for 07700 900111',
    csp: 'Vodafone',
    ...overrides,
  };
}
