import type { Type } from '@nestjs/common';
import { createValidationPipe } from '../../http/validation';

const pipe = createValidationPipe();

/**
 * A form's answers as the API's DTO, checked by the API's own validation pipe (src/http/validation.ts): the
 * same constraints and the same messages, refused with VALIDATION_FAILED and field paths the page's error
 * summary links to (src/web/web-exception.filter.ts).
 */
export async function validateAs<T extends object>(dto: Type<T>, plain: Record<string, unknown>): Promise<T> {
  return (await pipe.transform(plain, { type: 'body', metatype: dto })) as T;
}
