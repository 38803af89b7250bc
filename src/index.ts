// The library API: scan() returns the same typed report the CLI renders.
export { scan, prepareRules, scanBytes, assembleReport, DEFAULTS } from './scan.js';
export type { ScanOptions, PreparedRules, InputResult } from './scan.js';
export type * from './model/result.js';
export type { Component } from './model/component.js';
export type { SbomDocument, SbomFormat } from './model/document.js';
export type { Evidence } from './model/finding.js';
export type { Severity, Confidence } from './model/severity.js';
export type { Rule, Condition, Category, RuleStatus, Action } from './ruleset/types.js';
export { REPORTERS, REPORT_FORMATS } from './report/registry.js';
export type { Reporter, ReportContext } from './report/reporter.js';
export { PARSERS, INPUT_FORMATS } from './sbom/registry.js';
export { loadRuleSet, RuleError } from './ruleset/load.js';
export { InputError } from './sbom/errors.js';
