/**
 * Forgiving catalog names: ids match whatever their case and whether words are joined by "-",
 * "_" or spaces, and by aliases; an unknown name gets the nearest ids as a suggestion. Lookups go
 * through a map built once per catalog, so sizing pays one normalisation and one map read per name.
 */

/** Lower case, and runs of blanks and underscores as one "-" (`Standard_D8s_v5` ~ `standard-d8s-v5`). */
export function normalizeName(name: string): string {
  return name.trim().toLowerCase().replace(/[\s_]+/g, '-');
}

/** Names longer than this get no suggestion: they are not a typo of a catalog id, and the distance is quadratic. */
const MAX_SUGGESTED_NAME_LENGTH = 64;
const MAX_SUGGESTIONS = 3;

export interface NameIndex<T> {
  find(name: string): T | undefined;
  /** The canonical ids nearest `name` (edit distance, then shared prefix), best first; empty when none is close. */
  suggest(name: string): string[];
  ids: readonly string[];
}

/**
 * An index of `entries` by id (never shadowed) and by aliases (the first entry to claim an alias
 * keeps it, so a list ordered by preference resolves ambiguous aliases to the preferred entry).
 */
export function nameIndex<T>(
  entries: readonly T[], idOf: (entry: T) => string, aliasesOf: (entry: T) => readonly string[] = () => [],
  /** Names that find nothing (they fit several entries) but lead suggestions to the ids they fit. */
  hints: ReadonlyMap<string, readonly string[]> = new Map(),
): NameIndex<T> {
  const byName = new Map<string, T>();
  for (const entry of entries) byName.set(normalizeName(idOf(entry)), entry);
  for (const entry of entries) {
    for (const alias of aliasesOf(entry)) {
      const key = normalizeName(alias);
      if (!byName.has(key)) byName.set(key, entry);
    }
  }
  const names = [
    ...[...byName.entries()].map(([name, entry]) => ({ name, id: idOf(entry) })),
    ...[...hints].flatMap(([name, ids]) => ids.map((id) => ({ name: normalizeName(name), id }))),
  ];
  return {
    ids: entries.map(idOf),
    find: (name) => byName.get(normalizeName(name)),
    suggest(name) {
      const wanted = normalizeName(name);
      if (wanted.length === 0 || wanted.length > MAX_SUGGESTED_NAME_LENGTH) return [];
      const limit = Math.max(2, Math.floor(wanted.length / 3));
      const scored = names
        .map(({ name: candidate, id }) => ({ id, distance: candidate.startsWith(wanted) || wanted.startsWith(candidate) ? 0.5 : editDistance(wanted, candidate, limit) }))
        .filter((s) => s.distance <= limit)
        .sort((a, b) => a.distance - b.distance || a.id.localeCompare(b.id));
      return [...new Set(scored.map((s) => s.id))].slice(0, MAX_SUGGESTIONS);
    },
  };
}

/** "unknown GPU "X"; did you mean A, B or C?", or the known ids when nothing is close. */
export function unknownNameMessage(what: string, name: string, index: NameIndex<unknown>, extra = ''): string {
  const near = index.suggest(name);
  const shown = JSON.stringify(name.length > MAX_SUGGESTED_NAME_LENGTH ? `${name.slice(0, MAX_SUGGESTED_NAME_LENGTH)}…` : name);
  if (near.length > 0) return `unknown ${what} ${shown}${extra}; did you mean ${near.length === 1 ? near[0] : `${near.slice(0, -1).join(', ')} or ${near.at(-1)}`}?`;
  return `unknown ${what} ${shown}${extra}; known: ${index.ids.join(', ')}`;
}

/** Levenshtein distance, giving up (returning limit + 1) once every path exceeds `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * Common short names of a catalog GPU id (`<model>[-SXM|-PCIe]-<n>GB`): the model alone (`H100`),
 * with its form factor (`H100-SXM`, and `SXM4`/`SXM5` as NVIDIA's datasheets spell it), with its
 * memory (`A100-40GB`). A short name that fits one GPU is its alias; one that fits several
 * (`H100`: SXM or PCIe; `A100-80GB`: SXM or PCIe) is ambiguous and answers with the GPUs it could
 * be: picking one would size on a part the user may not have (the SXM part has more bandwidth).
 */
export function gpuAliases(ids: readonly string[]): { aliases: Map<string, string>; ambiguous: Map<string, string[]> } {
  const claims = new Map<string, string[]>();
  for (const id of ids) {
    const tokens = id.split('-');
    const memory = tokens.find((t) => /^\d+GB$/.test(t));
    const form = tokens.find((t) => t === 'SXM' || t === 'PCIe');
    const base = tokens.filter((t) => t !== memory && t !== form).join('-');
    const forms = form === 'SXM' ? ['SXM', 'SXM4', 'SXM5'] : form ? [form] : [];
    const names = [base, ...forms.map((f) => `${base}-${f}`), ...(memory ? [`${base}-${memory}`, ...forms.map((f) => `${base}-${f}-${memory}`)] : [])];
    for (const name of new Set(names.map(normalizeName))) {
      if (name === normalizeName(id)) continue;
      claims.set(name, [...(claims.get(name) ?? []), id]);
    }
  }
  const aliases = new Map<string, string>();
  const ambiguous = new Map<string, string[]>();
  for (const [name, claimants] of claims) {
    if (claimants.length === 1) aliases.set(name, claimants[0]!);
    else ambiguous.set(name, claimants);
  }
  return { aliases, ambiguous };
}
