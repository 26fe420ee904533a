/**
 * npm run bench: synth and the checks measured as a user runs them (child processes, N runs, median and spread
 * of wall time and peak RSS), the floor (node + cdktf), the default cdktf way on the same code (barrel import +
 * type-checking ts-node), and a scaling run of 1…32 regions. Prints a table with ratios and budgets.
 */
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../lib/atomic-file';
import {
  defineCommand,
  EXIT,
  FORMATS,
  UsageError,
  type CommandContext,
  type Format,
  type Values,
} from '../lib/cli';
import { BUDGETS, checkBudgets, limitText, measuredText, NPM_CHANGED, NPM_WARM } from './budgets';
import { prepareDefaultWay } from './default-way';
import { fmtMb, fmtMs, measure, runOnce, type Measurement } from './measure';
import { copyRepo } from './repo-copy';
import { linearFit, SCALE_SIZES, writeScalingConfig } from './scaling';
import { measureStackTimings } from './stack-timings';
import { HYPER_FULL, HYPER_QUICK, renderHyperScale, runHyperScale, type HyperResult } from './hyper-scale';

const USAGE = `Usage: npm run bench -- [--runs N] [--quick] [--skip-default-way] [--skip-scaling] [--skip-hyper-scale] [--format text|markdown|json] [--check]

Measures, as child processes: the floor (node + require('cdktf')), \`npm run synth\` as a user runs it in a
copy of the checkout (warm, after a source change, fresh clone), synth of the shipped matrix (total and per
environment), validate / resilience / diff on it, the default cdktf way (barrel import + type-checking ts-node)
on the same code, synth of generated environments of 1, 2, 4, 8, 16 and 32 regions, and the hyper-scale case:
a generated matrix of 2,100 stamps (12 environments × 50 regions × 1-4 scale units, in a temp folder)
synthesized by one worker process per environment (as many at once as cores), validated, diffed against
itself and checked for resilience, against a budget of 60 s and 1.5 GB.

Options:
  --runs N            runs per measurement (default 5; the default-way run uses min(N, 3))
  --quick             1 run each, scaling 1/4/16 only, hyper-scale of 24 stamps (a smoke run)
  --skip-default-way  do not measure the barrel + ts-node variant (slow: ~10-20 s a run)
  --skip-scaling      do not run the scaling series
  --skip-hyper-scale  do not run the hyper-scale case
  --format <f>        text (default), markdown (the README table) or json
  --check             exit 1 when a budget is exceeded
  -h, --help          this help
Results are also written to .bench/results.json.

Exit codes: 0 done, 1 a budget exceeded (with --check) or a command failed, 2 usage.
`;

const NPM_FRESH = 'npm run synth: fresh clone (no dist/, full build)';
const NPM_CHANGED_TWO = 'npm run synth: after a source change, FOOTPRINT_SYNTH_THREADS=2';

/** The npm run synth lines over the floor in CPU time, when every one was measured. */
function cpuRatios(results: readonly Measurement[], floor: Measurement) {
  const cpu = (label: string) => results.find((r) => r.label === label)?.medianCpuMs;
  const [warm, changed, fresh, base] = [cpu(NPM_WARM), cpu(NPM_CHANGED), cpu(NPM_FRESH), floor.medianCpuMs];
  if (warm === undefined || changed === undefined || fresh === undefined || !base) return {};
  return { npmSynthCpuOverFloor: { warm: warm / base, changed: changed / base, fresh: fresh / base } };
}

const OPTIONS = {
  runs: { type: 'string' },
  quick: { type: 'boolean', default: false },
  'skip-default-way': { type: 'boolean', default: false },
  'skip-scaling': { type: 'boolean', default: false },
  'skip-hyper-scale': { type: 'boolean', default: false },
  check: { type: 'boolean', default: false },
} as const;

async function main({ values, format }: CommandContext<typeof OPTIONS>): Promise<number> {
  const runs = values.quick ? 1 : Number(values.runs ?? 5);
  if (!Number.isInteger(runs) || runs < 1 || runs > 50)
    throw new UsageError('--runs must be a whole number from 1 to 50');

  const repo = resolve(__dirname, '..', '..');
  const work = mkdtempSync(join(tmpdir(), 'fp-bench-'));
  const copy = copyRepo(repo);
  // The temp trees (outputs, scaling configs, the checkout copy) go away even when a measured command fails.
  try {
    // Last: its minutes of two busy cores would weigh on the rows measured after it.
    const hyperScale = async () => {
      if (values['skip-hyper-scale']) return undefined;
      const hyper = await runHyperScale(repo, work, values.quick ? HYPER_QUICK : HYPER_FULL);
      process.stderr.write(`bench: ${renderHyperScale(hyper, false).join('\n')}\n`);
      return hyper;
    };
    return await bench(values, repo, work, copy, format, runs, hyperScale);
  } finally {
    rmSync(work, { recursive: true, force: true });
    rmSync(copy, { recursive: true, force: true });
  }
}

async function bench(
  values: Values<typeof OPTIONS>,
  repo: string,
  work: string,
  copy: string,
  format: Format,
  runs: number,
  hyperScale: () => Promise<HyperResult | undefined>,
): Promise<number> {
  const dist = (p: string) => join(repo, 'dist', p);
  const out = join(work, 'out');
  const log = (s: string) => process.stderr.write(`bench: ${s}\n`);
  const results: Measurement[] = [];
  const add = (m: Measurement) => {
    results.push(m);
    log(`${m.label}: ${fmtMs(m.medianMs)} (${fmtMs(m.minMs)}–${fmtMs(m.maxMs)}), ${fmtMb(m.medianMb)}`);
  };

  add(measure('floor: node + require(cdktf)', ['-e', "require('cdktf')"], repo, runs));
  // What a user types, in a copy of the checkout that can be edited: npm, the build check, synth.
  const npmSynth = ['run', 'synth', '--', '--quiet', '--out', join(work, 'npm-out')];
  const npm = (label: string, before?: (run: number) => void) =>
    add(measure(label, npmSynth, copy, runs, {}, before, 'npm'));
  runOnce(npmSynth, copy, {}, 'npm'); // builds dist/ of the copy
  npm(NPM_WARM);
  const edit = (i: number) =>
    appendFileSync(join(copy, 'constructs', 'key-vault.ts'), `// bench edit ${i}\n`);
  npm(NPM_CHANGED, edit);
  // The second synth thread, off by default (stacks/synth-helper.ts), for comparison.
  add(measure(NPM_CHANGED_TWO, npmSynth, copy, runs, { FOOTPRINT_SYNTH_THREADS: '2' }, edit, 'npm'));
  // A fresh clone has neither dist/ nor an output to reuse.
  npm(NPM_FRESH, () => {
    rmSync(join(copy, 'dist'), { recursive: true, force: true });
    rmSync(join(work, 'npm-out'), { recursive: true, force: true });
  });
  // Synthesis itself: the reuse of an unchanged output (lib/unchanged.ts) is measured by the warm npm row only.
  const full = { FOOTPRINT_SYNTH_CACHE: '0' };
  add(measure('synth: shipped matrix', [dist('main.js'), '--quiet', '--out', out], repo, runs, full));
  const stackTimings = measureStackTimings(dist('bench/timed-synth.js'), repo, runs);
  log(`per stack: ${stackTimings.length} stacks timed over ${runs} run(s)`);
  const footprint = JSON.parse(readFileSync(join(out, 'footprint.json'), 'utf8')) as {
    environments: Record<string, { stacks: string[] }>;
  };
  const envs = Object.keys(footprint.environments).sort();
  for (const env of envs) {
    const stacks = footprint.environments[env]!.stacks.length;
    add(
      measure(
        `synth: ${env} (${stacks} stacks)`,
        [dist('main.js'), '--quiet', '--env', env, '--out', join(work, `env-${env}`)],
        repo,
        runs,
        full,
      ),
    );
  }
  const checks: [string, string, string[]][] = [
    ['validate: shipped matrix', 'tools/validate.js', ['--out', out]],
    ['resilience: shipped matrix', 'tools/resilience.js', ['--out', out]],
    ['diff: shipped matrix (both sides synthesized)', 'tools/diff.js', ['--base', out, '--head', out]],
  ];
  for (const [label, script, args] of checks) {
    if (!existsSync(dist(script))) {
      log(`${label}: skipped (${script} not built)`);
      continue;
    }
    // Exit 1 means findings, not a failed measurement.
    add(measure(label, [dist(script), ...args], repo, runs, { FOOTPRINT_BENCH_ALLOW_EXIT: '1,2,3' }));
  }

  let defaultWay: Measurement | undefined;
  if (!values['skip-default-way']) {
    const dir = prepareDefaultWay(repo);
    const tsNode = join(repo, 'node_modules', 'ts-node', 'dist', 'bin.js');
    defaultWay = measure(
      'default cdktf way: barrel import + ts-node (type-checks)',
      [tsNode, 'main.ts', '--quiet', '--out', join(work, 'default-way')],
      dir,
      Math.min(runs, 3),
      full,
    );
    add(defaultWay);
  }

  const scaling: { regions: number; m: Measurement }[] = [];
  if (!values['skip-scaling']) {
    const sizes = values.quick ? [1, 4, 16] : [...SCALE_SIZES];
    const scaleDir = join(work, 'scale');
    writeScalingConfig(repo, scaleDir, sizes);
    for (const n of sizes) {
      const m = measure(
        `synth: ${n} region${n === 1 ? '' : 's'}`,
        [dist('main.js'), '--quiet', '--env', `scale-${n}`, '--out', join(scaleDir, `out-${n}`)],
        scaleDir,
        runs,
        full,
      );
      add(m);
      scaling.push({ regions: n, m });
    }
  }

  const hyper = await hyperScale();
  const byLabel = (label: string) => results.find((r) => r.label === label)!;
  const floor = byLabel('floor: node + require(cdktf)');
  const synth = byLabel('synth: shipped matrix');
  const fit =
    scaling.length > 1
      ? linearFit(
          scaling.map((s) => s.regions),
          scaling.map((s) => s.m.medianMs),
        )
      : undefined;
  const memFit =
    scaling.length > 1
      ? linearFit(
          scaling.map((s) => s.regions),
          scaling.map((s) => s.m.medianMb ?? 0),
        )
      : undefined;
  const budgetRows = checkBudgets(BUDGETS, results, floor);
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const report = {
    machine,
    runs,
    results,
    stackTimings,
    ratios: {
      ...cpuRatios(results, floor),
      npmSynthWarmOverFloor: byLabel(NPM_WARM).medianMs / floor.medianMs,
      npmSynthChangedOverFloor: byLabel(NPM_CHANGED).medianMs / floor.medianMs,
      npmSynthFreshOverFloor: byLabel(NPM_FRESH).medianMs / floor.medianMs,
      synthOverFloor: synth.medianMs / floor.medianMs,
      ...(defaultWay
        ? {
            defaultWayOverSynth: defaultWay.medianMs / synth.medianMs,
            defaultWayMemOverSynth: (defaultWay.medianMb ?? 0) / (synth.medianMb ?? 1),
          }
        : {}),
    },
    ...(fit && memFit
      ? {
          scaling: {
            msPerStamp: fit.slope,
            baseMs: fit.intercept,
            r2: fit.r2,
            mbPerStamp: memFit.slope,
            memR2: memFit.r2,
          },
        }
      : {}),
    ...(hyper ? { hyperScale: hyper } : {}),
    budgets: budgetRows.map((b) => ({
      label: b.label,
      limitMs: b.limitMs,
      limitMb: b.limitMb,
      limitFloorRatio: b.limitFloorRatio?.ratio,
      medianMs: b.m?.medianMs,
      medianMb: b.m?.medianMb,
      floorRatio: b.floorRatio,
      ok: b.ok,
    })),
  };
  mkdirSync(join(repo, '.bench'), { recursive: true });
  writeFileAtomic(join(repo, '.bench', 'results.json'), `${JSON.stringify(report, null, 2)}\n`);

  if (format === 'json') {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    const md = format === 'markdown';
    const lines: string[] = [];
    lines.push(
      md
        ? `Machine: ${machine}; ${runs} runs each (median, min–max).`
        : `Machine: ${machine}; ${runs} runs each`,
    );
    lines.push('');
    lines.push('| measurement | wall (median) | spread | CPU (median) | peak RSS (median) |');
    lines.push('|---|---|---|---|---|');
    for (const r of results)
      lines.push(
        `| ${r.label} | ${fmtMs(r.medianMs)} | ${fmtMs(r.minMs)}–${fmtMs(r.maxMs)} | ${r.medianCpuMs === undefined ? '–' : fmtMs(r.medianCpuMs)} | ${fmtMb(r.medianMb)} |`,
      );
    lines.push('');
    lines.push(
      `Per stack, in process (constructor + synthesis; start-up and module loading are in the total only), ${runs} runs:`,
    );
    lines.push('');
    lines.push('| stack | median | spread | build | synth |');
    lines.push('|---|---|---|---|---|');
    for (const t of stackTimings) {
      lines.push(
        `| ${t.stack} | ${t.medianMs.toFixed(1)} ms | ${t.minMs.toFixed(1)}–${t.maxMs.toFixed(1)} ms | ${t.buildMs.toFixed(1)} ms | ${t.synthMs.toFixed(1)} ms |`,
      );
    }
    lines.push('');
    const r = report.ratios;
    lines.push(
      `- npm run synth ÷ floor: ${r.npmSynthWarmOverFloor.toFixed(2)}× warm, ${r.npmSynthChangedOverFloor.toFixed(2)}× after a source change, ${r.npmSynthFreshOverFloor.toFixed(2)}× on a fresh clone`,
    );
    if (r.npmSynthCpuOverFloor) {
      const c = r.npmSynthCpuOverFloor;
      lines.push(
        `- the same in CPU time: ${c.warm.toFixed(2)}× warm, ${c.changed.toFixed(2)}× after a source change, ${c.fresh.toFixed(2)}× on a fresh clone`,
      );
    }
    lines.push(`- synth (node dist/main.js) ÷ floor: ${r.synthOverFloor.toFixed(2)}×`);
    if (defaultWay) {
      lines.push(
        `- default cdktf way ÷ ours: ${report.ratios.defaultWayOverSynth!.toFixed(1)}× the time, ${report.ratios.defaultWayMemOverSynth!.toFixed(1)}× the memory`,
      );
    }
    if (fit && memFit) {
      lines.push(
        `- scaling: ${fit.slope.toFixed(1)} ms and ${memFit.slope.toFixed(2)} MB per stamp over a ${fit.intercept.toFixed(0)} ms base; linear fit R² = ${fit.r2.toFixed(3)} (time), ${memFit.r2.toFixed(3)} (memory)`,
      );
    }
    lines.push('');
    lines.push('| budget | limit | measured | |');
    lines.push('|---|---|---|---|');
    for (const b of budgetRows) {
      lines.push(
        `| ${b.label} | ${limitText(b, floor)} | ${measuredText(b)} | ${b.ok === undefined ? '–' : b.ok ? 'ok' : 'OVER'} |`,
      );
    }
    if (hyper) lines.push('', ...renderHyperScale(hyper, md));
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  const over = budgetRows.some((b) => b.ok === false) || hyper?.withinBudget === false;
  return values.check && over ? EXIT.findings : EXIT.ok;
}

defineCommand({ name: 'bench', usage: USAGE, options: OPTIONS, formats: FORMATS, main });
