// Term expansion with lunr's TokenSet automata (its type declarations put the static constructors
// on instances, hence the cast).
import lunr from 'lunr'

interface TokenSetStatics {
  fromString(text: string): lunr.TokenSet
  fromFuzzyString(text: string, editDistance: number): lunr.TokenSet
}

const TokenSets = lunr.TokenSet as unknown as TokenSetStatics

/** Terms of `tokenSet` starting with `prefix`. */
export function termsWithPrefix(tokenSet: lunr.TokenSet, prefix: string): string[] {
  return tokenSet.intersect(TokenSets.fromString(`${prefix}*`)).toArray()
}

/** Terms of `tokenSet` within `editDistance` insertions, deletions, substitutions or transpositions of `word`. */
export function termsNear(tokenSet: lunr.TokenSet, word: string, editDistance: number): string[] {
  return tokenSet.intersect(TokenSets.fromFuzzyString(word, editDistance)).toArray()
}
