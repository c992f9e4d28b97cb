import fc from 'fast-check';
import { describe } from 'vitest';
import { parseConfig } from '../../src/model/index.js';
import { mutated, mutatedText, toYaml, yamlValue } from './arbitraries.js';
import { fuzzParser } from './fuzz-parser.js';

/** orgwire.yaml with every setting there is. */
const FULL = {
  catalog: 'catalog',
  ignore: ['docs/**', '!docs/api/**'],
  needs: { minWeight: 2 },
  identities: {
    bots: { include: false, extra: ['ci@example.com', '/^build-/'] },
    aliases: { 'old@example.com': 'alice' },
  },
  requests: {
    jira: { provider: 'Project', requester: 'Labels', teams: { BILL: 'billing' } },
    github: { provider: 'platform', requesterLabelPrefix: 'from:', providerLabelPrefix: 'to:' },
  },
  rules: { 'team/size': 'warning', 'bet/goal-link': 'off' },
};
const parse = (text: string) => parseConfig(text, 'orgwire.yaml');
const show = (text: string) => text;

describe('orgwire.yaml fuzzing', () => {
  fuzzParser('config (settings)', mutated(FULL).map(toYaml), parse, show);
  fuzzParser('config (YAML text)', mutatedText(toYaml(FULL)), parse, show);
  fuzzParser(
    'config (any document)',
    fc.oneof(yamlValue.map(toYaml), fc.string({ maxLength: 200 })),
    parse,
    show,
  );
});
