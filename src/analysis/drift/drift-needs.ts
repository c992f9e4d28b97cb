import type { DriftNeed } from './drift-types.js';

/**
 * Team and component references numbered once for a whole series: a week's needs name the
 * same few thousand references as every other week's.
 */
export class NameTable {
  readonly names: string[] = [];
  private readonly ids = new Map<string, number>();

  id(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(name);
      this.ids.set(name, id);
    }
    return id;
  }
}

/**
 * A week's unwired needs, packed into typed arrays over a {@link NameTable}: a year of a
 * thousand teams' weeks holds some 700,000 needs and 1.8 million components behind them,
 * 290 MB as objects and arrays, 4 MB so. Read by position (`weight`, `teams`,
 * `components`), iterated as {@link DriftNeed}s, and written to JSON as their array, so the
 * series' JSON is what it always was.
 */
export class DriftNeeds implements Iterable<DriftNeed> {
  private constructor(
    private readonly names: readonly string[],
    /** Each need's two team ids, in order. */
    private readonly pairs: Uint32Array,
    private readonly weights: Float64Array,
    /** Need i's components are `componentIds[offsets[i]..offsets[i + 1])`. */
    private readonly offsets: Uint32Array,
    private readonly componentIds: Uint32Array,
  ) {}

  /** Packs needs, numbering their references in `table` (one per series saves the most). */
  static of(needs: readonly DriftNeed[], table: NameTable = new NameTable()): DriftNeeds {
    const pairs = new Uint32Array(2 * needs.length);
    const weights = new Float64Array(needs.length);
    const offsets = new Uint32Array(needs.length + 1);
    const componentIds = new Uint32Array(needs.reduce((n, need) => n + need.components.length, 0));
    let at = 0;
    needs.forEach((need, i) => {
      pairs[2 * i] = table.id(need.teams[0]);
      pairs[2 * i + 1] = table.id(need.teams[1]);
      weights[i] = need.weight;
      for (const c of need.components) componentIds[at++] = table.id(c);
      offsets[i + 1] = at;
    });
    return new DriftNeeds(table.names, pairs, weights, offsets, componentIds);
  }

  get length(): number {
    return this.weights.length;
  }

  weight(i: number): number {
    return this.weights[i] as number;
  }

  teams(i: number): [string, string] {
    return [
      this.names[this.pairs[2 * i] as number],
      this.names[this.pairs[2 * i + 1] as number],
    ] as [string, string];
  }

  components(i: number): string[] {
    return [...this.componentIds.subarray(this.offsets[i], this.offsets[i + 1])].map(
      (id) => this.names[id] as string,
    );
  }

  at(i: number): DriftNeed {
    return { teams: this.teams(i), weight: this.weight(i), components: this.components(i) };
  }

  *[Symbol.iterator](): Iterator<DriftNeed> {
    for (let i = 0; i < this.length; i++) yield this.at(i);
  }

  toJSON(): DriftNeed[] {
    return [...this];
  }
}
