// "Did you mean …?" for a misspelled command or option, by edit distance over what the commands declare.
import { distance } from 'fastest-levenshtein';
import yargs from 'yargs';
import type { Command } from './command.js';

/** The closest candidate, if it is close enough to be the one meant: a typo or two, or the completion of a prefix. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const limit = word.length <= 3 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = distance(word, c);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  if (best !== undefined && bestDistance <= limit) return best;
  // `--fail` completes to fail-on and fail-on-unidentified: the shortest, when the others extend it.
  const completions = word.length >= 3 ? candidates.filter((c) => c.startsWith(word)).sort((a, b) => a.length - b.length) : [];
  const shortest = completions[0];
  return shortest !== undefined && completions.every((c) => c.startsWith(shortest)) ? shortest : undefined;
}

/** The long option names a command declares (aliases included), as they are typed after `--`. */
function declaredOptions(command: Command | undefined): string[] {
  // getOptions() is public in yargs but missing from @types/yargs 17.
  const built = (command ? command.builder(yargs([])) : yargs([])) as unknown as { getOptions(): { key: Record<string, unknown>; alias: Record<string, string[]> } };
  const { key, alias } = built.getOptions();
  return [...new Set([...Object.keys(key), ...Object.values(alias).flat(), 'help', 'version'])].filter((k) => k.length > 1);
}

/**
 * Plain words for yargs's "Unknown argument(s): …": which command or option was not understood and, where one is
 * close, the one probably meant. Undefined when no token can be blamed, so the caller keeps yargs's message.
 */
export function explainUnknown(argv: readonly string[], commands: readonly Command[]): string | undefined {
  const names = commands.map((c) => c.command.split(' ')[0] ?? '');
  const first = argv[0];
  if (first !== undefined && !first.startsWith('-') && !names.includes(first)) {
    const meant = closest(first, names);
    return `unknown command "${first}"${meant ? `: did you mean "${meant}"?` : ` (one of ${names.join(', ')})`}`;
  }
  const command = commands.find((c) => c.command.split(' ')[0] === first);
  const known = declaredOptions(command);
  const lines: string[] = [];
  for (const token of argv) {
    if (token === '--') break;
    if (!token.startsWith('--')) continue;
    const name = token.slice(2).split('=')[0] ?? '';
    const kebab = name.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`);
    if ([name, kebab].some((n) => known.includes(n) || (n.startsWith('no-') && known.includes(n.slice(3))))) continue;
    const meant = closest(name, known);
    lines.push(`unknown option --${name}${meant ? `: did you mean --${meant}?` : ''}`);
  }
  return lines.length > 0 ? lines.join('\n') : undefined;
}
