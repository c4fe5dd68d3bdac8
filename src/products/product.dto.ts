import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { TEXT_MAX } from '../applications/public-api';
import { PRODUCT_HANDLINGS, PRODUCT_KINDS, type ProductHandling, type ProductKind } from './product-content';

/** The longest exhibit reference (e.g. "JS/1"): short, as an officer writes it on a label. */
export const EXHIBIT_REFERENCE_MAX = 100;

/** `POST /applications/:id/products`: issue a product from the checked returns (docs/products.md §1). */
export class IssueProductDto {
  @ApiProperty({ enum: PRODUCT_KINDS, description: 'interim: while requests are still open (e.g. a threat to life); final: what ISSUE_PRODUCT needs' })
  @IsIn(PRODUCT_KINDS)
  kind!: ProductKind;

  @ApiProperty({ enum: PRODUCT_HANDLINGS, description: 'intelligence (with the handling caveat, leaving out what is withheld) or evidential (an exhibit, with continuity)' })
  @IsIn(PRODUCT_HANDLINGS)
  handling!: ProductHandling;

  @ApiPropertyOptional({ maxLength: EXHIBIT_REFERENCE_MAX, description: 'required for an evidential product: the exhibit reference, e.g. JS/1' })
  @ValidateIf((dto: IssueProductDto) => dto.handling === 'evidential' || dto.exhibitReference !== undefined)
  @IsString()
  @Matches(/\S/, { message: 'exhibitReference must not be blank' })
  @MaxLength(EXHIBIT_REFERENCE_MAX)
  exhibitReference?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'the product this one corrects and replaces (a reason is then required)' })
  @IsOptional()
  @IsUUID()
  supersedes?: string;

  @ApiPropertyOptional({ maxLength: TEXT_MAX, description: 'why the product it supersedes is replaced; required with `supersedes`' })
  @ValidateIf((dto: IssueProductDto) => dto.supersedes !== undefined || dto.reason !== undefined)
  @IsString()
  @Matches(/\S/, { message: 'reason must not be blank' })
  @MaxLength(TEXT_MAX)
  reason?: string;
}

/** `POST /products/:id/disseminations`: the SPOC sends the product to a named recipient of its authority. */
export class DisseminateProductDto {
  @ApiProperty({ format: 'uuid', description: 'the user who receives it: a user of the product’s authority' })
  @IsUUID()
  recipientId!: string;

  @ApiProperty({ maxLength: TEXT_MAX, description: 'why it is sent to them, in plain English' })
  @IsString()
  @MinLength(1)
  @Matches(/\S/, { message: 'note must not be blank' })
  @MaxLength(TEXT_MAX)
  note!: string;
}
