import type { Response } from 'supertest';
import { ApplicationEventEntity } from '../../src/applications/application-event.entity';
import { ApplicationEntity } from '../../src/applications/application.entity';
import { OutboxEventEntity } from '../../src/outbox/outbox-event.entity';
import { sendEvent } from './applications';
import type { TestApp } from './test-app';

/** What a refused request must leave untouched: the whole application row, its history and the outbox. */
export interface BusinessState {
  row: ApplicationEntity | null;
  historyRows: number;
  outboxRows: number;
  /** All applications: a refused request creates none (e.g. a renewal). */
  applicationRows: number;
}

export async function businessState(t: TestApp, appId: string): Promise<BusinessState> {
  const row = await t.dataSource.getRepository(ApplicationEntity).findOneBy({ id: appId });
  const historyRows = await t.dataSource.getRepository(ApplicationEventEntity).countBy({ applicationId: appId });
  const outboxRows = await t.dataSource.getRepository(OutboxEventEntity).count();
  const applicationRows = await t.dataSource.getRepository(ApplicationEntity).count();
  return { row, historyRows, outboxRows, applicationRows };
}

/**
 * Runs `fn` (a request that is expected to be refused) and asserts that no business data changed:
 * the application row (`version`, `status` and every other column), its history row count and the
 * `outbox` row count are the same before and after.
 */
export async function expectNoBusinessChange<T>(t: TestApp, appId: string, fn: () => Promise<T>): Promise<T> {
  const before = await businessState(t, appId);
  expect(before.row).not.toBeNull();
  const result = await fn();
  const after = await businessState(t, appId);
  expect({ version: after.row?.version, status: after.row?.status }).toEqual({
    version: before.row?.version,
    status: before.row?.status,
  });
  expect(after.historyRows).toBe(before.historyRows);
  expect(after.outboxRows).toBe(before.outboxRows);
  expect(after.applicationRows).toBe(before.applicationRows);
  expect(after.row).toEqual(before.row);
  return result;
}

/** Every non-2xx answer is an RFC 9457 problem document whose `status` matches the HTTP status. */
export function expectProblem(res: Response, status: number, code?: string): void {
  expect({ status: res.status, code: res.body?.code }).toEqual({ status, code: code ?? res.body?.code });
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, title: expect.any(String), type: expect.any(String), code: expect.any(String) });
}

/** Sends an event that must be refused with `status` and `code`, and changes nothing (see above). */
export async function expectRefusedEvent(
  t: TestApp,
  user: string,
  app: { id: string; version: number },
  body: Record<string, unknown>,
  status: number,
  code: string,
): Promise<Response> {
  const res = await expectNoBusinessChange(t, app.id, async () => await sendEvent(t, user, app, body));
  expectProblem(res, status, code);
  return res;
}
