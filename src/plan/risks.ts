// Why each kind of finding matters, and by when it must be dealt with. Dates from the Final Determination (89 FR 52434).
import type { Category, RuleStatus } from '../ruleset/types.js';
import type { Deadline } from '../model/result.js';

export const NO_NEW_SALES = '2024-07-20';
export const NO_UPDATES = '2024-09-29';

const MILESTONES = [
  { date: '2024-06-20', event: 'BIS Final Determination (ICTS-2021-002) announced; three Kaspersky entities added to the Entity List' },
  { date: NO_NEW_SALES, event: 'no new agreements or sales to U.S. persons' },
  { date: NO_UPDATES, event: 'no signature or code updates, no KSN, no resale, integration or licensing for U.S. persons' },
] as const;

const KERNEL = 'Kernel-level access: anti-virus engines and drivers run with the highest privileges and see every file.';
const DATA = 'Data collection: files, URLs and telemetry may be sent to Kaspersky infrastructure (KSN).';
const UPDATES = 'Update channel: the vendor can push code to the host; since 29 Sep 2024 no updates may be delivered to U.S. persons, so any copy is unpatched.';
const ENTITY = 'Supplied by an entity under the ICTS prohibition and on the Entity List (export licence required, presumption of denial).';
const TI = 'Queries (hashes, IPs, URLs) are sent to Kaspersky Threat Intelligence; TI services are excluded from the Final Determination, so this needs a recorded decision, not removal.';
const OSS = 'Kaspersky-authored open source: not anti-virus software on its face, a policy decision whether to keep it.';
const HIDDEN = 'White-label: the Kaspersky engine runs inside another vendor\'s product, updated through that vendor, and is easy to overlook.';

export const RISKS: Readonly<Record<Category, readonly string[]>> = {
  'sdk-engine': [KERNEL, DATA, UPDATES],
  product: [KERNEL, DATA, UPDATES],
  oem: [HIDDEN, KERNEL, UPDATES],
  'service-endpoint': [DATA, UPDATES],
  'api-client': [TI],
  'legal-entity': [ENTITY, UPDATES],
  'open-source': [OSS],
};

/** What a finding's component is, as far as its risks and replacements go. */
export interface RiskTarget {
  /** A library from a language package registry (npm, PyPI, Maven…): no update channel of its own, not security software. */
  readonly library: boolean;
  /** A service reached at a host that delivers code (update or distribution servers). */
  readonly deliversCode: boolean;
}

/**
 * The risks of a category that hold for this component: the update channel only where there is one (installed
 * software, engines, images, update hosts), never for a library pinned in a lock file or a reputation lookup.
 */
export function risksFor(category: Category, t: RiskTarget): readonly string[] {
  const all = RISKS[category];
  const updates = category === 'service-endpoint' ? t.deliversCode : !(t.library && (category === 'legal-entity' || category === 'open-source'));
  return updates ? all : all.filter((r) => r !== UPDATES);
}

const DAY = 86_400_000;

export function deadlineFor(status: RuleStatus, now: Date): Deadline {
  switch (status) {
    case 'banned':
      return {
        due: 'immediately',
        why: 'Covered by the ICTS Final Determination: no updates since 29 Sep 2024, so the component is unpatched and unsupported for U.S. persons.',
        milestones: MILESTONES,
        unpatchedDays: Math.max(0, Math.floor((now.getTime() - Date.parse(`${NO_UPDATES}T00:00:00Z`)) / DAY)),
      };
    case 'review':
      return { due: 'next-review', why: 'Excluded from or unclear under the Final Determination: decide, record the decision, and suppress or remove.', milestones: MILESTONES };
    case 'informational':
      return { due: 'none', why: 'Not covered on its face; reported so that policy can decide.', milestones: [] };
    default: {
      const never: never = status;
      return never;
    }
  }
}
