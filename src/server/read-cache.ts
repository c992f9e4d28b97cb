import { LRUCache } from 'lru-cache';

/** Bytes counted for each entry besides its body: the key, the map's node, the Buffer. */
const ENTRY_OVERHEAD = 200;

/**
 * Serialised read responses, kept until the radiator changes (its `version` moves on a
 * write) and bounded by bytes: the least recently used go first once `maxBytes` is
 * reached, so a client asking for every `?limit=` cannot grow the server's memory. A body
 * larger than the whole cache is served and not kept.
 */
export function createReadCache(maxBytes: number) {
  const entries = new LRUCache<string, Buffer>({
    maxSize: maxBytes,
    sizeCalculation: (value, key) => value.length + key.length + ENTRY_OVERHEAD,
  });
  let version: number | undefined;
  return {
    /** The body for `key` as of `atVersion`, built (and kept) when missing. */
    get(key: string, atVersion: number, build: () => Buffer | undefined): Buffer | undefined {
      if (version !== atVersion) {
        entries.clear();
        version = atVersion;
      }
      let value = entries.get(key);
      if (value === undefined) {
        value = build();
        if (value !== undefined) entries.set(key, value);
      }
      return value;
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
