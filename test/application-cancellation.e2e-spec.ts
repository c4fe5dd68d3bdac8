/**
 * Cancellation under IPA s.65 over HTTP (docs/law.md §2.5; docs/architecture.md §7.1 CANCEL and
 * REQUEST_CANCELLATION), on whichever database the run uses: who may cancel on each route, what a DSO
 * standing in for the granting DSO must record, and the requests of those who may not cancel, shown on
 * the record until the authorisation is cancelled.
 */
import { randomUUID } from 'node:crypto';
import { PasswordHasher } from '../src/auth/password-hasher';
import { UserEntity } from '../src/auth/user.entity';
import { buildFixture } from './support/authz-fixtures';
import { step, type AppRecord } from './support/applications';
import { expectRefusedEvent } from './support/guards-no-change';
import { createTestApp, DEMO_PASSWORD, isPostgres, type TestApp } from './support/test-app';

const CANCEL = { type: 'CANCEL', reason: 'The suspect has been charged; the data is no longer necessary.' };
const REQUEST = { type: 'REQUEST_CANCELLATION', reason: 'The suspect has been charged; please cancel.' };
/** A second DSO of Thames Valley Police, to stand in for the granting DSO (IPA s.65(5)). */
const STAND_IN = 'dso-stand-in';

interface CancellationRequestView {
  position: number;
  by: { displayName: string | null; role: string | null };
  at: string;
  reason: string | null;
}

describe(`cancellation under IPA s.65 (${isPostgres() ? 'PostgreSQL' : 'SQLite'})`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    const dso = await t.dataSource.getRepository(UserEntity).findOneByOrFail({ username: 'dso' });
    await t.dataSource.getRepository(UserEntity).insert({
      id: randomUUID(),
      username: STAND_IN,
      displayName: 'Supt Sam Stand-in',
      roles: ['dso'],
      authorityId: dso.authorityId,
      rank: 'superintendent',
      spocPin: null,
      active: true,
      passwordHash: await t.app.get(PasswordHasher).hash(DEMO_PASSWORD),
    });
  });
  afterAll(() => t.close());

  const authorised = (route: 'ipc60A' | 'dso61'): Promise<AppRecord> => buildFixture(t, { state: 'authorised', route });
  const get = async (user: string, id: string): Promise<AppRecord> => {
    const res = await t.http().get(`/applications/${id}`).set('authorization', `Bearer ${await t.token(user)}`);
    expect(res.status).toBe(200);
    return res.body as AppRecord;
  };
  const requestsOf = (app: AppRecord) => app.cancellationRequests as CancellationRequestView[];

  describe('ipc60A: the Investigatory Powers Commissioner or an officer of the authority (s.65(3B))', () => {
    it.each(['ocda', 'applicant', 'spoc', 'dso', 'sro'])('%s cancels', async (user) => {
      const app = await step(t, user, await authorised('ipc60A'), CANCEL);
      expect(app).toMatchObject({ status: 'cancelled', cancellationRequests: [] });
    });

    it('an officer of the authority is refused a request and told to cancel', async () => {
      const app = await get('applicant', (await authorised('ipc60A')).id);
      expect(app.blockedEvents).toContainEqual(expect.objectContaining({ event: 'REQUEST_CANCELLATION', code: 'MAY_CANCEL_DIRECTLY' }));
      await expectRefusedEvent(t, 'applicant', app, REQUEST, 403, 'MAY_CANCEL_DIRECTLY');
    });
  });

  describe('dso61: the DSO who granted (s.65(4)), or a DSO standing in for them (s.65(5))', () => {
    it('the granting DSO cancels', async () => {
      const app = await authorised('dso61');
      expect(app.grantedById).toBe((await get('dso', app.id)).grantedById);
      expect(await step(t, 'dso', app, CANCEL)).toMatchObject({ status: 'cancelled' });
    });

    it('another DSO of the authority cancels only recording why the granting DSO is not available', async () => {
      const app = await authorised('dso61');
      await expectRefusedEvent(t, STAND_IN, app, CANCEL, 422, 'GRANTER_UNAVAILABILITY_REQUIRED');
      const cancelled = await step(t, STAND_IN, app, { ...CANCEL, granterUnavailable: 'Supt Dso has retired.' });
      expect(cancelled.status).toBe('cancelled');
      const cancellation = (cancelled.conversation as { eventType: string; notes: { label: string; text: string }[] }[]).at(-1);
      expect(cancellation).toMatchObject({
        eventType: 'CANCEL',
        notes: [
          { label: 'Reason', text: CANCEL.reason },
          { label: 'Why the DSO who granted is not available', text: 'Supt Dso has retired.' },
        ],
      });
    });

    it.each(['applicant', 'spoc', 'sro'])('%s may not cancel, and is offered a request instead', async (user) => {
      const app = await get(user, (await authorised('dso61')).id);
      expect(app.allowedEvents).toContain('REQUEST_CANCELLATION');
      expect(app.blockedEvents).toContainEqual(expect.objectContaining({ event: 'CANCEL', code: 'NOT_ENTITLED_TO_CANCEL' }));
      await expectRefusedEvent(t, user, app, CANCEL, 403, 'NOT_ENTITLED_TO_CANCEL');
    });

    it('requests are recorded with reasons, shown to everyone who sees the record until the DSO cancels', async () => {
      let app = await authorised('dso61');
      await expectRefusedEvent(t, 'applicant', app, { type: 'REQUEST_CANCELLATION' }, 422, 'REASON_REQUIRED');
      app = await step(t, 'applicant', app, REQUEST);
      expect(app.status).toBe('authorised');
      app = await step(t, 'spoc', app, { type: 'REQUEST_CANCELLATION', reason: 'The CSP has confirmed the number was reassigned.' });
      const shown = requestsOf(await get('dso', app.id));
      expect(shown).toEqual([
        { position: expect.any(Number) as number, by: expect.objectContaining({ displayName: 'DC Alex Applicant', role: 'applicant' }) as object, at: expect.any(String) as string, reason: REQUEST.reason },
        {
          position: expect.any(Number) as number,
          by: expect.objectContaining({ displayName: 'Pat Spoc', role: 'spoc' }) as object,
          at: expect.any(String) as string,
          reason: 'The CSP has confirmed the number was reassigned.',
        },
      ]);
      expect(requestsOf(await get('applicant', app.id))).toEqual(shown);
      await expectRefusedEvent(t, 'dso', app, REQUEST, 403, 'MAY_CANCEL_DIRECTLY');

      const cancelled = await step(t, 'dso', app, CANCEL);
      expect(cancelled).toMatchObject({ status: 'cancelled', cancellationRequests: [] });
      expect(requestsOf(await get('spoc', app.id))).toEqual([]);
      const history = await t.http().get(`/applications/${app.id}/history`).set('authorization', `Bearer ${await t.token('spoc')}`);
      const requests = (history.body as { items: { eventType: string | null; summary: string }[] }).items.filter(
        (item) => item.eventType === 'REQUEST_CANCELLATION',
      );
      expect(requests.map((item) => item.summary)).toEqual([
        `Cancellation requested. Reason: ${REQUEST.reason}`,
        'Cancellation requested. Reason: The CSP has confirmed the number was reassigned.',
      ]);
    });
  });
});
