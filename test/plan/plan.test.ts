// The plan across a document: findings in an order that is the same on every machine.
import { describe, expect, it } from 'vitest';
import { planDocument } from '../../src/plan/plan.js';
import { component, documentOf, rule } from '../helpers/builders.js';

describe('planDocument', () => {
  it('orders findings of equal weight by name case-insensitively, then by code unit, never by locale', () => {
    const names = ['beta', '\u00c9mile', 'Alpha', 'alpha', 'zeta'];
    const r = rule({ id: 'T-1', conditions: [{ kind: 'name', names: ['x'] }] });
    const doc = documentOf(names.map((name) => component({ name })));
    const findings = planDocument(
      doc,
      doc.components.map((c) => ({ component: c, matches: [{ ruleId: 'T-1', confidence: 'high' as const, evidence: [] }] })),
      { source: 'sbom.json', now: new Date('2026-11-22T00:00:00Z'), rules: new Map([['T-1', r]]), authoritative: new Set(['T-1']) },
    );
    // localeCompare would put \u00c9mile between beta and zeta.
    expect(findings.map((f) => f.component.name)).toEqual(['Alpha', 'alpha', 'beta', 'zeta', '\u00c9mile']);
  });
});
