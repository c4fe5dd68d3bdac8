import type { AddressInfo } from 'node:net';
import { createTestApp, type TestApp } from '../../support/test-app';

/** The service on a fresh database (SQLite, or a PostgreSQL schema when DATABASE_URL is set), listening on a free port of 127.0.0.1. */
export async function servedApp(): Promise<{ t: TestApp; baseUrl: string }> {
  const t = await createTestApp();
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  return { t, baseUrl: `http://127.0.0.1:${port}` };
}
