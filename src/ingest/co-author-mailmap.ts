import type { Person } from '../model/index.js';
import type { GitSource } from './git.js';
import { parseContact } from './identities.js';

/**
 * The co-authors of a `%(trailers:key=Co-authored-by,valueonly,unfold,separator=%x1f)`
 * field, as `Name <email>` contacts ready for `git check-mailmap`, in their order. A trailer
 * with no e-mail is dropped; one with only an e-mail gets the e-mail as its name, because
 * check-mailmap wants a name before the address.
 */
export function coAuthorContacts(trailers: string): string[] {
  const contacts: string[] = [];
  if (trailers === '') return contacts; // most commits: spare the split and the regex
  for (const trailer of trailers.split('\x1f')) {
    const text = trailer.trim();
    // A contact git cannot parse, or one that would break check-mailmap's line-per-contact
    // input, is dropped here rather than failing the whole batch.
    const person = parseContact(text);
    if (person === undefined || /[\n\r]/.test(text)) continue;
    contacts.push(`${person.name || person.email} <${person.email}>`);
  }
  return contacts;
}

/** A record whose co-authors are still contacts, before `.mailmap` is applied to them. */
export type WithContacts<T> = Omit<T, 'coAuthors'> & { coAuthors: string[] };

/** How many records wait for one `git check-mailmap` run at most. */
const BATCH = 500;

/**
 * Applies the repository's `.mailmap` to the co-authors of each record, keeping the
 * records' order. git maps authors itself (`%aN`, `%aE`) but not trailers, so contacts
 * are sent to `git check-mailmap --stdin`: only those not seen before, up to one run per
 * {@link BATCH} records, and each answer is cached for the rest of the stream. A record
 * whose contacts are all known already passes straight through when nothing waits ahead
 * of it, so most commits are not held back at all. Memory: the cache of distinct
 * contacts plus at most one batch of records.
 */
export async function* mapCoAuthors<T extends { coAuthors: Person[] }>(
  git: GitSource,
  records: AsyncIterable<WithContacts<T>>,
): AsyncGenerator<T> {
  const cache = new Map<string, Person>();
  let pending: WithContacts<T>[] = [];

  const resolve = (record: WithContacts<T>): T =>
    ({ ...record, coAuthors: record.coAuthors.flatMap((c) => cache.get(c) ?? []) }) as T;

  async function* flush(): AsyncGenerator<T> {
    const unknown = [...new Set(pending.flatMap((r) => r.coAuthors))].filter((c) => !cache.has(c));
    if (unknown.length > 0) {
      const mapped = (await git.run(['check-mailmap', '--stdin'], `${unknown.join('\n')}\n`))
        .toString('utf8')
        .split('\n');
      unknown.forEach((contact, i) => {
        const person = parseContact(mapped[i] ?? contact) ?? parseContact(contact);
        if (person) cache.set(contact, person);
      });
    }
    const ready = pending;
    pending = [];
    for (const record of ready) yield resolve(record);
  }

  for await (const record of records) {
    if (pending.length === 0 && record.coAuthors.every((c) => cache.has(c))) {
      yield resolve(record);
      continue;
    }
    pending.push(record);
    if (pending.length >= BATCH) yield* flush();
  }
  yield* flush();
}
