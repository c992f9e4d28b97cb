import { describe, expect, it } from 'vitest';
import { parseConfig } from './config.js';

describe('orgwire.yaml aliases', () => {
  it('reports an alias to an anchor never set as an input error, not a crash', () => {
    expect(parseConfig('catalog: *nowhere\n', 'orgwire.yaml').problems).toEqual([
      expect.objectContaining({ code: 'yaml/syntax', file: 'orgwire.yaml', line: 1 }),
    ]);
  });
});
