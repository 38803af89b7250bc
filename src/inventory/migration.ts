// Facts about a host as a whole: is it managed by Kaspersky Security Center, was it migrated to another product.
import type { Component } from '../model/component.js';

/**
 * Products Kaspersky moved its US customers to in September 2024. Finding one is not a finding (it is not
 * Kaspersky software and never fails the gate): it says the host was migrated, and that Kaspersky leftovers
 * (drivers, root certificates, the Network Agent) are worth a second look.
 */
const REPLACEMENTS: readonly { readonly pattern: RegExp; readonly product: string }[] = [
  { pattern: /^ultra\s*av\b/i, product: 'UltraAV' },
  { pattern: /^ultra\s*vpn\b/i, product: 'UltraVPN' },
];

/** Kaspersky Security Center's Network Agent: when present, KSC can uninstall Kaspersky software remotely. */
const NETWORK_AGENT = /^(kaspersky security center(?: \d+)? network agent|klnagent(?:64)?|network agent)$/i;

export interface HostFacts {
  readonly notes: readonly string[];
  readonly migratedTo: readonly string[];
  readonly networkAgent: boolean;
}

export function hostNotes(components: readonly Component[]): HostFacts {
  const migratedTo = new Set<string>();
  let networkAgent = false;
  for (const c of components) {
    for (const r of REPLACEMENTS) if (r.pattern.test(c.name.trim())) migratedTo.add(r.product);
    if (NETWORK_AGENT.test(c.name.trim()) && (c.name.toLowerCase().includes('kaspersky') || c.name.toLowerCase().startsWith('klnagent') || c.parties.some((p) => /kaspersk|касперск/i.test(p.name)))) networkAgent = true;
  }
  const notes = [...migratedTo].map((p) => `this host was migrated to ${p} (Kaspersky's September 2024 move of US customers); check for Kaspersky leftovers: drivers (klif.sys, klhk.sys), root certificates, the Network Agent`);
  if (networkAgent) notes.push('Kaspersky Security Center Network Agent is installed: uninstall Kaspersky applications from the Administration Console (remote uninstallation task), then the agent itself');
  return { notes, migratedTo: [...migratedTo], networkAgent };
}
