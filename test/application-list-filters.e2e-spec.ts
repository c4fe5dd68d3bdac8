/**
 * `GET /applications`' filters for the SPOC's queue (issue 19, item 3): by priority grade and by how long an
 * application has waited (last changed before an instant), with each summary carrying its priority grade; the page
 * and the API share the one query.
 */
import { completeForm, createApplication } from './support/applications';
import { createTestApp, type TestApp } from './support/test-app';

describe('GET /applications: priority grade and age filters', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const list = async (query: string) => {
    const res = await t.http().get(`/applications?${query}`).set('Authorization', `Bearer ${await t.token('applicant')}`).expect(200);
    return (res.body as { items: { id: string; priorityGrade: string | null }[] }).items;
  };

  it('lists only the grade asked for, each summary with its grade, and only those changed before the instant', async () => {
    const urgent = await createApplication(t, 'applicant', completeForm({ priorityGrade: 'grade1' }));
    const routine = await createApplication(t, 'applicant', completeForm({ priorityGrade: 'routine' }));
    const grade1 = await list('priorityGrade=grade1');
    expect(grade1.map((i) => i.id)).toContain(urgent.id);
    expect(grade1.map((i) => i.id)).not.toContain(routine.id);
    expect(grade1.every((i) => i.priorityGrade === 'grade1')).toBe(true);

    const before = new Date(t.clock.now().getTime() + 1000).toISOString();
    t.clock.advance(60 * 60 * 1000);
    const later = await createApplication(t, 'applicant', completeForm({ priorityGrade: 'grade1' }));
    const waited = (await list(`updatedBefore=${encodeURIComponent(before)}`)).map((i) => i.id);
    expect(waited).toEqual(expect.arrayContaining([urgent.id, routine.id]));
    expect(waited).not.toContain(later.id);
  });

  it('refuses an unknown grade and an instant without its offset', async () => {
    const token = await t.token('applicant');
    await t.http().get('/applications?priorityGrade=urgentish').set('Authorization', `Bearer ${token}`).expect(400);
    await t.http().get('/applications?updatedBefore=2026-03-02T10:00:00').set('Authorization', `Bearer ${token}`).expect(400);
  });
});
