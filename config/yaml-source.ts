/**
 * A parsed YAML file that remembers where every value came from, so an error about `regions[1].name` can
 * point at line and column of that value (or of the nearest enclosing node when the value is missing).
 */
import type * as Yaml from 'yaml';
import type { Document, LineCounter, Node } from 'yaml';

// The parser loads on first use: a run whose files all come from the parse cache never needs it.
let parser: typeof Yaml | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous lazy import
const yaml = (): typeof Yaml => (parser ??= require('yaml') as typeof Yaml);
import { quote } from '../lib/quote';

export type PathSegment = string | number;

export interface Position {
  readonly line: number;
  readonly col: number;
}

export interface SyntaxProblem extends Position {
  readonly message: string;
}

/** Deeper than any real config (the shipped files nest 5 levels); the parser overflows its stack near 1000. */
export const MAX_DEPTH = 64;

/**
 * The deepest nesting of a YAML text, estimated without parsing (the parser itself is what deep input breaks):
 * indentation levels plus `- ` markers plus open flow brackets outside quotes and comments.
 */
export function nestingDepth(text: string): { depth: number; line: number } {
  const indents: number[] = [];
  let flow = 0;
  let worst = { depth: 0, line: 1 };
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    let i = 0;
    let depth = 0;
    if (flow === 0) {
      while (line[i] === ' ') i++;
      if (i === line.length || line[i] === '#' || line[i] === '\r') continue;
      while (indents.length && indents[indents.length - 1]! >= i) indents.pop();
      indents.push(i);
      // Compact nested sequences and keys: "- - - a".
      while (/^[-?:][ \t]/.test(line.slice(i, i + 2))) {
        depth++;
        i += 2;
        while (line[i] === ' ') i++;
      }
    }
    let q = '';
    for (; i < line.length; i++) {
      const c = line[i];
      if (q) {
        if (c === q) q = '';
        else if (c === '\\' && q === '"') i++;
      } else if (c === '"' || c === "'") q = c;
      else if (c === '#' && (i === 0 || line[i - 1] === ' ')) break;
      else if (c === '[' || c === '{') {
        flow++;
        if (indents.length + depth + flow > worst.depth)
          worst = { depth: indents.length + depth + flow, line: n + 1 };
      } else if ((c === ']' || c === '}') && flow > 0) flow--;
    }
    if (indents.length + depth + flow > worst.depth)
      worst = { depth: indents.length + depth + flow, line: n + 1 };
  }
  return worst;
}

/** The parser's error codes in the project's words: what was found and what is expected. */
const SYNTAX: Readonly<Record<string, string>> = {
  BLOCK_AS_IMPLICIT_KEY:
    'a mapping inside a one-line value (as in "a: b: c") or a line indented under a value; expected nested fields on their own lines, indented under their key',
  BAD_INDENT:
    'a line indented differently from the lines beside it, or an unclosed [ or {; expected the fields of one mapping to start in the same column',
  MULTIPLE_DOCS: 'a second YAML document (a "---" or "..." line); expected one document per file',
  MISSING_CHAR: 'an unclosed quote or bracket, or a key without ":"; expected it closed, or "key: value"',
  TAB_AS_INDENT: 'a tab used for indentation; expected spaces',
  UNEXPECTED_TOKEN:
    'text that does not fit the structure around it; expected "key: value" or "- item" lines at a consistent indentation',
  BAD_SCALAR_START: 'a value starting with a reserved character (@ or `); expected it in quotes',
  BAD_DQ_ESCAPE:
    'an invalid escape in a double-quoted value; expected \\n, \\t, \\\\, \\" or \\uXXXX (or single quotes)',
  MULTILINE_IMPLICIT_KEY:
    'a key that runs over several lines, or a line without ":"; expected "key: value" on one line',
  MULTIPLE_ANCHORS: 'two anchors on one value; expected at most one &anchor',
  MULTIPLE_TAGS: 'two tags on one value; expected at most one !tag',
  BAD_PROP_ORDER: 'an anchor or tag in the wrong place; expected it right before the value',
  ALIAS_PROPS: 'an anchor or tag on an alias; expected a plain *alias',
  BAD_ALIAS: 'an alias (*name) that is not valid here; expected *name of an anchor defined above',
  BAD_DIRECTIVE: 'a YAML directive (a "%" line) this reader does not support; expected none',
  KEY_OVER_1024_CHARS: 'a key longer than 1024 characters; expected a field name',
  BLOCK_IN_FLOW: 'an indented block inside [ ] or { }; expected flow values only, or no brackets',
  RESOURCE_EXHAUSTION: `nesting too deep for the parser; expected at most ${MAX_DEPTH} levels`,
};

/** "YAML syntax: found …; expected … (parser: "…")": the parser's words only as a detail. */
function syntaxMessage(code: string, parserText: string): string {
  const what = SYNTAX[code] ?? 'invalid YAML here; expected "key: value" and "- item" lines';
  return `YAML syntax: found ${what} (parser: ${quote(parserText.split('\n')[0] ?? '')})`;
}

/** toJS failures: an alias without anchor, or aliases that expand too far (maxAliasCount). */
function aliasMessage(parserText: string): string {
  if (/excessive alias count/i.test(parserText))
    return `YAML syntax: found aliases that expand to too many values; expected each anchor used a few times (parser: ${quote(parserText)})`;
  if (/unresolved alias|anchor must be set/i.test(parserText)) {
    const name = quote(/: ([^\s:]+)$/.exec(parserText)?.[1] ?? 'name');
    return `YAML syntax: found alias *${name} whose anchor is not defined above it; expected &${name} on an earlier value`;
  }
  return `YAML syntax: found a value that cannot be read; expected plain YAML (parser: ${quote(parserText)})`;
}

/**
 * The data of texts parsed before (config/parse-cache.ts): a text found there parsed without a problem, so its
 * document is only parsed again when a position is asked for (an error message).
 */
export interface ParsedCache {
  get(text: string): { data: unknown } | undefined;
  put(text: string, data: unknown): void;
}

const PARSE = { prettyErrors: false, uniqueKeys: true } as const;

export class YamlSource {
  readonly data: unknown;
  readonly syntaxProblems: SyntaxProblem[];
  private parsedDoc?: Document;
  private parsedLines?: LineCounter;

  constructor(
    readonly file: string,
    private readonly text: string,
    cache?: ParsedCache,
  ) {
    const hit = cache?.get(text);
    if (hit) {
      this.data = hit.data;
      this.syntaxProblems = [];
      return;
    }
    this.lines = new (yaml().LineCounter)();
    // Deep nesting is refused before the parser sees it: it would overflow the stack or exhaust memory.
    const deep = nestingDepth(text);
    if (deep.depth > MAX_DEPTH) {
      this.doc = yaml().parseDocument('', { lineCounter: this.lines });
      this.syntaxProblems = [
        {
          line: deep.line,
          col: 1,
          message: `nesting deeper than ${MAX_DEPTH} levels; expected at most ${MAX_DEPTH} (a config file needs fewer than 10)`,
        },
      ];
      this.data = undefined;
      return;
    }
    this.doc = yaml().parseDocument(text, { lineCounter: this.lines, ...PARSE });
    const problems: SyntaxProblem[] = [];
    for (const e of this.doc.errors) {
      const p = this.lines.linePos(e.pos[0]);
      // One problem per line: a tab or a stray bracket makes the parser report follow-on errors there.
      if (problems.some((q) => q.line === p.line)) continue;
      const message =
        e.code === 'DUPLICATE_KEY'
          ? `duplicate field ${quote(/^[^:\n]*/.exec(text.slice(e.pos[0]))![0].trim())}: each field may appear once`
          : syntaxMessage(e.code, e.message);
      problems.push({ line: p.line, col: p.col, message });
    }
    // After the first syntax error the parser's view of the rest is unreliable (a stray "]" makes every later
    // line an error): the first is reported, with the number of follow-on errors.
    if (problems.length > 1) {
      const more = problems.length - 1;
      problems.splice(1, more);
      problems[0] = {
        ...problems[0]!,
        message: `${problems[0]!.message}; ${more} more YAML error${more === 1 ? '' : 's'} after it, most likely caused by this one`,
      };
    }
    let data: unknown;
    if (!problems.length) {
      try {
        // Throws on an alias without its anchor, or on aliases that expand too far (maxAliasCount).
        data = this.doc.toJS();
      } catch (e) {
        problems.push({ ...this.aliasPosition(), message: aliasMessage((e as Error).message) });
      }
    }
    this.syntaxProblems = problems;
    this.data = data;
    if (!problems.length) cache?.put(text, data);
  }

  private get doc(): Document {
    if (!this.parsedDoc) this.parseForPositions();
    return this.parsedDoc!;
  }
  private set doc(doc: Document) {
    this.parsedDoc = doc;
  }
  private get lines(): LineCounter {
    if (!this.parsedLines) this.parseForPositions();
    return this.parsedLines!;
  }
  private set lines(lines: LineCounter) {
    this.parsedLines = lines;
  }

  /** A source read from the cache parses its text on the first position asked for (the same text parsed fine). */
  private parseForPositions(): void {
    this.parsedLines = new (yaml().LineCounter)();
    this.parsedDoc = yaml().parseDocument(this.text, { lineCounter: this.parsedLines, ...PARSE });
  }

  /** Where the first alias is: the usual cause of toJS failing. */
  private aliasPosition(): Position {
    let offset: number | undefined;
    const { visit } = yaml();
    visit(this.doc, {
      Alias: (_, node) => {
        offset = node.range?.[0];
        return visit.BREAK;
      },
    });
    return this.at(offset);
  }

  private at(offset: number | undefined): Position {
    if (offset === undefined) return { line: 1, col: 1 };
    const p = this.lines.linePos(offset);
    return { line: p.line, col: p.col };
  }

  /**
   * Position of the value at `path`; with `key`, of the key itself (for unknown fields). Walks as deep as the
   * document goes, so a missing field points at its parent.
   */
  position(path: readonly PathSegment[], key = false): Position {
    const { isMap, isPair, isScalar, isSeq } = yaml();
    let node: unknown = this.doc.contents;
    let best: Position = this.at((node as Node | null)?.range?.[0]);
    for (let i = 0; i < path.length; i++) {
      const seg = path[i];
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === seg);
        if (!pair) break;
        const last = i === path.length - 1;
        const target = last && key ? pair.key : (pair.value ?? pair.key);
        best = this.at((target as Node | null)?.range?.[0]);
        node = pair.value;
      } else if (isSeq(node) && typeof seg === 'number') {
        const item = node.items[seg];
        if (!item) break;
        best = this.at((item as Node).range?.[0]);
        node = item;
      } else {
        break;
      }
    }
    return best;
  }
}
