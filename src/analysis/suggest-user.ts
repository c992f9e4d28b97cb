import { distance } from 'fastest-levenshtein';
import type { Person, User } from '../model/index.js';

/** The User an unmatched author most likely is, never applied without the user's say. */
export interface UserSuggestion {
  /** The User's reference. */
  user: string;
  /**
   * Similarity in [0, 1]: 1 − edit distance ÷ the longer length, of the closest pair of
   * keys, times 0.95 when either key is a shape of a name rather than the name itself.
   */
  score: number;
  /** Which of the author's names met which of the User's, e.g. `name "Ana Lima" ~ display name "Ana Lima"`. */
  why: string;
}

/** Suggestions below this similarity are not made. */
export const SUGGESTION_THRESHOLD = 0.8;

/**
 * Lower-case letters and digits only, accents dropped: `José Ortíz-Gil` → `joseortizgil`.
 * Names are compared this way so that spacing, punctuation and accents do not count.
 */
export function normalizeName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

interface Key {
  text: string;
  label: string;
  /** 1 for a name as written; {@link SHAPE_WEIGHT} for a shape made from it. */
  weight: number;
}

/**
 * A match through a name's shape (`jhoward` for John Howard) is weaker evidence than one
 * through the name itself: Jon Howard has that shape too. Its similarity is scaled by this.
 */
const SHAPE_WEIGHT = 0.95;

/**
 * The usual shapes of a login or an e-mail made from a full name: first initial +
 * surname, first name + surname's initial, surname + first name, surname + first
 * initial. `Last, First` is read as `First Last`. Empty for a one-word name.
 */
function nameShapes(fullName: string): { text: string; shape: string }[] {
  const comma = fullName.split(',');
  const ordered = comma.length === 2 ? `${comma[1]} ${comma[0]}` : fullName;
  const words = ordered.split(/\s+/).map(normalizeName).filter(Boolean);
  if (words.length < 2) return [];
  const first = words[0] as string;
  const last = words[words.length - 1] as string;
  // A shape shorter than five letters (`meic`) says too little to suggest anyone.
  return [
    { text: `${first}${last}`, shape: '' },
    { text: `${first[0]}${last}`, shape: 'initial and surname of ' },
    { text: `${first}${last[0]}`, shape: 'first name and initial of ' },
    { text: `${last}${first}`, shape: 'surname and first name of ' },
    { text: `${last}${first[0]}`, shape: 'surname and initial of ' },
  ].filter((s, i) => i === 0 || s.text.length >= 5);
}

/**
 * The ways a User is known: login, entity name, display name and its shapes (see
 * {@link nameShapes}), and the local part of each e-mail.
 */
function userKeys(user: User): Key[] {
  const keys: Key[] = [];
  const add = (
    raw: string | undefined,
    label: string,
    text = raw && normalizeName(raw),
    weight = 1,
  ) => {
    if (raw !== undefined && text !== undefined && text.length >= 3)
      keys.push({ text, label: `${label} "${raw}"`, weight });
  };
  add(user.githubLogin, 'login');
  add(user.name, 'name');
  if (user.displayName) {
    add(user.displayName, 'display name');
    for (const { text, shape } of nameShapes(user.displayName).slice(1))
      add(user.displayName, `${shape}display name`, text, SHAPE_WEIGHT);
  }
  for (const email of user.emails) add(email.slice(0, email.indexOf('@')), 'e-mail');
  return keys;
}

/** The ways an author is known: their name and its shapes, and their e-mail's local part. */
function authorKeys(person: Person): Key[] {
  const keys: Key[] = [];
  const add = (raw: string, label: string, text = normalizeName(raw), weight = 1) => {
    if (text.length >= 3) keys.push({ text, label: `${label} "${raw}"`, weight });
  };
  add(person.name, 'name');
  for (const { text, shape } of nameShapes(person.name).slice(1))
    add(person.name, `${shape}name`, text, SHAPE_WEIGHT);
  const at = person.email.indexOf('@');
  if (at > 0) add(person.email.slice(0, at).replace(/^\d+\+/, ''), 'e-mail');
  return keys;
}

/**
 * 1 − Levenshtein distance ÷ the longer length; and since logins are often a name cut
 * short (`petrmc` for Petr McAllister), at least 0.8 + 0.1 × shorter ÷ longer when the
 * shorter, of five letters or more, begins the longer.
 */
export function similarity(a: string, b: string): number {
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  const edit = 1 - distance(a, b) / longer.length;
  if (shorter.length < 5 || !longer.startsWith(shorter)) return edit;
  return Math.max(edit, 0.8 + (0.1 * shorter.length) / longer.length);
}

/**
 * A suggester over the catalog's users. For an author, the User with the highest
 * similarity between any of the author's keys and any of the User's (see the key
 * functions above); ties go to the reference first in order. Null below
 * {@link SUGGESTION_THRESHOLD}. Pairs whose lengths differ too much to reach the threshold
 * are never compared, which keeps this fast for thousands of authors and users.
 */
export function createUserSuggester(
  users: readonly User[],
): (person: Person) => UserSuggestion | null {
  const keyed = [...users]
    .sort((a, b) => a.ref.localeCompare(b.ref))
    .map((user) => ({ ref: user.ref, keys: userKeys(user) }));
  // Names as written, for the common case of an exact match.
  const exact = new Map<string, { ref: string; key: Key }>();
  for (const { ref, keys } of keyed)
    for (const key of keys)
      if (key.weight === 1 && !exact.has(key.text)) exact.set(key.text, { ref, key });
  return (person) => {
    const mine = authorKeys(person);
    for (const key of mine) {
      const hit = key.weight === 1 ? exact.get(key.text) : undefined;
      if (hit) return { user: hit.ref, score: 1, why: `${key.label} = ${hit.key.label}` };
    }
    let best: UserSuggestion | null = null;
    let bestScore = SUGGESTION_THRESHOLD;
    for (const { ref, keys } of keyed) {
      for (const theirs of keys) {
        for (const key of mine) {
          const weight = Math.min(key.weight, theirs.weight);
          const longer = Math.max(key.text.length, theirs.text.length);
          // Edit similarity ≤ 1 − length difference ÷ longer: skip pairs that cannot win,
          // unless one begins the other.
          const reach = weight * (1 - Math.abs(key.text.length - theirs.text.length) / longer);
          if (
            reach < bestScore &&
            !key.text.startsWith(theirs.text) &&
            !theirs.text.startsWith(key.text)
          )
            continue;
          const score = weight * similarity(key.text, theirs.text);
          if (score > bestScore || (best === null && score >= bestScore)) {
            bestScore = score;
            best = {
              user: ref,
              score: Math.round(score * 100) / 100,
              why: `${key.label} ${score === weight ? '=' : '~'} ${theirs.label}`,
            };
          }
        }
      }
    }
    return best;
  };
}
