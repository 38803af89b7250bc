// Reading people and organisations out of the strings SBOMs use for them.
import type { Party, PartyRole } from '../model/component.js';
import { spdxStr } from './untrusted.js';

/** The SPDX actor prefix, which tools also write into CycloneDX and Syft fields. */
const ACTOR_PREFIX = /^\s*(?:organi[sz]ation|person|tool)\s*:\s*/i;
const EMAIL = /^(?:mailto:)?([^\s@<>()[\]]+@[^\s@<>()[\]]+)$/i;
const URL_LIKE = /^(?:[a-z][a-z0-9+.-]*:\/\/|www\.)\S+$|^[a-z0-9-]+(?:\.[a-z0-9-]+)+\/\S*$/i;
const OPENER: Readonly<Record<string, string>> = { '>': '<', ')': '(', ']': '[' };

/**
 * The last part of a party string: a trailing `<…>`, `(…)` or `[…]` group, or else its last word; with where it
 * starts. Found by index, not by an unanchored expression, which would take quadratic time on a long blank run.
 */
function lastPart(s: string): { inner: string; start: number } | undefined {
  const close = s[s.length - 1];
  const open = close === undefined ? undefined : OPENER[close];
  if (open !== undefined) {
    const at = s.lastIndexOf(open);
    return at < 0 ? undefined : { inner: s.slice(at + 1, -1).trim(), start: at };
  }
  let at = s.length;
  while (at > 0 && !/\s/.test(s[at - 1] ?? '')) at--;
  return { inner: s.slice(at), start: at };
}

/** A party string's parts: its name, and the e-mail address and URL written after it. */
export interface PartyText {
  readonly name: string;
  readonly email?: string;
  readonly url?: string;
}

/**
 * A party string as tools write it: `Name <email>`, `Name (email)`, `Name (url)`, npm's `Name <email> (url)`,
 * `Organization: Name (email)`, or a bare address or URL after the name. A group that holds neither an address
 * nor a URL stays part of the name ("Kaspersky Lab (Russia)").
 */
export function parsePartyText(text: string): PartyText {
  let rest = text.replace(ACTOR_PREFIX, '').trimEnd();
  let email: string | undefined;
  let url: string | undefined;
  // A name, then an address and a URL in either order, each once.
  for (let i = 0; i < 2; i++) {
    const part = lastPart(rest);
    if (part === undefined) break;
    const address = EMAIL.exec(part.inner)?.[1];
    if (address !== undefined && email === undefined) email = address;
    else if (URL_LIKE.test(part.inner) && url === undefined) url = part.inner;
    else break;
    // Without the separator a bare address or URL may follow: "Name - https://…", "Name, mail@…".
    let end = part.start;
    while (end > 0 && /[\s,;|-]/.test(rest[end - 1] ?? '')) end--;
    rest = rest.slice(0, end);
  }
  const name = rest.trim();
  return { name, ...(email !== undefined && { email }), ...(url !== undefined && { url }) };
}

/**
 * Split "Name (mail@x)" or "Name <mail@x>" into name and e-mail. A URL written with them stays with the name as
 * "Name (url)", which the matcher reads as a party string, so a reader that keeps no URL field loses nothing.
 */
export function splitEmail(s: string): { name: string; email?: string } {
  const { name, email, url } = parsePartyText(s);
  const named = url === undefined ? name : `${name} (${url})`.trim();
  return email ? { name: named, email } : { name: named };
}

function party(role: PartyRole, text: string): Party | undefined {
  const { name, email, url } = parsePartyText(text);
  if (!name && !email && !url) return undefined;
  return { role, name, ...(email !== undefined && { email }), ...(url !== undefined && { url }) };
}

/** An SPDX actor ("Organization: X (mail)", "Person: Y"); NOASSERTION yields nothing. */
export function spdxActor(role: PartyRole, value: unknown): Party | undefined {
  const raw = spdxStr(value);
  return raw === undefined ? undefined : party(role, raw);
}

/** A free-form party string (CycloneDX publisher/author, Syft metadata). */
export function textParty(role: PartyRole, value: string | undefined): Party | undefined {
  return value === undefined ? undefined : party(role, value);
}
