/**
 * A parsed YAML file that remembers where every value came from, so an error about `regions[1].name` can
 * point at line and column of that value (or of the nearest enclosing node when the value is missing).
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';

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
    this.syntaxProblems = this.doc.errors.map((e) => {
      const p = this.lines.linePos(e.pos[0]);
      return { line: p.line, col: p.col, message: e.message.split('\n')[0] ?? e.message };
    });
    this.data = this.syntaxProblems.length ? undefined : this.doc.toJS();
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
