import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { Roles } from '../common/route-policy';
import { ApiCommand, ApiProblems, IDEMPOTENT_REPLAYED_HEADER } from '../http/openapi';
import { DisseminateProductDto, IssueProductDto } from './product.dto';
import type { ProductSummary } from './product-records';
import { Dissemination, DisseminationList, Product, ProductList } from './products.responses';
import { ProductsService } from './products.service';

const ID = new ParseUUIDPipe();
/** Who may read an application's products: whoever may see the application (the service checks need-to-know). */
const READERS = ['applicant', 'spoc', 'dso', 'sro'] as const;

const PDF_RESPONSE = {
  description: 'the PDF exactly as issued (its SHA-256 is the product’s `pdfSha256`), marked on every page; the download is logged',
  content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  headers: { 'Repr-Digest': { description: 'the SHA-256 of the bytes (RFC 9530), `sha-256=:<base64>:`', schema: { type: 'string' } } },
} as const;

/** Sends a product's PDF with its digest; never cached, since every download is logged (docs/products.md §5). */
function sendPdf(response: Response, { bytes, product }: { bytes: Buffer; product: ProductSummary }): StreamableFile {
  response.setHeader('repr-digest', `sha-256=:${Buffer.from(product.pdfSha256, 'hex').toString('base64')}:`);
  response.setHeader('cache-control', 'no-store');
  return new StreamableFile(bytes, { type: 'application/pdf', disposition: `inline; filename="product-${product.productNumber}-${product.id}.pdf"` });
}

/** An application's products (docs/architecture.md §8; docs/products.md). */
@ApiTags('products')
@ApiBearerAuth()
@Controller('applications/:id')
@ApiProblems(401, 403)
export class ApplicationProductsController {
  constructor(private readonly products: ProductsService) {}

  @Post('products')
  @Roles('spoc')
  @ApiOperation({
    operationId: 'issueProduct',
    summary: 'Issue a product from the checked returns: its content frozen, its PDF rendered once, never changed afterwards',
    description: 'A correction is a new product that names the one it supersedes, with a reason. A final product needs every request finished and checked.',
  })
  @ApiCreatedResponse({ type: Product, headers: IDEMPOTENT_REPLAYED_HEADER })
  @ApiCommand()
  @ApiProblems(404)
  issue(@CurrentPrincipal() p: Principal, @Param('id', ID) id: string, @Body() dto: IssueProductDto) {
    return this.products.issue(p, id, dto);
  }

  @Get('products')
  @Roles(...READERS)
  @ApiOperation({ operationId: 'listProducts', summary: 'The application’s products, oldest first' })
  @ApiOkResponse({ type: ProductList })
  @ApiProblems(400, 404)
  list(@CurrentPrincipal() p: Principal, @Param('id', ID) id: string) {
    return this.products.list(p, id);
  }

  @Get('product.pdf')
  @Roles(...READERS)
  @ApiProduces('application/pdf')
  @ApiOperation({ operationId: 'getLatestFinalProductPdf', summary: 'The PDF of the application’s latest final product' })
  @ApiOkResponse(PDF_RESPONSE)
  @ApiProblems(400, 404)
  async latestFinal(@CurrentPrincipal() p: Principal, @Param('id', ID) id: string, @Res({ passthrough: true }) response: Response) {
    return sendPdf(response, await this.products.latestFinalPdf(p, id));
  }

  @Get('disseminations')
  @Roles(...READERS)
  @ApiOperation({ operationId: 'listApplicationDisseminations', summary: 'Who received or downloaded each of the application’s products, and when' })
  @ApiOkResponse({ type: DisseminationList })
  @ApiProblems(400, 404)
  disseminations(@CurrentPrincipal() p: Principal, @Param('id', ID) id: string) {
    return this.products.disseminations(p, { applicationId: id });
  }
}

/** One product (docs/architecture.md §8; docs/products.md). */
@ApiTags('products')
@ApiBearerAuth()
@Controller('products/:id')
@ApiProblems(401, 403)
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({ operationId: 'getProduct', summary: 'A product: what it is, what it supersedes and its hashes' })
  @ApiOkResponse({ type: Product })
  @ApiProblems(400, 404)
  get(@CurrentPrincipal() p: Principal, @Param('id', ID) id: string) {
    return this.products.get(p, id);
  }

  @Get('pdf')
  @Roles(...READERS)
  @ApiProduces('application/pdf')
  @ApiOperation({ operationId: 'getProductPdf', summary: 'The product’s PDF, exactly as issued' })
  @ApiOkResponse(PDF_RESPONSE)
  @ApiProblems(400, 404)
  async pdf(@CurrentPrincipal() p: Principal, @Param('id', ID) id: string, @Res({ passthrough: true }) response: Response) {
    return sendPdf(response, await this.products.pdf(p, id));
  }

  @Post('disseminations')
  @Roles('spoc')
  @ApiOperation({ operationId: 'disseminateProduct', summary: 'Record that the product was sent to a named recipient of its authority' })
  @ApiCreatedResponse({ type: Dissemination, headers: IDEMPOTENT_REPLAYED_HEADER })
  @ApiCommand()
  @ApiProblems(404)
  disseminate(@CurrentPrincipal() p: Principal, @Param('id', ID) id: string, @Body() dto: DisseminateProductDto) {
    return this.products.disseminate(p, id, dto);
  }

  @Get('disseminations')
  @Roles(...READERS)
  @ApiOperation({ operationId: 'listProductDisseminations', summary: 'Who received or downloaded the product, and when' })
  @ApiOkResponse({ type: DisseminationList })
  @ApiProblems(400, 404)
  disseminations(@CurrentPrincipal() p: Principal, @Param('id', ID) id: string) {
    return this.products.disseminations(p, { productId: id });
  }
}
