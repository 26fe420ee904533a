/**
 * Data residency of the stamps: no stamp stack (nor its service config) of a non-public cloud names a DNS suffix,
 * private zone or endpoint host of Azure public. Matching is boundary-aware: `usgovtrafficmanager.net` does not
 * contain the public `trafficmanager.net`.
 */
import { SERVICE_CONFIG_FILE } from '../../constructs/service-config';
import { shippedConfig } from '../helpers/load';
import { SHIPPED_ENVIRONMENTS, synthEnv } from '../helpers/synth-env';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A matcher for any of `names` as a whole DNS name (start, `.`, `/`, `"` or whitespace before; no label after). */
function dnsNameMatcher(names: readonly string[]): RegExp {
  return new RegExp(`(?:^|[./"\\s])(${names.map(escape).join('|')})(?![a-z0-9-]|\\.[a-z0-9])`, 'i');
}

const publicNames = () =>
  shippedConfig()
    .clouds.find((c) => c.id === 'public')!
    .allDnsNames();

describe('the boundary-aware matcher', () => {
  const m = dnsNameMatcher(['trafficmanager.net', 'vault.azure.net']);
  it.each([
    '"x.trafficmanager.net"',
    'trafficmanager.net',
    'https://kv.vault.azure.net/',
    'a vault.azure.net',
  ])('finds %s', (text) => expect(text).toMatch(m));
  it.each(['"x.usgovtrafficmanager.net"', 'vault.azure.network', 'vault.azure.net.cn', 'myvault.azure.net'])(
    'ignores %s',
    (text) => expect(text).not.toMatch(m),
  );
});

const stampsOf = (name: string) => {
  const { env, footprint, text } = synthEnv(name);
  return footprint.stamps.map((s) => ({
    cloud: env.cloud.id,
    stack: s.node.id,
    text: `${text[s.node.id]}\n${JSON.stringify(s.artifacts()[SERVICE_CONFIG_FILE])}`,
  }));
};
const all = SHIPPED_ENVIRONMENTS.flatMap(stampsOf);
const sovereign = all.filter((s) => s.cloud !== 'public');

it('covers the usgov, china and ussec clouds (dod through prod-dod)', () => {
  expect(new Set(sovereign.map((s) => s.cloud))).toEqual(new Set(['usgov', 'china', 'ussec']));
  expect(sovereign.some((s) => s.stack.startsWith('prod-dod-'))).toBe(true);
});

it('finds public names in public stamps (the check can fail)', () => {
  const m = dnsNameMatcher(publicNames());
  for (const s of all.filter((x) => x.cloud === 'public')) expect(s.text).toMatch(m);
});

it.each(sovereign.map((s) => [s.stack, s] as const))('%s names no public-cloud DNS name', (_stack, s) => {
  const match = s.text.match(dnsNameMatcher(publicNames()));
  expect(match?.[1]).toBeUndefined();
});
