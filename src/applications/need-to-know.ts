import { Brackets, type SelectQueryBuilder } from 'typeorm';
import type { Principal } from '../auth/principal';
import type { ApplicationEntity } from './application.entity';

/**
 * Need-to-know, enforced in the query (never after loading), so a record outside the caller's view is
 * simply not found (404, never 403). Issue 4 item 6:
 * - an applicant sees their own applications and those whose team they are on;
 * - SPOC, DSO and SRO see their authority's; a NAFN SPOC also sees those of the local authorities it
 *   serves (docs/law.md §1 nafn);
 * - OCDA sees an `ipc60A` application once it has been submitted to OCDA: the route at the moment it went
 *   for authorisation decides, so editing the route of a returned draft never gives OCDA sight of it
 *   (docs/law.md §1 need-to-know; the engine sets `submitted_to_ocda_at`);
 * - a Judicial Commissioner sees those that have gone for judicial approval (IPA s.77);
 * - an inspector sees, under each live grant (issue 24, item 3), the granting authority's applications made in the
 *   grant's period; the guard read the live grants by the clock for this request.
 */
export function restrictToNeedToKnow(
  qb: SelectQueryBuilder<ApplicationEntity>,
  principal: NeedToKnowSubject,
  alias = 'a',
): SelectQueryBuilder<ApplicationEntity> {
  const roles = new Set(principal.roles);
  const params = { ntkMe: principal.id, ntkAuthority: principal.authorityId };
  return qb.andWhere(
    new Brackets((or) => {
      or.where('1 = 0');
      if (roles.has('applicant')) {
        or.orWhere(
          `(${alias}.applicant_id = :ntkMe OR ${alias}.id IN (SELECT tm.application_id FROM application_team_member tm WHERE tm.user_id = :ntkMe))`,
          params,
        );
      }
      if (roles.has('spoc') || roles.has('dso') || roles.has('sro')) {
        or.orWhere(`${alias}.authority_id = :ntkAuthority`, params);
      }
      if (roles.has('spoc')) {
        or.orWhere(
          `${alias}.authority_id IN (SELECT au.id FROM authority au WHERE au.spoc_authority_id = :ntkAuthority)`,
          params,
        );
      }
      if (roles.has('ocda')) {
        or.orWhere(`(${alias}.route = 'ipc60A' AND ${alias}.submitted_to_ocda_at IS NOT NULL)`);
      }
      if (roles.has('jc')) {
        or.orWhere(`${alias}.judicial_approval_requested_at IS NOT NULL`);
      }
      if (roles.has('inspector')) {
        // Instants are fixed-width ISO strings (src/database/instant.transformer.ts): a string comparison is a time comparison.
        (principal.inspections ?? []).forEach((grant, i) => {
          or.orWhere(`(${alias}.authority_id = :ntkInspected${i} AND ${alias}.created_at >= :ntkFrom${i} AND ${alias}.created_at < :ntkTo${i})`, {
            [`ntkInspected${i}`]: grant.authorityId,
            [`ntkFrom${i}`]: grant.from.toISOString(),
            [`ntkTo${i}`]: grant.to.toISOString(),
          });
        });
      }
    }),
  );
}

/**
 * All of the caller that need-to-know reads. A compiled query (src/database/compiled-select.ts) builds its SQL
 * from this with placeholders for `id` and `authorityId`; anything need-to-know came to read besides would have to
 * be added here, and so to the compiled queries' placeholders or shape, or it would be frozen at its first value.
 */
export type NeedToKnowSubject = Pick<Principal, 'id' | 'authorityId' | 'roles' | 'inspections'>;

/**
 * Whether need-to-know's SQL for `principal` may be compiled once and reused with new values (src/database/compiled-
 * select.ts): not for an inspector, whose grants are values the compiled SQL would freeze at their first reading.
 */
export function compilable(principal: NeedToKnowSubject): boolean {
  return !principal.roles.includes('inspector');
}

/** What, besides the values, decides the SQL {@link restrictToNeedToKnow} adds: the caller's roles (for compiled queries). */
export function needToKnowShape(principal: NeedToKnowSubject): string {
  return [...new Set(principal.roles)].sort().join(',');
}
