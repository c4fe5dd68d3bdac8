/**
 * Validation of the report's free-text fields against their limits (cd-error.limits.ts), documented in
 * the OpenAPI with the same number.
 */
import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { MaxLength } from 'class-validator';
import { REPORT_TEXT_LIMITS, type ReportTextField } from './cd-error.limits';

/**
 * `@MaxLength` with the field's limit, and the same number as `maxLength` in the OpenAPI document. Merges
 * with the property's own `@ApiPropertyOptional`, whichever is applied first.
 */
export function MaxReportText(field: ReportTextField): PropertyDecorator {
  const limit = REPORT_TEXT_LIMITS[field];
  return applyDecorators(MaxLength(limit), ApiPropertyOptional({ maxLength: limit }));
}
