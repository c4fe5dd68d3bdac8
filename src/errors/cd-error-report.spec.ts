import { NO_IPC_EXCHANGE } from '../../test/support/errors-report-worst-case';
import { buildErrorReportView, type ErrorReportSource } from './cd-error-report';

const ERROR_ID = '6f1c2a9e-4b7d-4c1e-9a53-2d8e0f7b1c44';
const SPOC = 'a3e1d2c4-0b5f-4e6a-8c7d-9f1e2d3c4b5a';
const SRO = 'b4f2e3d5-1c6a-4f7b-9d8e-0a2f3e4d5c6b';
const GONE = 'c5a3f4e6-2d7b-4a8c-8e9f-1b3a4f5e6d7c';
const REQUEST_B = 'e7c5b6a8-4f9d-4c0e-a1b2-3d5c6b7a8f9e';
const REQUEST_A = 'd6b4a5f7-3e8c-4b9d-9f0a-2c4b5a6f7e8d';
const h = (n: number) => String(n).repeat(64);

/** A relevant error reported to the IPC: linked to two applications and two disclosure requests. */
function source(): ErrorReportSource {
  return {
    error: {
      id: ERROR_ID,
      status: 'reportedToIpc',
      kind: 'relevantError',
      causeCode: 'incorrectIdentifier',
      responsibleParty: 'spoc',
      isIpRelated: true,
      report: {
        urn: 'TVP/CD/2026/000042',
        errorDescription: 'Subscriber data for the wrong telephone number was acquired.',
        howItOccurred: 'Two digits of the number were transposed when it was keyed.',
        collateralIntrusion: '  ',
        preventiveSteps: 'Numbers are now checked against the source document by a second SPoC.',
        dataWronglyObtained: 'Subscriber details of one person.',
        dataDisposal: 'destroyed',
        dataDestructionConfirmed: true,
        dataDestroyedAt: '2026-03-03T10:00:00.000Z',
        cspInformed: 'yes' as unknown as boolean,
        discoveredAt: '2026-02-27T09:15:00.000Z',
        establishedAt: '2026-02-27T14:00:00.000Z',
        sroSightedAt: '2026-03-02T08:45:00.000Z',
        reportedAt: '2026-03-04T16:30:00.000Z',
        reportedBy: SRO,
        authoriserReview: 'Use of the remaining data is still necessary and proportionate.',
      },
      reportDueAt: new Date('2026-03-13T23:59:59.999Z'),
      agreedDueAt: null,
      reportedAt: new Date('2026-03-04T16:31:00.000Z'),
      ipc: null,
    },
    links: [
      { targetType: 'application', targetId: '0e9d8c7b-6a5f-4e4d-8c3b-2a1f0e9d8c7b' },
      { targetType: 'disclosureRequest', targetId: REQUEST_B },
      { targetType: 'disclosureRequest', targetId: REQUEST_A },
    ],
    applicationUrns: ['TVP/CD/2026/000042', 'TVP/CD/2026/000017'],
    history: [
      { position: 1, at: new Date('2026-02-27T15:00:00.000Z'), eventType: null, kind: 'created', actorId: SPOC, actorRoles: ['spoc'], fromState: null, toState: 'recorded', hash: h(1), prevHash: h(0) },
      { position: 2, at: new Date('2026-02-28T09:00:00.000Z'), eventType: 'ASSESS', kind: 'transition', actorId: GONE, actorRoles: ['spoc'], fromState: 'recorded', toState: 'assessed', hash: h(2), prevHash: h(1) },
      { position: 3, at: new Date('2026-03-02T08:45:00.000Z'), eventType: 'SIGHT', kind: 'transition', actorId: SRO, actorRoles: ['sro'], fromState: 'assessed', toState: 'sroSighted', hash: h(3), prevHash: h(2) },
      { position: 4, at: new Date('2026-03-04T16:30:00.000Z'), eventType: null, kind: 'edited', actorId: 'scheduler', actorRoles: ['system'], fromState: 'sroSighted', toState: 'sroSighted', hash: h(4), prevHash: h(3) },
      { position: 5, at: new Date('2026-03-04T16:31:00.000Z'), eventType: 'REPORT_TO_IPC', kind: 'transition', actorId: SRO, actorRoles: ['sro'], fromState: 'sroSighted', toState: 'reportedToIpc', hash: h(5), prevHash: h(4) },
    ],
    authorityName: 'Thames Valley Police',
    actorNames: new Map([
      [SPOC, 'DS Jane Spoc'],
      [SRO, 'Ch Supt Robin Sro'],
    ]),
    generatedBy: 'Ch Supt Robin Sro',
    now: new Date('2026-03-05T09:30:00.000Z'),
  };
}

describe('buildErrorReportView', () => {
  it('builds the report to the IPC from the loaded rows and the given instant', () => {
    expect(buildErrorReportView(source())).toEqual({
      errorId: ERROR_ID,
      authorityName: 'Thames Valley Police',
      status: 'reportedToIpc',
      kind: 'relevantError',
      causeCode: 'incorrectIdentifier',
      responsibleParty: 'spoc',
      isIpRelated: true,
      linkedUrns: ['TVP/CD/2026/000017', 'TVP/CD/2026/000042'],
      linkedDisclosureRequestIds: [REQUEST_A, REQUEST_B],
      fields: {
        errorDescription: 'Subscriber data for the wrong telephone number was acquired.',
        howItOccurred: 'Two digits of the number were transposed when it was keyed.',
        collateralIntrusion: null,
        preventiveSteps: 'Numbers are now checked against the source document by a second SPoC.',
        dataDestructionConfirmed: true,
        dataDestroyedAt: '2026-03-03T10:00:00.000Z',
        actionTakenOnData: null,
        cspInformed: null,
        cspNotInformedReason: null,
        excessDataDetails: null,
        dataWronglyObtained: 'Subscriber details of one person.',
        dataDisposal: 'destroyed',
        occurredAt: null,
        discoveredAt: '2026-02-27T09:15:00.000Z',
        establishedAt: '2026-02-27T14:00:00.000Z',
        reportedAt: '2026-03-04T16:30:00.000Z',
        reportedBy: 'Ch Supt Robin Sro',
        sroSightedAt: '2026-03-02T08:45:00.000Z',
        authoriserReview: 'Use of the remaining data is still necessary and proportionate.',
      },
      reportDueAt: '2026-03-13T23:59:59.999Z',
      agreedDueAt: null,
      reportedLate: false,
      initialNotification: null,
      ipc: NO_IPC_EXCHANGE,
      timeline: [
        { at: '2026-02-27T09:15:00.000Z', label: 'Error discovered' },
        { at: '2026-02-27T14:00:00.000Z', label: 'Error established' },
        { at: '2026-03-02T08:45:00.000Z', label: 'SRO sighted' },
        { at: '2026-03-04T16:30:00.000Z', label: 'Reported to the IPC' },
        { at: '2026-03-13T23:59:59.999Z', label: 'Report due to the IPC (10 working days)' },
      ],
      history: [
        { position: 1, at: '2026-02-27T15:00:00.000Z', event: 'created', actor: 'DS Jane Spoc', fromState: null, toState: 'recorded', hash: h(1), prevHash: h(0) },
        { position: 2, at: '2026-02-28T09:00:00.000Z', event: 'ASSESS', actor: GONE, fromState: 'recorded', toState: 'assessed', hash: h(2), prevHash: h(1) },
        { position: 3, at: '2026-03-02T08:45:00.000Z', event: 'SIGHT', actor: 'Ch Supt Robin Sro', fromState: 'assessed', toState: 'sroSighted', hash: h(3), prevHash: h(2) },
        { position: 4, at: '2026-03-04T16:30:00.000Z', event: 'edited', actor: 'System', fromState: 'sroSighted', toState: 'sroSighted', hash: h(4), prevHash: h(3) },
        { position: 5, at: '2026-03-04T16:31:00.000Z', event: 'REPORT_TO_IPC', actor: 'Ch Supt Robin Sro', fromState: 'sroSighted', toState: 'reportedToIpc', hash: h(5), prevHash: h(4) },
      ],
      generatedAt: '2026-03-05T09:30:00.000Z',
      generatedBy: 'Ch Supt Robin Sro',
    });
  });

  it('says "not recorded" for an unclassified entry and keeps an unknown reporter as recorded', () => {
    const input = source();
    input.error = { ...input.error, status: 'recorded', kind: null, causeCode: null, responsibleParty: null, agreedDueAt: new Date('2026-03-20T23:59:59.999Z') };
    input.error.report = { ...input.error.report, urn: '', reportedBy: 'PC 1234 Example' };
    input.applicationUrns = [];
    const view = buildErrorReportView(input);
    expect(view).toMatchObject({ kind: null, causeCode: 'not recorded', responsibleParty: 'not recorded', linkedUrns: [], agreedDueAt: '2026-03-20T23:59:59.999Z' });
    expect(view.fields.reportedBy).toBe('PC 1234 Example');
    expect(view.timeline.at(-1)).toEqual({ at: '2026-03-20T23:59:59.999Z', label: 'Report due (extension agreed with the IPC)' });
  });

  it('states an initial notification, a full report made late against its own due date, and the IPC exchange that followed', () => {
    const input = source();
    const recorded = (at: string) => ({ recordedAt: at, recordedBy: SRO });
    input.error = {
      ...input.error,
      status: 'closed',
      reportedAt: new Date('2026-03-16T10:00:00.000Z'),
      report: { ...input.error.report, occurredAt: '2026-02-26T18:00:00.000Z', reportedAt: '2026-03-16T10:00:00.000Z' },
      ipc: {
        initialNotification: {
          whatIsKnown: 'The wrong number was checked.',
          whyFullReportNotReady: 'The CSP has not said what else it disclosed.',
          fullReportExpectedBy: '2026-03-20T17:00:00.000Z',
          ...recorded('2026-03-12T11:00:00.000Z'),
        },
        response: { ipcResponse: 'seriousErrorInvestigation', ipcReference: 'IPC/SEI/7', ...recorded('2026-03-17T09:00:00.000Z') },
        submissionsRequest: { requestedAt: '2026-03-18T09:00:00.000Z', respondBy: '2026-03-25T17:00:00.000Z', ...recorded('2026-03-18T09:30:00.000Z') },
        submissions: { text: 'No harm followed.', madeAt: '2026-03-24T12:00:00.000Z', ...recorded('2026-03-24T12:05:00.000Z') },
        determination: { serious: false, personInformed: false, notes: 'Not serious.', ...recorded('2026-04-01T09:00:00.000Z') },
      },
    };
    const view = buildErrorReportView(input);
    expect(view).toMatchObject({
      reportedLate: true,
      initialNotification: {
        whatIsKnown: 'The wrong number was checked.',
        whyFullReportNotReady: 'The CSP has not said what else it disclosed.',
        fullReportExpectedBy: '2026-03-20T17:00:00.000Z',
        madeAt: '2026-03-12T11:00:00.000Z',
        madeBy: 'Ch Supt Robin Sro',
      },
      // The initial notification leaves the full report's due date where it was.
      reportDueAt: '2026-03-13T23:59:59.999Z',
      ipc: {
        response: 'seriousErrorInvestigation',
        reference: 'IPC/SEI/7',
        submissionsRequestedAt: '2026-03-18T09:00:00.000Z',
        submissionsDueBy: '2026-03-25T17:00:00.000Z',
        submissions: 'No harm followed.',
        submissionsMadeAt: '2026-03-24T12:00:00.000Z',
        seriousError: false,
        personInformed: false,
        determinationNotes: 'Not serious.',
        investigationOutcome: null,
      },
    });
    expect(view.timeline.map((e) => e.label)).toEqual([
      'Error occurred',
      'Error discovered',
      'Error established',
      'SRO sighted',
      'Initial notification made to the IPC',
      'Report due to the IPC (10 working days)',
      'Reported to the IPC, late',
      "The IPC asked for the authority's submissions (IPA s.231(5))",
      'Full report expected (initial notification)',
      'Submissions made to the IPC',
    ]);
    expect(buildErrorReportView({ ...input, error: { ...input.error, reportedAt: null } }).reportedLate).toBeNull();
  });

  it('depends on its input only: the same input gives the same view, and the input is left as it was', () => {
    const input = source();
    const before = structuredClone(input);
    expect(buildErrorReportView(input)).toEqual(buildErrorReportView(source()));
    expect(input).toEqual(before);
  });
});
