// The one spelling that names, parties, hosts and purl parts are compared in, on the SBOM's side and the rules'.
import { lazyRequire } from '../lazy-require.js';

/**
 * The Unicode confusables data (UTS #39 `confusables.txt`, as unhomoglyph ships it): each character that looks
 * like another maps to the prototype of its look. Loaded on the first string outside ASCII, which most scans never see.
 */
const confusablesData = lazyRequire<Readonly<Record<string, string>>>('unhomoglyph/data.json');
let prototypes: ReadonlyMap<string, string> | undefined;

function prototypeOf(ch: string): string | undefined {
  prototypes ??= new Map(Object.entries(confusablesData()));
  return prototypes.get(ch);
}

/**
 * Letters the confusables data leaves outside ASCII although they read as one Latin letter whatever the case:
 * small capitals (the data maps only some of them, as capitals), and kra, its prototype for к, κ and ᴋ.
 */
const LETTER_FORMS: ReadonlyMap<string, string> = new Map([
  ...[...'ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘꞯʀꜱᴛᴜᴠᴡʏᴢ'].map((ch, i) => [ch, 'abcdefghijklmnopqrstuvwyz'[i] ?? ''] as const),
  ['ĸ', 'k'],
]);

/**
 * What a reader does not see: default-ignorable and format characters (zero-width spaces and joiners, the word
 * joiner, soft hyphens, bidirectional controls, variation selectors, tag characters, Hangul fillers), and the
 * trademark signs that follow a name but are no part of it.
 */
const UNSEEN = /[\p{Default_Ignorable_Code_Point}\p{Cf}™℠®]/gu;
const MARKS = /\p{M}/gu;
const MARK = /^\p{M}$/u;

/** Each character of a prototype in ASCII (lower case), or undefined when one has no ASCII reading. */
function asciiReading(prototype: string): string | undefined {
  let out = '';
  for (const ch of prototype) {
    const code = ch.charCodeAt(0);
    if (code < 0x80) out += ch.toLowerCase();
    else if (LETTER_FORMS.has(ch)) out += LETTER_FORMS.get(ch) ?? '';
    else if (!MARK.test(ch)) return undefined;
  }
  return out;
}

/**
 * One lower-case character outside ASCII as an ASCII reader reads it: its confusables prototype, else its
 * capital's (Cyrillic м looks like a small capital, whose prototype is outside ASCII, and М is M); otherwise itself.
 */
function foldChar(ch: string): string {
  const form = LETTER_FORMS.get(ch);
  if (form !== undefined) return form;
  const own = prototypeOf(ch);
  const reading = own === undefined ? undefined : asciiReading(own);
  if (reading !== undefined) return reading;
  const upper = ch.toUpperCase();
  const capital = upper === ch ? undefined : prototypeOf(upper);
  return (capital === undefined ? undefined : asciiReading(capital)) ?? ch;
}

/** Whether a string is plain ASCII: then its skeleton is its lower case, and nothing else need be done. */
export function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

const cache = new Map<string, string>();

/**
 * The skeleton a value is compared in: lower case; outside ASCII also without unseen characters, with
 * compatibility forms (full-width, mathematical, ligatures, the Kelvin sign) and combining marks folded, and with
 * every look-alike letter (Cyrillic, Greek, Cherokee, small capitals, letter-like symbols) mapped to the ASCII letter
 * it reads as, by the Unicode confusables data. ASCII characters are never mapped (the data would make `m` "rn"
 * and `1` "l"), so a plain ASCII name keeps its exact spelling and look-alike names stay apart.
 */
export function skeleton(s: string): string {
  if (isAscii(s)) return s.toLowerCase();
  const hit = cache.get(s);
  if (hit !== undefined) return hit;
  // Unseen characters go before NFKC (which spells ™ as "TM") and after it (which maps some fillers to others).
  const plain = s.replace(UNSEEN, '').normalize('NFKC').replace(UNSEEN, '').toLowerCase().normalize('NFD').replace(MARKS, '');
  let out = '';
  for (const ch of plain) out += ch.charCodeAt(0) < 0x80 ? ch : foldChar(ch);
  // Names and parties repeat across a large SBOM; descriptions are long and do not.
  if (s.length <= 256) {
    if (cache.size >= 50_000) cache.clear();
    cache.set(s, out);
  }
  return out;
}
