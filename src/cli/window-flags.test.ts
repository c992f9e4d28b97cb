import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { checkSince, windowFlags } from './window-flags.js';

const newest = Date.parse('2026-10-30T15:00:00Z') / 1000;

describe('checkSince', () => {
  it('accepts a --since on the newest commit’s day or before it', () => {
    expect(() => checkSince(windowFlags({ since: '2026-10-30' }), newest, 'commit')).not.toThrow();
    expect(() => checkSince(windowFlags({ since: '2026-01-01' }), newest, 'commit')).not.toThrow();
    expect(() => checkSince(windowFlags({}), newest, 'commit')).not.toThrow();
  });

  it('accepts any --since when there is nothing at all', () => {
    expect(() =>
      checkSince(windowFlags({ since: '2027-01-01' }), undefined, 'commit'),
    ).not.toThrow();
  });

  it('refuses a --since after the newest commit, naming its day and what to do', () => {
    const late = () =>
      checkSince(windowFlags({ since: '2026-10-31', window: '30d' }), newest, 'commit');
    expect(late).toThrow(AppError);
    expect(late).toThrow(
      expect.objectContaining({
        code: 'invalid-input',
        message: '--since 2026-10-31 is after the newest commit (2026-10-30).',
        hint: 'Pass an earlier --since, or leave it out to analyse the last 30 days.',
      }),
    );
  });

  it('names requests for the queues, and the days up to --until when it is given', () => {
    expect(() =>
      checkSince(windowFlags({ since: '2027-01-01', until: '2027-02-01' }), newest, 'request'),
    ).toThrow(
      expect.objectContaining({
        message: '--since 2027-01-01 is after the newest request (2026-10-30).',
        hint: 'Pass an earlier --since, or leave it out to analyse the 90 days up to --until.',
      }),
    );
  });
});
