import type { IdentifierType } from '../../workflow/application.types';
import type { CspDisclosureLine } from './csp-disclosure-list';

/** A request the authority sent to the CSP, as the reverse audit matches lines to it. */
export interface AuditedRequest {
  id: string;
  applicationId: string;
  urn: string;
  cspReference: string | null;
  sentAt: Date;
  /** The authorisation's validity: from the grant to its expiry (null when the record has none). */
  validFrom: Date | null;
  expiresAt: Date | null;
  items: { identifierType: IdentifierType; normalisedValue: string; subtype: string }[];
  /** When the authority recorded data received under it (its first return), or null when it recorded none. */
  recordedDisclosureAt: Date | null;
}

export const FINDING_KINDS = ['identifierNotAuthorised', 'dataTypeNotAuthorised', 'outsideAuthorisedPeriod', 'missingFromCspList'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/** One thing the reverse audit found; a line's finding is a possible acquisition without authority (a suspected error). */
export interface Finding {
  kind: FindingKind;
  /** The list's line, or null for a request the list lacks. */
  line: number | null;
  /** The request it is about: the one a line came nearest to, or the one the list lacks. */
  requestId: string | null;
  applicationId: string | null;
  urn: string | null;
  identifier: string | null;
  dataType: string | null;
  disclosedAt: Date | null;
  suspectedError: boolean;
  /** What a person reads. */
  detail: string;
}

export interface ReverseAuditResult {
  matched: { line: number; requestId: string }[];
  findings: Finding[];
}

/** Normalises `value` as an identifier of `type`, or null when it is not one (src/applications/identifiers.ts). */
export type Normalise = (type: IdentifierType, value: string) => string | null;

const within = (at: Date, from: Date | null, to: Date | null) => from !== null && to !== null && at.getTime() >= from.getTime() && at.getTime() <= to.getTime();

/**
 * Matches a CSP's list of disclosures to the authority's requests (issue 24, item 4; docs/returns.md §7). Pure.
 *
 * A line matches a request when the request asked for that identifier (compared normalised, as the request sent
 * it), that data type, and the CSP disclosed it while the authorisation was in force and after the request was
 * sent. The CSP's reference, when the line gives one the authority recorded, narrows the candidates to that
 * request. A line that matches none is a finding, and a suspected error: a possible acquisition without
 * authority. A request the authority recorded data received under, within `period`, that no line matches is a
 * finding too (the CSP's list and the authority's record disagree), but not an error of acquisition.
 */
export function matchCspList(lines: readonly CspDisclosureLine[], requests: readonly AuditedRequest[], period: { from: Date; to: Date }, normalise: Normalise): ReverseAuditResult {
  const matched: ReverseAuditResult['matched'] = [];
  const findings: Finding[] = [];
  const lineFinding = (line: CspDisclosureLine, kind: FindingKind, nearest: AuditedRequest | null, detail: string): Finding => ({
    kind,
    line: line.line,
    requestId: nearest?.id ?? null,
    applicationId: nearest?.applicationId ?? null,
    urn: nearest?.urn ?? null,
    identifier: line.identifier,
    dataType: line.dataType,
    disclosedAt: line.disclosedAt,
    suspectedError: true,
    detail,
  });
  for (const line of lines) {
    const asked = (r: AuditedRequest, typed: boolean) =>
      r.items.some((item) => normalise(item.identifierType, line.identifier) === item.normalisedValue && (!typed || item.subtype.toLowerCase() === line.dataType.toLowerCase()));
    let candidates = requests.filter((r) => asked(r, false));
    const referenced = candidates.filter((r) => line.cspReference !== null && r.cspReference === line.cspReference);
    if (referenced.length > 0) candidates = referenced;
    if (candidates.length === 0) {
      findings.push(lineFinding(line, 'identifierNotAuthorised', null, `Line ${line.line}: the CSP disclosed data about ${line.identifier}, which no request of this authority to this CSP asked for.`));
      continue;
    }
    const typed = candidates.filter((r) => asked(r, true));
    if (typed.length === 0) {
      findings.push(lineFinding(line, 'dataTypeNotAuthorised', candidates[0], `Line ${line.line}: the CSP disclosed ${line.dataType} for ${line.identifier}, which no request asked for (${candidates[0].urn} asked for other data).`));
      continue;
    }
    const inForce = typed.find((r) => line.disclosedAt.getTime() >= r.sentAt.getTime() && within(line.disclosedAt, r.validFrom, r.expiresAt));
    if (!inForce) {
      findings.push(
        lineFinding(line, 'outsideAuthorisedPeriod', typed[0], `Line ${line.line}: the CSP disclosed ${line.dataType} for ${line.identifier} outside the time ${typed[0].urn}'s request was sent and its authorisation in force.`),
      );
      continue;
    }
    matched.push({ line: line.line, requestId: inForce.id });
  }
  const answered = new Set(matched.map((m) => m.requestId));
  for (const r of requests) {
    if (r.recordedDisclosureAt === null || answered.has(r.id)) continue;
    if (r.recordedDisclosureAt.getTime() < period.from.getTime() || r.recordedDisclosureAt.getTime() >= period.to.getTime()) continue;
    findings.push({
      kind: 'missingFromCspList',
      line: null,
      requestId: r.id,
      applicationId: r.applicationId,
      urn: r.urn,
      identifier: null,
      dataType: null,
      disclosedAt: r.recordedDisclosureAt,
      suspectedError: false,
      detail: `The authority recorded data received under ${r.urn}'s request${r.cspReference ? ` (the CSP's reference ${r.cspReference})` : ''}, and the CSP's list has no line for it.`,
    });
  }
  return { matched, findings };
}
