import { describe, expect, it } from 'vitest';
import { parseConfig } from './config.js';

describe('orgwire.yaml aliases', () => {
  it('reports an alias to an anchor never set as an input error, not a crash', () => {
    expect(parseConfig('catalog: *nowhere\n', 'orgwire.yaml').problems).toEqual([
      expect.objectContaining({ code: 'yaml/syntax', file: 'orgwire.yaml', line: 1 }),
    ]);
  });
});

describe('orgwire.yaml bot patterns', () => {
  it('reports a /regular expression/ that does not compile, with its line', () => {
    const text = 'identities:\n  bots:\n    extra:\n      - ci@example.com\n      - /build-(/\n';
    expect(parseConfig(text, 'orgwire.yaml').problems).toEqual([
      expect.objectContaining({
        code: 'config/invalid',
        line: 5,
        message: 'identities.bots.extra.1 is not a valid regular expression',
      }),
    ]);
  });
});
