/**
 * The statutory guards of the application workflow, over HTTP (docs/architecture.md §4 step 3, §5, §7.1; docs/law.md
 * §2.2): status + problem `code` for each refusal, and for EVERY 4xx here, proof that nothing changed —
 * the application row (`version`, `status`, every column), its history row count and the outbox row
 * count are the same before and after (`expectNoBusinessChange`).
 */
import { randomUUID } from 'node:crypto';
import { PasswordHasher } from '../src/auth/password-hasher';
import { UserEntity } from '../src/auth/user.entity';
import { completeForm, createApplication, GRANT_DECISION, JOURNALISTIC_SOURCE, NATIONAL_SECURITY, SPOC_SECTION, step, type AppRecord, DSO_SPOC_EXCEPTION } from './support/applications';
import { buildFixture, userId, type DemoUsername } from './support/authz-fixtures';
import { expectNoBusinessChange, expectProblem, expectRefusedEvent } from './support/guards-no-change';
import { rawSql } from './support/lifecycle-http';
import { createTestApp, DEMO_PASSWORD, type TestApp } from './support/test-app';

const PERIOD = { periodKind: 'historic', periodStart: '2026-03-01T00:00:00+00:00', periodEnd: '2026-03-02T00:00:00+00:00', csp: 'Vodafone' };
const ENTITY_ITEM = { ref: 'd1', identifierRef: 'id1', category: 'entity', subtype: 'subscriber', ...PERIOD, icrCondition: null };
const EVENTS_ITEM = { ref: 'd1', identifierRef: 'id1', category: 'events', subtype: 'callDataRecords', ...PERIOD, icrCondition: null };
const icrItem = (icrCondition: 'A' | 'B' | 'C' | null) => ({ ...EVENTS_ITEM, subtype: 'internetConnectionRecord', icrCondition });

/** Summary-only offence: maximum 6 months, and no other serious-crime limb (IPA s.86(2A)). */
const SIX_MONTHS = { description: 'Common assault', statute: 'Criminal Justice Act 1988 s.39', maxSentenceAdultMonths: 6 };
const TWELVE_MONTHS = { description: 'Theft', statute: 'Theft Act 1968 s.1', maxSentenceAdultMonths: 12 };

/** The urgent route without a SPOC (IPA s.61A, s.76(2)): the form fields its guards need. */
const URGENT = {
  route: 'dso61A',
  priorityGrade: 'grade1',
  urgencyJustification: 'A missing child is believed to be with the suspect tonight.',
  exceptionalCircumstances: 'No SPOC on duty could be reached in time.',
};

const SFA = { type: 'SUBMIT_FOR_AUTHORISATION', spoc: SPOC_SECTION };
const GRANT = { type: 'GRANT', decision: GRANT_DECISION };

describe('application guards over HTTP (docs/architecture.md §7.1; docs/law.md §2.2)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  /** A draft as `owner`, submitted to its SPOC. */
  async function submitted(owner: DemoUsername, form: Record<string, unknown>): Promise<AppRecord> {
    const app = await createApplication(t, owner, completeForm(form));
    return step(t, owner, app, { type: 'SUBMIT_TO_SPOC' });
  }

  /** A draft sent straight to the DSO on the urgent route (no SPOC, no statutory checks until GRANT). */
  async function urgentAwaiting(form: Record<string, unknown>): Promise<AppRecord> {
    const app = await createApplication(t, 'applicant', completeForm({ ...URGENT, ...form }));
    const next = await step(t, 'applicant', app, { type: 'SUBMIT_URGENT_WITHOUT_SPOC' });
    expect(next.status).toBe('awaitingAuthorisation');
    return next;
  }

  describe('serious-crime threshold for events data (IPA s.60A(8)(b), s.86(2A))', () => {
    const sixMonthEvents = { dataItems: [EVENTS_ITEM], offences: [SIX_MONTHS], seriousCrimeBasis: 'notApplicable' };

    it('refuses SUBMIT_FOR_AUTHORISATION: 422 SERIOUS_CRIME_THRESHOLD_NOT_MET for a 6-month offence with no other limb', async () => {
      const app = await submitted('applicant', sixMonthEvents);
      const res = await expectRefusedEvent(t, 'spoc', app, SFA, 422, 'SERIOUS_CRIME_THRESHOLD_NOT_MET');
      expect(res.body.errors).toEqual([{ field: 'offences', message: res.body.detail, code: res.body.code }]);
    });

    it('re-checks at GRANT: 422 SERIOUS_CRIME_THRESHOLD_NOT_MET on an urgent application that skipped the SPOC', async () => {
      const app = await urgentAwaiting(sixMonthEvents);
      await expectRefusedEvent(t, 'dso', app, GRANT, 422, 'SERIOUS_CRIME_THRESHOLD_NOT_MET');
    });

    it('passes with a 12-month maximum, at SUBMIT_FOR_AUTHORISATION and at GRANT (both routes)', async () => {
      const form = { dataItems: [EVENTS_ITEM], offences: [TWELVE_MONTHS], seriousCrimeBasis: 'twelveMonthsPlus' };
      let app = await step(t, 'spoc', await submitted('applicant', form), SFA);
      app = await step(t, 'ocda', app, GRANT);
      expect(app.status).toBe('authorised');
      const urgent = await step(t, 'dso', await urgentAwaiting(form), { type: 'GRANT', decision: { ...GRANT_DECISION, findings: DSO_SPOC_EXCEPTION } });
      expect(urgent.status).toBe('authorised');
    });

    it('passes a 6-month offence that meets another limb (sending a communication is integral)', async () => {
      const form = { dataItems: [EVENTS_ITEM], offences: [{ ...SIX_MONTHS, involvesSendingCommunication: true }] };
      const app = await step(t, 'spoc', await submitted('applicant', form), SFA);
      expect(app.status).toBe('awaitingAuthorisation');
    });

    it('does not apply to events data for a non-crime purpose with no offences (preventDeathOrInjury)', async () => {
      const form = { dataItems: [EVENTS_ITEM], statutoryPurpose: 'preventDeathOrInjury', offences: null, seriousCrimeBasis: null };
      let app = await step(t, 'spoc', await submitted('applicant', form), SFA);
      app = await step(t, 'ocda', app, GRANT);
      expect(app.status).toBe('authorised');
    });

    it('does not apply to entity data for a minor crime', async () => {
      const form = { dataItems: [ENTITY_ITEM], offences: [SIX_MONTHS] };
      const app = await step(t, 'spoc', await submitted('applicant', form), SFA);
      expect(app.status).toBe('awaitingAuthorisation');
    });
  });

  describe('independence of the authoriser (IPA s.63; docs/architecture.md §7.1 footnote ¹)', () => {
    it('refuses a DSO on the investigation team 403 AUTHORISER_NOT_INDEPENDENT; a recorded override lets them grant', async () => {
      const dsoId = await userId(t, 'dso');
      const app = await buildFixture(t, { state: 'awaitingAuthorisation', route: 'dso61', team: ['dso'] });
      const res = await expectRefusedEvent(t, 'dso', app, GRANT, 403, 'AUTHORISER_NOT_INDEPENDENT');
      expect(res.body.errors).toEqual([{ field: 'decision.exceptionalCircumstancesOverride', message: res.body.detail, code: res.body.code }]);

      const override = 'The only superintendent on duty; threat to life.';
      const granted = await step(t, 'dso', app, { type: 'GRANT', decision: { ...GRANT_DECISION, exceptionalCircumstancesOverride: override } });
      expect(granted).toMatchObject({ status: 'authorised', grantedById: dsoId });
      const history = await t.http().get(`/applications/${app.id}/history`).set('authorization', `Bearer ${await t.token('dso')}`).expect(200);
      const last = (history.body.items as { changes: { notes: { label: string; text: string }[] } }[]).at(-1);
      expect(last?.changes.notes).toContainEqual({ label: 'Exceptional circumstances override (IPA s.63)', text: override });
      // The guard inputs stay in the stored row (the replay needs them); the view shows the override as a note.
      const [stored] = await rawSql<{ guard_inputs: string }>(t, 'SELECT guard_inputs FROM application_event WHERE application_id = $1 AND position = $2', [
        app.id,
        granted.version,
      ]);
      expect((JSON.parse(stored.guard_inputs) as { exceptionalCircumstancesOverride: string | null }).exceptionalCircumstancesOverride).toBe(override);
    });

    it('refuses a person holding both applicant and dso roles who grants their own dso61 application: 403 AUTHORISER_NOT_INDEPENDENT, override or not', async () => {
      const applicant = await t.dataSource.getRepository(UserEntity).findOneByOrFail({ username: 'applicant' });
      await t.dataSource.getRepository(UserEntity).insert({
        id: randomUUID(),
        username: 'dual-role',
        displayName: 'Supt Dee Dual',
        roles: ['applicant', 'dso'],
        authorityId: applicant.authorityId,
        rank: 'superintendent',
        spocPin: null,
        active: true,
        passwordHash: await t.app.get(PasswordHasher).hash(DEMO_PASSWORD),
      });
      const created = await createApplication(t, 'dual-role', completeForm({ route: 'dso61', ...NATIONAL_SECURITY }));
      let app = await step(t, 'dual-role', created, { type: 'SUBMIT_TO_SPOC' });
      app = await step(t, 'spoc', app, SFA);
      expect(app.allowedEvents).toEqual(['REQUEST_MORE_INFO', 'GRANT', 'REFUSE']);
      const asDual = await t.http().get(`/applications/${app.id}`).set('authorization', `Bearer ${await t.token('dual-role')}`).expect(200);
      expect(asDual.body.allowedEvents).toEqual(expect.arrayContaining(['GRANT']));
      await expectRefusedEvent(t, 'dual-role', app, GRANT, 403, 'AUTHORISER_NOT_INDEPENDENT');
      const override = { type: 'GRANT', decision: { ...GRANT_DECISION, exceptionalCircumstancesOverride: 'Nobody else available.' } };
      await expectRefusedEvent(t, 'dual-role', app, override, 403, 'AUTHORISER_NOT_INDEPENDENT');
    });

    it('treats the SPOC who submits for authorisation as the reviewing SPOC, even after another SPOC returned it: a DSO-SPOC who submitted cannot grant', async () => {
      const spoc = await t.dataSource.getRepository(UserEntity).findOneByOrFail({ username: 'spoc' });
      await t.dataSource.getRepository(UserEntity).insert({
        id: randomUUID(),
        username: 'spoc-dso',
        displayName: 'Supt Sam Spoc-Dso',
        roles: ['spoc', 'dso'],
        authorityId: spoc.authorityId,
        rank: 'superintendent',
        spocPin: 'TVP-SPOC-0002',
        active: true,
        passwordHash: await t.app.get(PasswordHasher).hash(DEMO_PASSWORD),
      });
      let app = await submitted('applicant', { route: 'dso61', ...NATIONAL_SECURITY });
      app = await step(t, 'spoc', app, { type: 'RETURN_TO_APPLICANT', reason: 'Tighten the period.' });
      app = await step(t, 'applicant', app, { type: 'RESUBMIT' });
      app = await step(t, 'spoc-dso', app, SFA);
      expect(app.spocId).toBe(await userId(t, 'spoc-dso'));
      await expectRefusedEvent(t, 'spoc-dso', app, GRANT, 403, 'AUTHORISER_NOT_INDEPENDENT');
    });

    describe('an oral dso61A grant recorded by the reviewing SPOC (footnote ²)', () => {
      const urgentViaSpoc = async (team: DemoUsername[] = []) => {
        const teamMemberIds = await Promise.all(team.map((u) => userId(t, u)));
        const app = await submitted('applicant', { ...URGENT, exceptionalCircumstances: null, teamMemberIds });
        return step(t, 'spoc', app, SFA);
      };
      const oral = (deciderId: string) => ({
        type: 'GRANT',
        decision: {
          ...GRANT_DECISION,
          oral: true,
          deciderId,
          deciderName: 'named decider',
          officeRank: 'Superintendent',
          decidedAt: t.clock.now().toISOString(),
        },
      });

      it('refuses the SPOC naming themselves as the decider: 403 AUTHORISER_NOT_INDEPENDENT', async () => {
        const app = await urgentViaSpoc();
        await expectRefusedEvent(t, 'spoc', app, oral(await userId(t, 'spoc')), 403, 'AUTHORISER_NOT_INDEPENDENT');
      });

      it('refuses a named DSO who is on the team: 403 AUTHORISER_NOT_INDEPENDENT (checked on the decider, not the recorder)', async () => {
        const app = await urgentViaSpoc(['dso']);
        await expectRefusedEvent(t, 'spoc', app, oral(await userId(t, 'dso')), 403, 'AUTHORISER_NOT_INDEPENDENT');
      });

      it('records an independent DSO’s oral grant, which that DSO then records in writing', async () => {
        const dsoId = await userId(t, 'dso');
        const app = await step(t, 'spoc', await urgentViaSpoc(), oral(dsoId));
        expect(app).toMatchObject({ status: 'authorised', grantedById: dsoId, oralGrant: true });
        expect(app.writtenRecordDueAt).toEqual(expect.any(String));
        await expectRefusedEvent(t, 'spoc', app, { type: 'RECORD_WRITTEN', writtenRecord: 'x' }, 403, 'FORBIDDEN_ROLE');
        const written = await step(t, 'dso', app, { type: 'RECORD_WRITTEN', writtenRecord: 'Granted orally at 10:00; necessary and proportionate.' });
        expect(written).toMatchObject({ status: 'authorised', writtenRecordDueAt: null });
      });

      it('refuses an oral grant on a non-urgent route: 422 ORAL_GRANT_NOT_URGENT_ROUTE', async () => {
        const app = await buildFixture(t, { state: 'awaitingAuthorisation', route: 'dso61' });
        await expectRefusedEvent(t, 'dso', app, { type: 'GRANT', decision: { ...GRANT_DECISION, oral: true } }, 422, 'ORAL_GRANT_NOT_URGENT_ROUTE');
      });
    });
  });

  describe('local authorities (docs/law.md §2.1, §9; IPA s.73, s.62(A1))', () => {
    it('refuses route dso61 when NAFN submits it for authorisation: 422 SCH4_ROUTE_NOT_AVAILABLE', async () => {
      const app = await submitted('la-applicant', { route: 'dso61' });
      await expectRefusedEvent(t, 'nafn-spoc', app, SFA, 422, 'SCH4_ROUTE_NOT_AVAILABLE');
    });

    it('refuses the urgent route without NAFN: SUBMIT_URGENT_WITHOUT_SPOC on dso61A is 422 SCH4_ROUTE_NOT_AVAILABLE', async () => {
      const app = await createApplication(
        t,
        'la-applicant',
        completeForm({ route: 'dso61A', priorityGrade: 'grade1', urgencyJustification: 'Urgent.', exceptionalCircumstances: 'No SPOC reachable.' }),
      );
      await expectRefusedEvent(t, 'la-applicant', app, { type: 'SUBMIT_URGENT_WITHOUT_SPOC' }, 422, 'SCH4_ROUTE_NOT_AVAILABLE');
    });

    it('refuses a purpose other than crime: 422 SCH4_PURPOSE_NOT_SPECIFIED', async () => {
      const app = await submitted('la-applicant', { statutoryPurpose: 'preventDeathOrInjury', offences: null });
      await expectRefusedEvent(t, 'nafn-spoc', app, SFA, 422, 'SCH4_PURPOSE_NOT_SPECIFIED');
    });

    it('refuses an internet connection record, whatever its condition: 422 LOCAL_AUTHORITY_NO_ICR', async () => {
      const app = await submitted('la-applicant', { dataItems: [icrItem('A')] });
      await expectRefusedEvent(t, 'nafn-spoc', app, SFA, 422, 'LOCAL_AUTHORITY_NO_ICR');
    });

    it('carries a local authority’s ipc60A application through NAFN to an OCDA grant; police SPOCs cannot see it', async () => {
      let app = await submitted('la-applicant', {});
      expect(app.urn).toMatch(/^WLT\//);
      for (const outsider of ['spoc', 'other-spoc']) {
        const seen = await expectNoBusinessChange(t, app.id, async () =>
          t.http().get(`/applications/${app.id}`).set('authorization', `Bearer ${await t.token(outsider)}`),
        );
        expectProblem(seen, 404, 'NOT_FOUND');
        await expectRefusedEvent(t, outsider, app, SFA, 404, 'NOT_FOUND');
      }
      app = await step(t, 'nafn-spoc', app, SFA);
      expect(app.status).toBe('awaitingAuthorisation');
      app = await step(t, 'ocda', app, GRANT);
      expect(app.status).toBe('authorised');
      await t.http().get(`/applications/${app.id}`).set('authorization', `Bearer ${await t.token('nafn-spoc')}`).expect(200);
      const tvp = await expectNoBusinessChange(t, app.id, async () =>
        t.http().get(`/applications/${app.id}`).set('authorization', `Bearer ${await t.token('spoc')}`),
      );
      expectProblem(tvp, 404, 'NOT_FOUND');
    });
  });

  describe('internet connection records (IPA s.62)', () => {
    it('refuses an ICR with no condition: 422 ICR_CONDITION_REQUIRED', async () => {
      const app = await submitted('applicant', { dataItems: [icrItem(null)] });
      const res = await expectRefusedEvent(t, 'spoc', app, SFA, 422, 'ICR_CONDITION_REQUIRED');
      expect(res.body.errors).toEqual([{ field: 'dataItems[0].icrCondition', message: res.body.detail, code: res.body.code }]);
    });

    it('refuses condition B for the crime purpose: 422 ICR_CONDITION_NOT_MET', async () => {
      const app = await submitted('applicant', { dataItems: [icrItem('B')] });
      await expectRefusedEvent(t, 'spoc', app, SFA, 422, 'ICR_CONDITION_NOT_MET');
    });

    it('passes condition A through to a grant', async () => {
      let app = await step(t, 'spoc', await submitted('applicant', { dataItems: [icrItem('A')] }), SFA);
      app = await step(t, 'ocda', app, GRANT);
      expect(app.status).toBe('authorised');
    });

    it('passes condition B for a non-crime purpose', async () => {
      const form = { dataItems: [icrItem('B')], statutoryPurpose: 'preventDeathOrInjury', offences: null };
      const app = await step(t, 'spoc', await submitted('applicant', form), SFA);
      expect(app.status).toBe('awaitingAuthorisation');
    });
  });

  describe('journalistic sources (IPA s.77: every route)', () => {
    const journalistic = (imminentThreatToLife: boolean) => ({ ...JOURNALISTIC_SOURCE, imminentThreatToLife });

    it('sends an ipc60A grant to the Judicial Commissioner when there is no imminent threat to life', async () => {
      const app = await buildFixture(t, { state: 'awaitingAuthorisation', form: journalistic(false) });
      const granted = await step(t, 'ocda', app, GRANT);
      expect(granted.status).toBe('awaitingJudicialApproval');
      await t.http().get(`/applications/${app.id}`).set('authorization', `Bearer ${await t.token('jc')}`).expect(200);
    });

    it('sends a dso61 grant to the Judicial Commissioner too', async () => {
      const app = await buildFixture(t, { state: 'awaitingAuthorisation', route: 'dso61', form: journalistic(false) });
      const granted = await step(t, 'dso', app, GRANT);
      expect(granted.status).toBe('awaitingJudicialApproval');
    });

    it('goes to the Judicial Commissioner whatever the applicant ticked: the threat-to-life finding is the authoriser\'s (s.77(1)(b), (1A)(b))', async () => {
      for (const route of ['ipc60A', 'dso61'] as const) {
        const app = await buildFixture(t, { state: 'awaitingAuthorisation', route, form: journalistic(true) });
        const granted = await step(t, route === 'ipc60A' ? 'ocda' : 'dso', app, GRANT);
        expect(granted.status).toBe('awaitingJudicialApproval');
        expect(granted.findings).toMatchObject({ imminentThreatToLife: null });
      }
    });

    it('authorises at once when the authoriser records the imminent threat to life with reasons, and flags it on the record', async () => {
      const reasons = 'The journalist\'s source is holding a hostage; the address is needed tonight.';
      for (const route of ['ipc60A', 'dso61'] as const) {
        const app = await buildFixture(t, { state: 'awaitingAuthorisation', route, form: journalistic(false) });
        const who = route === 'ipc60A' ? 'ocda' : 'dso';
        const bare = { type: 'GRANT', decision: { ...GRANT_DECISION, findings: { imminentThreatToLife: { reasons: '  ' } } } };
        await expectRefusedEvent(t, who, app, bare, 422, 'FINDING_REASONS_REQUIRED');
        const found = { type: 'GRANT', decision: { ...GRANT_DECISION, findings: { imminentThreatToLife: { reasons } } } };
        const granted = await step(t, who, app, found);
        expect(granted.status).toBe('authorised');
        const read = await t.http().get(`/applications/${app.id}`).set('authorization', `Bearer ${await t.token(who)}`).expect(200);
        expect(read.body.findings).toMatchObject({ imminentThreatToLife: reasons });
      }
    });

    it('JC_APPROVE → authorised', async () => {
      const app = await buildFixture(t, { state: 'awaitingJudicialApproval' });
      const approved = await step(t, 'jc', app, { type: 'JC_APPROVE', judicialApproval: { judgeName: 'Sir Julian Commissioner' } });
      expect(approved.status).toBe('authorised');
    });

    it('JC_REFUSE needs a reason (422 REASON_REQUIRED), then → quashed; OCDA cannot decide for the JC (403)', async () => {
      const app = await buildFixture(t, { state: 'awaitingJudicialApproval' });
      await expectRefusedEvent(t, 'jc', app, { type: 'JC_REFUSE' }, 422, 'REASON_REQUIRED');
      await expectRefusedEvent(t, 'jc', app, { type: 'JC_REFUSE', reason: '   ' }, 422, 'REASON_REQUIRED');
      await expectRefusedEvent(t, 'ocda', app, { type: 'JC_REFUSE', reason: 'No.' }, 403, 'FORBIDDEN_ROLE');
      const quashed = await step(t, 'jc', app, { type: 'JC_REFUSE', reason: 'The public interest in protecting the source is not overridden.' });
      expect(quashed.status).toBe('quashed');
    });
  });

  describe('findings belong to the person the statute gives them to (docs/law.md §3.7 findings; IPA s.63, s.76)', () => {
    it('refuses a DSO grant without a declaration of independence or a recorded exception: 422 INDEPENDENCE_NOT_DECLARED (s.63)', async () => {
      const app = await buildFixture(t, { state: 'awaitingAuthorisation', route: 'dso61' });
      const undeclared = { type: 'GRANT', decision: { ...GRANT_DECISION, independenceDeclaration: null } };
      const res = await expectRefusedEvent(t, 'dso', app, undeclared, 422, 'INDEPENDENCE_NOT_DECLARED');
      expect(res.body.errors).toEqual([{ field: 'decision.independenceDeclaration', message: res.body.detail, code: res.body.code }]);
      await expectRefusedEvent(t, 'dso', app, { type: 'GRANT', decision: { ...GRANT_DECISION, independenceDeclaration: false } }, 422, 'INDEPENDENCE_NOT_DECLARED');
      const granted = await step(t, 'dso', app, GRANT);
      expect(granted.status).toBe('authorised');
      expect(granted.findings).toEqual({ imminentThreatToLife: null, spocNotConsulted: null, independenceDeclared: true, independenceException: null });
    });

    it('on the urgent dso61A route the s.76(2) exception is the DSO\'s at grant: the applicant\'s account is not enough (422 DSO_SPOC_EXCEPTION_REQUIRED)', async () => {
      const app = await urgentAwaiting({});
      const res = await expectRefusedEvent(t, 'dso', app, GRANT, 422, 'DSO_SPOC_EXCEPTION_REQUIRED');
      expect(res.body.errors).toEqual([{ field: 'decision.findings.spocNotConsulted.reasons', message: res.body.detail, code: res.body.code }]);
      const bare = { type: 'GRANT', decision: { ...GRANT_DECISION, findings: { spocNotConsulted: { reasons: '' } } } };
      await expectRefusedEvent(t, 'dso', app, bare, 422, 'FINDING_REASONS_REQUIRED');
      const granted = await step(t, 'dso', app, { type: 'GRANT', decision: { ...GRANT_DECISION, findings: DSO_SPOC_EXCEPTION } });
      expect(granted.status).toBe('authorised');
      const read = await t.http().get(`/applications/${app.id}`).set('authorization', `Bearer ${await t.token('applicant')}`).expect(200);
      expect(read.body.findings).toEqual({
        imminentThreatToLife: null,
        spocNotConsulted: { recordedBy: 'designatedSeniorOfficer', reasons: DSO_SPOC_EXCEPTION.spocNotConsulted.reasons },
        independenceDeclared: true,
        independenceException: null,
      });
    });

    it('on ipc60A the s.76(2) exception is the applicant\'s, so OCDA may not record one: 422 FINDING_NOT_FOR_ROUTE', async () => {
      const app = await buildFixture(t, { state: 'awaitingAuthorisation' });
      const ocdaFinding = { type: 'GRANT', decision: { ...GRANT_DECISION, findings: DSO_SPOC_EXCEPTION } };
      await expectRefusedEvent(t, 'ocda', app, ocdaFinding, 422, 'FINDING_NOT_FOR_ROUTE');
    });
  });

  describe('reasons are mandatory (docs/law.md §2.4; WILTS 5817(b); IPA s.65(3B),(4))', () => {
    const CASES: { type: string; user: DemoUsername; prepare: () => Promise<AppRecord>; to: string }[] = [
      { type: 'RETURN_TO_APPLICANT', user: 'spoc', prepare: () => buildFixture(t, { state: 'spocReview' }), to: 'returnedToApplicant' },
      { type: 'DECLINE', user: 'spoc', prepare: () => buildFixture(t, { state: 'spocReview' }), to: 'declinedBySpoc' },
      { type: 'REFUSE', user: 'ocda', prepare: () => buildFixture(t, { state: 'awaitingAuthorisation' }), to: 'refused' },
      { type: 'WITHDRAW', user: 'applicant', prepare: () => buildFixture(t, { state: 'draft' }), to: 'withdrawn' },
      {
        type: 'WITHDRAW',
        user: 'applicant',
        prepare: async () => step(t, 'spoc', await buildFixture(t, { state: 'spocReview' }), { type: 'RETURN_TO_APPLICANT', reason: 'Period too wide.' }),
        to: 'withdrawn',
      },
      { type: 'CANCEL', user: 'applicant', prepare: () => buildFixture(t, { state: 'authorised' }), to: 'cancelled' },
      { type: 'CANCEL', user: 'spoc', prepare: () => buildFixture(t, { state: 'authorised' }), to: 'cancelled' },
    ];

    it.each(CASES.map((c) => [c.type, c.user, c] as const))('%s by %s without a reason → 422 REASON_REQUIRED; with one → 200', async (type, user, c) => {
      const app = await c.prepare();
      for (const reason of [undefined, null, '', '   ']) {
        const body = reason === undefined ? { type } : { type, reason };
        const res = await expectRefusedEvent(t, user, app, body, 422, 'REASON_REQUIRED');
        expect(res.body.errors).toEqual([{ field: 'reason', message: res.body.detail, code: res.body.code }]);
      }
      const done = await step(t, user, app, { type, reason: 'No longer necessary: the suspect was arrested.' });
      expect(done.status).toBe(c.to);
    });

    it('REQUEST_MORE_INFO needs a question: 422 REASON_REQUIRED', async () => {
      const app = await buildFixture(t, { state: 'awaitingAuthorisation' });
      const res = await expectRefusedEvent(t, 'ocda', app, { type: 'REQUEST_MORE_INFO' }, 422, 'REASON_REQUIRED');
      expect(res.body.errors).toEqual([{ field: 'question', message: res.body.detail, code: res.body.code }]);
    });
  });
});
