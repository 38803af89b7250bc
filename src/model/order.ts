// Text order for reports: the same on every machine.

/**
 * Case-insensitively, then by code unit so that names differing only in case stay apart. Never localeCompare:
 * its order depends on the ICU data and locale of the machine, and a report must read the same everywhere.
 */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  if (la !== lb) return la < lb ? -1 : 1;
  return a < b ? -1 : 1;
}
