// YAML text -> plain data, keeping a way back from a field path to its line, so errors can name it.
// Pure: takes text, never reads files.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair, type YAMLMap } from "yaml";
import { InputError } from "../errors.js";

export interface ParsedYaml {
  readonly data: unknown;
  readonly locate: (path: readonly (string | number)[]) => { line: number; column: number } | undefined;
}

/**
 * Two keys are the same key when their text is: `2026` and `"2026"` name one fiscal year, and YAML's own rule
 * (equal values of equal type) would accept both and let the last one win silently.
 */
function sameKey(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const text = (k: unknown) => (isScalar(k) ? String(k.value) : k === null || typeof k !== "object" ? String(k) : undefined);
  const ta = text(a);
  return ta !== undefined && ta === text(b);
}

export function parseYaml(text: string, file: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: sameKey });
  if (doc.errors.length > 0) {
    throw new InputError(
      doc.errors.slice(0, 20).map((e) => {
        const pos = e.linePos?.[0] ?? (e.pos ? lineCounter.linePos(e.pos[0]) : undefined);
        const col = pos && "col" in pos ? pos.col : undefined;
        const message =
          e.code === "DUPLICATE_KEY" ? "the same key appears twice (a year written once plain and once quoted is one year)" : e.message.split("\n")[0];
        return { file, line: pos?.line ?? 1, column: col, field: "", message: `malformed YAML: ${message}` };
      }),
    );
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    // Unresolved or excessive aliases surface only when converting.
    throw new InputError([{ file, line: 1, field: "", message: `malformed YAML: ${e instanceof Error ? e.message : String(e)}` }]);
  }
  const at = (offset: number) => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  // Each map's keys indexed once, so that locating thousands of fields stays linear in the file's size.
  const index = new WeakMap<YAMLMap, Map<string, Pair>>();
  const pairOf = (map: YAMLMap, key: string): Pair | undefined => {
    let m = index.get(map);
    if (!m) {
      m = new Map();
      for (const it of map.items) if (isPair(it) && isScalar(it.key) && !m.has(String(it.key.value))) m.set(String(it.key.value), it);
      index.set(map, m);
    }
    return m.get(key);
  };
  const locate = (path: readonly (string | number)[]) => {
    // Walk as deep as the path exists; report the deepest node found (its key if it is a map entry).
    let node: unknown = doc.contents;
    let best: { line: number; column: number } | undefined = node && (node as Node).range ? at((node as Node).range![0]) : { line: 1, column: 1 };
    for (const seg of path) {
      if (isMap(node)) {
        const pair = pairOf(node, String(seg));
        if (!pair) break;
        const key = pair.key as Node;
        if (key.range) best = at(key.range[0]);
        node = pair.value;
      } else if (isSeq(node)) {
        const item = node.items[Number(seg)] as Node | undefined;
        if (!item) break;
        if (item.range) best = at(item.range[0]);
        node = item;
      } else break;
    }
    return best;
  };
  return { data, locate };
}
