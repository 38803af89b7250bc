// Small builders so that a test states only what differs from a plain component or rule.
import type { Component } from '../../src/model/component.js';
import type { SbomDocument } from '../../src/model/document.js';
import { makeComponent, type ComponentDraft } from '../../src/sbom/builder.js';
import { RuleError } from '../../src/ruleset/load.js';
import type { LoadedRule, Rule } from '../../src/ruleset/types.js';

export function component(d: Partial<ComponentDraft> & { name: string }): Component {
  return makeComponent({ ref: d.ref ?? d.name, ...d });
}

export function rule(r: Partial<Rule> & Pick<Rule, 'id' | 'conditions'>): LoadedRule {
  return {
    title: `rule ${r.id}`,
    category: 'product',
    severity: 'high',
    status: 'banned',
    description: 'test rule',
    remediation: { action: 'remove', summary: 'remove it' },
    references: [{ url: 'https://example.org/' }],
    checked: '2026-11-21',
    file: 'test.json',
    pack: 'test',
    ...r,
  };
}

export function documentOf(components: Component[], edges: Record<string, string[]> = {}, rootRef?: string): SbomDocument {
  return {
    format: 'cyclonedx-json',
    specVersion: '1.6',
    ...(rootRef !== undefined && { rootRef }),
    components,
    services: [],
    edges: new Map(Object.entries(edges)),
    warnings: [],
  };
}

/** A valid rule as it is written in a rule file, for tests of loading and validation. */
export const RULE_DATA = {
  id: 'ACME-X-001',
  title: 'A test rule',
  category: 'product',
  severity: 'high',
  status: 'banned',
  description: 'for tests',
  conditions: [{ kind: 'cpe', vendors: ['acme'] }],
  remediation: { action: 'remove', summary: 'remove it' },
  references: [{ url: 'https://example.org/' }],
  checked: '2026-11-21',
};

/** The RuleError that loading a bad rule file throws (fails the test if none is thrown). */
export function loadError(fn: () => unknown): RuleError {
  try {
    fn();
  } catch (e) {
    if (e instanceof RuleError) return e;
    throw e;
  }
  throw new Error('expected a RuleError');
}
