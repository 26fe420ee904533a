/**
 * Reading `terraform show -json` output (format 1.x, documented at
 * developer.hashicorp.com/terraform/internals/json-format) and the log of a plan that failed. Only the parts a
 * review needs are typed; unknown keys are ignored, as the format's minor versions allow.
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { InputError } from '../../lib/cli';
import { readInputText } from '../../lib/read-input';
import type { Json } from '../../contract/out';

export type TfAction = 'no-op' | 'create' | 'read' | 'update' | 'delete';

export interface TfChange {
  readonly actions: readonly TfAction[];
  readonly before: Json;
  readonly after: Json;
  readonly after_unknown?: Json;
  readonly before_sensitive?: Json;
  readonly after_sensitive?: Json;
  readonly replace_paths?: readonly (readonly (string | number)[])[];
}

export interface TfResourceChange {
  readonly address: string;
  readonly mode?: string;
  readonly type: string;
  readonly name: string;
  readonly action_reason?: string;
  readonly change: TfChange;
}

export interface TfPlan {
  readonly format_version: string;
  readonly terraform_version?: string;
  readonly resource_changes?: readonly TfResourceChange[];
  readonly output_changes?: Readonly<Record<string, TfChange>>;
  readonly configuration?: Json;
}

/** One stack's input: a plan, or the errors of a plan that failed. */
export interface PlanInput {
  readonly stack: string;
  readonly file: string;
  readonly plan?: TfPlan;
  readonly errors?: readonly PlanError[];
}

export interface PlanError {
  readonly message: string;
  /** The resource named by the error's `with <address>,` line. */
  readonly address?: string;
}

const JSON_SUFFIX = '.plan.json';
const LOG_SUFFIXES = ['.plan.error.txt', '.plan.log'];

/** The stack a file is about: its name without `.plan.json` / `.plan.log` / `.plan.error.txt`. */
export function stackOf(file: string): string {
  const name = basename(file);
  for (const s of [JSON_SUFFIX, ...LOG_SUFFIXES]) if (name.endsWith(s)) return name.slice(0, -s.length);
  return name.replace(/\.json$/, '');
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks the parts of a plan the review reads; the message names what is wrong. */
export function parsePlan(text: string, file: string): TfPlan {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new InputError(`${file}: not JSON (${(e as Error).message}); expected terraform show -json output`);
  }
  if (!isObject(json) || typeof json.format_version !== 'string') {
    throw new InputError(`${file}: no "format_version"; expected terraform show -json <planfile> output`);
  }
  if (!/^1\./.test(json.format_version)) {
    throw new InputError(`${file}: plan format ${json.format_version} is not supported (expected 1.x)`);
  }
  const rc = json.resource_changes ?? [];
  if (!Array.isArray(rc)) throw new InputError(`${file}: "resource_changes" is not a list`);
  for (const [i, r] of rc.entries()) {
    const c = isObject(r) ? r.change : undefined;
    if (!isObject(r) || typeof r.address !== 'string' || !isObject(c) || !Array.isArray(c.actions)) {
      throw new InputError(`${file}: resource_changes[${i}] has no address or change.actions`);
    }
  }
  return json as unknown as TfPlan;
}

/** The `Error:` paragraphs of a failed plan's output, each with the address of its `with` line. */
export function parseLog(text: string): PlanError[] {
  const errors: PlanError[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*(?:│\s*)?Error: (.*)$/.exec(lines[i]!);
    if (!m) continue;
    const body = [m[1]!.trim()];
    let address: string | undefined;
    for (let j = i + 1; j < lines.length && !/^\s*(?:│\s*)?(Error|Warning): /.test(lines[j]!); j++) {
      const line = lines[j]!.replace(/^\s*│?\s*/, '').trim();
      const w = /^with ([^,]+),/.exec(line);
      if (w) {
        address = w[1];
        break;
      }
      if (line.startsWith('* ')) body.push(line.slice(2));
    }
    // "1 error occurred:" says nothing by itself: keep the listed errors.
    const message = (body.length > 1 && /error(s)? occurred/.test(body[0]!) ? body.slice(1) : body).join(
      '; ',
    );
    errors.push({ message, ...(address ? { address } : {}) });
  }
  return errors;
}

function readText(file: string): string {
  return readInputText(file, { missing: ': cannot read (ENOENT)' });
}

function isLog(file: string): boolean {
  return LOG_SUFFIXES.some((s) => file.endsWith(s));
}

/**
 * The inputs named on the command line: plan JSON files, logs of failed plans, and folders of both. A log
 * next to its stack's JSON is that plan's output and adds nothing; a log without JSON must hold an error.
 */
export function loadInputs(paths: readonly string[]): PlanInput[] {
  const files: string[] = [];
  for (const p of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      throw new InputError(`${p}: no such file or folder`);
    }
    if (!isDir) {
      files.push(p);
      continue;
    }
    const inDir = readdirSync(p)
      .filter((f) => f.endsWith(JSON_SUFFIX) || isLog(f))
      .sort()
      .map((f) => join(p, f));
    if (!inDir.length) throw new InputError(`${p}: no *.plan.json or *.plan.log files`);
    files.push(...inDir);
  }
  const byStack = new Map<string, PlanInput>();
  for (const f of files.filter((x) => !isLog(x))) {
    const stack = stackOf(f);
    if (byStack.has(stack)) throw new InputError(`${f}: a second plan of stack ${stack}`);
    byStack.set(stack, { stack, file: f, plan: parsePlan(readText(f), f) });
  }
  for (const f of files.filter(isLog)) {
    const stack = stackOf(f);
    if (byStack.has(stack)) continue;
    const errors = parseLog(readText(f));
    if (!errors.length) throw new InputError(`${f}: no plan JSON for ${stack} and no "Error:" in the log`);
    byStack.set(stack, { stack, file: f, errors });
  }
  return [...byStack.values()].sort((a, b) => (a.stack < b.stack ? -1 : a.stack > b.stack ? 1 : 0));
}
