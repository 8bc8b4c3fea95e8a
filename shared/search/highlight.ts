// Splits a text into plain and matched parts for <mark>: a word matches when the index term it was
// stored under is one of the hit's matched terms, so "Concerts" lights up for a search for "concert".
import { fold, stem } from './words'

interface TextPart {
  text: string
  match: boolean
}

const WORD = /[\p{L}\p{N}]+/gu

export function highlightParts(text: string, matchedTerms: readonly string[]): TextPart[] {
  if (matchedTerms.length === 0) return [{ text, match: false }]
  const terms = new Set(matchedTerms)
  const parts: TextPart[] = []
  const push = (piece: string, match: boolean) => {
    const last = parts.at(-1)
    if (last && last.match === match) last.text += piece
    else parts.push({ text: piece, match })
  }
  let at = 0
  for (const found of text.matchAll(WORD)) {
    const word = found[0]
    const folded = fold(word)
    if (found.index > at) push(text.slice(at, found.index), false)
    push(word, folded.length > 1 && (terms.has(stem(folded)) || terms.has(folded)))
    at = found.index + word.length
  }
  if (at < text.length) push(text.slice(at), false)
  return parts
}
