// SPDX 2 relationship types and which way each points in the dependency graph.
import { own } from '../untrusted.js';

/** `forward`: element -> related; `reverse`: related -> element. Types not listed carry no dependency. */
const DIRECTION: Readonly<Record<string, 'forward' | 'reverse'>> = {
  DEPENDS_ON: 'forward',
  DEPENDENCY_OF: 'reverse',
  DEV_DEPENDENCY_OF: 'reverse',
  BUILD_DEPENDENCY_OF: 'reverse',
  RUNTIME_DEPENDENCY_OF: 'reverse',
  OPTIONAL_DEPENDENCY_OF: 'reverse',
  PROVIDED_DEPENDENCY_OF: 'reverse',
  TEST_DEPENDENCY_OF: 'reverse',
  DEPENDENCY_MANIFEST_OF: 'reverse',
  CONTAINS: 'forward',
  CONTAINED_BY: 'reverse',
  HAS_PREREQUISITE: 'forward',
  PREREQUISITE_FOR: 'reverse',
  STATIC_LINK: 'forward',
  DYNAMIC_LINK: 'forward',
  PACKAGE_OF: 'reverse',
  DISTRIBUTION_ARTIFACT: 'forward',
  GENERATED_FROM: 'forward',
  VARIANT_OF: 'forward',
};

/** Normalize the spelling: trivy's `DESCRIBE`, RDF's `relationshipType_dependsOn`, lower case. */
export function relationshipType(raw: string): string {
  let t = raw.trim();
  const hash = t.lastIndexOf('relationshipType_');
  if (hash >= 0) t = t.slice(hash + 'relationshipType_'.length).replace(/([a-z])([A-Z])/g, '$1_$2');
  t = t.toUpperCase().replace(/-/g, '_');
  return t === 'DESCRIBE' ? 'DESCRIBES' : t;
}

export function relationshipDirection(type: string): 'forward' | 'reverse' | undefined {
  return own(DIRECTION, type);
}
