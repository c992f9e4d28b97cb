import fc from 'fast-check';
import { describe } from 'vitest';
import { loadCatalog } from '../../src/model/index.js';
import { mutated, mutatedText, toYaml, yamlValue } from './arbitraries.js';
import { KINDS, TEMPLATES, withOthers } from './catalog-templates.js';
import { fuzzParser } from './fuzz-parser.js';

const load = (text: string) => loadCatalog([{ path: 'catalog/fuzz.yaml', text }]);

describe('catalog YAML fuzzing', () => {
  // Any field of any kind holding any YAML value (or missing), beside valid entities.
  fuzzParser(
    'catalog (fields of every kind)',
    fc
      .constantFrom(...KINDS)
      .chain((kind) => mutated(TEMPLATES[kind]).map((doc) => ({ kind, doc }))),
    ({ kind, doc }) => load(withOthers(kind, doc)),
    ({ doc }) => toYaml(doc),
  );

  // The whole catalog as text, edited with YAML syntax: tags, anchors, directives, brackets.
  fuzzParser(
    'catalog (YAML text)',
    fc.constantFrom(...KINDS).chain((kind) => mutatedText(toYaml(TEMPLATES[kind]))),
    load,
    (text) => text,
  );

  // Whatever YAML and whatever text, no catalog at all.
  fuzzParser(
    'catalog (any document)',
    fc.oneof(yamlValue.map(toYaml), fc.string({ maxLength: 200 })),
    load,
    (text) => text,
  );
});
