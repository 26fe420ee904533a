/** The template scanner of FP_TEMPLATE_INJECTION: what our constructs write passes, anything else is found. */
import { isProducedExpression, templateSequences } from '../../policy/rules/templates';

describe('template sequences in Terraform JSON strings', () => {
  it.each([
    'azurerm_resource_group.rg.name',
    'azurerm_kubernetes_cluster.prod-usgov-usgovtexas_aks_cluster_4F2A.kubelet_identity[0].object_id',
    'data.azurerm_client_config.current.tenant_id',
    'var.location',
    'local.tags',
    'module.net.subnet_ids["nodes"]',
    'element(azurerm_subnet.a.address_prefixes, 0)',
    'join(",", var.list)',
    'lookup(local.m, "k", "default")',
    'tostring(length(var.list))',
  ])('accepts %s (a reference or a known function)', (expr) => {
    expect(isProducedExpression(expr)).toBe(true);
  });

  it.each([
    'file("/etc/passwd")',
    'templatefile("/etc/shadow", {})',
    'filebase64("/root/.ssh/id_rsa")',
    'join(",", fileset("/", "**"))',
    'azurerm_resource_group.rg.name + 1',
    'jsonencode({ a = file("x") })',
    '',
    'azurerm_resource_group.rg.name)',
  ])('rejects %s (a function we never call, an operator, an object, nothing)', (expr) => {
    expect(isProducedExpression(expr)).toBe(false);
  });

  it('finds ${…} and %{…}, past nested braces and quotes, and skips the $${ / %%{ escapes', () => {
    expect(templateSequences('plain text, $5, 100%, {braces}')).toEqual([]);
    expect(templateSequences('literal $${x} and %%{ if }')).toEqual([]);
    expect(templateSequences('a ${file("}")} b').map((t) => t.text)).toEqual(['${file("}")}']);
    expect(templateSequences('${jsonencode({a = 1})}x%{ if true }y%{ endif }').map((t) => t.kind)).toEqual([
      '$',
      '%',
      '%',
    ]);
    // An unclosed sequence is still a sequence (Terraform fails on it; the rule reports it).
    expect(templateSequences('x ${file("/etc/passwd")').map((t) => t.inner)).toEqual(['file("/etc/passwd")']);
  });
});
