import type { Catalog, Entity } from '../model/index.js';
import type { LearningView, SearchHit } from './api-types.js';
import { entityLabel } from './labels.js';

interface Searchable {
  hit: Omit<SearchHit, 'field' | 'snippet'>;
  /** Lower-cased name and label, tried first. */
  name: string;
  label: string;
  /** Other text worth finding, by field. */
  fields: [string, string][];
}

/** Characters of context either side of a match in a snippet. */
const CONTEXT = 60;

/**
 * Case-insensitive search over every entity and written learning. A hit on the name
 * ranks above one on the label, which ranks above one in the text (description,
 * hypothesis, lessons…); within a rank, a match at the start ranks first, then shorter
 * names. Linear in the catalog's size: 30,000 entities take a few milliseconds.
 */
export function createSearch(catalog: Catalog) {
  const items: Searchable[] = catalog.entities.map((e) => ({
    hit: { ref: e.ref, kind: e.kind.toLowerCase(), name: e.name, label: entityLabel(e) },
    name: e.name.toLowerCase(),
    label: entityLabel(e).toLowerCase(),
    fields: textOf(e),
  }));

  return {
    add(learning: LearningView): void {
      items.push({
        hit: { ref: learning.ref, kind: 'learning', name: learning.name, label: learning.label },
        name: learning.name.toLowerCase(),
        label: learning.label.toLowerCase(),
        fields: [
          ['situation', learning.situation ?? ''],
          ['complication', learning.complication ?? ''],
          ['resolution', learning.resolution ?? ''],
          ['lessons', learning.lessons.join(' · ')],
        ],
      });
    },

    find(query: string, limit: number): SearchHit[] {
      const q = query.trim().toLowerCase();
      if (q === '') return [];
      const ranked: { rank: number; hit: SearchHit }[] = [];
      for (const item of items) {
        if (item.name.includes(q)) {
          const rank = item.name === q ? 0 : item.name.startsWith(q) ? 1 : 2;
          ranked.push({ rank, hit: { ...item.hit, field: 'name', snippet: item.hit.name } });
          continue;
        }
        if (item.label.includes(q)) {
          ranked.push({ rank: 3, hit: { ...item.hit, field: 'title', snippet: item.hit.label } });
          continue;
        }
        for (const [field, text] of item.fields) {
          const at = text.toLowerCase().indexOf(q);
          if (at < 0) continue;
          ranked.push({
            rank: 4,
            hit: { ...item.hit, field, snippet: excerpt(text, at, q.length) },
          });
          break;
        }
      }
      return ranked
        .sort(
          (a, b) =>
            a.rank - b.rank ||
            a.hit.name.length - b.hit.name.length ||
            a.hit.ref.localeCompare(b.hit.ref),
        )
        .slice(0, limit)
        .map((r) => r.hit);
    },
  };
}

function excerpt(text: string, at: number, length: number): string {
  const start = Math.max(0, at - CONTEXT);
  const end = Math.min(text.length, at + length + CONTEXT);
  const flat = text.slice(start, end).replace(/\s+/g, ' ').trim();
  return `${start > 0 ? '…' : ''}${flat}${end < text.length ? '…' : ''}`;
}

function textOf(entity: Entity): [string, string][] {
  const fields: [string, string][] = [['description', entity.description ?? '']];
  switch (entity.kind) {
    case 'User':
      fields.push(['email', entity.email ?? '']);
      break;
    case 'Goal':
      fields.push(['description', entity.spec.description ?? '']);
      fields.push(['metric', entity.spec.metric?.name ?? '']);
      break;
    case 'Bet':
      fields.push(['hypothesis', entity.spec.hypothesis ?? '']);
      fields.push(['shot', entity.spec.shot?.metric ?? '']);
      break;
    case 'Learning':
      fields.push(['situation', entity.spec.situation ?? '']);
      fields.push(['complication', entity.spec.complication ?? '']);
      fields.push(['resolution', entity.spec.resolution ?? '']);
      fields.push(['lessons', (entity.spec.lessons ?? []).join(' · ')]);
      break;
    default:
      break;
  }
  fields.push(['tags', entity.tags.join(' ')]);
  return fields.filter(([, text]) => text !== '');
}
