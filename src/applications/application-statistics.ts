import type { EntityManager } from 'typeorm';
import type { ApplicationForm, AuthorisationDecision } from '../workflow/application.types';
import type { RipaRecordParticulars } from '../workflow/ripa-record.types';
import { communicationsTypeOf } from '../workflow/statistics.types';
import type { ApplicationEntity } from './application.entity';
import {
  ApplicationStatisticsEntity,
  ApplicationStatisticsItemEntity,
  ApplicationStatisticsSubjectEntity,
} from './application-statistics.entity';
import { parseInstantWithOffset } from './period';
import { insertRows } from '../database/insert-rows';

/** What the statistics rows are derived from: the record's identity, its form, its decision and, if imported, its RIPA particulars. */
export type StatisticsSource = Pick<ApplicationEntity, 'id' | 'authorityId' | 'urn' | 'route' | 'form' | 'decision' | 'ripa'>;

export interface ApplicationStatisticsRows {
  row: ApplicationStatisticsEntity;
  items: ApplicationStatisticsItemEntity[];
  subjects: ApplicationStatisticsSubjectEntity[];
}

const given = (value: string | null | undefined): boolean => typeof value === 'string' && value.trim() !== '';

/**
 * Which exception a DSO's grant was made under (docs/statistics.md §2): not independent of the investigation,
 * granted on the exceptional circumstances IPA s.63 allows (an override without the declaration of
 * independence); no SPOC consulted, on the decider's finding with reasons (s.76(2)); both; or none.
 */
function dsoException(decision: AuthorisationDecision | null): string | null {
  const independence = decision?.independenceDeclaration !== true && given(decision?.exceptionalCircumstancesOverride);
  const spocNotConsulted = given(decision?.findings?.spocNotConsulted?.reasons);
  if (independence && spocNotConsulted) return 'both';
  if (independence) return 'independence';
  return spocNotConsulted ? 'spocNotConsulted' : null;
}

function ripaGrantedAt(ripa: RipaRecordParticulars | null): Date | null {
  if (!ripa) return null;
  const parsed = parseInstantWithOffset(ripa.grantedAt);
  return parsed.ok ? parsed.instant : null;
}

/** A form's items of data, each with the kind of communications its identifier is, and its subject categories. Pure. */
function formRows(id: string, form: ApplicationForm): Pick<ApplicationStatisticsRows, 'items' | 'subjects'> {
  const identifiers = new Map((form.identifiers ?? []).map((identifier) => [identifier.ref, identifier]));
  const seen = new Set<string>();
  const items = (form.dataItems ?? []).flatMap((item) => {
    if (!given(item.ref) || !given(item.category) || !given(item.subtype) || seen.has(item.ref)) return [];
    seen.add(item.ref);
    const identifier = identifiers.get(item.identifierRef);
    return [{
      applicationId: id,
      itemRef: item.ref,
      category: item.category,
      subtype: item.subtype,
      communicationsType: communicationsTypeOf(item.subtype, identifier?.type),
      identifier: identifier?.normalisedValue || identifier?.value || '',
    }];
  });
  const roles = new Set((form.subjects ?? []).map((subject) => subject.role).filter(given));
  return { items, subjects: [...roles].map((role) => ({ applicationId: id, role })) };
}

/** The statistics rows of a record (docs/statistics.md §2). Pure. */
export function statisticsOf(source: StatisticsSource): ApplicationStatisticsRows {
  const { form, decision, ripa } = source;
  return {
    row: {
      applicationId: source.id,
      authorityId: source.authorityId,
      urn: source.urn,
      route: source.route,
      statutoryPurpose: form.statutoryPurpose ?? null,
      sensitiveProfession: form.sensitiveProfession ?? null,
      journalisticSource: form.journalisticSourceSought === true,
      dsoException: dsoException(decision),
      threatToLifeFinding: given(decision?.findings?.imminentThreatToLife?.reasons),
      ripaKind: ripa?.kind ?? null,
      ripaPurpose: ripa?.purpose ?? null,
      ripaGrantedAt: ripaGrantedAt(ripa),
    },
    ...formRows(source.id, form),
  };
}

/** Rewrites a record's statistics rows in the caller's transaction, from the record as it now stands. */
export async function recordStatistics(tx: EntityManager, source: StatisticsSource): Promise<void> {
  await tx.delete(ApplicationStatisticsItemEntity, { applicationId: source.id });
  await tx.delete(ApplicationStatisticsSubjectEntity, { applicationId: source.id });
  await tx.delete(ApplicationStatisticsEntity, { applicationId: source.id });
  await insertStatistics(tx, source);
}

/** Writes the statistics rows of a record that has none yet (one just inserted), in the caller's transaction. */
export async function insertStatistics(tx: EntityManager, source: StatisticsSource): Promise<void> {
  const { row, items, subjects } = statisticsOf(source);
  await insertRows(tx, ApplicationStatisticsEntity, row);
  if (items.length > 0) await insertRows(tx, ApplicationStatisticsItemEntity, items);
  if (subjects.length > 0) await insertRows(tx, ApplicationStatisticsSubjectEntity, subjects);
}

/** Whether a change to a record's row changes what its statistics rows say. */
export function changesStatistics(changes: Partial<ApplicationEntity>): boolean {
  return 'form' in changes || 'decision' in changes || 'route' in changes || 'ripa' in changes;
}
