import { type MigrationInterface, type QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { instant } from './columns';

/**
 * When an application last went for authorisation (no decision recorded on someone else's behalf may be
 * dated before it: docs/law.md §2.3) and when it first went to OCDA (OCDA's sight keys off it, not off the
 * route as later edited: docs/law.md §1), both filled in from the history for applications that already
 * exist; OCDA's view index moves to the new column. Issue 12, parts 4 and 6.
 */
export class AuthorisationSubmissions1763940000000 implements MigrationInterface {
  name = 'AuthorisationSubmissions1763940000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('application', new TableColumn(instant('last_submitted_for_authorisation_at', true)));
    await q.addColumn('application', new TableColumn(instant('submitted_to_ocda_at', true)));
    // Every entry into awaitingAuthorisation is a transition row of the history, which keeps the facts the
    // guards saw, the route among them. Instants are fixed-width ISO strings, so MIN and MAX are time order.
    const entries = `FROM application_event e WHERE e.application_id = application.id AND e.kind = 'transition'
      AND e.to_state = 'awaitingAuthorisation' AND e.from_state <> 'awaitingAuthorisation'`;
    await q.query(`UPDATE application SET last_submitted_for_authorisation_at = (SELECT MAX(e.at) ${entries})`);
    await q.query(`UPDATE application SET submitted_to_ocda_at = (SELECT MIN(e.at) ${entries} AND ${routeAtEntry(q)} = 'ipc60A')`);
    await q.dropIndex('application', 'ix_application_ocda_view');
    await q.createIndex('application', new TableIndex({ name: 'ix_application_ocda_view', columnNames: ['route', 'submitted_to_ocda_at'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('application', 'ix_application_ocda_view');
    await q.createIndex(
      'application',
      new TableIndex({ name: 'ix_application_ocda_view', columnNames: ['route', 'submitted_for_authorisation_at'] }),
    );
    await q.dropColumn('application', 'submitted_to_ocda_at');
    await q.dropColumn('application', 'last_submitted_for_authorisation_at');
  }
}

/** The route of the application as the history row `e` recorded it: the row's, else the form's (as `routeOf` reads it). */
function routeAtEntry(q: QueryRunner): string {
  if (q.connection.driver.options.type === 'postgres') {
    return `COALESCE(e.guard_inputs::jsonb #>> '{application,route}', e.guard_inputs::jsonb #>> '{application,form,route}')`;
  }
  return `COALESCE(json_extract(e.guard_inputs, '$.application.route'), json_extract(e.guard_inputs, '$.application.form.route'))`;
}
