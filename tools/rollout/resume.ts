/** The command that resumes a failed rollout at the wave that failed. */
import { shellQuote } from '../../lib/shell';

const FROM_FLAGS = new Set(['--from-wave', '--from-env']);

/** The same command line with the start point replaced: what to run after fixing a failure. */
export function resumeCommand(argv: readonly string[], env: string | undefined, wave: number): string {
  const kept: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (FROM_FLAGS.has(a)) {
      i++;
      continue;
    }
    if ([...FROM_FLAGS].some((f) => a.startsWith(`${f}=`))) continue;
    kept.push(a);
  }
  const from = [...(env ? ['--from-env', env] : []), '--from-wave', String(wave)];
  return ['npm', 'run', 'rollout', '--', ...kept, ...from].map(shellQuote).join(' ');
}
