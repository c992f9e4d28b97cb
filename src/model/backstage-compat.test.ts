import {
  parseEntityRef as backstageParse,
  stringifyEntityRef as backstageStringify,
  KubernetesValidatorFunctions,
  makeValidator,
} from '@backstage/catalog-model';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEntityRef, stringifyEntityRef } from './entity-ref.js';
import {
  isValidAnnotationKey,
  isValidApiVersion,
  isValidEntityName,
  isValidKind,
  isValidLabelValue,
  isValidNamespace,
  isValidTag,
} from './validators.js';

// Strings drawn from the characters that matter to these rules, so that both valid and
// invalid values come up often.
const chars = fc.constantFrom(...'aAzZ09-_.:/#+ '.split(''), 'b', 'x', 'K', '1');
const text = fc.oneof(
  fc.string({ unit: chars, maxLength: 12 }),
  fc.string({ unit: chars, minLength: 60, maxLength: 70 }),
  fc.constantFrom(
    'backstage.io/v1alpha1',
    'orgwire.dev/team-type',
    'github.com/team-slug',
    'a/b/c',
    '',
  ),
);

describe('name rules agree with @backstage/catalog-model', () => {
  it.each([
    ['entity name', isValidEntityName, KubernetesValidatorFunctions.isValidObjectName],
    ['namespace', isValidNamespace, KubernetesValidatorFunctions.isValidNamespace],
    ['kind', isValidKind, KubernetesValidatorFunctions.isValidKind],
    ['apiVersion', isValidApiVersion, KubernetesValidatorFunctions.isValidApiVersion],
    ['annotation key', isValidAnnotationKey, KubernetesValidatorFunctions.isValidAnnotationKey],
    ['label value', isValidLabelValue, KubernetesValidatorFunctions.isValidLabelValue],
    ['tag', isValidTag, makeValidator().isValidTag],
  ] as const)('%s', (_, ours, theirs) => {
    fc.assert(
      fc.property(text, (value) => {
        expect(ours(value)).toBe(theirs(value));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('entity references agree with @backstage/catalog-model', () => {
  const part = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9-]{0,6}$/);
  const ref = fc
    .tuple(fc.option(part), fc.option(part), part)
    .map(
      ([kind, ns, name]) =>
        `${kind === null ? '' : `${kind}:`}${ns === null ? '' : `${ns}/`}${name}`,
    );
  const written = fc.oneof(ref, fc.string({ unit: chars, maxLength: 14 }));

  it('resolves what Backstage resolves to the same canonical reference', () => {
    fc.assert(
      fc.property(
        written,
        fc.option(fc.constantFrom('Group', 'Component')),
        (value, defaultKind) => {
          const context = { defaultNamespace: 'default', ...(defaultKind ? { defaultKind } : {}) };
          const ours = parseEntityRef(value, context);
          let theirs: string | undefined;
          try {
            theirs = backstageStringify(backstageParse(value, context));
          } catch {
            theirs = undefined;
          }
          // Ours also checks each part's shape, so it may refuse more; it never disagrees.
          if (ours.ok) expect(stringifyEntityRef(ours.ref)).toBe(theirs);
          if (theirs === undefined) expect(ours.ok).toBe(false);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
