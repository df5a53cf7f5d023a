import { getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from "jsonc-parser";

// In-place edits of a JSON document (JSONC: comments and trailing commas allowed). Text is inserted or cut, never
// re-serialized: everything outside the edited span stays byte for byte, and removing an entry is the exact inverse
// of inserting it, whatever the order of insertions and removals. Two cases cannot be told apart afterwards:
// - an empty container written `{` + line break + its line's indentation + `}` comes back as `{}`;
// - a document without a value (`""`, whitespace, comments) gets a root object, which is never pruned: removing
//   the last entry leaves the text with `{}` and a line break appended, so `""` comes back as `"{}\n"`.

/** Text that does not parse as JSONC, a path that crosses a non-object, or a value JSON cannot hold. */
export class JsonDocumentError extends Error {
  /** Always `"JsonDocumentError"`. */
  override name = "JsonDocumentError";
}

/** Parent paths to remove when they are left empty. */
type Paths = readonly (readonly string[])[];
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface Style { readonly unit: string; readonly eol: string; readonly spaced: boolean }
interface Doc { readonly root: Node | undefined; readonly style: Style }
interface Token { readonly kind: "space" | "newline" | "comment" | "comma"; readonly start: number; readonly end: number }

/** The value of a JSONC document; `undefined` for one without a value (`""`, whitespace, comments only). */
export function parseJsonDocument(text: string): unknown {
  const { root } = load(text);
  return root && getNodeValue(root);
}

/** The value at `path` (object keys from the root; `[]` is the whole document); `undefined` when absent. */
export function jsonValueAt(text: string, path: readonly string[]): unknown {
  const { node } = locate(load(text).root, path);
  return node && getNodeValue(node);
}

/**
 * Sets the property at `path`: replaces its value when present, else inserts it after the last property of the
 * deepest existing object, creating the missing parent objects (and a root object in a document without a value).
 * The new text is pretty-printed at its context's indentation with the file's indent unit (tabs or N spaces,
 * default 2) and line ending; in a container written on one line (or a one-line document) it stays on the line.
 */
export function setJsonProperty(text: string, path: readonly string[], value: unknown): string {
  const json = toJson(value);
  const doc = load(text);
  const found = locate(doc.root, nonEmpty(path));
  const { node } = found;
  if (node === undefined) return insertMissing(text, doc, found, path, json);
  const written = isInline(text, doc.root, node.parent?.parent ?? node)
    ? inline(json, doc.style.spaced)
    : pretty(json, lineIndent(text, node.offset), doc.style);
  return splice(text, node.offset, end(node), written);
}

/**
 * Removes the property at `path` (with its comma and line) as the exact inverse of its insertion, then removes each
 * `prune` path (deepest first) whose value is now an empty object or array (nothing but whitespace inside), also as
 * the inverse of its creation. An absent property leaves the text as it is, before pruning. The root object is never
 * removed: a document created from `""` is `"{}\n"` once its last entry is gone, and its creator deletes the file.
 */
export function removeJsonProperty(text: string, path: readonly string[], prune: Paths = []): string {
  const { root, style } = load(text);
  const property = locate(root, nonEmpty(path)).node?.parent;
  return pruneEmpty(property ? removeChild(text, property, style) : text, prune);
}

/** Appends `value` to the array at `path`, creating the array (and missing parent objects) when absent. */
export function appendJsonArrayItem(text: string, path: readonly string[], value: unknown): string {
  const json = toJson(value);
  const doc = load(text);
  const found = locate(doc.root, nonEmpty(path));
  if (found.node === undefined) return insertMissing(text, doc, found, path, [json]);
  return insertChild(text, doc, array(found.node, path), undefined, json);
}

/**
 * Removes the first item of the array at `path` whose {@link canonicalJson} equals `value`'s, as the inverse of
 * {@link appendJsonArrayItem}, then prunes as {@link removeJsonProperty} does; `null` when no item is equal.
 */
export function removeJsonArrayItem(text: string, path: readonly string[], value: unknown, prune: Paths = []): string | null {
  const wanted = canonicalJson(value);
  const { root, style } = load(text);
  const { node } = locate(root, nonEmpty(path));
  const item = node && array(node, path).children?.find((child) => canonicalJson(getNodeValue(child)) === wanted);
  return item ? pruneEmpty(removeChild(text, item, style), prune) : null;
}

/** JSON with every object's keys sorted (by UTF-16 code units) and no whitespace: for comparing and hashing. */
export function canonicalJson(value: unknown): string {
  return stringify(value, (_key, item: unknown) =>
    item !== null && typeof item === "object" && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}

function stringify(value: unknown, replacer?: (key: string, item: unknown) => unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value, replacer);
  } catch (error) {
    throw new JsonDocumentError(`The value cannot be written as JSON: ${(error as Error).message}`);
  }
  if (text === undefined) throw new JsonDocumentError("The value cannot be written as JSON");
  return text;
}

const toJson = (value: unknown): Json => JSON.parse(stringify(value)) as Json;

function nonEmpty(path: readonly string[]): readonly string[] {
  if (path.length === 0) throw new JsonDocumentError("The path is empty");
  return path;
}

function array(node: Node, path: readonly string[]): Node {
  if (node.type !== "array") throw new JsonDocumentError(`The value at ${JSON.stringify(path)} is not an array`);
  return node;
}

// The last document loaded: a merge inspects and edits the same text several times in a row (is the entry there,
// which parents exist, insert), and parsing it again each time made merging N entries into one file cost N² parses.
let last: { readonly text: string; readonly doc: Doc } | undefined;

/** The parse of `text` (with its style), reusing the last one for the same text; parse errors throw each time. */
function load(text: string): Doc {
  if (last?.text === text) return last.doc;
  const doc = parse(text);
  last = { text, doc };
  return doc;
}

function parse(text: string): Doc {
  const errors: ParseError[] = [];
  const source = text.startsWith("\uFEFF") ? ` ${text.slice(1)}` : text; // a byte order mark, blanked: same offsets
  const root = parseTree(source, errors, { allowTrailingComma: true, allowEmptyContent: true });
  const [error] = errors;
  if (error !== undefined) {
    const before = text.slice(0, error.offset);
    const at = `line ${before.split("\n").length}, column ${error.offset - before.lastIndexOf("\n")}`;
    throw new JsonDocumentError(`Invalid JSON (${printParseErrorCode(error.error)}) at ${at}`);
  }
  // The indent unit is the indentation of the first indented line starting with a key, an object or an array.
  const unit = /^([ \t]+)["{[]/m.exec(text)?.[1] ?? "  ";
  // Inline entries are written "spaced" (`, ` and `: `) unless the document has no whitespace outside strings.
  const spaced = root !== undefined && /\s/.test(text.slice(root.offset, end(root)).replace(/"(?:[^"\\]|\\.)*"/g, ""));
  return { root, style: { unit, eol: /\r?\n/.exec(text)?.[0] ?? "\n", spaced } };
}

/** The value node at `path`, or the deepest object on it and how many segments lead to that object. */
function locate(root: Node | undefined, path: readonly string[]): { node?: Node; object?: Node; depth: number } {
  let node = root;
  for (const [depth, key] of path.entries()) {
    if (node === undefined) return { depth };
    const where = () => JSON.stringify(path.slice(0, depth));
    if (node.type !== "object") throw new JsonDocumentError(`The value at ${where()} is not an object`);
    const value = node.children?.findLast((property) => property.children?.[0]?.value === key)?.children?.[1];
    if (value === undefined) return { object: node, depth };
    node = value;
  }
  return { node, depth: path.length };
}

type Found = ReturnType<typeof locate>;

function insertMissing(text: string, doc: Doc, found: Found, path: readonly string[], json: Json): string {
  const nested = path.slice(found.depth + 1).reduceRight<Json>((inner, key) => ({ [key]: inner }), json);
  const key = path[found.depth] ?? "";
  if (found.object) return insertChild(text, doc, found.object, key, nested);
  const { eol } = doc.style;
  const body = pretty({ [key]: nested }, "", doc.style) + eol;
  return text === "" || /[\r\n]$/.test(text) ? text + body : text + eol + body;
}

/** Inserts `key: json` (the item `json` when `key` is undefined) after the last child of `container`. */
function insertChild(text: string, { root, style }: Doc, container: Node, key: string | undefined, json: Json): string {
  const close = end(container) - 1;
  const children = container.children ?? [];
  const last = children.at(-1);
  if (isInline(text, root, container)) {
    const entry = (key === undefined ? "" : JSON.stringify(key) + (style.spaced ? ": " : ":")) + inline(json, style.spaced);
    return last ? splice(text, end(last), end(last), (style.spaced ? ", " : ",") + entry) : splice(text, close, close, entry);
  }
  const outer = lineIndent(text, container.offset);
  const sibling = children.findLast((child) => lineBreakBefore(text, child.offset) !== undefined);
  const indent = sibling ? lineIndent(text, sibling.offset) : outer + style.unit;
  const line = style.eol + indent + (key === undefined ? "" : `${JSON.stringify(key)}: `) + pretty(json, indent, style);
  const after = last ? end(last) : container.offset + 1;
  const tokens = trivia(text, after, close);
  const comma = tokens.find((token) => token.kind === "comma");
  // Before the line break that ends the last child's line (or the opening bracket's), after that line's comments.
  const at = tokens.find((token) => token.kind === "newline")?.start ?? (last ? (comma?.end ?? after) : close);
  if (!last) return splice(text, at, at, at === close ? line + style.eol + outer : line);
  if (comma && comma.start < at) return splice(text, at, at, `${line},`);
  return splice(splice(text, at, at, line), after, after, ",");
}

/** Removes a property or an array item as the exact inverse of {@link insertChild}. */
function removeChild(text: string, child: Node, style: Style): string {
  const container = child.parent;
  const children = container?.children ?? [];
  const index = children.indexOf(child);
  const [prev, next] = [children[index - 1], children[index + 1]];
  const stop = text[end(child)] === "," && !next ? end(child) + 1 : end(child); // with a trailing comma of ours
  const lb = lineBreakBefore(text, child.offset);
  const commaIn = (from: number, to: number) => trivia(text, from, to).find((token) => token.kind === "comma");
  if (!container || index < 0) return text;
  if (lb === undefined) {
    if (prev) return cut(text, end(prev), end(child));
    return cut(text, child.offset, next ? next.offset : stop);
  }
  if (next) return cut(text, lb, commaIn(end(child), next.offset)?.end ?? next.offset);
  if (prev) {
    const comma = stop > end(child) ? undefined : commaIn(end(prev), child.offset);
    const removed = cut(text, lb, stop);
    return comma ? cut(removed, comma.start, comma.end) : removed;
  }
  const close = end(container) - 1;
  const expanded = text.slice(stop, close) === style.eol + lineIndent(text, container.offset);
  const lineComment = trivia(text, container.offset + 1, lb).some((token) => text.startsWith("//", token.start));
  return cut(text, lb, expanded && !lineComment ? close : stop);
}

function pruneEmpty(text: string, prune: Paths): string {
  let result = text;
  for (const path of [...prune].filter((p) => p.length > 0).sort((a, b) => b.length - a.length)) {
    const { root, style } = load(result);
    let node: Node | undefined;
    try {
      node = locate(root, path).node;
    } catch {
      continue; // not one of our parents any more
    }
    if (!node?.parent || (node.type !== "object" && node.type !== "array")) continue;
    if (result.slice(node.offset + 1, end(node) - 1).trim() === "") result = removeChild(result, node.parent, style);
  }
  return result;
}

function pretty(json: Json, indent: string, style: Style): string {
  if (json === null || typeof json !== "object") return JSON.stringify(json);
  const inner = indent + style.unit;
  const items = Array.isArray(json)
    ? json.map((item) => pretty(item, inner, style))
    : Object.entries(json).map(([key, item]) => `${JSON.stringify(key)}: ${pretty(item, inner, style)}`);
  const [open, close] = Array.isArray(json) ? ["[", "]"] : ["{", "}"];
  if (items.length === 0) return open + close;
  return `${open}${style.eol}${inner}${items.join(`,${style.eol}${inner}`)}${style.eol}${indent}${close}`;
}

function inline(json: Json, spaced: boolean): string {
  if (!spaced || json === null || typeof json !== "object") return JSON.stringify(json);
  if (Array.isArray(json)) return `[${json.map((item) => inline(item, true)).join(", ")}]`;
  return `{${Object.entries(json).map(([key, item]) => `${JSON.stringify(key)}: ${inline(item, true)}`).join(", ")}}`;
}

/** Entries stay on the line of a one-line container with children, or of any container in a one-line document. */
function isInline(text: string, root: Node | undefined, container: Node): boolean {
  const oneLine = (node: Node) => !/[\r\n]/.test(text.slice(node.offset, end(node)));
  if (container.children?.length) return oneLine(container);
  return root?.children?.length ? oneLine(root) : false;
}

const COMMENT = /\/\/[^\r\n]*|\/\*[\s\S]*?(?:\*\/|$)/y;

/** Whitespace, line breaks, comments and commas between `from` and `to`, which hold nothing else. */
function trivia(text: string, from: number, to: number): Token[] {
  const tokens: Token[] = [];
  for (let at = from; at < to; ) {
    const start = at;
    let kind: Token["kind"] = "space";
    COMMENT.lastIndex = at;
    if (text[at] === "\r" || text[at] === "\n") [kind, at] = ["newline", at + (text.startsWith("\r\n", at) ? 2 : 1)];
    else if (text[at] === ",") [kind, at] = ["comma", at + 1];
    else if (COMMENT.test(text)) [kind, at] = ["comment", Math.min(to, COMMENT.lastIndex)];
    else at++;
    tokens.push({ kind, start, end: at });
  }
  return tokens;
}

/** Where the line break before `offset` starts, when only spaces and tabs separate them. */
function lineBreakBefore(text: string, offset: number): number | undefined {
  let at = offset;
  while (text[at - 1] === " " || text[at - 1] === "\t") at--;
  if (text[at - 1] === "\n") return text[at - 2] === "\r" ? at - 2 : at - 1;
  return text[at - 1] === "\r" ? at - 1 : undefined;
}

function lineIndent(text: string, offset: number): string {
  const start = Math.max(text.lastIndexOf("\n", offset - 1), text.lastIndexOf("\r", offset - 1)) + 1;
  return /^[ \t]*/.exec(text.slice(start, offset))?.[0] ?? "";
}

const end = (node: Node): number => node.offset + node.length;
const splice = (text: string, from: number, to: number, insert: string): string =>
  text.slice(0, from) + insert + text.slice(to);
const cut = (text: string, from: number, to: number): string => text.slice(0, from) + text.slice(to);
