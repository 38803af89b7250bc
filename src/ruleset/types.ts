// The rule data model: what a rule file in rules/ holds (checked by schemas/rules.schema.json).
import type { Confidence, Severity } from '../model/severity.js';
import type { PartyRole } from '../model/component.js';

export const CATEGORIES = [
  'legal-entity',
  'sdk-engine',
  'api-client',
  'service-endpoint',
  'product',
  'oem',
  'open-source',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** banned: covered by the Final Determination; review: excluded or unclear, a person decides; informational: Kaspersky-authored but not security software. */
export const STATUSES = ['banned', 'review', 'informational'] as const;
export type RuleStatus = (typeof STATUSES)[number];

export const ACTIONS = ['remove', 'replace', 'ask-vendor', 'isolate', 'review'] as const;
export type Action = (typeof ACTIONS)[number];

interface ConditionBase {
  /** Overrides the kind's default confidence. */
  readonly confidence?: Confidence;
  /** Why this condition exists, shown by `explain`. */
  readonly note?: string;
}

export interface PurlCondition extends ConditionBase {
  readonly kind: 'purl';
  readonly type: string;
  /** Exact namespace (case-insensitive); omitted: any namespace. */
  readonly namespace?: string;
  /** Exact names (case-insensitive); omitted: any name in the namespace. */
  readonly names?: readonly string[];
  /** A purl `vers:` range or a semver range the version must satisfy. */
  readonly versions?: string;
}

export interface CpeCondition extends ConditionBase {
  readonly kind: 'cpe';
  readonly vendors: readonly string[];
  /** Omitted: any product of the vendor. */
  readonly products?: readonly string[];
  /**
   * A `vers:` or semver range the CPE's version must satisfy, read in the vendor's own syntax: the version and
   * update fields together (`junos:12.1x44:d10` is 12.1x44-d10), or the component's version when the CPE has none.
   */
  readonly versions?: string;
}

export interface PartyCondition extends ConditionBase {
  readonly kind: 'party';
  /** Organisation or person names; compared after normalization (case, punctuation, legal forms, Cyrillic). */
  readonly names?: readonly string[];
  /** E-mail domains (the domain or a subdomain). */
  readonly emailDomains?: readonly string[];
  /** Omitted: every role. */
  readonly roles?: readonly PartyRole[];
}

export interface NameCondition extends ConditionBase {
  readonly kind: 'name';
  /** Exact component names (case-insensitive, with group when written `group/name`). */
  readonly names?: readonly string[];
  /** A regular expression tested against the whole name; anchor it to identifiers. */
  readonly pattern?: string;
  /** Only components whose purl type is one of these. */
  readonly ecosystems?: readonly string[];
  /** Only components whose version (or purl version) satisfies this `vers:` or semver range, in the vendor's syntax. */
  readonly versions?: string;
  /** Only components of these CycloneDX types / SPDX purposes (`file`, `firmware`, `cryptographic-asset`, …). */
  readonly componentTypes?: readonly string[];
}

export interface IdentifierCondition extends ConditionBase {
  readonly kind: 'identifier';
  /** purl types (aliases such as `oci`, `go`, `pip` count as their canonical type: `docker`, `golang`, `pypi`). */
  readonly types: readonly string[];
  /**
   * Leading segments of the package identifier, in the type's own syntax and compared without case:
   * `com.kaspersky` (Maven group), `kaspersky` (NuGet `Kaspersky.*`, PyPI `kaspersky-*`, Docker `kaspersky/*`),
   * `github.com/kasperskylab` (Go), `@kaspersky` (npm). A segment matches whole: `kaspersky` is not `kasperskytip`.
   */
  readonly leading: readonly string[];
}

export interface HostCondition extends ConditionBase {
  readonly kind: 'host';
  /** A URL matches when its host is one of these or a subdomain of one. */
  readonly hosts: readonly string[];
}

export interface UrlCondition extends ConditionBase {
  readonly kind: 'url';
  /** `host/path/` prefixes, compared case-insensitively on host and path (e.g. `github.com/kasperskylab/`). */
  readonly prefixes: readonly string[];
}

export interface LicenseCondition extends ConditionBase {
  readonly kind: 'license';
  /** SPDX ids or LicenseRef ids, or licence names (case-insensitive). */
  readonly ids?: readonly string[];
  /** A regular expression tested against each licence id of a parsed expression and each licence name. */
  readonly pattern?: string;
  /** A licence URL (or a licence given as a URL) on one of these hosts or a subdomain. */
  readonly hosts?: readonly string[];
}

export interface TextCondition extends ConditionBase {
  readonly kind: 'text';
  /** A regular expression tested against the description. */
  readonly pattern: string;
}

export interface RuleRefCondition extends ConditionBase {
  readonly kind: 'rule';
  /** Another rule (one of these ids) matched the same component: the second signal of an `all` condition. */
  readonly ids: readonly string[];
}

export interface AllCondition extends ConditionBase {
  readonly kind: 'all';
  /** Every one must match (a short abbreviation plus a second signal). */
  readonly of: readonly Condition[];
}

export type Condition =
  | PurlCondition
  | CpeCondition
  | PartyCondition
  | NameCondition
  | HostCondition
  | UrlCondition
  | LicenseCondition
  | TextCondition
  | IdentifierCondition
  | RuleRefCondition
  | AllCondition;

export type ConditionKind = Condition['kind'];

export interface Reference {
  readonly url: string;
  readonly title?: string;
}

export interface Remediation {
  readonly action: Action;
  readonly summary: string;
  readonly steps?: readonly string[];
  readonly alternatives?: readonly string[];
}

export interface Rule {
  readonly id: string;
  readonly title: string;
  readonly category: Category;
  readonly severity: Severity;
  readonly status: RuleStatus;
  readonly description: string;
  readonly conditions: readonly Condition[];
  readonly remediation: Remediation;
  readonly references: readonly Reference[];
  /** ISO date the facts were last checked. */
  readonly checked: string;
  /** What is not certain about this rule, if anything. */
  readonly uncertainty?: string;
  /** Confidence ceiling for the rule as a whole when its facts are uncertain. */
  readonly maxConfidence?: Confidence;
  readonly tags?: readonly string[];
}

export interface RuleFile {
  readonly $schema?: string;
  readonly rules: readonly Rule[];
}

/** A loaded rule with where it came from. */
export interface LoadedRule extends Rule {
  readonly file: string;
  readonly pack: string;
}

export interface RuleSet {
  readonly rules: readonly LoadedRule[];
  readonly packs: readonly PackInfo[];
  readonly warnings: readonly string[];
}

export interface PackInfo {
  readonly name: string;
  readonly version: string;
  readonly dir: string;
  readonly files: readonly string[];
}
