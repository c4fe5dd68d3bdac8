/**
 * Returns for the authorisation matrix (docs/architecture.md §8; docs/returns.md): the subscriber file a CSP
 * might send for the default form's item `d1` (the msisdn `07911 123456`, 1–2 March 2026), and a return with
 * exactly one failed check on a sent request made by {@link buildRequestFixture}.
 */
import type { AppRecord } from './applications';
import type { Caller, DemoUsername, FixtureSpec } from './authz-fixtures';
import { upload, type ReturnRecord } from './returns-http';
import type { TestApp } from './test-app';

/** A multipart/form-data body: its form fields first, then the file in the part `file`. */
export interface MultipartBody {
  fields: Record<string, string>;
  file: { content: string; fileName: string; contentType: string };
}

const SUBSCRIBER_HEADER = 'identifier,name,address,address_type,valid_from,valid_to';
/** The requested number's subscriber across the whole period (still valid: `valid_to` empty). */
const subscriberRow = (name: string) => `07911 123456,${name},"1 High Street, Reading RG1 1AA",installation,2025-01-10T09:00:00Z,`;
/** A row about a number nobody asked for: IDENTIFIER_NOT_REQUESTED. */
const ANOTHER_NUMBER = '+447700900999,Sam Elsewhere,"2 Low Road, Reading RG2 2BB",installation,2025-01-10T09:00:00Z,';

/**
 * A clean subscriber return for `d1` whose bytes are the caller's own: a return is stored once per request
 * (the same file again is 409 RETURN_DUPLICATE), so each cell uploads a file no other cell does.
 */
export function subscriberUpload(caller: Caller): MultipartBody {
  return {
    fields: { dataItemRef: 'd1' },
    file: { content: `${SUBSCRIBER_HEADER}\n${subscriberRow(`Matrix ${caller}`)}\n`, fileName: 'return.csv', contentType: 'text/csv' },
  };
}

/** The ids a return row's path names besides the request: {returnId} and {checkId}. */
export interface ReturnFixture {
  returnId: string;
  checkId: string;
}

/**
 * The SPOC who serves `owner`'s authority and so received the request's return: NAFN for a local authority,
 * the force's own otherwise (as in authz-fixtures.ts, which made and sent the request).
 */
function servingSpoc(owner: DemoUsername): DemoUsername {
  if (owner === 'la-applicant') return 'nafn-spoc';
  return owner === 'other-applicant' ? 'other-spoc' : 'spoc';
}

let serial = 0;

/**
 * A return on `request` (sent, from {@link buildRequestFixture} on an application built from `spec`), uploaded
 * by the SPOC serving the application's authority: the requested number's subscriber and one row for another
 * number, so it has exactly one failed check (IDENTIFIER_NOT_REQUESTED), unreviewed.
 */
export async function buildReturnFixture(t: TestApp, spec: FixtureSpec, request: AppRecord): Promise<ReturnFixture> {
  if ('error' in spec) throw new Error('a return answers a disclosure request, not a CD error entry');
  serial += 1;
  const csv = `${SUBSCRIBER_HEADER}\n${subscriberRow(`Return fixture ${serial}`)}\n${ANOTHER_NUMBER}\n`;
  const res = await upload(t, request.id, csv, { fields: { dataItemRef: 'd1' }, user: servingSpoc(spec.owner ?? 'applicant') });
  if (res.status !== 201) throw new Error(`return fixture: ${res.status} ${JSON.stringify(res.body)}`);
  const received = res.body as ReturnRecord;
  const codes = received.checks.map((check) => check.code);
  if (codes.join() !== 'IDENTIFIER_NOT_REQUESTED') throw new Error(`return fixture has the checks ${JSON.stringify(codes)}, wanted one IDENTIFIER_NOT_REQUESTED`);
  return { returnId: received.id, checkId: received.checks[0].id };
}
