import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError } from '../app/api.ts';
import { jobSource, lookupFailure } from './job-source.ts';

const pending = { status: 'pending' } as const;
const found = { status: 'success' } as const;
const failed = (error: unknown) => ({ status: 'error', error }) as const;

describe('where the job screen takes a job from', () => {
  it('waits for IndexedDB before anything else, and prefers the device whenever the job is on it', () => {
    for (const online of [true, false]) {
      for (const server of [pending, found, failed(new NetworkError(null))]) {
        expect(jobSource('loading', online, server)).toBe('loading');
        expect(jobSource('present', online, server)).toBe('local');
      }
    }
  });

  it('asks the server only when the job is not here and there is a connection', () => {
    expect(jobSource('absent', true, pending)).toBe('fetching');
    expect(jobSource('absent', true, found)).toBe('server');
    // Offline wins over a copy fetched earlier: the browser says there is no connection now.
    expect(jobSource('absent', false, pending)).toBe('offline');
    expect(jobSource('absent', false, found)).toBe('offline');
  });

  it('tells no answer, no such job and a server fault apart', () => {
    expect(jobSource('absent', true, failed(new NetworkError(new TypeError('Failed to fetch'))))).toBe('offline');
    for (const status of [400, 403, 404]) {
      expect(jobSource('absent', true, failed(new ApiError(status, 'not_found', 'no')))).toBe('notFound');
    }
    expect(jobSource('absent', true, failed(new ApiError(500, 'internal', 'boom')))).toBe('failed');
    expect(lookupFailure(new ApiError(200, 'internal', 'a body the schema refused'))).toBe('failed');
    expect(lookupFailure(new Error('anything else'))).toBe('failed');
  });
});
