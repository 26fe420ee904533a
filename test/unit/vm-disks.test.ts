import { ephemeralOsDiskGb, VM_LOCAL_DISKS } from '../../model/vm-disks';

describe('ephemeral OS disk sizes', () => {
  it('uses the AKS default size where the temp disk holds it, else the largest power of two that fits', () => {
    expect(ephemeralOsDiskGb('Standard_D2ds_v5')).toBe(64); // 75 GiB temp: 128 does not fit
    expect(ephemeralOsDiskGb('Standard_D4ds_v5')).toBe(128);
    expect(ephemeralOsDiskGb('Standard_D8ds_v5')).toBe(256);
  });

  it('every size fits its local disk with the trusted-launch reserve', () => {
    for (const [size, d] of Object.entries(VM_LOCAL_DISKS))
      expect([size, ephemeralOsDiskGb(size)! <= d.tempDiskGiB - 1]).toEqual([size, true]);
  });

  it('knows nothing of a size outside the table (the pool stays on a managed OS disk)', () => {
    expect(ephemeralOsDiskGb('Standard_D4s_v5')).toBeUndefined();
  });
});
