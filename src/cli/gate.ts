// The --fail-on threshold: a severity, or none.
import type { Severity } from '../model/severity.js';

export type FailOn = Severity | 'none';
