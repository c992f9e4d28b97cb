import { describe, expect, it } from 'vitest';
import { loadCatalog } from './load-catalog.js';

const load = (text: string) => loadCatalog([{ path: 'catalog/org.yaml', text }]);
const errors = (text: string) =>
  load(text)
    .problems.filter((p) => p.severity === 'error')
    .map((p) => ({ line: p.line, entity: p.entity, message: p.message, hint: p.hint }));

const GROUP = `apiVersion: backstage.io/v1alpha1
kind: Group
metadata: {name: web}
spec: {type: team, children: []}
---
`;
const userWith = (profile: string) =>
  `${GROUP}apiVersion: backstage.io/v1alpha1
kind: User
metadata: {name: alice}
spec:
  memberOf: [web]
  profile: ${profile}
`;

describe('readEntity on fields of the wrong type', () => {
  it.each([
    ['a number', '{email: 5}', 'spec.profile.email must be a string, not number 5'],
    ['a list', '{email: [a@x.example]}', 'spec.profile.email must be a string, not a list'],
    ['a mapping', '{email: {a: 1}}', 'spec.profile.email must be a string, not a mapping'],
    [
      'a boolean',
      '{displayName: true}',
      'spec.profile.displayName must be a string, not boolean true',
    ],
  ])(
    'reports a User profile field that is %s as an input error, with file, line and entity',
    (_, profile, message) => {
      expect(errors(userWith(profile))).toEqual([
        expect.objectContaining({ line: 11, entity: 'user:default/alice', message }),
      ]);
    },
  );

  it('still checks the references of the fields that are right when one field is wrong', () => {
    const text = `${GROUP}apiVersion: backstage.io/v1alpha1
kind: User
metadata: {name: alice}
spec:
  memberOf: [web, nobody]
  profile: {email: 5}
`;
    expect(errors(text).map((e) => e.message)).toEqual([
      'spec.memberOf[1] points at group:default/nobody, which is not in the catalog',
      'spec.profile.email must be a string, not number 5',
    ]);
  });

  it('reports annotations and labels written as a list or a scalar, not crashing on them', () => {
    const text = `${GROUP}apiVersion: backstage.io/v1alpha1
kind: User
metadata: {name: alice, annotations: [a, b], labels: text}
spec: {memberOf: [web]}
`;
    expect(errors(text).map((e) => e.message)).toEqual([
      'metadata.annotations must be a mapping, not a list',
      'metadata.labels must be a mapping, not "text"',
    ]);
  });

  it('names the missing interaction mode instead of "undefined undefined"', () => {
    const text = `apiVersion: backstage.io/v1alpha1
kind: Group
metadata: {name: web}
spec:
  type: team
  children: []
  interactions:
    - with: web
`;
    const [error] = errors(text);
    expect(error?.message).toBe(
      'spec.interactions[0].mode is required: one of collaboration, x-as-a-service, facilitating',
    );
    expect(error?.message).not.toContain('undefined');
    expect(error?.hint).toBe(
      'Add spec.interactions[0].mode: collaboration, x-as-a-service or facilitating.',
    );
  });
});
