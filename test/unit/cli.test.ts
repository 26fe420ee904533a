/** The command skeleton's pure parts (lib/cli.ts): where the synthesized tree is, --format, user errors. */
import { join } from 'node:path';
import {
  DEFAULT_OUT_DIR,
  InputError,
  isUserError,
  outDirArg,
  parseFormat,
  resolveOutDir,
  UsageError,
} from '../../lib/cli';

describe('resolveOutDir', () => {
  const cwd = '/work/project';

  it('--out wins over $CDKTF_OUTDIR and the default', () => {
    expect(resolveOutDir('mine', { CDKTF_OUTDIR: 'env-out' }, cwd)).toBe(join(cwd, 'mine'));
    expect(resolveOutDir('/abs/tree', { CDKTF_OUTDIR: 'env-out' }, cwd)).toBe('/abs/tree');
  });

  it('then $CDKTF_OUTDIR', () => {
    expect(resolveOutDir(undefined, { CDKTF_OUTDIR: 'env-out' }, cwd)).toBe(join(cwd, 'env-out'));
    expect(resolveOutDir(undefined, { CDKTF_OUTDIR: '/abs/env' }, cwd)).toBe('/abs/env');
  });

  it('then cdktf.out; an empty $CDKTF_OUTDIR counts as unset', () => {
    expect(resolveOutDir(undefined, {}, cwd)).toBe(join(cwd, 'cdktf.out'));
    expect(resolveOutDir(undefined, { CDKTF_OUTDIR: '' }, cwd)).toBe(join(cwd, DEFAULT_OUT_DIR));
  });

  it('outDirArg keeps the name as the user gave it (commands print it)', () => {
    expect(outDirArg('out', { CDKTF_OUTDIR: 'x' })).toBe('out');
    expect(outDirArg(undefined, { CDKTF_OUTDIR: 'x' })).toBe('x');
    expect(outDirArg(undefined, {})).toBe('cdktf.out');
  });

  it('defaults to the process environment and working directory', () => {
    const saved = process.env.CDKTF_OUTDIR;
    try {
      process.env.CDKTF_OUTDIR = 'from-env';
      expect(resolveOutDir(undefined)).toBe(join(process.cwd(), 'from-env'));
    } finally {
      if (saved === undefined) delete process.env.CDKTF_OUTDIR;
      else process.env.CDKTF_OUTDIR = saved;
    }
  });
});

describe('parseFormat', () => {
  it('text by default, and the allowed formats only', () => {
    expect(parseFormat(undefined)).toBe('text');
    expect(parseFormat('markdown')).toBe('markdown');
    expect(() => parseFormat('xml')).toThrow(
      new UsageError('--format must be one of text, json, markdown (got "xml")'),
    );
    expect(() => parseFormat('json', ['text', 'markdown'])).toThrow(/one of text, markdown/);
  });
});

describe('user errors', () => {
  it('InputError and its subclasses carry the userError marker; other errors do not', () => {
    class OutLike extends InputError {}
    expect(isUserError(new InputError('x'))).toBe(true);
    expect(isUserError(new OutLike('x'))).toBe(true);
    expect(isUserError(Object.assign(new Error('x'), { userError: true }))).toBe(true);
    expect(isUserError(new Error('x'))).toBe(false);
    expect(isUserError(new UsageError('x'))).toBe(false);
    expect(isUserError('x')).toBe(false);
  });
});
