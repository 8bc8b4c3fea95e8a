/**
 * Formatted text (dates, prices) that hydration takes from the server's render instead of formatting
 * it again. `text(inputs, format)` formats on the server and keeps the result in the page's payload
 * under its inputs; in the browser it returns the server's result for the same inputs and formats only
 * inputs the server never saw (a client-side navigation, a changed locale).
 *
 * Why: a page's first Intl formatter makes Chromium set up ICU, a one-off ~20 ms (~80 ms on the phone
 * Lighthouse simulates) inside hydration, the first visit's longest task; a card or event page needs no
 * formatter in the browser at all this way. It also rules out a mismatch between the server's ICU and
 * the browser's (spaces and abbreviations differ between versions).
 */
export function useServerText() {
  const rendered = useState<Record<string, string>>('server-text', () => ({}))
  return (inputs: readonly unknown[], format: () => string): string => {
    const key = JSON.stringify(inputs)
    const saved = rendered.value[key]
    if (saved !== undefined) return saved
    const text = format()
    if (import.meta.server) rendered.value[key] = text
    return text
  }
}
