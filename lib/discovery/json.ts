// JSON files with line numbers. jsonc-parser is the parser VS Code uses for its own JSONC files
// (.vscode/mcp.json allows comments and trailing commas), and it keeps every node's offset, so the
// line of the key that grants an access is at hand.
import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from "jsonc-parser";
import { LineIndex } from "./lines";
import { emptyResult, type ScanError, type SourceFile, type SourceResult } from "./types";

export interface JsonDocument {
  root: Node;
  lines: LineIndex;
}

export function parseJson(file: string, text: string): JsonDocument | ScanError {
  const lines = new LineIndex(text);
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0 || !root) {
    const first = errors[0];
    return {
      file,
      line: first ? lines.line(first.offset) : 1,
      message: first ? `not valid JSON: ${printParseErrorCode(first.error)}` : "empty file",
    };
  }
  if (root.type !== "object") return { file, line: lines.line(root.offset), message: "not a JSON object" };
  return { root, lines };
}

export function isJsonDocument(value: JsonDocument | ScanError): value is JsonDocument {
  return "root" in value;
}

/**
 * Reads each file a rule is found for (`ruleOf` its path) as a JSON document and hands it to `scan`
 * with its rule; a file that is not a JSON object is one error of the result, and nothing more of it.
 */
export function scanJsonFiles<Rule>(
  files: readonly SourceFile[],
  ruleOf: (path: string) => Rule | undefined,
  scan: (file: SourceFile, rule: Rule, doc: JsonDocument, result: SourceResult) => void,
): SourceResult {
  const result = emptyResult();
  for (const file of files) {
    const rule = ruleOf(file.path);
    if (!rule) continue;
    const parsed = parseJson(file.path, file.text);
    if (isJsonDocument(parsed)) scan(file, rule, parsed, result);
    else result.errors.push(parsed);
  }
  return result;
}

/** The value node at a path of keys, if there is one. */
export function nodeAt(root: Node, path: (string | number)[]): Node | undefined {
  return findNodeAtLocation(root, path);
}

/** Line of a value node's key (the property), or of the value itself for array items. */
export function lineOf(doc: JsonDocument, node: Node): number {
  const anchor = node.parent?.type === "property" ? node.parent : node;
  return doc.lines.line(anchor.offset);
}

/** Properties of an object node as [key, value node] pairs, in file order. */
export function entries(node: Node | undefined): [string, Node][] {
  if (node?.type !== "object") return [];
  return (node.children ?? []).flatMap((property) => {
    const [key, value] = property.children ?? [];
    return key && value ? [[String(key.value), value] as [string, Node]] : [];
  });
}

/** String items of an array node, each with its node. */
export function stringItems(node: Node | undefined): { value: string; node: Node }[] {
  if (node?.type !== "array") return [];
  return (node.children ?? []).flatMap((item) => (item.type === "string" ? [{ value: item.value as string, node: item }] : []));
}

export function plainValue(node: Node | undefined): unknown {
  return node ? getNodeValue(node) : undefined;
}
