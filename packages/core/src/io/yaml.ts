// YAML text -> plain data, keeping a way back from a field path to its line, so errors can name it.
// Pure: takes text, never reads files.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from "yaml";
import { InputError } from "../errors.js";

export interface ParsedYaml {
  readonly data: unknown;
  readonly locate: (path: readonly (string | number)[]) => { line: number; column: number } | undefined;
}

export function parseYaml(text: string, file: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new InputError(
      doc.errors.map((e) => {
        const pos = e.linePos?.[0];
        return { file, line: pos?.line, column: pos?.col, field: "", message: `malformed YAML: ${e.message.split("\n")[0]}` };
      }),
    );
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    // Unresolved or excessive aliases surface only when converting.
    throw new InputError([{ file, field: "", message: `malformed YAML: ${e instanceof Error ? e.message : String(e)}` }]);
  }
  const at = (offset: number) => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const locate = (path: readonly (string | number)[]) => {
    // Walk as deep as the path exists; report the deepest node found (its key if it is a map entry).
    let node: unknown = doc.contents;
    let best: { line: number; column: number } | undefined = node && (node as Node).range ? at((node as Node).range![0]) : undefined;
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find((it) => isPair(it) && isScalar(it.key) && String(it.key.value) === String(seg));
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
