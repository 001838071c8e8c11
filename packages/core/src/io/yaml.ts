// YAML text -> plain data, keeping a way back from a field path to its line, so errors can name it.
// Pure: takes text, never reads files.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Node, type Pair, type YAMLMap } from "yaml";
import { InputError, type InputIssue } from "../errors.js";

export interface ParsedYaml {
  readonly data: unknown;
  readonly locate: (path: readonly (string | number)[]) => { line: number; column: number } | undefined;
}

/**
 * Keys repeated within one map. Two keys are the same key when their text is: `2026` and `"2026"` name one fiscal
 * year, and YAML's own rule (equal values of equal type) would accept both and let the last one win silently. One
 * set per map, so a map of 20,000 keys is checked in linear time (the library's own check is quadratic).
 */
function duplicateKeys(doc: ReturnType<typeof parseDocument>, lineCounter: LineCounter, file: string): InputIssue[] {
  const issues: InputIssue[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const it of map.items) {
        if (!isScalar(it.key)) continue;
        const text = String(it.key.value);
        if (seen.has(text) && issues.length < 20) {
          const pos = it.key.range ? lineCounter.linePos(it.key.range[0]) : undefined;
          issues.push({
            file,
            line: pos?.line ?? 1,
            column: pos?.col,
            field: "",
            message: `malformed YAML: the key ${JSON.stringify(text)} appears twice in one map (a year written once plain and once quoted is one year)`,
          });
        }
        seen.add(text);
      }
    },
  });
  return issues;
}

export function parseYaml(text: string, file: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: false });
  if (doc.errors.length > 0) {
    throw new InputError(
      doc.errors.slice(0, 20).map((e) => {
        const pos = e.linePos?.[0] ?? (e.pos ? lineCounter.linePos(e.pos[0]) : undefined);
        const col = pos && "col" in pos ? pos.col : undefined;
        return { file, line: pos?.line ?? 1, column: col, field: "", message: `malformed YAML: ${e.message.split("\n")[0]}` };
      }),
    );
  }
  const duplicates = duplicateKeys(doc, lineCounter, file);
  if (duplicates.length) throw new InputError(duplicates);
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
