/**
 * Local disks of the VM sizes footprint uses, for ephemeral OS disks on AKS: the OS disk must fit the VM's cache or
 * temp (resource) disk, and AKS rejects an explicit Ephemeral request whose OS size does not fit.
 *
 * Sources (2026-12-01):
 * - temp disk sizes, no cache disk: MicrosoftDocs/azure-compute-docs
 *   articles/virtual-machines/sizes/general-purpose/ddsv5-series.md@1421aebc (ms.date 07/29/2024);
 * - placement ("the image OS disk's size should be less than or equal to the … temp … size"; trusted launch
 *   reserves 1 GiB): articles/virtual-machines/ephemeral-os-disks.md@0d0c4c59 (09/08/2026);
 * - AKS default OS disk size, 128 GB below 8 vCPUs and 256 GB for 8-15:
 *   MicrosoftDocs/azure-aks-docs articles/aks/concepts-storage.md@074b3dae (05/02/2024).
 */
export interface VmLocalDisks {
  readonly vcpus: number;
  /** Temp (resource) disk in GiB; Ddsv5 places ephemeral OS disks here. */
  readonly tempDiskGiB: number;
  /** Cache disk in GiB (0: none). */
  readonly cacheDiskGiB: number;
}

export const VM_LOCAL_DISKS: Readonly<Record<string, VmLocalDisks>> = Object.freeze({
  Standard_D2ds_v5: { vcpus: 2, tempDiskGiB: 75, cacheDiskGiB: 0 },
  Standard_D4ds_v5: { vcpus: 4, tempDiskGiB: 150, cacheDiskGiB: 0 },
  Standard_D8ds_v5: { vcpus: 8, tempDiskGiB: 300, cacheDiskGiB: 0 },
});

/** Reserved on the local disk by trusted launch. */
const RESERVED_GIB = 1;

/**
 * The OS disk size (GiB) for an ephemeral OS disk on `vmSize`: AKS's default managed size where it fits the larger
 * local disk, else the largest power of two that does; undefined for a size not in the table (or too small).
 */
export function ephemeralOsDiskGb(vmSize: string): number | undefined {
  const d = VM_LOCAL_DISKS[vmSize];
  if (!d) return undefined;
  const room = Math.max(d.tempDiskGiB, d.cacheDiskGiB) - RESERVED_GIB;
  const preferred = d.vcpus < 8 ? 128 : 256;
  if (preferred <= room) return preferred;
  let size = 1;
  while (size * 2 <= room) size *= 2;
  // Below 32 GiB no AKS node image fits.
  return size >= 32 ? size : undefined;
}
