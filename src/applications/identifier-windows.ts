import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ApplicationForm, IdentifierType } from '../workflow/application.types';
import { ApplicationIdentifierWindowEntity } from './application-identifier-window.entity';
import { parseInstantWithOffset } from './period';
import { insertRows } from '../database/insert-rows';

/** One identifier sought over one period: a row of `application_identifier_window` before it is stored. */
export interface IdentifierWindow {
  dataItemRef: string;
  identifierType: IdentifierType;
  normalisedValue: string;
  start: Date;
  end: Date;
}

/** An item of a disclosure request, as far as its window goes (the disclosures feature's items have this shape). */
export interface WindowedItem {
  dataItemRef: string;
  identifier: { type: IdentifierType; normalisedValue: string };
  periodStart: string;
  periodEnd: string;
}

/** A disclosure request as {@link IdentifierWindows.recordRequest} indexes it. */
export interface WindowedRequest {
  id: string;
  applicationId: string;
  /** The application's authority (a request copies it when it is made). */
  authorityId: string;
  items: readonly WindowedItem[];
}

/**
 * The period an item names, as UTC instants, or null when it names none the index can hold (a draft saved
 * before its periods parse, or an end before the start). One instant (start = end) is a window too: an IP
 * address resolution may name one (docs/law.md §3.4).
 */
function windowOf(start: unknown, end: unknown): { start: Date; end: Date } | null {
  if (typeof start !== 'string' || typeof end !== 'string') return null;
  const from = parseInstantWithOffset(start);
  const to = parseInstantWithOffset(end);
  if (!from.ok || !to.ok || from.instant.getTime() > to.instant.getTime()) return null;
  return { start: from.instant, end: to.instant };
}

const usable = (value: unknown): value is string => typeof value === 'string' && value !== '';

/** The windows of a form: each data item whose identifier is on the form and whose period parses. Pure. */
export function formWindows(form: ApplicationForm): IdentifierWindow[] {
  const identifiers = new Map((form.identifiers ?? []).map((identifier) => [identifier.ref, identifier]));
  return (form.dataItems ?? []).flatMap((item) => {
    const identifier = identifiers.get(item.identifierRef);
    const window = windowOf(item.periodStart, item.periodEnd);
    if (!identifier || !window || !usable(identifier.normalisedValue) || !usable(item.ref)) return [];
    return [{ dataItemRef: item.ref, identifierType: identifier.type, normalisedValue: identifier.normalisedValue, ...window }];
  });
}

/** The windows of a disclosure request's items. Pure. */
export function requestWindows(items: readonly WindowedItem[]): IdentifierWindow[] {
  return items.flatMap((item) => {
    const window = windowOf(item.periodStart, item.periodEnd);
    if (!window || !usable(item.identifier?.normalisedValue) || !usable(item.dataItemRef)) return [];
    return [{ dataItemRef: item.dataItemRef, identifierType: item.identifier.type, normalisedValue: item.identifier.normalisedValue, ...window }];
  });
}

async function insertWindows(
  tx: EntityManager,
  owner: { applicationId: string; requestId: string | null; authorityId: string },
  windows: readonly IdentifierWindow[],
): Promise<void> {
  if (windows.length === 0) return;
  await insertRows(
    tx,
    ApplicationIdentifierWindowEntity,
    windows.map((w): ApplicationIdentifierWindowEntity => ({
      id: randomUUID(),
      ...owner,
      dataItemRef: w.dataItemRef,
      identifierType: w.identifierType,
      normalisedValue: w.normalisedValue,
      windowStart: w.start,
      windowEnd: w.end,
    })),
  );
}

type FormOwner = { id: string; authorityId: string; form: ApplicationForm };

/**
 * Writes the windows of a new record's form, in the transaction that inserts it (a new draft, a renewal, an
 * imported record), so the index never disagrees with the form that committed.
 */
export async function recordFormWindows(tx: EntityManager, application: FormOwner): Promise<void> {
  await insertWindows(tx, { applicationId: application.id, requestId: null, authorityId: application.authorityId }, formWindows(application.form));
}

/**
 * Replaces the windows of an application's form with those of `application.form`, in the transaction of the
 * edit that wrote it. Its requests' windows are left alone.
 */
export async function rewriteFormWindows(tx: EntityManager, application: FormOwner): Promise<void> {
  await tx
    .createQueryBuilder()
    .delete()
    .from(ApplicationIdentifierWindowEntity)
    .where('application_id = :id AND request_id IS NULL', { id: application.id })
    .execute();
  await recordFormWindows(tx, application);
}

/**
 * The write interface applications offer the disclosures feature (docs/architecture.md §3): a request's
 * items join the index of what was sought under its application, in the transaction that makes the request.
 * A request is never edited, so its windows are written once.
 */
@Injectable()
export class IdentifierWindows {
  async recordRequest(tx: EntityManager, request: WindowedRequest): Promise<void> {
    await insertWindows(tx, { applicationId: request.applicationId, requestId: request.id, authorityId: request.authorityId }, requestWindows(request.items));
  }

  /** Drops a request's windows, in the transaction that deletes its items under a retention decision (issue 21, item 3). */
  async forgetRequest(tx: EntityManager, requestId: string): Promise<void> {
    await tx.delete(ApplicationIdentifierWindowEntity, { requestId });
  }
}
