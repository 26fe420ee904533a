/** Policy defaults. Severity at or above which an unwaived finding fails `npm run validate` (exit 1). */
import type { Severity } from './types';

export const DEFAULT_MIN_SEVERITY: Severity = 'medium';

/** Waivers expiring within this many days are flagged in every report. */
export const WAIVER_WARN_DAYS = 14;

/** GitHub limits a pull-request comment to 65,536 characters; keep a margin. */
export const MARKDOWN_LIMIT = 65_000;
