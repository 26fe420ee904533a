/** The date a cloud fact's evidence carries, read from its source text (the report sorts by it). */
import { evidenceDate } from '../../model/evidence-date';

describe('evidenceDate', () => {
  it.each<[string, string | undefined]>([
    [
      'entra-docs …managed-identity.md, stored version ms.date 12/3/2024 (commit not resolvable)',
      '2024-12-03',
    ],
    ['private-endpoint-dns.md@42655f0e (10/11/2023)', '2023-10-11'],
    ['clouds.md §5: public preview per the 06/2023 doc (S8)', '2023-06'],
    ['a Dec 2025 announcement says AZs are being added', '2025-12'],
    ['all Defender for Cloud features retire in Azure China on 18 Aug 2026 (S10, S20)', '2026-08-18'],
    ['terraform-provider-azurerm @ 69697b7f (HEAD, 2026-08-21)', '2026-08-21'],
    ['clouds.md §3.3: 2020 zh-CN doc and AKS LZA (S12)', '2020'],
    // The oldest document version the source names is what the fact rests on.
    ['ms.date 12/3/2024; the newer @fd92bab2 (06/06/2025) lists only three clouds', '2024-12-03'],
    ['per the 11/2024 doc (S15); a Dec 2025 announcement', '2024-11'],
    // A date in a file name is where the comparison is written, not the evidence's age.
    [
      'shared/reference/cloud-facts-check-2026-12-01.md #5: traffic-analytics.md (stored copy, date not resolvable)',
      undefined,
    ],
    ['clouds.md §2.4 (S25)', undefined],
    ['not in shared/reference; go-azure-sdk v0.20251202.1181053 does not read it', undefined],
  ])('%s -> %s', (source, date) => {
    expect(evidenceDate(source)).toBe(date);
  });
});
