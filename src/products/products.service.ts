import { SecurityAuditService } from '../audit/security-audit.service';
import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import canonicalize from 'canonicalize';
import { type EntityManager, In } from 'typeorm';
import { ApplicationLookup, DISCLOSURE_FACTS_READER, type ApplicationForDisclosure, type DisclosureFactsReader } from '../applications/public-api';
import { actorFacts } from '../auth/actor';
import { People } from '../auth/people';
import type { Principal } from '../auth/principal';
import { UserEntity } from '../auth/user.entity';
import { CLOCK } from '../clock.provider';
import { APP_CONFIG, type AppConfig } from '../config';
import { lockRow } from '../database/row-lock';
import { UnitOfWork } from '../database/unit-of-work';
import { ALL_RETURN_CHECKS, Acquisitions, type AcquiredRequest } from '../disclosures/public-api';
import { DomainException, NotFoundDomainException } from '../http/domain-exception';
import { ruleRefusal } from '../http/workflow-refusal';
import { APPLICATION_STATE_LABELS } from '../workflow/application.labels';
import type { Clock } from '../workflow/clock';
import { buildProductContent, usableReturns } from './product-content.builder';
import type { ProductContent } from './product-content';
import { ProductDisseminationEntity, type DisseminationAction } from './product-dissemination.entity';
import type { DisseminateProductDto, IssueProductDto } from './product.dto';
import { ProductEntity } from './product.entity';
import { toDisseminationResponse, toProductResponse, type DisseminationResponse, type ProductResponse } from './product.mapper';
import { ProductPdfStore } from './product-pdf.store';
import { PRODUCT_SUMMARY_COLUMNS, ProductRecords, toIssuedProduct, type ProductSummary } from './product-records';
import { PRODUCT_STATES, spocRefusal, standingFinal } from './product-rules';
import { createProductPdfPool } from './product.worker';

/** The most rows one product carries: beyond it a product is no longer read at a glance (docs/products.md §1). */
export const PRODUCT_MAX_ROWS = 20_000;

/** What an issue read and decided, before rendering: checked again inside the write. */
interface IssuePlan {
  application: ApplicationForDisclosure;
  content: ProductContent;
  /** What the content rests on: the returns used and their reviews, and the product number. */
  basis: string;
}

/**
 * Products (docs/products.md): issued from the checked returns, frozen, rendered once, never changed, and
 * every sending and download logged.
 *
 * Issuing reads and builds the content in one read, renders the PDF on a worker thread outside any
 * transaction (a 2,000-row product takes a fraction of a second that the SQLite write queue must not wait
 * for), then writes in one transaction, holding the application, after checking that nothing the content
 * rests on changed meanwhile; if something did, the content is built and rendered again inside it. One write
 * transaction per request, so an Idempotency-Key records the product it answered.
 */
/** Who a product may be sent to: the active users of its authority (docs/products.md §5), for the list and the check alike. */
const recipientsOf = (product: { authorityId: string }) => ({ authorityId: product.authorityId, active: true });

@Injectable()
export class ProductsService implements OnModuleDestroy {
  /** Product PDFs are rendered here; public so a test can see that they were. */
  readonly pdfWorkers = createProductPdfPool();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly applications: ApplicationLookup,
    private readonly acquisitions: Acquisitions,
    private readonly records: ProductRecords,
    private readonly pdfs: ProductPdfStore,
    private readonly people: People,
    @Inject(DISCLOSURE_FACTS_READER) private readonly disclosureFacts: DisclosureFactsReader,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: SecurityAuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async issue(principal: Principal, applicationId: string, dto: IssueProductDto): Promise<ProductResponse> {
    const plan = await this.uow.read((m) => this.plan(m, principal, applicationId, dto));
    const pdf = await this.pdfWorkers.render({ content: plan.content });
    return this.uow.run(async (tx) => {
      // One issue at a time per application: the second sees the first's product and takes the next number.
      await lockRow(tx, 'application', applicationId);
      const again = await this.decide(tx, principal, applicationId, dto);
      if (again.basis === plan.basis) return this.store(tx, plan, pdf);
      // Returns, reviews or another product arrived while the PDF rendered: build and render again, under the lock.
      const fresh = await this.plan(tx, principal, applicationId, dto);
      return this.store(tx, fresh, await this.pdfWorkers.render({ content: fresh.content }));
    });
  }

  list(principal: Principal, applicationId: string): Promise<{ items: ProductResponse[] }> {
    return this.uow.read(async (m) => {
      await this.visibleApplication(m, principal, applicationId);
      const rows = await m.find(ProductEntity, { where: { applicationId }, order: { productNumber: 'ASC' }, select: PRODUCT_SUMMARY_COLUMNS });
      return { items: await this.respond(m, rows) };
    });
  }

  get(principal: Principal, id: string): Promise<ProductResponse> {
    return this.uow.read(async (m) => {
      const row = await this.visibleProduct(m, principal, id);
      return (await this.respond(m, [row]))[0];
    });
  }

  /**
   * What issuing would give now, issuing nothing: the same decision and content builder as {@link issue}, so a
   * refusal is the issue's own; nothing is rendered, stored or logged (the SPOC's preview before issuing, issue 20).
   */
  preview(principal: Principal, applicationId: string, dto: IssueProductDto): Promise<ProductContent> {
    return this.uow.read(async (m) => (await this.plan(m, principal, applicationId, dto)).content);
  }

  /** Who the product may be sent to: the active users of its authority, as {@link disseminate} checks (docs/products.md §5). */
  recipients(principal: Principal, id: string): Promise<{ id: string; displayName: string }[]> {
    return this.uow.read(async (m) => {
      const product = await this.visibleProduct(m, principal, id);
      return m.find(UserEntity, { where: recipientsOf(product), select: { id: true, displayName: true }, order: { displayName: 'ASC', id: 'ASC' } });
    });
  }

  /**
   * The PDF as issued, logged as downloaded by the reader (docs/products.md §5) and as a VIEWED event of the
   * security audit stream (issue 24, item 1), both in the transaction that reads it.
   */
  async pdf(principal: Principal, id: string): Promise<{ bytes: Buffer; product: ProductSummary }> {
    return this.uow.run(async (tx) => {
      const product = await this.visibleProduct(tx, principal, id);
      return this.download(tx, principal, product);
    });
  }

  /** The application's latest final product that nothing superseded (what the investigator is given), logged as downloaded. */
  async latestFinalPdf(principal: Principal, applicationId: string): Promise<{ bytes: Buffer; product: ProductSummary }> {
    return this.uow.run(async (tx) => {
      await this.visibleApplication(tx, principal, applicationId);
      const product = standingFinal(await tx.find(ProductEntity, { where: { applicationId }, order: { productNumber: 'DESC' }, select: PRODUCT_SUMMARY_COLUMNS }));
      if (!product) throw new NotFoundDomainException('A final product of the application that has not been superseded');
      return this.download(tx, principal, product);
    });
  }

  /** The product's PDF for `principal`, its download logged and audited (see {@link pdf}). */
  private async download(tx: EntityManager, principal: Principal, product: ProductSummary): Promise<{ bytes: Buffer; product: ProductSummary }> {
    await this.log(tx, product, 'downloaded', principal.id, principal.id, null);
    await this.audit.viewedIn(tx, principal, 'product', product.id);
    return { bytes: await this.pdfs.read(tx, product.id), product };
  }

  /** The SPOC sends the product to a named recipient of its authority (docs/products.md §5). */
  disseminate(principal: Principal, id: string, dto: DisseminateProductDto): Promise<DisseminationResponse> {
    return this.uow.run(async (tx) => {
      const product = await this.visibleProduct(tx, principal, id);
      const application = await this.visibleApplication(tx, principal, product.applicationId);
      const refusal = spocRefusal(actorFacts(principal), application);
      if (refusal) throw ruleRefusal(refusal);
      const recipient = await tx.findOne(UserEntity, { where: { id: dto.recipientId, ...recipientsOf(product) }, select: { id: true } });
      if (!recipient) {
        throw new DomainException('DISSEMINATION_RECIPIENT_INVALID', 'The recipient must be an active user of the product’s authority.', {
          errors: [{ field: 'recipientId', message: 'not an active user of the product’s authority', code: 'DISSEMINATION_RECIPIENT_INVALID' }],
        });
      }
      const entry = await this.log(tx, product, 'sent', recipient.id, principal.id, dto.note);
      return toDisseminationResponse(
        { ...entry, productNumber: product.productNumber },
        await this.people.displayNames(tx, [entry.recipientId, entry.byId]),
      );
    });
  }

  /** The dissemination log of a product, or of every product of an application, oldest first. */
  disseminations(principal: Principal, scope: { productId: string } | { applicationId: string }): Promise<{ items: DisseminationResponse[] }> {
    return this.uow.read(async (m) => {
      const applicationId = 'productId' in scope ? (await this.visibleProduct(m, principal, scope.productId)).applicationId : scope.applicationId;
      if ('applicationId' in scope) await this.visibleApplication(m, principal, applicationId);
      const { disseminations } = await this.records.forApplication(m, applicationId);
      const entries = 'productId' in scope ? disseminations.filter((entry) => entry.productId === scope.productId) : disseminations;
      const names = await this.people.displayNames(m, entries.flatMap((entry) => [entry.recipientId, entry.byId]));
      return { items: entries.map((entry) => toDisseminationResponse(entry, names)) };
    });
  }

  onModuleDestroy(): Promise<void> {
    return this.pdfWorkers.close();
  }

  /** Everything an issue decides from the database, refusing what may not be issued (docs/products.md §1). */
  private async decide(m: EntityManager, principal: Principal, applicationId: string, dto: IssueProductDto) {
    const application = await this.visibleApplication(m, principal, applicationId);
    const refusal = spocRefusal(actorFacts(principal), application);
    if (refusal) throw ruleRefusal(refusal);
    if (!PRODUCT_STATES.includes(application.status)) {
      const state = APPLICATION_STATE_LABELS[application.status].toLowerCase();
      throw new DomainException('PRODUCT_NOT_ALLOWED', `A product cannot be issued while the application's state is "${state}".`);
    }
    if (dto.reason !== undefined && dto.supersedes === undefined) {
      throw new DomainException('VALIDATION_FAILED', 'A reason is given only with the product this one supersedes.', {
        errors: [{ field: 'reason', message: 'only with supersedes', code: 'VALIDATION_FAILED' }],
      });
    }
    if (dto.handling === 'intelligence' && dto.exhibitReference !== undefined) {
      // An exhibit reference on an intelligence product would be dropped without a word: refuse it instead.
      throw new DomainException('VALIDATION_FAILED', 'An exhibit reference is given only for an evidential product.', {
        errors: [{ field: 'exhibitReference', message: 'only for an evidential product', code: 'VALIDATION_FAILED' }],
      });
    }
    const requests = await this.acquisitions.ofApplication(m, applicationId);
    if (dto.kind === 'final') {
      const progress = await this.disclosureFacts.factsFor(m, applicationId);
      if (!progress.facts.disclosuresTerminalAndChecked) {
        throw new DomainException('PRODUCT_FINAL_NOT_READY', 'A final product needs every request to a CSP finished and checked; issue an interim product meanwhile.');
      }
    }
    const used = usableReturns(requests);
    if (used.length === 0 && !requests.some((request) => request.answeredNil)) {
      throw new DomainException(
        'PRODUCT_NOTHING_CHECKED',
        'There is nothing to give yet: no return that may be shown has had every failed check reviewed, and no CSP has answered that it holds no data.',
      );
    }
    const rowCount = await this.acquisitions.countRows(m, used.map((ret) => ret.id));
    if (rowCount > PRODUCT_MAX_ROWS) {
      throw new DomainException('PRODUCT_TOO_LARGE', `The checked returns hold ${rowCount} rows; a product carries at most ${PRODUCT_MAX_ROWS}.`);
    }
    const previous = await m.find(ProductEntity, { where: { applicationId }, select: { id: true, productNumber: true, supersedesId: true } });
    const supersedes = dto.supersedes ? this.supersedable(previous, dto.supersedes, dto.reason ?? '') : null;
    const productNumber = Math.max(0, ...previous.map((p) => p.productNumber)) + 1;
    // Everything the content is built from besides the rows (which never change once stored): requests, returns, reviews.
    const basis = JSON.stringify({ productNumber, requests });
    return { application, requests, used, supersedes, productNumber, basis };
  }

  /** The decision, and the content built from it with the rows of the returns used. */
  private async plan(m: EntityManager, principal: Principal, applicationId: string, dto: IssueProductDto): Promise<IssuePlan> {
    const { application, requests, used, supersedes, productNumber, basis } = await this.decide(m, principal, applicationId, dto);
    const rows = await this.acquisitions.rowsOf(m, used.map((ret) => ret.id));
    const names = await this.people.displayNames(m, [principal.id, ...personIds(requests)]);
    const content = buildProductContent({
      productId: randomUUID(),
      productNumber,
      kind: dto.kind,
      handling: dto.handling,
      marking: this.config.products.marking,
      intelligenceWithholds: this.config.products.intelligenceWithholds,
      issuedAt: this.clock.now(),
      issuedBy: { id: principal.id, displayName: principal.displayName },
      supersedes,
      exhibitReference: dto.handling === 'evidential' ? (dto.exhibitReference ?? null) : null,
      application: {
        urn: application.urn,
        authorityName: application.authorityName,
        route: application.route,
        officeRank: application.decision?.officeRank ?? null,
        decidedAt: application.decision?.decidedAt ?? null,
        validFrom: application.validFrom,
        expiresAt: application.expiresAt,
        statutoryPurpose: application.form.statutoryPurpose ?? null,
      },
      requests,
      rows,
      names,
      allChecks: ALL_RETURN_CHECKS,
    });
    return { application, content, basis };
  }

  /** The product `id` of this application, not yet superseded, as the content names it. */
  private supersedable(previous: Pick<ProductEntity, 'id' | 'productNumber' | 'supersedesId'>[], id: string, reason: string) {
    const target = previous.find((p) => p.id === id);
    if (!target) {
      throw new DomainException('VALIDATION_FAILED', 'The product to supersede is not a product of this application.', {
        errors: [{ field: 'supersedes', message: 'not a product of this application', code: 'VALIDATION_FAILED' }],
      });
    }
    if (previous.some((p) => p.supersedesId === id)) throw new DomainException('PRODUCT_ALREADY_SUPERSEDED', `Product ${target.productNumber} has already been superseded.`);
    return { productId: id, productNumber: target.productNumber, reason };
  }

  private async store(tx: EntityManager, plan: IssuePlan, pdf: Buffer): Promise<ProductResponse> {
    const { content, application } = plan;
    const canonical = canonicalize(content);
    if (canonical === undefined) throw new Error('product content has no canonical JSON');
    const row = tx.create(ProductEntity, {
      id: content.productId,
      applicationId: application.id,
      authorityId: application.authorityId,
      productNumber: content.productNumber,
      kind: content.kind,
      handling: content.handling,
      supersedesId: content.supersedes?.productId ?? null,
      supersedeReason: content.supersedes?.reason ?? null,
      exhibitReference: content.exhibit?.reference ?? null,
      content: canonical,
      contentSha256: sha256(canonical),
      pdfSha256: sha256(pdf),
      pdfSize: pdf.length,
      rowCount: content.records.length,
      returnSha256s: content.requests.flatMap((request) => request.returns.map((r) => r.sha256)),
      withheld: content.withheld,
      issuedBy: content.issuedBy.id,
      issuedAt: new Date(content.issuedAt),
    });
    await tx.insert(ProductEntity, row);
    await this.pdfs.write(tx, row.id, pdf);
    return (await this.respond(tx, [row]))[0];
  }

  private async respond(m: EntityManager, rows: ProductSummary[]): Promise<ProductResponse[]> {
    if (rows.length === 0) return [];
    const successors = await m.find(ProductEntity, { where: { supersedesId: In(rows.map((r) => r.id)) }, select: { id: true, supersedesId: true } });
    const next = new Map(successors.map((s) => [s.supersedesId as string, s.id]));
    const names = await this.people.displayNames(m, rows.map((r) => r.issuedBy));
    return rows.map((row) =>
      toProductResponse(
        { ...toIssuedProduct(row, next.get(row.id) ?? null), applicationId: row.applicationId, pdfSize: row.pdfSize, withheld: row.withheld },
        names,
      ),
    );
  }

  private async log(tx: EntityManager, product: ProductSummary, action: DisseminationAction, recipientId: string, byId: string, note: string | null) {
    const entry = tx.create(ProductDisseminationEntity, {
      id: randomUUID(),
      productId: product.id,
      applicationId: product.applicationId,
      authorityId: product.authorityId,
      action,
      recipientId,
      byId,
      note,
      at: this.clock.now(),
    });
    await tx.insert(ProductDisseminationEntity, entry);
    return entry;
  }

  private async visibleApplication(m: EntityManager, principal: Principal, id: string): Promise<ApplicationForDisclosure> {
    const application = await this.applications.forDisclosure(m, id, principal);
    if (!application) throw new NotFoundDomainException('The application');
    return application;
  }

  /** The product, if the caller may see its application (need-to-know); else 404. */
  private async visibleProduct(m: EntityManager, principal: Principal, id: string): Promise<ProductSummary> {
    const product = await m.findOne(ProductEntity, { where: { id }, select: PRODUCT_SUMMARY_COLUMNS });
    const application = product ? await this.applications.forDisclosure(m, product.applicationId, principal) : null;
    if (!product || !application) throw new NotFoundDomainException('The product');
    return product;
  }
}

function personIds(requests: readonly AcquiredRequest[]): string[] {
  return requests.flatMap((request) => [
    ...(request.sentBy ? [request.sentBy] : []),
    ...(request.checkedBy ? [request.checkedBy] : []),
    ...request.returns.flatMap((ret) => [ret.receivedBy, ...ret.failedChecks.flatMap((check) => (check.reviewedBy ? [check.reviewedBy] : []))]),
  ]);
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
