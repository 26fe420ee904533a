/**
 * A stub `az` for command tests: a script first on PATH that appends each call's arguments to $AZ_LOG and
 * answers from fixtures in $AZ_ANSWERS ({ match (extended regex on the joined arguments), stdout, code, stderr }
 * in order); the first match wins, no match exits 1 with "stub az: no answer".
 */
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface AzAnswer {
  readonly match: string;
  readonly stdout?: string;
  readonly code?: number;
  readonly stderr?: string;
}

// POSIX sh + grep -E (GNU), not node: a check run makes ~30 calls, and a node start per call is too slow.
const SCRIPT = `#!/bin/sh
args="$*"
printf '%s\n' "$args" >> "$AZ_LOG"
n=0
while [ -f "$AZ_ANSWERS/$n.match" ]; do
  if printf '%s\n' "$args" | grep -Eq -f "$AZ_ANSWERS/$n.match"; then
    cat "$AZ_ANSWERS/$n.out"
    cat "$AZ_ANSWERS/$n.err" >&2
    exit "$(cat "$AZ_ANSWERS/$n.code")"
  fi
  n=$((n + 1))
done
echo "stub az: no answer for $args" >&2
exit 1
`;

export interface StubAz {
  /** Environment for the command: PATH with the stub first, the log and the answers. */
  readonly env: NodeJS.ProcessEnv;
  /** The calls made so far, one joined argument line each. */
  calls(): string[];
}

export function stubAz(dir: string, name: string, answers: readonly AzAnswer[]): StubAz {
  const bin = join(dir, `az-${name}`);
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'az'), SCRIPT);
  chmodSync(join(bin, 'az'), 0o755);
  const log = join(dir, `az-${name}.log`);
  writeFileSync(log, '');
  const answersDir = join(dir, `az-${name}.answers`);
  mkdirSync(answersDir, { recursive: true });
  answers.forEach((a, i) => {
    writeFileSync(join(answersDir, `${i}.match`), `${a.match}\n`);
    writeFileSync(join(answersDir, `${i}.out`), a.stdout ?? '');
    writeFileSync(join(answersDir, `${i}.err`), a.stderr ?? '');
    writeFileSync(join(answersDir, `${i}.code`), String(a.code ?? 0));
  });
  return {
    env: { PATH: `${bin}:${process.env.PATH}`, AZ_LOG: log, AZ_ANSWERS: answersDir },
    calls: () => readFileSync(log, 'utf8').split('\n').filter(Boolean),
  };
}
