/** readInputText: regular files only, refused by kind before they are opened; messages name the path. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../lib/cli';
import { readInputText } from '../../lib/read-input';

const dir = mkdtempSync(join(tmpdir(), 'footprint-read-'));

describe('readInputText', () => {
  it('reads a regular file as UTF-8', () => {
    writeFileSync(join(dir, 'plan.json'), '{"é": 1}');
    expect(readInputText(join(dir, 'plan.json'))).toBe('{"é": 1}');
  });

  it('a missing file: the path, then `missing` or ": no such file"', () => {
    expect(() => readInputText(join(dir, 'none'))).toThrow(
      new InputError(`${join(dir, 'none')}: no such file`),
    );
    expect(() => readInputText(join(dir, 'none'), { missing: ' not found: run synth' })).toThrow(
      `${join(dir, 'none')} not found: run synth`,
    );
  });

  it('a FIFO, a device and a directory are refused without reading (no hang)', () => {
    spawnSync('mkfifo', [join(dir, 'pipe')]);
    expect(() => readInputText(join(dir, 'pipe'))).toThrow(
      `${join(dir, 'pipe')} is a named pipe (FIFO), not a regular file`,
    );
    expect(() => readInputText('/dev/zero')).toThrow('/dev/zero is a character device, not a regular file');
    expect(() => readInputText(dir)).toThrow(`${dir} is a directory, not a regular file`);
  });

  it('raises the error the caller makes of the message', () => {
    class OwnError extends Error {}
    expect(() => readInputText('/dev/zero', { error: (m) => new OwnError(m) })).toThrow(OwnError);
  });
});
