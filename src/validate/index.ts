// Schema validation of SBOMs (issue 3): the entry points the CLI and `scan --validate` use.
export { validateDocumentBytes, type ValidateOptions } from './validate.js';
export { formatIssue, schemaWarnings, summarize, type ValidationSummary } from './summary.js';
export { wasmXsdCheck } from './xsd.js';
export { ValidatorError, type SchemaIssue, type ValidationErrorCode, type ValidationResult, type ValidationStatus, type XsdCheck, type XsdOutcome } from './types.js';
