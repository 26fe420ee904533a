/**
 * Readable Terraform logical ids from construct paths: `['entry', 'front-door', 'origin-group']` →
 * `entry_front-door_origin-group`. cdktf's `Default` and `Resource` ids are dropped (as cdktf does), repeated
 * neighbours are collapsed, and characters Terraform does not allow in a name become `-`.
 */
export function readableLogicalId(path: readonly string[]): string {
  const parts = path
    .filter((p) => p !== 'Default' && p !== 'Resource')
    .map((p) => p.replace(/[^A-Za-z0-9_-]/g, '-'))
    .filter((p, i, all) => i === 0 || p !== all[i - 1]);
  if (parts.length === 0) throw new Error(`no logical id for the empty path ${path.join('/')}`);
  const id = parts.join('_');
  // Terraform names start with a letter or an underscore.
  return /^[A-Za-z_]/.test(id) ? id : `_${id}`;
}
