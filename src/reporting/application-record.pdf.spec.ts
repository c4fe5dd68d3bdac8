/**
 * The record PDF from a view built by the pure builder from hand-made parts, read back with pdf-parse (in
 * a worker thread: test/support/errors-pdf-text.ts): marked on every page and numbered, the whole form and
 * SPOC section, the decision with its findings, the conversation, every check of every return (passed ones
 * too), every product's PDF SHA-256 whole, the linked errors, the history with its hashes and the chain's
 * verification; London times with their zone and no code; the same bytes twice and on a worker thread.
 * A record made under RIPA 2000 prints its particulars and its `imported` row instead of a form.
 */
import { createHash } from 'node:crypto';
import type { ApplicationHistoryItem, ApplicationRecord, ConversationEntry } from '../applications/public-api';
import type { PersonRef } from '../common/person-ref';
import { ALL_RETURN_CHECKS, type AcquiredRequest } from '../disclosures/public-api';
import type { LinkedError } from '../errors/public-api';
import type { DisseminationEntry, IssuedProduct } from '../products/public-api';
import type { ApplicationForm } from '../workflow/application.types';
import { formatLondonDateTime } from '../workflow/london-time';
import { bodyText, extractPdfText, occurrences, type ExtractedText } from '../../test/support/errors-pdf-text';
import { CHECK_PASSED, PDF_HASH_LABEL } from './application-record-acquisition.pdf';
import { CHAIN_BROKEN, CHAIN_VALID, HISTORY_COLUMNS } from './application-record-history.pdf';
import { RETURN_CHECK_LABELS } from '../workflow/return-checks';
import { renderApplicationRecordPdf } from './application-record.pdf';
import {
  buildApplicationRecordView,
  personIdsIn,
  RECORD_MARKING,
  RECORD_TITLE,
  RIPA_RECORD_TITLE,
  type ApplicationRecordParts,
  type ApplicationRecordView,
} from './application-record.view';
import { createApplicationRecordPdfPool } from './application-record.worker';

// ---- fixtures --------------------------------------------------------------------------------

const CREATION_DATE = new Date('2026-03-20T11:00:00Z');
const ISO_INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const sha = (text: string): string => createHash('sha256').update(text).digest('hex');
const london = (iso: string): string => formatLondonDateTime(new Date(iso));
const solid = (text: string): string => text.replace(/\s+/g, '');

const PEOPLE = {
  applicant: { id: 'u-applicant', name: 'DC Alex Applicant', role: 'applicant', label: 'Applicant' },
  spoc: { id: 'u-spoc', name: 'Pat Spoc', role: 'spoc', label: 'SPOC' },
  ocda: { id: 'u-ocda', name: 'Olivia OCDA Authorising Officer', role: 'ocda', label: 'OCDA authorising officer' },
  recipient: { id: 'u-recipient', name: 'DS Rita Recipient', role: 'applicant', label: 'Applicant' },
  admin: { id: 'u-admin', name: 'Ada Admin', role: 'admin', label: 'Administrator' },
} as const;
type Who = keyof typeof PEOPLE;
const ref = (who: Who): PersonRef => ({ id: PEOPLE[who].id, displayName: PEOPLE[who].name, role: PEOPLE[who].role, roleLabel: PEOPLE[who].label });

const FORM: ApplicationForm = {
  applicantDetails: { name: 'DC Alex Applicant', officeRankPosition: 'Detective Constable', team: 'CID-TEAM-5q' },
  operationName: 'OP-KESTREL-9z',
  investigationRef: 'INV-TVP-2026-0042',
  route: 'ipc60A',
  priorityGrade: 'grade3',
  statutoryPurpose: 'applicableCrime',
  offences: [{ description: 'OFFENCE-robbery-3x', statute: 'Theft Act 1968 s.8', maxSentenceAdultMonths: 999, isS263SeriousCrime: true }],
  seriousCrimeBasis: 'twelveMonthsPlus',
  investigationSummary: 'SUMMARY-street-robbery-8c',
  subjects: [{ role: 'victim', name: 'SUBJECT-V1-2d' }],
  sensitiveProfession: null,
  journalisticSourceSought: false,
  imminentThreatToLife: false,
  identifiers: [{ ref: 'id1', type: 'msisdn', value: '07911 123456', normalisedValue: '+447911123456', source: 'SOURCE-victim-statement-6f' }],
  dataItems: [
    {
      ref: 'd1',
      identifierRef: 'id1',
      category: 'events',
      subtype: 'callDataRecords',
      periodKind: 'historic',
      periodStart: '2026-03-01T00:00:00+00:00',
      periodEnd: '2026-03-31T23:59:59+01:00',
      csp: 'Example Mobile',
      icrCondition: null,
    },
  ],
  necessity: 'NECESSITY-link-to-event-1a',
  proportionality: 'PROPORTIONALITY-one-month-2b',
  collateralIntrusion: 'COLLATERAL-none-expected-3c',
  unintendedConsequences: 'UNINTENDED-none-4d',
  howDataWillBeUsed: 'USE-identify-user-5e',
};

/** One history row (and, for events the conversation shows, its entry). */
interface Step {
  who: Who;
  kind: ApplicationHistoryItem['kind'];
  event: ApplicationHistoryItem['eventType'];
  what: string;
  from: string | null;
  to: string;
  notes?: { label: string; text: string }[];
  fields?: string[];
  decider?: Who;
  conversation?: Partial<ConversationEntry>;
}

const STEPS: Step[] = [
  { who: 'applicant', kind: 'created', event: null, what: 'Application created', from: null, to: 'draft', fields: ['necessity', 'route'] },
  { who: 'applicant', kind: 'transition', event: 'SUBMIT_TO_SPOC', what: 'Submitted to the SPOC', from: 'draft', to: 'spocReview', conversation: {} },
  {
    who: 'spoc',
    kind: 'transition',
    event: 'RETURN_TO_APPLICANT',
    what: 'Returned to the applicant',
    from: 'spocReview',
    to: 'returnedToApplicant',
    notes: [{ label: 'Reason', text: 'RETURN-REASON-explain-nine-days-4k' }],
    conversation: { answeredBy: 5 },
  },
  { who: 'applicant', kind: 'edited', event: null, what: 'Form edited', from: 'returnedToApplicant', to: 'returnedToApplicant', fields: ['proportionality'] },
  {
    who: 'applicant',
    kind: 'transition',
    event: 'RESUBMIT',
    what: 'Resubmitted to the SPOC',
    from: 'returnedToApplicant',
    to: 'spocReview',
    conversation: { inReplyTo: 3, changedFields: ['proportionality'] },
  },
  {
    who: 'spoc',
    kind: 'transition',
    event: 'SUBMIT_FOR_AUTHORISATION',
    what: 'Sent for authorisation',
    from: 'spocReview',
    to: 'awaitingAuthorisation',
    notes: [{ label: 'SPOC advice', text: 'ADVICE-lawful-and-practical-6g' }],
    fields: ['spoc.spocAdvice'],
    conversation: {},
  },
  {
    who: 'ocda',
    kind: 'transition',
    event: 'REQUEST_MORE_INFO',
    what: 'More information requested',
    from: 'awaitingAuthorisation',
    to: 'spocReview',
    notes: [{ label: 'Question', text: 'QUESTION-why-a-month-7h' }],
    conversation: { answeredBy: 8 },
  },
  {
    who: 'spoc',
    kind: 'transition',
    event: 'SUBMIT_FOR_AUTHORISATION',
    what: 'Sent for authorisation',
    from: 'spocReview',
    to: 'awaitingAuthorisation',
    notes: [{ label: 'SPOC advice', text: 'ANSWER-the-calls-span-the-month-8i' }],
    fields: ['spoc.spocAdvice'],
    conversation: { inReplyTo: 7, changedFields: [] },
  },
  {
    who: 'ocda',
    kind: 'transition',
    event: 'GRANT',
    what: 'Granted',
    from: 'awaitingAuthorisation',
    to: 'authorised',
    notes: [{ label: 'Rationale', text: 'RATIONALE-necessary-and-proportionate-9j' }],
    conversation: {},
  },
  { who: 'spoc', kind: 'transition', event: 'ISSUE_PRODUCT', what: 'Product issued', from: 'authorised', to: 'productIssued' },
  {
    who: 'spoc',
    kind: 'transition',
    event: 'CLOSE',
    what: 'Closed',
    from: 'productIssued',
    to: 'closed',
    notes: [{ label: 'Reason', text: 'CLOSE-REASON-investigation-ended-0k' }],
  },
];

function historyOf(steps: readonly Step[], start = '2026-03-02T10:00:00.000Z'): { history: ApplicationHistoryItem[]; conversation: ConversationEntry[] } {
  let prevHash = '0'.repeat(64);
  const history: ApplicationHistoryItem[] = [];
  const conversation: ConversationEntry[] = [];
  steps.forEach((step, i) => {
    const position = i + 1;
    const at = new Date(Date.parse(start) + i * 3_600_000).toISOString();
    const hash = sha(`row-${position}-${step.what}`);
    history.push({
      seq: 100 + position,
      position,
      kind: step.kind,
      eventType: step.event,
      what: step.what,
      fromState: step.from,
      toState: step.to,
      fromStateLabel: null,
      toStateLabel: step.to,
      at,
      actorId: PEOPLE[step.who].id,
      actorRoles: [PEOPLE[step.who].role],
      deciderId: null,
      actor: ref(step.who),
      decider: step.decider ? ref(step.decider) : null,
      changes: { fields: step.fields ?? [], notes: step.notes ?? [] },
      summary: step.what,
      machineVersion: '5',
      payloadDigest: sha(`payload-${position}`),
      payloadBlankedBy: null,
      prevHash,
      hash,
    });
    if (step.conversation && step.event !== null) {
      conversation.push({
        position,
        at,
        eventType: step.event,
        what: step.what,
        from: ref(step.who),
        decider: null,
        notes: step.notes ?? [],
        inReplyTo: null,
        answeredBy: null,
        changedFields: [],
        ...step.conversation,
      });
    }
    prevHash = hash;
  });
  return { history, conversation };
}

function record(overrides: Partial<ApplicationRecord['application']> = {}, steps: readonly Step[] = STEPS): ApplicationRecord {
  const { history, conversation } = historyOf(steps);
  return {
    application: {
      id: 'a0a0a0a0-0000-4000-8000-000000000001',
      urn: 'TVP/CD/2026/000042',
      authorityId: 'auth-tvp',
      authorityName: 'Thames Valley Police',
      applicantId: PEOPLE.applicant.id,
      teamMemberIds: [],
      spocId: PEOPLE.spoc.id,
      grantedById: PEOPLE.ocda.id,
      route: 'ipc60A',
      status: 'closed',
      version: history.length,
      machineVersion: '5',
      form: FORM,
      spocSection: { spocAdvice: 'ANSWER-the-calls-span-the-month-8i', acquisitionMethod: 'cspSecureSystem', spocName: 'Pat Spoc', accreditationId: 'TVP-SPOC-0001' },
      decision: {
        rationale: 'RATIONALE-necessary-and-proportionate-9j',
        officeRank: 'OFFICE-authorising-officer-2m',
        conductAuthorised: 'CONDUCT-obtain-call-records-3n',
        conditions: 'CONDITIONS-none-beyond-4p',
        decidedAt: '2026-03-02T18:00:00.000Z',
        findings: { imminentThreatToLife: { reasons: 'FINDING-threat-to-life-5q' } },
      },
      findings: { imminentThreatToLife: 'FINDING-threat-to-life-5q', spocNotConsulted: null, independenceDeclared: null, independenceException: null },
      oralGrant: false,
      writtenRecordDueAt: null,
      validFrom: new Date('2026-03-02T18:00:00.000Z'),
      expiresAt: new Date('2026-04-01T22:59:59.999Z'),
      renewalOf: null,
      renewalOfUrn: null,
      submittedForAuthorisationAt: new Date('2026-03-02T15:00:00.000Z'),
      judicialApprovalRequestedAt: null,
      ripaReference: null,
      ripa: null,
      createdAt: new Date('2026-03-02T10:00:00.000Z'),
      updatedAt: new Date('2026-03-02T20:00:00.000Z'),
      ...overrides,
    },
    names: new Map(Object.values(PEOPLE).map((p) => [p.id, p.name])),
    conversation,
    judicialDecision: null,
    history,
    verification: { valid: true, rows: history.length, head: history[history.length - 1].hash },
  };
}

const CLEAN_SHA = sha('clean return');
const FAULTY_SHA = sha('faulty return');

const REQUESTS: AcquiredRequest[] = [
  {
    id: 'r0000000-0000-4000-8000-000000000001',
    status: 'checked',
    answeredNil: false,
    cspId: 'csp-1',
    cspName: 'Example Mobile',
    cspReference: 'CSPREF-EM-0042',
    createdAt: new Date('2026-03-03T09:00:00.000Z'),
    sentAt: new Date('2026-03-03T09:05:00.000Z'),
    sentBy: PEOPLE.spoc.id,
    cspStatement: null,
    checkedAt: new Date('2026-03-05T12:00:00.000Z'),
    checkedBy: PEOPLE.spoc.id,
    cancelledAt: null,
    items: [
      {
        dataItemRef: 'd1',
        identifier: { ref: 'id1', type: 'msisdn', value: '07911 123456', normalisedValue: '+447911123456' },
        category: 'events',
        subtype: 'callDataRecords',
        periodKind: 'historic',
        periodStart: '2026-03-01T00:00:00+00:00',
        periodEnd: '2026-03-31T23:59:59+01:00',
        timeZone: null,
      },
    ],
    returns: [
      {
        id: 'ret-1',
        dataItemRef: 'd1',
        recordType: 'callDataRecord',
        fileName: 'calls-clean.csv',
        receivedAt: new Date('2026-03-04T10:00:00.000Z'),
        receivedBy: PEOPLE.spoc.id,
        sha256: CLEAN_SHA,
        rowCount: 3,
        nil: false,
        quarantined: false,
        afterEnd: false,
        failedChecks: [],
      },
      {
        id: 'ret-2',
        dataItemRef: 'd1',
        recordType: 'callDataRecord',
        fileName: 'calls-faulty.csv',
        receivedAt: new Date('2026-03-04T11:00:00.000Z'),
        receivedBy: PEOPLE.spoc.id,
        sha256: FAULTY_SHA,
        rowCount: 5,
        nil: false,
        quarantined: false,
        afterEnd: false,
        failedChecks: [
          {
            id: 'chk-1',
            code: 'IDENTIFIER_NOT_REQUESTED',
            rowCount: 1,
            detail: 'DETAIL-row-4-another-number-1r',
            reviewDecision: 'raisedAsError',
            reviewReason: 'REVIEW-error-stands-2s',
            reviewedBy: PEOPLE.spoc.id,
            reviewedAt: new Date('2026-03-05T10:00:00.000Z'),
          },
          {
            id: 'chk-2',
            code: 'OUTSIDE_PERIOD',
            rowCount: 2,
            detail: 'DETAIL-rows-5-6-after-the-period-3t: the call starts at 2026-03-31T23:59:59.000Z, after 2026-03-31T23:59:59+01:00',
            reviewDecision: 'accepted',
            reviewReason: 'REVIEW-withheld-from-product-4u',
            reviewedBy: PEOPLE.spoc.id,
            reviewedAt: new Date('2026-03-05T11:00:00.000Z'),
          },
        ],
      },
    ],
  },
];

const PRODUCTS: IssuedProduct[] = [
  {
    id: 'p-1',
    productNumber: 1,
    kind: 'interim',
    handling: 'intelligence',
    issuedAt: new Date('2026-03-06T09:00:00.000Z'),
    issuedBy: PEOPLE.spoc.id,
    pdfSha256: sha('product 1 pdf'),
    contentSha256: sha('product 1 content'),
    rowCount: 3,
    supersedesId: null,
    supersedeReason: null,
    supersededById: 'p-2',
    exhibitReference: null,
    returnSha256s: [CLEAN_SHA],
  },
  {
    id: 'p-2',
    productNumber: 2,
    kind: 'final',
    handling: 'evidential',
    issuedAt: new Date('2026-03-07T09:00:00.000Z'),
    issuedBy: PEOPLE.spoc.id,
    pdfSha256: sha('product 2 pdf'),
    contentSha256: sha('product 2 content'),
    rowCount: 3,
    supersedesId: 'p-1',
    supersedeReason: 'SUPERSEDE-exhibit-needed-5v',
    supersededById: null,
    exhibitReference: 'EXHIBIT-PS-1',
    returnSha256s: [CLEAN_SHA],
  },
];

const DISSEMINATIONS: DisseminationEntry[] = [
  { id: 'dis-1', productId: 'p-2', productNumber: 2, action: 'sent', recipientId: PEOPLE.recipient.id, byId: PEOPLE.spoc.id, note: 'NOTE-for-the-interview-6w', at: new Date('2026-03-07T10:00:00.000Z') },
];

const ERRORS: LinkedError[] = [
  {
    id: 'e0000000-0000-4000-8000-000000000001',
    status: 'reportedToIpc',
    kind: 'relevantError',
    recordedAt: new Date('2026-03-05T10:30:00.000Z'),
    discoveredAt: new Date('2026-03-05T09:00:00.000Z'),
    reportedAt: new Date('2026-03-09T15:00:00.000Z'),
    linkedToApplication: true,
    disclosureRequestIds: ['r0000000-0000-4000-8000-000000000001'],
  },
];

function parts(overrides: Partial<ApplicationRecordParts> = {}): ApplicationRecordParts {
  return {
    record: record(),
    requests: REQUESTS,
    checkCodes: ALL_RETURN_CHECKS,
    products: PRODUCTS,
    disseminations: DISSEMINATIONS,
    errors: ERRORS,
    names: new Map(Object.values(PEOPLE).map((p) => [p.id, p.name])),
    generatedBy: 'GENBY-Insp Ivy Inspector',
    now: CREATION_DATE,
    ...overrides,
  };
}

const RIPA_STEPS: Step[] = [
  {
    who: 'admin',
    kind: 'imported',
    event: null,
    what: 'Record made under RIPA 2000 imported',
    from: null,
    to: 'ripaRecord',
    fields: ['ripa.originalReference', 'ripa.necessity'],
    notes: [{ label: 'Original reference', text: 'TVP/RIPA/2015/0042' }],
  },
];

function ripaParts(): ApplicationRecordParts {
  return parts({
    record: record(
      {
        route: 'ripa22',
        status: 'ripaRecord',
        applicantId: PEOPLE.admin.id,
        spocId: null,
        grantedById: null,
        form: {},
        spocSection: null,
        decision: null,
        findings: { imminentThreatToLife: null, spocNotConsulted: null, independenceDeclared: null, independenceException: null },
        validFrom: null,
        expiresAt: null,
        ripaReference: 'TVP/RIPA/2015/0042',
        ripa: {
          originalReference: 'TVP/RIPA/2015/0042',
          kind: 's22_4_notice',
          appliedAt: '2015-06-01T09:30:00+01:00',
          grantedAt: '2015-06-01T14:00:00+01:00',
          expiresAt: '2015-06-30T23:59:59+01:00',
          cancelledAt: null,
          applicantName: 'RIPA-APPLICANT-DC-Jo-Bloggs',
          applicantRank: 'Detective Constable',
          designatedPersonName: 'RIPA-DP-Supt-Sam-Smith',
          designatedPersonRank: 'Superintendent',
          necessity: 'RIPA-NECESSITY-arranged-the-robbery-7x',
          proportionality: 'RIPA-PROPORTIONALITY-one-number-8y',
          purpose: 's22_2_b',
          dataSought: 'RIPA-DATA-subscriber-details-9z',
          csp: 'Vodafone',
        },
      },
      RIPA_STEPS,
    ),
    requests: [],
    products: [],
    disseminations: [],
    errors: [],
  });
}

/** Codes the views carry that are not English words: none may be printed. */
const CODES = [
  ...ALL_RETURN_CHECKS,
  'ipc60A',
  'ripa22',
  'ripaRecord',
  'applicableCrime',
  'twelveMonthsPlus',
  'grade3',
  'msisdn',
  'callDataRecords',
  'callDataRecord',
  'cspSecureSystem',
  'spocReview',
  'returnedToApplicant',
  'awaitingAuthorisation',
  'productIssued',
  'RETURN_TO_APPLICANT',
  'SUBMIT_FOR_AUTHORISATION',
  'REQUEST_MORE_INFO',
  'raisedAsError',
  'reportedToIpc',
  'relevantError',
  's22_4_notice',
  's22_2_b',
  'spocAdvice',
  'originalReference',
];

function expectNoCodes(text: string): void {
  expect(CODES.filter((code) => new RegExp(`(?<![A-Za-z_])${code}(?![A-Za-z_])`).test(text))).toEqual([]);
  expect(ISO_INSTANT.exec(text)?.[0] ?? null).toBeNull();
}

function expectMarkedAndNumbered(extracted: ExtractedText): void {
  expect(extracted.pages.map((page) => page.num)).toEqual(Array.from({ length: extracted.total }, (_, i) => i + 1));
  for (const page of extracted.pages) {
    const lines = page.text.split('\n').map((line) => line.trim());
    expect({ page: page.num, markings: lines.filter((line) => line === RECORD_MARKING).length }).toEqual({ page: page.num, markings: 2 });
    expect(occurrences(page.text, RECORD_MARKING)).toBe(2);
    expect([...page.text.matchAll(/Page (\d+) of (\d+)/g)].map((m) => m[0])).toEqual([`Page ${page.num} of ${extracted.total}`]);
  }
}

// ---- tests -----------------------------------------------------------------------------------

describe('buildApplicationRecordView', () => {
  it('lists every person the requests, returns, reviews, products and disseminations name, once', () => {
    expect(personIdsIn(parts()).sort()).toEqual([PEOPLE.recipient.id, PEOPLE.spoc.id].sort());
  });

  it('gives every return every check, in the catalogue’s order, the failed ones with their review', () => {
    const view = buildApplicationRecordView(parts());
    const [clean, faulty] = view.requests[0].returns;
    expect(clean.checks.map((c) => c.code)).toEqual([...ALL_RETURN_CHECKS]);
    expect(clean.checks.every((c) => c.passed)).toBe(true);
    expect(faulty.checks.filter((c) => !c.passed)).toEqual([
      expect.objectContaining({ code: 'IDENTIFIER_NOT_REQUESTED', rowCount: 1, review: expect.objectContaining({ decision: 'raisedAsError', by: 'Pat Spoc' }) }),
      expect.objectContaining({ code: 'OUTSIDE_PERIOD', rowCount: 2, review: expect.objectContaining({ decision: 'accepted' }) }),
    ]);
  });

  it('numbers products and requests, names people and marks the rows the conversation shows', () => {
    const view = buildApplicationRecordView(parts());
    expect(view.products.map((p) => [p.number, p.supersedesNumber, p.supersededByNumber])).toEqual([
      [1, null, 2],
      [2, 1, null],
    ]);
    expect(view.disseminations[0]).toMatchObject({ recipient: PEOPLE.recipient.name, by: PEOPLE.spoc.name });
    expect(view.errors[0]).toMatchObject({ linkedToApplication: true, requestNumbers: [1] });
    expect(view.history.filter((row) => row.inConversation).map((row) => row.position)).toEqual([2, 3, 5, 6, 7, 8, 9]);
    expect(view.imported).toBe(false);
    expect(buildApplicationRecordView(ripaParts()).imported).toBe(true);
  });
});

describe('renderApplicationRecordPdf', () => {
  const view = buildApplicationRecordView(parts());
  let pdf: Buffer;
  let extracted: ExtractedText;
  let text: string;

  beforeAll(async () => {
    pdf = await renderApplicationRecordPdf(view, { creationDate: CREATION_DATE });
    extracted = await extractPdfText(pdf);
    text = bodyText(extracted, RECORD_MARKING);
  });

  it('marks every page OFFICIAL-SENSITIVE in header and footer and numbers it "Page x of y"', () => {
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(extracted.total).toBeGreaterThan(2);
    expectMarkedAndNumbered(extracted);
  });

  it('holds the application and every section of the form, in words', () => {
    expect(text).toContain(RECORD_TITLE);
    expect(text).toContain('URN TVP/CD/2026/000042');
    expect(text).toContain('Public authority Thames Valley Police');
    expect(text).toContain('State Closed');
    expect(text).toContain('Route (who authorises) OCDA, on behalf of the Investigatory Powers Commissioner (IPA s.60A)');
    expect(text).toContain('Priority grade Grade 3 (not urgent but time-critical)');
    expect(text).toContain('Statutory purpose The applicable crime purpose');
    expect(text).toContain('Serious crime basis An offence for which an adult may be imprisoned for 12 months or more');
    expect(text).toContain('Serious crime (IPA s.263): Yes');
    expect(text).toContain('Subject 1 Victim');
    expect(text).toContain('Telephone number');
    expect(text).toContain('Events data: Call records');
    expect(text).toContain('Historic: 1 Mar 2026 00:00 GMT to 31 Mar 2026 23:59 BST');
    for (const token of [
      'CID-TEAM-5q',
      'OP-KESTREL-9z',
      'INV-TVP-2026-0042',
      'OFFENCE-robbery-3x',
      'SUMMARY-street-robbery-8c',
      'SUBJECT-V1-2d',
      'SOURCE-victim-statement-6f',
      '+447911123456',
      'NECESSITY-link-to-event-1a',
      'PROPORTIONALITY-one-month-2b',
      'COLLATERAL-none-expected-3c',
      'UNINTENDED-none-4d',
      'USE-identify-user-5e',
    ]) {
      expect({ token, found: solid(text).includes(token) }).toEqual({ token, found: true });
    }
  });

  it('holds the SPOC section, the decision with the authoriser’s findings, and the validity', () => {
    expect(text).toContain("The SPOC's advice ANSWER-the-calls-span-the-month-8i");
    expect(text).toContain("Acquisition method Through the operator's secure system");
    expect(text).toContain('Decided by Olivia OCDA Authorising Officer');
    expect(text).toContain('Office, rank or position OFFICE-authorising-officer-2m');
    expect(text).toContain(`Decided at ${london('2026-03-02T18:00:00.000Z')}`);
    expect(text).toContain('Rationale (necessity and proportionality) RATIONALE-necessary-and-proportionate-9j');
    expect(text).toContain('Conduct authorised CONDUCT-obtain-call-records-3n');
    expect(text).toContain('Conditions CONDITIONS-none-beyond-4p');
    expect(text).toContain('Finding: imminent threat to life (IPA s.77) FINDING-threat-to-life-5q');
    expect(text).toContain('Finding: no SPOC consulted (IPA s.76) No such finding');
    expect(text).toContain('The application was not sent for judicial approval.');
    expect(text).toContain('Valid from 2 Mar 2026 18:00 GMT');
    expect(text).toContain('Expires at 1 Apr 2026 23:59 BST');
  });

  it('holds the conversation: the return and its resubmission, the question and its answer', () => {
    expect(text).toContain('No. 3: Returned to the applicant');
    expect(text).toContain('Reason RETURN-REASON-explain-nine-days-4k');
    expect(text).toContain('Answered by No. 5');
    expect(text).toContain('No. 5: Resubmitted to the SPOC');
    expect(text).toContain('In reply to No. 3 Form fields changed since Proportionality');
    expect(text).toContain('Question QUESTION-why-a-month-7h');
    expect(text).toContain('Answered by No. 8');
    expect(text).toContain('In reply to No. 7');
    expect(text).toContain('SPOC advice ANSWER-the-calls-span-the-month-8i');
    expect(text).toContain('From Pat Spoc (SPOC)');
  });

  it('holds every request and every check of every return, passed ones too, with the reviews', () => {
    expect(text).toContain('Request 1 to Example Mobile');
    expect(text).toContain("The operator's reference CSPREF-EM-0042");
    expect(text).toContain('Return 1.1: calls-clean.csv');
    expect(text).toContain('Return 1.2: calls-faulty.csv');
    expect(text).toContain(`SHA-256 of the file ${CLEAN_SHA}`);
    expect(text).toContain(`SHA-256 of the file ${FAULTY_SHA}`);
    for (const code of ALL_RETURN_CHECKS) expect(occurrences(text, RETURN_CHECK_LABELS[code])).toBe(2);
    expect(occurrences(text, `${CHECK_PASSED} Not needed`)).toBe(ALL_RETURN_CHECKS.length * 2 - 2);
    expect(text).toContain(`${RETURN_CHECK_LABELS.IDENTIFIER_NOT_REQUESTED} Failed on 1 row Raised as an error by Pat Spoc, 5 Mar 2026 10:00 GMT`);
    expect(text).toContain(`${RETURN_CHECK_LABELS.OUTSIDE_PERIOD} Failed on 2 rows Accepted by Pat Spoc, 5 Mar 2026 11:00 GMT`);
    for (const token of ['DETAIL-row-4-another-number-1r', 'REVIEW-error-stands-2s', 'DETAIL-rows-5-6-after-the-period-3t', 'REVIEW-withheld-from-product-4u']) {
      expect(solid(text)).toContain(token);
    }
    // The instants a check's detail names are London times too.
    expect(text).toContain('the call starts at 1 Apr 2026 00:59 BST, after 31 Mar 2026 23:59 BST');
  });

  it('holds every product with its PDF SHA-256 whole, what superseded what, and the dissemination', () => {
    for (const product of PRODUCTS) {
      expect(text).toContain(`${PDF_HASH_LABEL} ${product.pdfSha256}`);
      expect(text).toContain(`Content SHA-256 ${product.contentSha256}`);
    }
    expect(text).toContain('1 Interim product Intelligence product');
    expect(text).toContain('2 Final product Evidential product');
    expect(text).toContain('Supersedes product 1: SUPERSEDE-exhibit-needed-5v');
    expect(text).toContain('Superseded by product 2');
    expect(text).toContain('2 Sent by the SPOC DS Rita Recipient Pat Spoc 7 Mar 2026 10:00 GMT');
    expect(text).toContain('Note: NOTE-for-the-interview-6w');
  });

  it('holds the linked errors in words', () => {
    expect(text).toContain('Reported to the IPC Relevant error (IPA 2016 s.231(9)) 5 Mar 2026 10:30 GMT Yes, 9 Mar 2026 15:00 GMT This record, Request 1');
    expect(text).toContain(`Error reference ${ERRORS[0].id}`);
  });

  it('holds every history row with its hash and previous hash whole, what the other rows record, and the verification', () => {
    expect(text).toContain(Object.values(HISTORY_COLUMNS).join(' '));
    for (const row of view.history) {
      expect(text).toContain(`${row.position} ${london(row.at)}`);
      expect(text).toContain(`Hash ${row.hash}`);
      expect(text).toContain(`Previous hash ${row.prevHash}`);
    }
    expect(text).toContain('1 2 Mar 2026 10:00 GMT Application created DC Alex Applicant (Applicant) None Draft');
    expect(text).toContain('No. 11: Closed Reason CLOSE-REASON-investigation-ended-0k');
    expect(text).toContain('No. 4: Form edited Fields changed Proportionality');
    expect(text).toContain(`${CHAIN_VALID}: 11 rows`);
    expect(text).toContain(`Head ${view.history[10].hash}`);
    expect(text).toContain(`Generated by GENBY-Insp Ivy Inspector at ${london(CREATION_DATE.toISOString())}.`);
  });

  it('prints no code and no ISO instant', () => {
    expectNoCodes(text);
  });

  it('names the first broken row when the chain does not verify', async () => {
    const broken: ApplicationRecordView = {
      ...view,
      verification: { valid: false, rows: 11, firstBroken: { seq: 104, position: 4, reason: 'row content does not match its hash (row altered)' } },
    };
    const brokenText = bodyText(await extractPdfText(await renderApplicationRecordPdf(broken, { creationDate: CREATION_DATE })), RECORD_MARKING);
    expect(brokenText).toContain(`${CHAIN_BROKEN}. The first broken row is No. 4 (stored as row 104): row content does not match its hash (row altered).`);
    expect(brokenText).not.toContain(CHAIN_VALID);
  });

  it('prints a Judicial Commissioner’s approval with who recorded it and when the judge decided', async () => {
    const approved: ApplicationRecordView = {
      ...view,
      judicial: {
        requestedAt: '2026-03-02T18:00:00.000Z',
        decision: {
          eventType: 'JC_APPROVE',
          position: 10,
          at: '2026-03-03T09:00:00.000Z',
          by: { id: 'u-jc', displayName: 'Sir Julian Commissioner', role: 'jc', roleLabel: 'Judicial Commissioner' },
          judgeName: 'JUDGE-Sir-Julian-6j',
          decidedAt: '2026-03-03T08:30:00+00:00',
          reason: null,
        },
      },
    };
    const approvedText = bodyText(await extractPdfText(await renderApplicationRecordPdf(approved, { creationDate: CREATION_DATE })), RECORD_MARKING);
    expect(approvedText).toContain('Sent for approval at 2 Mar 2026 18:00 GMT');
    expect(approvedText).toContain('Answer Approved by a Judicial Commissioner');
    expect(approvedText).toContain('Recorded by Sir Julian Commissioner (Judicial Commissioner), at 3 Mar 2026 09:00 GMT');
    expect(approvedText).toContain('Judicial Commissioner JUDGE-Sir-Julian-6j');
    expect(approvedText).toContain('Decided at 3 Mar 2026 08:30 GMT');
  });

  it('is byte-identical for the same creation date, and renders so on a worker thread', async () => {
    const again = await renderApplicationRecordPdf(view, { creationDate: new Date(CREATION_DATE.getTime()) });
    expect(again.equals(pdf)).toBe(true);
    expect((await renderApplicationRecordPdf(view, { creationDate: new Date('2026-03-20T11:00:01Z') })).equals(pdf)).toBe(false);
    const pool = createApplicationRecordPdfPool({ maxThreads: 1 });
    try {
      expect((await pool.render({ view, creationDate: CREATION_DATE })).equals(pdf)).toBe(true);
      expect(pool.completed).toBe(1);
    } finally {
      await pool.close();
    }
  });
});

describe('the record of a RIPA 2000 import', () => {
  const view = buildApplicationRecordView(ripaParts());
  let extracted: ExtractedText;
  let text: string;

  beforeAll(async () => {
    extracted = await extractPdfText(await renderApplicationRecordPdf(view, { creationDate: CREATION_DATE }));
    text = bodyText(extracted, RECORD_MARKING);
  });

  it('is marked and numbered on every page', () => {
    expectMarkedAndNumbered(extracted);
  });

  it('prints the particulars as imported instead of the form, and the imported row with its verification', () => {
    expect(text).toContain(RIPA_RECORD_TITLE);
    expect(text).toContain('State Record made under RIPA 2000 (imported)');
    expect(text).toContain('Route (who authorises) A designated person under RIPA 2000 s.22');
    expect(text).toContain('Imported by Ada Admin');
    expect(text).toContain('Original reference TVP/RIPA/2015/0042');
    expect(text).toContain('What was granted Notice to obtain and disclose the data (RIPA s.22(4))');
    expect(text).toContain('Applied for at 1 Jun 2015 09:30 BST');
    expect(text).toContain('Granted or given at 1 Jun 2015 14:00 BST');
    expect(text).toContain('Expired at 30 Jun 2015 23:59 BST');
    expect(text).toContain('Cancelled at Not recorded');
    expect(text).toContain('Ground (RIPA s.22(2)) (b) preventing or detecting crime or preventing disorder');
    for (const token of ['RIPA-APPLICANT-DC-Jo-Bloggs', 'RIPA-DP-Supt-Sam-Smith', 'RIPA-NECESSITY-arranged-the-robbery-7x', 'RIPA-PROPORTIONALITY-one-number-8y', 'RIPA-DATA-subscriber-details-9z']) {
      expect(solid(text)).toContain(token);
    }
    expect(text).not.toContain('The form');
    expect(text).not.toContain("The SPOC's section");
    expect(text).toContain('The record was imported: no conversation took place in this service.');
    expect(text).toContain('1 2 Mar 2026 10:00 GMT Record made under RIPA 2000 imported Ada Admin (Administrator) None Record made under RIPA 2000 (imported)');
    expect(text).toContain('Fields given Original reference; Necessity (RIPA s.22(1))');
    expect(text).toContain(`Hash ${view.history[0].hash}`);
    expect(text).toContain(`${CHAIN_VALID}: 1 row,`);
    expectNoCodes(text);
  });
});
