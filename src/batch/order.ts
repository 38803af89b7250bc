// One stable order for documents, whatever the number of jobs or shards: path segment by segment.

/** Compare two paths segment by segment, so that `a/b.json` sorts with `a/` as a directory walk lists it. */
export function comparePaths(a: string, b: string): number {
  const pa = a.replace(/\\/g, '/').split('/');
  const pb = b.replace(/\\/g, '/').split('/');
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i] ?? '';
    const y = pb[i] ?? '';
    if (x !== y) {
      // A directory (more segments follow) and a file of the same prefix: keep the byte order of the names.
      return x < y ? -1 : 1;
    }
  }
  return pa.length - pb.length;
}
