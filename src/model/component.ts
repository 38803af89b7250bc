// The normalized component: every SBOM format is read into this one shape.

/** A licence as written in the SBOM: a parsed SPDX expression, or the text that did not parse. */
export interface LicenseRef {
  /** The expression or name as written. */
  readonly text: string;
  /** SPDX licence ids found in the expression (empty when it did not parse). */
  readonly ids: readonly string[];
  /** Whether spdx-expression-parse accepted the text. */
  readonly parsed: boolean;
  /** Where the licence text is published (CycloneDX license.url), when the SBOM says. */
  readonly url?: string;
}

export interface Hash {
  readonly alg: string;
  readonly content: string;
}

export interface ExternalRef {
  /** CycloneDX externalReference type, or `homepage` / `downloadLocation` / SPDX reference type. */
  readonly type: string;
  readonly url: string;
}

export interface Property {
  readonly name: string;
  readonly value: string;
}

/** A person or organisation named in the SBOM, with the field it came from. */
export interface Party {
  /** supplier, manufacturer, publisher, author, originator, provider; a certificate's subject or issuer (CycloneDX cryptoProperties) */
  readonly role: PartyRole;
  readonly name: string;
  readonly email?: string;
  readonly url?: string;
}

export type PartyRole =
  | 'supplier'
  | 'manufacturer'
  | 'publisher'
  | 'author'
  | 'originator'
  | 'provider'
  | 'copyright'
  | 'certificate-subject'
  | 'certificate-issuer';

/**
 * Extra identity a component carries beyond its own fields: pedigree ancestors,
 * evidence.identity and tool properties. Matched like the component itself.
 */
export interface RelatedIdentity {
  /** Where it came from, as a field path (e.g. `pedigree.ancestors[0]`). */
  readonly via: string;
  readonly name?: string;
  readonly group?: string;
  readonly version?: string;
  readonly purl?: string;
  readonly cpes: readonly string[];
  readonly parties: readonly Party[];
  readonly externalRefs: readonly ExternalRef[];
}

export type ComponentKind = 'component' | 'service';

export interface Component {
  /** bom-ref or SPDXID exactly as written; synthesized (and flagged) when missing. */
  readonly ref: string;
  readonly kind: ComponentKind;
  readonly name: string;
  readonly group?: string;
  readonly version?: string;
  /** CycloneDX type or SPDX primaryPackagePurpose, lower case. */
  readonly type?: string;
  readonly purl?: string;
  readonly cpes: readonly string[];
  readonly parties: readonly Party[];
  readonly licenses: readonly LicenseRef[];
  readonly hashes: readonly Hash[];
  readonly externalRefs: readonly ExternalRef[];
  readonly description?: string;
  readonly properties: readonly Property[];
  /** Service endpoints (CycloneDX services). */
  readonly endpoints: readonly string[];
  readonly related: readonly RelatedIdentity[];
  /** CycloneDX scope (required / optional / excluded). */
  readonly scope?: string;
  /** The ref of the component this one is nested in, if any. */
  readonly parentRef?: string;
  /** 1-based line in the source file where the component starts, when the parser knows it. */
  readonly line?: number;
}
