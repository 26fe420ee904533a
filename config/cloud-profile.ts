/**
 * The only place clouds differ. Constructs ask questions (`privateDnsZone('keyVault')`, `region(name).zones`,
 * `capability('frontDoor')`) and never test a cloud id. Every fact that is not CONFIRMED is recorded when
 * read, so synthesis can warn, per environment, about exactly the unconfirmed facts that environment uses.
 */
import type { Capability, CapabilityStatus, CloudFile, Confidence } from './schema/cloud';

type Fact<T> = T | { value: T; confidence: Confidence; source: string; note?: string };

export interface FactUse {
  readonly fact: string;
  readonly value: string;
  readonly confidence: Confidence;
  readonly source: string;
  readonly note?: string;
}

export interface RegionInfo {
  readonly name: string;
  readonly code: string;
  readonly displayName: string;
  readonly zones: boolean;
  readonly pair?: string;
  readonly restricted: boolean;
}

export type SuffixName = keyof CloudFile['suffixes'];
export type PrivateZoneName = Exclude<keyof CloudFile['privateDnsZones'], 'aks' | 'monitor'>;
export type EndpointName = keyof CloudFile['endpoints'];
export type ServiceTagName = keyof CloudFile['serviceTags'];

export interface ProviderTarget {
  /** azurerm `environment` (public, usgovernment, dod, china) */
  readonly environment?: string;
  /** azurerm `metadata_host` for clouds azurerm does not know by name */
  readonly metadataHost?: string;
}

export class CloudProfile {
  readonly id: string;
  readonly displayName: string;
  readonly azCloudName: string;
  /** Path of the profile file, relative to the repository root. */
  readonly file: string;
  private readonly uses = new Map<string, FactUse>();

  constructor(
    private readonly data: CloudFile,
    file: string,
  ) {
    this.id = data.id;
    this.displayName = data.displayName;
    this.azCloudName = data.azCloudName;
    this.file = file;
  }

  /** A fresh view of the same facts with its own record of unconfirmed uses (one per environment). */
  forEnvironment(): CloudProfile {
    return new CloudProfile(this.data, this.file);
  }

  private read<T>(name: string, f: Fact<T>): T {
    if (typeof f === 'object' && f !== null && !Array.isArray(f) && 'confidence' in f) {
      if (f.confidence !== 'confirmed' && !this.uses.has(name)) {
        this.uses.set(name, {
          fact: name,
          value: Array.isArray(f.value) ? f.value.join(', ') : String(f.value),
          confidence: f.confidence,
          source: f.source,
          ...(f.note ? { note: f.note } : {}),
        });
      }
      return f.value;
    }
    return f as T;
  }

  /** The unconfirmed or observed facts read so far, sorted by name. */
  unconfirmedFactsUsed(): FactUse[] {
    return [...this.uses.values()].sort((a, b) => a.fact.localeCompare(b.fact));
  }

  endpoint(name: EndpointName): string {
    return this.read(`endpoints.${name}`, this.data.endpoints[name]);
  }

  suffix(name: SuffixName): string {
    return this.read(`suffixes.${name}`, this.data.suffixes[name]);
  }

  privateDnsZone(name: PrivateZoneName): string {
    return this.read(`privateDnsZones.${name}`, this.data.privateDnsZones[name]);
  }

  aksPrivateDnsZone(region: string): string {
    return this.read('privateDnsZones.aks', this.data.privateDnsZones.aks).replace('{region}', region);
  }

  monitorPrivateDnsZones(): readonly string[] {
    return this.read('privateDnsZones.monitor', this.data.privateDnsZones.monitor);
  }

  regionNames(): string[] {
    return Object.keys(this.data.regions);
  }

  hasRegion(name: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.data.regions, name);
  }

  region(name: string): RegionInfo {
    const r = this.data.regions[name];
    if (!r) throw new Error(`${name} is not a region of cloud ${this.id}`);
    const pair = r.pair === undefined ? undefined : this.read(`regions.${name}.pair`, r.pair);
    return {
      name,
      code: r.code,
      displayName: r.displayName,
      zones: this.read(`regions.${name}.zones`, r.zones),
      ...(pair ? { pair } : {}),
      restricted: r.restricted ?? false,
    };
  }

  capability(name: Capability): CapabilityStatus {
    return this.read(`capabilities.${name}`, this.data.capabilities[name]);
  }

  /** True when the capability can be used (GA or preview). */
  supports(name: Capability): boolean {
    return this.capability(name) !== 'unavailable';
  }

  /** Whether environments of `tier` use customer-managed keys when their file does not say. */
  customerManagedKeysByDefault(tier: string): boolean {
    const tiers = this.read(
      'encryption.customerManagedKeysByDefault',
      this.data.encryption.customerManagedKeysByDefault,
    );
    return (tiers as readonly string[]).includes(tier);
  }

  /** A service tag as this cloud names it (NSG rule sources). */
  serviceTag(name: ServiceTagName): string {
    return this.read(`serviceTags.${name}`, this.data.serviceTags[name]);
  }

  /** Audience of workload identity federated credentials (differs per cloud). */
  workloadIdentityAudience(): string {
    return this.read('identity.workloadIdentityAudience', this.data.identity.workloadIdentityAudience);
  }

  availabilityTestLocations(): readonly string[] {
    return this.read('availabilityTestLocations', this.data.availabilityTestLocations);
  }

  /** azurerm provider/backend target: a named environment (DoD regions may name their own) or a metadata host. */
  providerTarget(region?: string): ProviderTarget {
    const p = this.data.provider;
    if ('metadataHost' in p) return { metadataHost: this.read('provider.metadataHost', p.metadataHost) };
    const regional = region ? this.data.regions[region]?.providerEnvironment : undefined;
    return { environment: regional ?? p.environment };
  }

  /** State backend target: the cloud's own environment (storage endpoints do not differ for DoD regions). */
  backendTarget(): ProviderTarget {
    return this.providerTarget();
  }

  /**
   * Every DNS suffix and private zone of this cloud, without recording uses: the residency check compares a
   * stack's text against other clouds' values.
   */
  allDnsNames(): string[] {
    const plain = (f: Fact<string | string[]>) =>
      typeof f === 'object' && !Array.isArray(f) ? f.value : (f as string | string[]);
    const values: string[] = [];
    for (const f of [...Object.values(this.data.suffixes), ...Object.values(this.data.privateDnsZones)]) {
      const v = plain(f as Fact<string | string[]>);
      values.push(...(Array.isArray(v) ? v : [v]));
    }
    for (const f of Object.values(this.data.endpoints))
      values.push(String(plain(f)).replace(/^https:\/\//, ''));
    return [...new Set(values.map((v) => v.replace('privatelink.{region}.', '')))].sort();
  }
}
