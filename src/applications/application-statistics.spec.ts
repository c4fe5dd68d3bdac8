import type { ApplicationForm, AuthorisationDecision } from '../workflow/application.types';
import { changesStatistics, statisticsOf, type StatisticsSource } from './application-statistics';

const FORM: ApplicationForm = {
  statutoryPurpose: 'applicableCrime',
  sensitiveProfession: 'lawyer',
  journalisticSourceSought: false,
  subjects: [{ role: 'suspect' }, { role: 'victim' }, { role: 'suspect' }],
  identifiers: [
    { ref: 'id1', type: 'msisdn', value: '07911 123456', normalisedValue: '+447911123456', source: 'x' },
    { ref: 'id2', type: 'ipv4', value: '203.0.113.10', normalisedValue: '203.0.113.10', source: 'x' },
    { ref: 'id3', type: 'postalItem', value: 'RB123', normalisedValue: 'RB123', source: 'x' },
  ],
  dataItems: [
    { ref: 'd1', identifierRef: 'id1', category: 'entity', subtype: 'subscriber', periodKind: 'historic', periodStart: '', periodEnd: '', csp: 'V', icrCondition: null },
    { ref: 'd2', identifierRef: 'id2', category: 'entity', subtype: 'ipAddressResolution', periodKind: 'historic', periodStart: '', periodEnd: '', csp: 'V', icrCondition: null },
    { ref: 'd3', identifierRef: 'id3', category: 'events', subtype: 'postalTracking', periodKind: 'historic', periodStart: '', periodEnd: '', csp: 'V', icrCondition: null },
    { ref: 'd3', identifierRef: 'id1', category: 'events', subtype: 'callDataRecords', periodKind: 'historic', periodStart: '', periodEnd: '', csp: 'V', icrCondition: null },
  ],
};

const source = (over: Partial<StatisticsSource> = {}): StatisticsSource => ({
  id: 'app-1',
  authorityId: 'auth-1',
  urn: 'TVP-2026-000001',
  route: 'dso61',
  form: FORM,
  decision: null,
  ripa: null,
  ...over,
});

describe('the statistics rows of a record (docs/statistics.md §2, §3)', () => {
  it('counts each item of data once, with its communications type and identifier, and each category of subject once', () => {
    const rows = statisticsOf(source());
    expect(rows.items.map((i) => [i.itemRef, i.category, i.subtype, i.communicationsType, i.identifier])).toEqual([
      ['d1', 'entity', 'subscriber', 'telephony', '+447911123456'],
      ['d2', 'entity', 'ipAddressResolution', 'internet', '203.0.113.10'],
      ['d3', 'events', 'postalTracking', 'postal', 'RB123'],
    ]);
    expect(rows.subjects.map((s) => s.role)).toEqual(['suspect', 'victim']);
    expect(rows.row).toMatchObject({ statutoryPurpose: 'applicableCrime', sensitiveProfession: 'lawyer', journalisticSource: false, dsoException: null, threatToLifeFinding: false, ripaGrantedAt: null });
  });

  it('takes the DSO exceptions and the threat-to-life finding from the decision', () => {
    const decided = (decision: AuthorisationDecision) => statisticsOf(source({ decision })).row;
    expect(decided({ exceptionalCircumstancesOverride: 'only one on duty' }).dsoException).toBe('independence');
    expect(decided({ independenceDeclaration: false, exceptionalCircumstancesOverride: 'only one on duty' }).dsoException).toBe('independence');
    // An override beside a declaration of independence was not needed: no exception was used.
    expect(decided({ independenceDeclaration: true, exceptionalCircumstancesOverride: 'only one on duty' }).dsoException).toBeNull();
    expect(decided({ exceptionalCircumstancesOverride: '   ' }).dsoException).toBeNull();
    expect(decided({ findings: { spocNotConsulted: { reasons: ' ' } } }).dsoException).toBeNull();
    expect(decided({ findings: { spocNotConsulted: { reasons: 'r' } } }).dsoException).toBe('spocNotConsulted');
    expect(decided({ exceptionalCircumstancesOverride: 'x', findings: { spocNotConsulted: { reasons: 'r' } } }).dsoException).toBe('both');
    expect(decided({ findings: { imminentThreatToLife: { reasons: 'r' } } }).threatToLifeFinding).toBe(true);
    expect(decided({ findings: { imminentThreatToLife: { reasons: null } } }).threatToLifeFinding).toBe(false);
  });

  it('dates an imported RIPA record by its own grant, in UTC', () => {
    const ripa = { kind: 's22_3_authorisation', purpose: 's22_2_b', grantedAt: '2026-03-15T12:00:00+01:00' } as StatisticsSource['ripa'];
    expect(statisticsOf(source({ route: 'ripa22', form: {}, ripa })).row).toMatchObject({ ripaKind: 's22_3_authorisation', ripaPurpose: 's22_2_b', ripaGrantedAt: new Date('2026-03-15T11:00:00.000Z') });
  });

  it('is rewritten when the form, decision, route or RIPA particulars change, not otherwise', () => {
    expect(changesStatistics({ form: FORM })).toBe(true);
    expect(changesStatistics({ decision: null })).toBe(true);
    expect(changesStatistics({ route: 'dso61' })).toBe(true);
    expect(changesStatistics({ ripa: null })).toBe(true);
    expect(changesStatistics({ status: 'authorised', historyHead: 'x' })).toBe(false);
  });
});
