// YAML with line numbers: the `yaml` package keeps each node's source range, and a LineCounter turns
// ranges into lines. Aliases are resolved, since workflows may use anchors.
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, parseDocument, type Document, type Node, type Pair, type YAMLMap } from "yaml";
import type { ScanError } from "./types";

export interface YamlFile {
  docs: Document.Parsed[];
  lineCounter: LineCounter;
  errors: ScanError[];
}

/**
 * Every document of the file; a document with a syntax error is left out and reported. A workflow is
 * one document, and parsing it as one is a fifth faster, which counts over thousands of files.
 */
export function parseYaml(file: string, text: string, options: { single?: boolean } = {}): YamlFile {
  const lineCounter = new LineCounter();
  const parseOptions = { lineCounter, prettyErrors: false, uniqueKeys: false } as const;
  const parsed = options.single ? [parseDocument(text, parseOptions)] : parseAllDocuments(text, parseOptions);
  const all = Array.isArray(parsed) ? parsed : [];
  const errors: ScanError[] = [];
  const docs: Document.Parsed[] = [];
  for (const doc of all) {
    if (doc.errors.length > 0) {
      const error = doc.errors[0];
      errors.push({ file, line: lineCounter.linePos(error.pos[0]).line, message: `not valid YAML: ${error.message.split("\n")[0]}` });
    } else {
      docs.push(doc);
    }
  }
  if (!Array.isArray(parsed)) {
    errors.push({ file, line: 1, message: "not valid YAML" });
  }
  return { docs, lineCounter, errors };
}

export class YamlLines {
  constructor(
    private readonly doc: Document.Parsed,
    private readonly lineCounter: LineCounter,
  ) {}

  line(node: Node | null | undefined): number {
    const range = node?.range;
    return range ? this.lineCounter.linePos(range[0]).line : 1;
  }

  /** Line of a key in a map, else of the map. */
  keyLine(map: YAMLMap | undefined, key: string): number {
    const pair = map && findPair(map, key);
    return pair ? this.line(pair.key as Node) : this.line(map);
  }

  resolve(node: unknown): Node | undefined {
    if (isAlias(node)) return node.resolve(this.doc) as Node | undefined;
    return (node ?? undefined) as Node | undefined;
  }

  map(node: unknown): YAMLMap | undefined {
    const resolved = this.resolve(node);
    return isMap(resolved) ? resolved : undefined;
  }

  get(map: YAMLMap | undefined, key: string): Node | undefined {
    const pair = map && findPair(map, key);
    return pair ? this.resolve(pair.value) : undefined;
  }

  string(map: YAMLMap | undefined, key: string): string | undefined {
    const node = this.get(map, key);
    return isScalar(node) && node.value !== null && typeof node.value !== "object" ? String(node.value) : undefined;
  }

  /** Map entries as [key, value node, key line]. */
  entries(map: YAMLMap | undefined): { key: string; value: Node | undefined; line: number }[] {
    if (!map) return [];
    return map.items.flatMap((pair) =>
      isScalar(pair.key) ? [{ key: String(pair.key.value), value: this.resolve(pair.value), line: this.line(pair.key) }] : [],
    );
  }

  items(node: Node | undefined): Node[] {
    const resolved = this.resolve(node);
    return isSeq(resolved) ? resolved.items.map((item) => this.resolve(item)).filter((item): item is Node => !!item) : [];
  }

  /** A scalar, or each scalar of a sequence, as strings. */
  strings(node: Node | undefined): { value: string; line: number }[] {
    const resolved = this.resolve(node);
    if (isScalar(resolved) && resolved.value !== null) return [{ value: String(resolved.value), line: this.line(resolved) }];
    return this.items(resolved).flatMap((item) => this.strings(item));
  }
}

function findPair(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((pair) => isScalar(pair.key) && String(pair.key.value) === key) as Pair | undefined;
}
