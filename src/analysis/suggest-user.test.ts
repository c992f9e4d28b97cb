import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCatalog, type User } from '../model/index.js';
import {
  createUserSuggester,
  normalizeName,
  SUGGESTION_THRESHOLD,
  similarity,
} from './suggest-user.js';

const user = (name: string, displayName?: string, login?: string, email?: string) => `
apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: ${name}
  ${login ? `annotations: {github.com/user-login: ${login}}` : ''}
spec:
  memberOf: []
  profile: {${displayName ? `displayName: "${displayName}"` : ''}${email ? `${displayName ? ', ' : ''}email: ${email}` : ''}}
`;

const users: User[] = loadCatalog([
  {
    path: 'users.yaml',
    text: [
      user('john-howard', 'John Howard', 'howardjohn', 'john.howard@corp.example'),
      user('jose-ortiz', 'José Ortíz'),
      user('mei-chen', 'Mei Chen', 'meichen'),
      user('costin', undefined, 'costinm'),
    ].join('---\n'),
  },
]).catalog.users;
const suggest = createUserSuggester(users);

describe('createUserSuggester', () => {
  it.each([
    ['the same display name', { name: 'John Howard', email: 'jh@laptop.local' }, 'john-howard', 1],
    [
      'the same name without accents',
      { name: 'Jose Ortiz', email: 'x@y.example' },
      'jose-ortiz',
      1,
    ],
    [
      'initial and surname in the e-mail',
      { name: 'J', email: 'jhoward@other.example' },
      'john-howard',
      0.95,
    ],
    ['a surname-first name', { name: 'Howard, John', email: 'x@y.example' }, 'john-howard', 1],
    ['a login of surname and initial', { name: 'Ed Costin', email: 'x@y.example' }, 'costin', 0.84],
    [
      'the login as e-mail local part',
      { name: 'M', email: '99+meichen@users.noreply.github.com' },
      'mei-chen',
      1,
    ],
    ['a name one letter off', { name: 'Mei Chenn', email: 'x@y.example' }, 'mei-chen', 0.89],
    ['a login one letter off', { name: 'C', email: 'costinn@x.example' }, 'costin', 0.89],
  ])('suggests a User for %s', (_, person, name, score) => {
    const s = suggest(person);
    expect(s?.user).toBe(`user:default/${name}`);
    expect(s?.score).toBe(score);
    expect(s?.why).toMatch(/"/);
  });

  it('scores a login cut short from a name by how much of it the login keeps', () => {
    expect(similarity('petrmcallister', 'petrmc')).toBeCloseTo(0.8 + (0.1 * 6) / 14);
    expect(similarity('petrmc', 'petrmcallister')).toBeCloseTo(0.8 + (0.1 * 6) / 14);
    // Too short a beginning says nothing.
    expect(similarity('petr', 'petrmcallister')).toBeCloseTo(1 - 10 / 14);
    expect(similarity('abcdef', 'abcdef')).toBe(1);
  });

  it('says which names met', () => {
    expect(suggest({ name: 'Mei Chenn', email: 'x@y.example' })?.why).toBe(
      'name "Mei Chenn" ~ login "meichen"',
    );
    // A shape of the name is weaker evidence than the name: Jon Howard is jhoward too.
    expect(suggest({ name: 'Jon Howard', email: 'x@y.example' })).toEqual({
      user: 'user:default/john-howard',
      score: 0.95,
      why: 'initial and surname of name "Jon Howard" = initial and surname of display name "John Howard"',
    });
  });

  it('suggests nobody when no name is close', () => {
    expect(suggest({ name: 'Priya Raman', email: 'priya@corp.example' })).toBeNull();
    expect(suggest({ name: 'ab', email: 'x@y' })).toBeNull();
  });

  it('normalizes case, accents, spaces and punctuation away', () => {
    expect(normalizeName('José Ortíz-Gil')).toBe('joseortizgil');
    expect(normalizeName('MEI.chen_01')).toBe('meichen01');
  });

  it('gives the same answer whatever order the users come in, above the threshold (property)', () => {
    const names = fc.string({ minLength: 0, maxLength: 12 });
    fc.assert(
      fc.property(
        names,
        names,
        fc.shuffledSubarray(users, { minLength: users.length }),
        (name, local, order) => {
          const person = { name, email: `${local}@x.example` };
          const a = suggest(person);
          const b = createUserSuggester(order)(person);
          expect(b).toEqual(a);
          if (a) {
            expect(a.score).toBeGreaterThanOrEqual(SUGGESTION_THRESHOLD);
            expect(a.score).toBeLessThanOrEqual(1);
          }
        },
      ),
    );
  });
});
