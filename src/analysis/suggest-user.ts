import { distance } from 'fastest-levenshtein';
import type { Person, User } from '../model/index.js';

/** The User an unmatched author most likely is, never applied without the user's say. */
export interface UserSuggestion {
  /** The User's reference. */
  user: string;
  /** Similarity in [0, 1]: 1 − edit distance ÷ the longer length, of the closest pair. */
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
}

/**
 * The ways a User is known: login, entity name, display name (also as first initial +
 * last name and first name + last initial, the usual shapes of logins and e-mails, and
 * with its words in either order), and the local part of each e-mail.
 */
function userKeys(user: User): Key[] {
  const keys: Key[] = [];
  const add = (raw: string | undefined, label: string) => {
    const text = raw === undefined ? '' : normalizeName(raw);
    if (text.length >= 3) keys.push({ text, label: `${label} "${raw}"` });
  };
  add(user.githubLogin, 'login');
  add(user.name, 'name');
  if (user.displayName) {
    add(user.displayName, 'display name');
    const words = user.displayName.split(/\s+/).map(normalizeName).filter(Boolean);
    if (words.length >= 2) {
      const first = words[0] as string;
      const last = words[words.length - 1] as string;
      add(`${first[0]}${last}`, 'initial and surname of');
      add(`${first}${last[0]}`, 'first name and initial of');
      add(`${last}${first}`, 'reversed display name');
    }
  }
  for (const email of user.emails) add(email.slice(0, email.indexOf('@')), 'e-mail');
  return keys;
}

/** The ways an author is known: their name, and their e-mail's local part. */
function authorKeys(person: Person): Key[] {
  const keys: Key[] = [];
  const add = (raw: string, label: string) => {
    const text = normalizeName(raw);
    if (text.length >= 3) keys.push({ text, label: `${label} "${raw}"` });
  };
  add(person.name, 'name');
  const at = person.email.indexOf('@');
  if (at > 0) add(person.email.slice(0, at).replace(/^\d+\+/, ''), 'e-mail');
  return keys;
}

/** 1 − Levenshtein distance ÷ the longer length. */
function similarity(a: string, b: string): number {
  return 1 - distance(a, b) / Math.max(a.length, b.length);
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
  const exact = new Map<string, { ref: string; key: Key }>();
  for (const { ref, keys } of keyed)
    for (const key of keys) if (!exact.has(key.text)) exact.set(key.text, { ref, key });
  return (person) => {
    const mine = authorKeys(person);
    for (const key of mine) {
      const hit = exact.get(key.text);
      if (hit) return { user: hit.ref, score: 1, why: `${key.label} = ${hit.key.label}` };
    }
    let best: UserSuggestion | null = null;
    let bestScore = SUGGESTION_THRESHOLD;
    for (const { ref, keys } of keyed) {
      for (const theirs of keys) {
        for (const key of mine) {
          const longer = Math.max(key.text.length, theirs.text.length);
          if (Math.abs(key.text.length - theirs.text.length) > (1 - bestScore) * longer) continue;
          const score = similarity(key.text, theirs.text);
          if (score > bestScore || (best === null && score >= bestScore)) {
            bestScore = score;
            best = {
              user: ref,
              score: Math.round(score * 100) / 100,
              why: `${key.label} ~ ${theirs.label}`,
            };
          }
        }
      }
    }
    return best;
  };
}
