/**
 * A parsed YAML file that remembers where every value came from, so an error about `regions[1].name` can
 * point at line and column of that value (or of the nearest enclosing node when the value is missing).
 */
import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Document,
  type Node,
} from 'yaml';

export type PathSegment = string | number;

export interface Position {
  readonly line: number;
  readonly col: number;
}

export interface SyntaxProblem extends Position {
  readonly message: string;
}

export class YamlSource {
  readonly data: unknown;
  readonly syntaxProblems: SyntaxProblem[];
  private readonly doc: Document;
  private readonly lines: LineCounter;

  constructor(
    readonly file: string,
    text: string,
  ) {
    this.lines = new LineCounter();
    this.doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true });
    const problems: SyntaxProblem[] = [];
    for (const e of this.doc.errors) {
      const p = this.lines.linePos(e.pos[0]);
      // One problem per line: a tab or a stray bracket makes the parser report follow-on errors there.
      if (problems.some((q) => q.line === p.line)) continue;
      const message =
        e.code === 'DUPLICATE_KEY'
          ? `duplicate field "${/^[^:\n]*/.exec(text.slice(e.pos[0]))![0].trim()}": each field may appear once`
          : (e.message.split('\n')[0] ?? e.message);
      problems.push({ line: p.line, col: p.col, message });
    }
    let data: unknown;
    if (!problems.length) {
      try {
        // Throws on an alias without its anchor, or on aliases that expand too far (maxAliasCount).
        data = this.doc.toJS();
      } catch (e) {
        problems.push({ ...this.aliasPosition(), message: (e as Error).message });
      }
    }
    this.syntaxProblems = problems;
    this.data = data;
  }

  /** Where the first alias is: the usual cause of toJS failing. */
  private aliasPosition(): Position {
    let offset: number | undefined;
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
