/**
 * Builds a CD error report through the API for the report specs (docs/law.md §4.3): an entry recorded by
 * the SPOC with links to applications, every report field completed by PATCH (long text fields for long
 * reports, extra PATCH edits for more history rows), then ASSESS, SIGHT and REPORT_TO_IPC, each at its
 * own fixed instant, so the report carries every field. The longest reports fill every free-text field to
 * its limit (src/errors/cd-error.limits.ts), as prose or, for the worst case, without a space.
 */
import { REPORT_TEXT_LIMITS } from '../../src/errors/cd-error.limits';
import { createApplication, type AppRecord } from './applications';
import { createError, errorStep, patchError, type ErrorRecord } from './errors-http';
import { unbrokenText } from './errors-report-worst-case';
import type { TestApp } from './test-app';

/** The §4.3 text fields (besides `urn`) the report prints as given. */
export const TEXT_FIELDS = [
  'errorDescription',
  'howItOccurred',
  'collateralIntrusion',
  'preventiveSteps',
  'actionTakenOnData',
  'cspNotInformedReason',
  'excessDataDetails',
  'dataWronglyObtained',
  'authoriserReview',
] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

const TOKENS: Readonly<Record<TextField, string>> = {
  errorDescription: 'DESC',
  howItOccurred: 'HOW',
  collateralIntrusion: 'COLL',
  preventiveSteps: 'PREV',
  actionTakenOnData: 'ACT',
  cspNotInformedReason: 'NOTINF',
  excessDataDetails: 'EXCESS',
  dataWronglyObtained: 'AMOUNT',
  authoriserReview: 'AUTHREV',
};

/**
 * Deterministic prose of `chars` characters at most, starting with `tag` and ending with `<tag>_END`
 * (no hyphens, so pdfkit only breaks lines at spaces).
 */
export function prose(tag: string, chars: number): string {
  const pool = (
    'the applicant entered the identifier into the workflow and the designated person approved the request ' +
    'before the single point of contact noticed that the returned subscriber details did not match the ' +
    'person under investigation so acquisition was stopped and the data was quarantined pending review'
  ).split(' ');
  const end = `${tag}_END`;
  const words: string[] = [tag];
  let length = tag.length;
  for (let i = 0; ; i += 1) {
    let word = pool[(i * 7) % pool.length];
    if (i % 23 === 22) word += '.';
    if (length + 1 + word.length + 1 + end.length > chars) break;
    words.push(word);
    length += 1 + word.length;
  }
  words.push(end);
  return words.join(' ');
}

export interface ReportSize {
  /**
   * Characters of each text field: a short distinctive phrase when small, `limit` for each field's own
   * limit (the URN's too).
   */
  textChars: number | 'limit';
  /** `false`: the text has no space at all (the worst case for line breaking). Prose otherwise. */
  spaces?: boolean;
  /** Further PATCH edits, each adding a history row. */
  extraEdits: number;
  /**
   * How the report is completed: `perField` — one PATCH per field, then ASSESS, SIGHT, REPORT_TO_IPC;
   * `oneEdit` — one PATCH, then the same events; `atCreate` — every field a person enters in POST
   * /errors, then the same events (the fields the service fills come from SIGHT and REPORT_TO_IPC).
   */
  mode: 'perField' | 'oneEdit' | 'atCreate';
}

export interface BuiltReport {
  entry: ErrorRecord;
  applications: AppRecord[];
  /** Every §4.3 value as the report must print it. */
  expected: {
    urn: string;
    text: Record<TextField, string>;
    discoveredAt: string;
    establishedAt: string;
    dataDestroyedAt: string;
    sroSightedAt: string;
    reportedAt: string;
    reportedBy: string;
    causeCode: string;
    responsibleParty: string;
  };
}

/** The instants at which each step happens (the test clock is set to each in turn). */
export const REPORT_CLOCK = {
  recorded: '2026-03-02T10:00:00.000Z',
  assessed: '2026-03-03T09:21:00.000Z',
  sighted: '2026-03-04T11:17:00.000Z',
  reported: '2026-03-05T15:48:00.000Z',
  rendered: '2026-03-06T08:05:00.000Z',
} as const;

export async function buildReport(t: TestApp, tag: string, size: ReportSize): Promise<BuiltReport> {
  t.clock.set(REPORT_CLOCK.recorded);
  const applications = [await createApplication(t, 'applicant'), await createApplication(t, 'applicant')];
  const fill = (token: string, chars: number): string => (size.spaces === false ? unbrokenText(token, chars) : prose(token, chars));
  const text = Object.fromEntries(
    TEXT_FIELDS.map((field) => {
      const token = `${TOKENS[field]}-${tag}`;
      if (size.textChars === 'limit') return [field, fill(token, REPORT_TEXT_LIMITS[field])];
      return [field, size.textChars <= 80 ? `${token} ${field} of report ${tag}` : fill(token, size.textChars)];
    }),
  ) as Record<TextField, string>;
  const urn = size.textChars === 'limit' ? fill(`TVP/NOTICE/2026/${tag}`, REPORT_TEXT_LIMITS.urn) : `TVP/NOTICE/2026/${tag}`;
  const discoveredAt = '2026-02-26T08:13:00+00:00';
  const establishedAt = '2026-02-27T14:42:00+00:00';
  const dataDestroyedAt = '2026-02-28T16:05:00+00:00';

  const rest = TEXT_FIELDS.filter((f) => f !== 'errorDescription' && f !== 'howItOccurred');
  const flags = { dataDisposal: 'destroyed', dataDestructionConfirmed: true, dataDestroyedAt, cspInformed: false };
  const record = {
    urn,
    errorDescription: text.errorDescription,
    howItOccurred: text.howItOccurred,
    occurredAt: '2026-02-25T22:30:00+00:00',
    discoveredAt,
    establishedAt,
    causeCode: 'excessData',
    responsibleParty: 'telecomsOperator',
    isIpRelated: true,
  };
  const links = { applicationIds: applications.map((a) => a.id) };

  let entry =
    size.mode === 'atCreate'
      ? await createError(t, 'spoc', { ...record, ...Object.fromEntries(rest.map((field) => [field, text[field]])), ...flags }, links)
      : await createError(t, 'spoc', record, links);
  const patch = async (report: Record<string, unknown>) => {
    const res = await patchError(t, 'spoc', entry, { report });
    if (res.status !== 200) throw new Error(`PATCH failed ${res.status}: ${JSON.stringify(res.body)}`);
    entry = res.body as ErrorRecord;
  };
  if (size.mode === 'atCreate') {
    // Every field a person enters is in the POST: the history is create, ASSESS, SIGHT, REPORT_TO_IPC.
  } else if (size.mode === 'oneEdit') {
    await patch({ ...Object.fromEntries(rest.map((field) => [field, text[field]])), ...flags });
  } else {
    // One field per edit: each body stays small, each edit is a history row.
    for (const field of rest) await patch({ [field]: text[field] });
    await patch(flags);
  }
  for (let i = 0; i < size.extraEdits; i += 1) await patch({ isIpRelated: i % 2 === 0 });
  if (size.extraEdits > 0) await patch({ isIpRelated: true });

  t.clock.set(REPORT_CLOCK.assessed);
  entry = await errorStep(t, 'spoc', entry, { type: 'ASSESS', kind: 'relevantError' });
  t.clock.set(REPORT_CLOCK.sighted);
  entry = await errorStep(t, 'sro', entry, { type: 'SIGHT' });
  t.clock.set(REPORT_CLOCK.reported);
  entry = await errorStep(t, 'sro', entry, { type: 'REPORT_TO_IPC' });
  t.clock.set(REPORT_CLOCK.rendered);
  return {
    entry,
    applications,
    expected: {
      urn,
      text,
      discoveredAt,
      establishedAt,
      dataDestroyedAt,
      sroSightedAt: REPORT_CLOCK.sighted,
      reportedAt: REPORT_CLOCK.reported,
      reportedBy: 'Ch Supt Robin Sro',
      causeCode: 'excessData',
      responsibleParty: 'telecomsOperator',
    },
  };
}
