import { isMap, isNode, isScalar, isSeq, type Node, type Pair } from 'yaml';

/** The node at `path`, or the deepest existing node on the way to it. */
export function nearestNode(root: Node, path: readonly (string | number)[]): Node | undefined {
  let node: Node | undefined = root;
  for (const key of path) {
    if (isMap(node)) {
      const pair: Pair | undefined = node.items.find(
        (item) => isScalar(item.key) && item.key.value === key,
      );
      if (!pair) return node;
      if (!isNode(pair.value)) return isNode(pair.key) ? pair.key : node;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number' && isNode(node.items[key])) {
      node = node.items[key] as Node;
    } else {
      return node;
    }
  }
  return node;
}
