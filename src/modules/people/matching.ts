/**
 * Names for matching in search and duplicate checks. Pure: no I/O. These mirror haven_name_key and haven_name_sound in migration 0004, which
 * keep the same keys in generated columns; an integration test checks the two agree.
 */

/**
 * Latin letters with diacritics (U+00C0–U+017F and U+1E00–U+1EFF) to their plain lower-case
 * letter, and a few that do not decompose. The migration holds the same pairs as literal strings.
 */
export function accentPairs(): { from: string; to: string } {
  let from = ''
  let to = ''
  const add = (cp: number): void => {
    const ch = String.fromCodePoint(cp)
    const base = ch.normalize('NFD').charAt(0)
    if (/[A-Za-z]/.test(base) && base !== ch) {
      from += ch
      to += base.toLowerCase()
    }
  }
  for (let cp = 0xc0; cp <= 0x17f; cp++) add(cp)
  for (let cp = 0x1e00; cp <= 0x1eff; cp++) add(cp)
  for (const [ch, plain] of Object.entries({
    ł: 'l',
    Ł: 'l',
    ø: 'o',
    Ø: 'o',
    đ: 'd',
    Đ: 'd',
    ı: 'i',
    ħ: 'h',
    Ħ: 'h',
  })) {
    from += ch
    to += plain
  }
  return { from, to }
}

const ACCENT_MAP = ((): Map<string, string> => {
  const { from, to } = accentPairs()
  return new Map([...from].map((ch, i) => [ch, to.charAt(i)]))
})()

/** Lower case, accents dropped, anything but a–z removed: "O'Brien-Smyth" → "obriensmyth". */
export function nameKey(name: string): string {
  // Mapped before lower case, as translate() runs before lower() in SQL.
  return [...name]
    .map((ch) => ACCENT_MAP.get(ch) ?? ch)
    .join('')
    .toLowerCase()
    .replace(/[^a-z]/g, '')
}

/** A coarse key for spelling variants: "Smith" and "Smyth", "Catherine" and "Kathryn" meet. */
export function soundKey(name: string): string {
  const k = nameKey(name)
    .replace(/[cqzv]/g, (ch) => ({ c: 'k', q: 'k', z: 's', v: 'f' })[ch] ?? ch)
    .replace(/ph/g, 'f')
    .replace(/(.)\1+/g, '$1')
  return (
    k.slice(0, 1) +
    k
      .slice(1)
      .replace(/[aeiouhwy]/g, '')
      .replace(/(.)\1+/g, '$1')
  )
}

export interface PersonName {
  givenName: string
  familyName: string
}

export type NameMatch = 'exact' | 'sounds_like' | 'transposed' | 'other_name'

/**
 * How a search for `query` matches a person whose main name is `main` and who has `others`,
 * closest first; null for no match. A single word matches either the given or the family name.
 */
export function matchName(
  query: string,
  main: PersonName,
  others: readonly PersonName[] = [],
): NameMatch | null {
  const words = query.trim().split(/\s+/).filter(Boolean)
  if (words.length === 0) return null
  const given = words.length > 1 ? (words[0] ?? '') : ''
  const family = words.length > 1 ? words.slice(1).join('') : (words[0] ?? '')
  const test = (n: PersonName): NameMatch | null => {
    const [g, f] = [n.givenName, n.familyName]
    if (!given) {
      if (nameKey(family) === nameKey(f) || nameKey(family) === nameKey(g)) return 'exact'
      if (soundKey(family) === soundKey(f) || soundKey(family) === soundKey(g)) return 'sounds_like'
      return null
    }
    if (nameKey(given) === nameKey(g) && nameKey(family) === nameKey(f)) return 'exact'
    if (soundKey(given) === soundKey(g) && soundKey(family) === soundKey(f)) return 'sounds_like'
    if (soundKey(given) === soundKey(f) && soundKey(family) === soundKey(g)) return 'transposed'
    return null
  }
  const onMain = test(main)
  if (onMain) return onMain
  return others.some((o) => test(o) !== null) ? 'other_name' : null
}

/** The words of a name search as the store needs them: a given and a family name, or one word. */
export function splitNameQuery(query: string): { given: string | null; family: string } | null {
  const words = query
    .trim()
    .split(/\s+/)
    .filter((w) => nameKey(w) !== '')
  if (words.length === 0) return null
  if (words.length === 1) return { given: null, family: words[0] as string }
  return { given: words[0] as string, family: words.slice(1).join(' ') }
}
