/**
 * Housekeeping (issue 24, item 5; docs/operations.md "Housekeeping"): it removes only what is past its period —
 * expired idempotency keys, outbox events dispatched more than OUTBOX_KEEP_DAYS ago with their deliveries, deadline
 * notices due more than DEADLINE_NOTICE_KEEP_DAYS ago — and a deadline older than the notices are kept is never
 * raised again.
 */
import { randomUUID } from 'node:crypto';
import { ApplicationDeadlines } from '../src/applications/application-deadlines.service';
import { DeadlineNoticeEntity } from '../src/database/deadline-notice.entity';
import { insertRows } from '../src/database/insert-rows';
import { Housekeeping } from '../src/housekeeping/housekeeping.service';
import { IdempotencyKeyEntity } from '../src/idempotency/idempotency-key.entity';
import { OutboxDeliveryEntity } from '../src/outbox/outbox-delivery.entity';
import { OutboxEventEntity } from '../src/outbox/outbox-event.entity';
import { completeForm, createApplication, DSO_SPOC_EXCEPTION, GRANT_DECISION, SPOC_SECTION, step } from './support/applications';
import { createTestApp, isPostgres, type TestApp } from './support/test-app';

const DAY = 86_400_000;

describe(`housekeeping (${isPostgres() ? 'PostgreSQL' : 'SQLite'})`, () => {
  let t: TestApp;
  let housekeeping: Housekeeping;
  beforeAll(async () => {
    t = await createTestApp({ env: { OUTBOX_KEEP_DAYS: '30', DEADLINE_NOTICE_KEEP_DAYS: '400' } });
    housekeeping = t.app.get(Housekeeping);
  });
  afterAll(() => t.close());

  const now = () => t.clock.now();
  const daysAgo = (days: number) => new Date(now().getTime() - days * DAY);

  it('removes only what is past its period, and keeps what is not', async () => {
    const user = randomUUID();
    const key = (name: string, expiresAt: Date) => ({ userId: user, key: name, method: 'POST', path: '/applications', fingerprint: 'f'.repeat(64), status: 201, response: '{}', createdAt: daysAgo(1), expiresAt });
    const event = (dispatchedAt: Date | null, deadAt: Date | null = null) => ({ id: randomUUID(), type: 'housekeepingTest', payload: {}, createdAt: daysAgo(100), availableAt: daysAgo(100), attempts: 0, lastError: null, claimedBy: null, claimedAt: null, dispatchedAt, deadAt });
    const events = { old: event(daysAgo(31)), recent: event(daysAgo(29)), pending: event(null), dead: event(null, daysAgo(100)) };
    const notice = (dueAt: Date) => ({ subjectId: randomUUID(), kind: 'housekeepingTest', dueAt, noticedAt: dueAt });
    const notices = { old: notice(daysAgo(401)), recent: notice(daysAgo(399)) };
    await t.uow.run(async (tx) => {
      await insertRows(tx, IdempotencyKeyEntity, [key('expired-key', now()), key('live-key', new Date(now().getTime() + 3_600_000))]);
      await insertRows(tx, OutboxEventEntity, Object.values(events));
      await insertRows(tx, OutboxDeliveryEntity, [events.old, events.recent].map((e) => ({ eventId: e.id, handler: 'test', deliveredAt: e.dispatchedAt as Date })));
      await insertRows(tx, DeadlineNoticeEntity, Object.values(notices));
    });

    const removed = await housekeeping.tick();

    expect(removed).toEqual({ idempotencyKeys: 1, outboxEvents: 1, outboxDeliveries: 1, deadlineNotices: 1 });
    const left = await t.uow.read(async (m) => ({
      keys: (await m.find(IdempotencyKeyEntity, { where: { userId: user } })).map((k) => k.key),
      events: (await m.find(OutboxEventEntity, { where: { type: 'housekeepingTest' } })).map((e) => e.id).sort(),
      deliveries: (await m.find(OutboxDeliveryEntity, { where: { handler: 'test' } })).map((d) => d.eventId),
      notices: (await m.find(DeadlineNoticeEntity, { where: { kind: 'housekeepingTest' } })).map((n) => n.subjectId),
    }));
    expect(left).toEqual({
      keys: ['live-key'],
      events: [events.recent.id, events.pending.id, events.dead.id].sort(),
      deliveries: [events.recent.id],
      notices: [notices.recent.subjectId],
    });
    // A second pass finds nothing more to remove.
    expect(await housekeeping.tick()).toEqual({ idempotencyKeys: 0, outboxEvents: 0, outboxDeliveries: 0, deadlineNotices: 0 });
  });

  it('never raises a written record overdue longer ago than its notice would be kept, so a removed notice is not raised twice', async () => {
    t.clock.set('2026-03-02T10:00:00.000Z');
    const [dso] = await t.uow.read((m) => m.query<{ id: string }[]>("SELECT id FROM user_account WHERE username = 'dso'"));
    let app = await createApplication(t, 'applicant', completeForm({ route: 'dso61A', priorityGrade: 'grade1', urgencyJustification: 'A missing child at risk tonight.' }));
    app = await step(t, 'applicant', app, { type: 'SUBMIT_TO_SPOC' });
    app = await step(t, 'spoc', app, { type: 'SUBMIT_FOR_AUTHORISATION', spoc: SPOC_SECTION });
    app = await step(t, 'spoc', app, { type: 'GRANT', decision: { ...GRANT_DECISION, oral: true, deciderId: dso.id, decidedAt: now().toISOString(), findings: DSO_SPOC_EXCEPTION } });
    const due = new Date(app.writtenRecordDueAt as string).getTime();
    const deadlines = t.app.get(ApplicationDeadlines);

    t.clock.set(new Date(due + 401 * DAY));
    expect((await deadlines.tick()).writtenRecordOverdue).not.toContain(app.id);
    t.clock.set(new Date(due + DAY));
    expect((await deadlines.tick()).writtenRecordOverdue).toContain(app.id);
  });
});
