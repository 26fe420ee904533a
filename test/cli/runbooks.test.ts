/**
 * Runbooks: every alert that a prod environment synthesizes links a checked-in runbook, every runbook file names
 * an alert that exists, and the checked-in files are what `npm run runbooks` writes (stale → fail).
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RUNBOOK_DIR, RUNBOOK_IDS, runbookFiles, runbookFor } from '../../model/runbooks';
import { REPO, runNode } from '../helpers/fixture';
import { synthEnv } from '../helpers/synth-env';

const ALERT_TYPES = [
  'azurerm_monitor_metric_alert',
  'azurerm_monitor_activity_log_alert',
  'azurerm_monitor_scheduled_query_rules_alert_v2',
];

function linkedRunbooks(envName: string): string[] {
  const ids = new Set<string>();
  for (const stack of Object.values(synthEnv(envName).stacks)) {
    for (const type of ALERT_TYPES) {
      for (const body of Object.values(stack.resource[type] ?? {})) {
        const m = /Runbook: (\S+)$/.exec(String(body.description));
        if (!m) throw new Error(`${type} ${String(body.name)} has no runbook link`);
        ids.add(m[1]!);
      }
    }
  }
  return [...ids].sort();
}

describe('runbooks', () => {
  it.each(['prod-public', 'prod-dod'])('every alert of %s links a checked-in runbook file', (name) => {
    const links = linkedRunbooks(name);
    expect(links.length).toBeGreaterThan(10);
    for (const link of links) {
      expect(link).toMatch(new RegExp(`^${RUNBOOK_DIR}/[A-Za-z0-9]+\\.md$`));
      expect(readdirSync(join(REPO, RUNBOOK_DIR))).toContain(link.slice(RUNBOOK_DIR.length + 1));
    }
  });

  it('has no runbook file for an alert that does not exist', () => {
    const names = readdirSync(join(REPO, RUNBOOK_DIR)).filter((f) => f !== 'README.md');
    expect(names.map((f) => f.replace(/\.md$/, '')).sort()).toEqual([...RUNBOOK_IDS].sort());
  });

  it('checked-in files are what `npm run runbooks` writes', () => {
    for (const [path, text] of Object.entries(runbookFiles())) {
      expect({ path, text: readFileSync(join(REPO, path), 'utf8') }).toEqual({ path, text });
    }
  });

  it('gives every alert three queries, causes, a mitigation with a command and an escalation', () => {
    for (const id of RUNBOOK_IDS) {
      const r = runbookFor(id);
      expect(r.queries).toHaveLength(3);
      expect(r.causes.length).toBeGreaterThan(0);
      expect(r.mitigation.some((m) => /`(npm run|az) /.test(m))).toBe(true);
      expect(r.escalate).not.toBe('');
    }
  });

  describe('npm run runbooks --check', () => {
    const copy = (): string => {
      const root = mkdtempSync(join(tmpdir(), 'footprint-runbooks-'));
      cpSync(join(REPO, RUNBOOK_DIR), join(root, RUNBOOK_DIR), { recursive: true });
      return root;
    };

    it('passes on the checked-in files', () => {
      const r = runNode('tools/runbooks.js', ['--check', '--root', copy()], REPO);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`${RUNBOOK_IDS.length + 1} runbooks up to date\n`);
    });

    it('fails on a stale file and on a runbook of an alert that does not exist, then regenerates', () => {
      const root = copy();
      writeFileSync(join(root, RUNBOOK_DIR, 'aksNodeCpu.md'), '# edited by hand\n');
      writeFileSync(join(root, RUNBOOK_DIR, 'cosmosGone.md'), '# Runbook: cosmosGone\n');
      const r = runNode('tools/runbooks.js', ['--check', '--root', root], REPO);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`${RUNBOOK_DIR}/cosmosGone.md names no alert`);
      expect(r.stderr).toContain(`${RUNBOOK_DIR}/aksNodeCpu.md is stale`);
      const w = runNode('tools/runbooks.js', ['--root', root], REPO);
      expect(w.code).toBe(0);
      expect(w.stdout).toBe(`removed ${RUNBOOK_DIR}/cosmosGone.md\nwrote ${RUNBOOK_DIR}/aksNodeCpu.md\n`);
      expect(runNode('tools/runbooks.js', ['--check', '--root', root], REPO).code).toBe(0);
    });
  });
});
