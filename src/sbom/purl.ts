// Purls that cannot be read as package URLs at all: reported on the document, since no purl rule can test them.

/** `pkg:type/…`: the scheme, a type (a letter, then letters, digits, `.`, `+`, `-`) and a slash before the rest. */
const PURL_SHAPE = /^pkg:\/*[a-z][a-z0-9.+-]*\/+[^/\s]/i;

/** Whether a purl has the shape every package URL has; a readable one may still name nothing a rule knows. */
export function purlReadable(purl: string): boolean {
  return PURL_SHAPE.test(purl);
}

/** Counts unreadable purls while a document is read, with the first as an example. */
export class PurlTally {
  private count = 0;
  private example: string | undefined;

  /** Notes `purl` of the entry `name` when it cannot be read. */
  check(purl: string | undefined, name: string): void {
    if (purl === undefined || purlReadable(purl)) return;
    this.count++;
    this.example ??= `${JSON.stringify(purl.length > 80 ? `${purl.slice(0, 77)}...` : purl)} on "${name.slice(0, 80)}"`;
  }

  warnings(): string[] {
    if (this.count === 0) return [];
    return [`${this.count} purl(s) cannot be read as a package URL (e.g. ${this.example ?? ''}); no purl rule can test them, so those components are tested by their other fields only`];
  }
}
