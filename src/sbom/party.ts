// Reading people and organisations out of the strings SBOMs use for them.
import type { Party, PartyRole } from '../model/component.js';
import { spdxStr } from './untrusted.js';

const SPDX_ACTOR = /^(Organization|Person|Tool)\s*:\s*(.*)$/i;
const EMAIL_TAIL = /\s*\(([^()]*@[^()]*)\)\s*$/;
const ANGLE_EMAIL = /\s*<([^<>]*@[^<>]*)>\s*$/;

/** Split "Name (mail@x)" or "Name <mail@x>" into name and e-mail. */
export function splitEmail(s: string): { name: string; email?: string } {
  const m = EMAIL_TAIL.exec(s) ?? ANGLE_EMAIL.exec(s);
  if (!m || m[1] === undefined) return { name: s.trim() };
  const name = s.slice(0, m.index).trim();
  const email = m[1].trim();
  return email ? { name, email } : { name };
}

/** An SPDX actor ("Organization: X (mail)", "Person: Y"); NOASSERTION yields nothing. */
export function spdxActor(role: PartyRole, value: unknown): Party | undefined {
  const raw = spdxStr(value);
  if (raw === undefined) return undefined;
  const m = SPDX_ACTOR.exec(raw);
  const body = m?.[2] !== undefined ? m[2] : raw;
  const { name, email } = splitEmail(body);
  if (!name && !email) return undefined;
  return email ? { role, name, email } : { role, name };
}

/** A free-form party string (CycloneDX publisher/author). */
export function textParty(role: PartyRole, value: string | undefined): Party | undefined {
  if (value === undefined) return undefined;
  const { name, email } = splitEmail(value);
  if (!name && !email) return undefined;
  return email ? { role, name, email } : { role, name };
}
