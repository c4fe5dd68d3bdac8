/**
 * The statistics bench's baseline (bench/README.md lists these queries): one hand-written GROUP BY per figure
 * of the return, over the same tables, filters and indexed columns, run directly on the driver — better-sqlite3
 * or a `pg` client — with the same three parameters the service binds: the authority, the first instant of
 * the period and the first instant after it. They are written out here as plain SQL, not generated from
 * src/reporting/statistics/statistics.figures.ts, so that the bench compares the service with what a person
 * would write by hand; `compareWithService` checks that both count the same.
 *
 * As the service reads its figures (UnitOfWork.read), on PostgreSQL all queries run in one REPEATABLE READ
 * transaction; on SQLite one after the other on one connection.
 */
import { Client } from 'pg';
import { openSqlite, type SqliteDatabase } from './statistics-sqlite';

const EVENTS = 'FROM application_event e JOIN application_statistics s ON s.application_id = e.application_id';
const IN_PERIOD = 'e.at >= $2 AND e.at < $3 AND s.authority_id = $1';
const AUTHORISED = `e.event_type IN ('GRANT', 'JC_APPROVE') AND e.to_state = 'authorised' AND ${IN_PERIOD}`;
const ERRORS = "FROM cd_error c WHERE c.authority_id = $1 AND c.established_at >= $2 AND c.established_at < $3 AND c.status <> 'dismissed'";

/**
 * Figure id → its query: `$1` the authority, `$2` the period's first instant, `$3` the first instant after it;
 * each answers (k, n) rows: the value counted by and how many rows have it.
 */
export const BASELINE_QUERIES: Readonly<Record<string, string>> = {
  'spoc.submitted': `SELECT 'submitted' AS k, COUNT(*) AS n ${EVENTS} WHERE e.event_type = 'SUBMIT_TO_SPOC' AND ${IN_PERIOD} GROUP BY 1`,
  'spoc.returned': `SELECT COALESCE(e.reason_code, 'notCategorised') AS k, COUNT(*) AS n ${EVENTS} WHERE e.event_type = 'RETURN_TO_APPLICANT' AND ${IN_PERIOD} GROUP BY COALESCE(e.reason_code, 'notCategorised')`,
  'spoc.declined': `SELECT COALESCE(e.reason_code, 'notCategorised') AS k, COUNT(*) AS n ${EVENTS} WHERE e.event_type = 'DECLINE' AND ${IN_PERIOD} GROUP BY COALESCE(e.reason_code, 'notCategorised')`,
  'authorisations.byRoute': `SELECT COALESCE(s.route, 'notGiven') AS k, COUNT(*) AS n ${EVENTS} WHERE ${AUTHORISED} GROUP BY COALESCE(s.route, 'notGiven')`,
  'authorisations.urgency': `SELECT CASE WHEN s.route = 'dso61A' THEN 'urgent' ELSE 'routine' END AS k, COUNT(*) AS n ${EVENTS} WHERE ${AUTHORISED} GROUP BY CASE WHEN s.route = 'dso61A' THEN 'urgent' ELSE 'routine' END`,
  'refusals.byRoute': `SELECT COALESCE(s.route, 'notGiven') AS k, COUNT(*) AS n ${EVENTS} WHERE e.event_type = 'REFUSE' AND ${IN_PERIOD} GROUP BY COALESCE(s.route, 'notGiven')`,
  'authorisations.dsoExceptions': `SELECT s.dso_exception AS k, COUNT(*) AS n ${EVENTS} WHERE ${AUTHORISED} AND s.route IN ('dso61', 'dso61A') AND s.dso_exception IS NOT NULL GROUP BY s.dso_exception`,
  'journalistic.authorisations': `SELECT CASE WHEN e.event_type = 'JC_APPROVE' THEN 'judicialCommissionerApproved' WHEN s.threat_to_life_finding = TRUE THEN 'imminentThreatToLife' ELSE 'neitherRecorded' END AS k, COUNT(*) AS n ${EVENTS} WHERE ${AUTHORISED} AND s.journalistic_source = TRUE GROUP BY CASE WHEN e.event_type = 'JC_APPROVE' THEN 'judicialCommissionerApproved' WHEN s.threat_to_life_finding = TRUE THEN 'imminentThreatToLife' ELSE 'neitherRecorded' END`,
  'journalistic.judicialOutcomes': `SELECT e.event_type AS k, COUNT(*) AS n ${EVENTS} WHERE e.event_type IN ('JC_APPROVE', 'JC_REFUSE') AND ${IN_PERIOD} GROUP BY e.event_type`,
  'authorisations.sensitiveProfession': `SELECT s.sensitive_profession AS k, COUNT(*) AS n ${EVENTS} WHERE ${AUTHORISED} AND s.sensitive_profession IS NOT NULL GROUP BY s.sensitive_profession`,
  'items.byType': `SELECT i.category || ':' || i.subtype AS k, COUNT(*) AS n ${EVENTS} JOIN application_statistics_item i ON i.application_id = e.application_id WHERE ${AUTHORISED} GROUP BY i.category || ':' || i.subtype`,
  'items.byCommunications': `SELECT i.communications_type AS k, COUNT(*) AS n ${EVENTS} JOIN application_statistics_item i ON i.application_id = e.application_id WHERE ${AUTHORISED} GROUP BY i.communications_type`,
  'authorisations.purpose': `SELECT COALESCE(s.statutory_purpose, 'notGiven') AS k, COUNT(*) AS n ${EVENTS} WHERE ${AUTHORISED} GROUP BY COALESCE(s.statutory_purpose, 'notGiven')`,
  'authorisations.subjectCategory': `SELECT j.role AS k, COUNT(*) AS n ${EVENTS} JOIN application_statistics_subject j ON j.application_id = e.application_id WHERE ${AUTHORISED} GROUP BY j.role`,
  'cancellations.cancelled': `SELECT COALESCE(s.route, 'notGiven') AS k, COUNT(*) AS n ${EVENTS} WHERE e.event_type = 'CANCEL' AND ${IN_PERIOD} GROUP BY COALESCE(s.route, 'notGiven')`,
  'cancellations.requested': `SELECT COALESCE(s.route, 'notGiven') AS k, COUNT(*) AS n ${EVENTS} WHERE e.event_type = 'REQUEST_CANCELLATION' AND ${IN_PERIOD} GROUP BY COALESCE(s.route, 'notGiven')`,
  'ripa.byKind': 'SELECT s.ripa_kind AS k, COUNT(*) AS n FROM application_statistics s WHERE s.authority_id = $1 AND s.ripa_granted_at >= $2 AND s.ripa_granted_at < $3 GROUP BY s.ripa_kind',
  'ripa.byPurpose': 'SELECT s.ripa_purpose AS k, COUNT(*) AS n FROM application_statistics s WHERE s.authority_id = $1 AND s.ripa_granted_at >= $2 AND s.ripa_granted_at < $3 GROUP BY s.ripa_purpose',
  'errors.byKind': `SELECT COALESCE(c.kind, 'notAssessed') AS k, COUNT(*) AS n ${ERRORS} GROUP BY COALESCE(c.kind, 'notAssessed')`,
  'errors.byCause': `SELECT COALESCE(c.cause_code, 'notGiven') AS k, COUNT(*) AS n ${ERRORS} GROUP BY COALESCE(c.cause_code, 'notGiven')`,
  'errors.byResponsibleParty': `SELECT COALESCE(c.responsible_party, 'notGiven') AS k, COUNT(*) AS n ${ERRORS} GROUP BY COALESCE(c.responsible_party, 'notGiven')`,
  'errors.ipRelated': `SELECT CASE WHEN c.is_ip_related = TRUE THEN 'ipRelated' ELSE 'notIpRelated' END AS k, COUNT(*) AS n ${ERRORS} GROUP BY CASE WHEN c.is_ip_related = TRUE THEN 'ipRelated' ELSE 'notIpRelated' END`,
};

/** Figure id → value → count (only the values found: a zero is no row). */
export type FigureCounts = Map<string, Map<string, number>>;

export interface BaselineBindings {
  authorityId: string;
  startsAt: string;
  endsBefore: string;
}

/** Runs every query once; the counts. */
export interface Baseline {
  run(bindings: BaselineBindings): Promise<FigureCounts>;
  /** The id of a demo user's authority (the SRO's, whose return is timed). */
  authorityOf(username: string): Promise<string>;
  close(): Promise<void>;
}

const counts = (rows: { k: unknown; n: unknown }[]): Map<string, number> => new Map(rows.map((r) => [String(r.k), Number(r.n)]));

/** A query with `?` for each `$n` in turn, and which of the three values each takes (as the service binds). */
function positional(sql: string): { text: string; order: number[] } {
  const order: number[] = [];
  const text = sql.replace(/\$(\d)/g, (_, n: string) => {
    order.push(Number(n) - 1);
    return '?';
  });
  return { text, order };
}

/** better-sqlite3 (read only), with `?` in place of `$1 $2 $3`, bound in order of appearance. */
export function sqliteBaseline(path: string): Baseline {
  const db: SqliteDatabase = openSqlite(path, { readonly: true });
  const statements = Object.entries(BASELINE_QUERIES).map(([id, sql]) => {
    const { text, order } = positional(sql);
    return { id, statement: db.prepare(text), order };
  });
  return {
    run(b) {
      const values = [b.authorityId, b.startsAt, b.endsBefore];
      const result: FigureCounts = new Map();
      for (const { id, statement, order } of statements) result.set(id, counts(statement.all(order.map((i) => values[i])) as { k: unknown; n: unknown }[]));
      return Promise.resolve(result);
    },
    authorityOf(username) {
      const row = db.prepare('SELECT authority_id FROM user_account WHERE username = ?').all([username])[0] as { authority_id: string } | undefined;
      if (!row) return Promise.reject(new Error(`no user ${username}`));
      return Promise.resolve(row.authority_id);
    },
    close() {
      db.close();
      return Promise.resolve();
    },
  };
}

/**
 * A `pg` client on `url` (in `schema` when given, as the service's DATABASE_SCHEMA): the queries in one
 * REPEATABLE READ transaction, parameters bound as the service binds them.
 */
export async function postgresBaseline(url: string, schema?: string): Promise<Baseline> {
  const client = new Client({ connectionString: url, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
  await client.connect();
  return {
    async run(b) {
      const params = [b.authorityId, b.startsAt, b.endsBefore];
      const result: FigureCounts = new Map();
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
      try {
        for (const [id, sql] of Object.entries(BASELINE_QUERIES)) result.set(id, counts((await client.query(sql, params)).rows as { k: unknown; n: unknown }[]));
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
      return result;
    },
    async authorityOf(username) {
      const rows = (await client.query('SELECT authority_id FROM user_account WHERE username = $1', [username])).rows as { authority_id: string }[];
      if (!rows[0]) throw new Error(`no user ${username}`);
      return rows[0].authority_id;
    },
    close: () => client.end(),
  };
}

/** The counts of a statistics return as the service answers it (zero cells dropped, as the baseline has no row for them). */
export function countsOfReturn(body: { sections: { figures: { id: string; cells: { key: string; count: number }[] }[] }[] }): FigureCounts {
  const result: FigureCounts = new Map();
  for (const section of body.sections) {
    for (const figure of section.figures) result.set(figure.id, new Map(figure.cells.filter((c) => c.count !== 0).map((c) => [c.key, c.count])));
  }
  return result;
}

/** Every difference between the service's figures and the baseline's (empty when they agree on every figure and value). */
export function differences(service: FigureCounts, baseline: FigureCounts): string[] {
  const found: string[] = [];
  const ids = new Set([...service.keys(), ...baseline.keys()]);
  for (const id of ids) {
    const a = service.get(id);
    const b = baseline.get(id);
    if (!a) found.push(`${id}: not in the service's return`);
    else if (!b) found.push(`${id}: no baseline query`);
    else {
      for (const key of new Set([...a.keys(), ...b.keys()])) {
        if ((a.get(key) ?? 0) !== (b.get(key) ?? 0)) found.push(`${id} ${key}: service ${a.get(key) ?? 0}, baseline ${b.get(key) ?? 0}`);
      }
    }
  }
  return found;
}
