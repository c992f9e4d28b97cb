import { LRUCache } from 'lru-cache';

/** Bytes counted for each entry besides its body: the key, the map's node, the Buffer. */
const ENTRY_OVERHEAD = 200;

/**
 * Serialised read responses, each kept for the version of the radiator it was built from
 * (the version moves on a write; a view that no write changes passes a version of its
 * own that never moves) and bounded by bytes: the least recently used go first once
 * `maxBytes` is reached, so a client asking for every `?limit=` cannot grow the server's
 * memory. A body larger than the whole cache is served and not kept.
 */
export function createReadCache(maxBytes: number) {
  const entries = new LRUCache<string, { version: number; body: Buffer }>({
    maxSize: maxBytes,
    sizeCalculation: (value, key) => value.body.length + key.length + ENTRY_OVERHEAD,
  });
  return {
    /** The body for `key` as of `version`, built (and kept) when missing or older. */
    get(key: string, version: number, build: () => Buffer | undefined): Buffer | undefined {
      const entry = entries.get(key);
      if (entry?.version === version) return entry.body;
      const body = build();
      if (body === undefined) entries.delete(key);
      else entries.set(key, { version, body });
      return body;
    },
    has: (key: string) => entries.has(key),
    /** Bytes held, overhead included. */
    get bytes() {
      return entries.calculatedSize;
    },
    /** Entries held. */
    get size() {
      return entries.size;
    },
  };
}

export type ReadCache = ReturnType<typeof createReadCache>;
