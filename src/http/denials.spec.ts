import { Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainException } from './domain-exception';
import { type Denial, recordDenial } from './denials';
import { answerFailed, problemOf } from './problem-details.filter';

/** A refusal is answered whatever becomes of its record in the security audit stream (src/http/denials.ts). */
describe('recording a denial', () => {
  const request = { method: 'GET', path: '/applications', params: {}, route: { path: '/applications' } } as unknown as Request;
  const refusal = new DomainException('AUTH_REQUIRED', 'A bearer token is required.');

  it('hands the recorder who, what and why, and nothing for an answer that is no denial', async () => {
    const seen: Denial[] = [];
    const recorder = { denied: (d: Denial) => Promise.resolve(void seen.push(d)) };
    await recordDenial(recorder, refusal, problemOf(refusal, 'trace-1'), request);
    const invalid = new DomainException('VALIDATION_FAILED', 'Bad.');
    await recordDenial(recorder, invalid, problemOf(invalid, 'trace-2'), request);
    expect(seen).toEqual([{ actor: null, method: 'GET', route: '/applications', subjectId: null, status: 401, code: 'AUTH_REQUIRED', traceId: 'trace-1' }]);
  });

  it('logs a recorder that fails, and lets the refusal go on', async () => {
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    await expect(recordDenial({ denied: () => Promise.reject(new Error('database gone')) }, refusal, problemOf(refusal, 'trace-3'), request)).resolves.toBeUndefined();
    expect(error).toHaveBeenCalledWith(expect.stringContaining('trace-3'));
    error.mockRestore();
  });

  it('ends a request whose answer failed with a bare 500, once', () => {
    const logger = { error: jest.fn() } as unknown as Logger;
    const response = { headersSent: false, status: jest.fn().mockReturnThis(), end: jest.fn() };
    answerFailed(logger, new Error('template missing'), response as unknown as Response);
    expect(response.status).toHaveBeenCalledWith(500);
    expect(response.end).toHaveBeenCalledTimes(1);
    answerFailed(logger, new Error('again'), { ...response, headersSent: true, end: jest.fn() } as unknown as Response);
    expect(response.end).toHaveBeenCalledTimes(1);
  });
});
