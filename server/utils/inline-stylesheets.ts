// The stylesheets a page links to are small (the global CSS and its components', ~1–4 KB each), but
// each `<link rel="stylesheet">` blocks the first paint for a round trip: on a phone that is most of
// the wait. So the page carries them: a linked build stylesheet whose rules Nuxt already inlined
// (`features.inlineStyles`, the styles of the components rendered) is dropped, any other becomes a
// `<style>` with its content. Build files are named by their hash, so each is read once per process.
// When the page later loads a chunk that needs one, Vite adds the link itself (after the first paint).

const LINK = /<link rel="stylesheet" href="(\/_nuxt\/[^"]+\.css)"[^>]*>/g
/** Larger files stay links: inlining them would delay the HTML more than the request costs. */
const MAX_INLINE_BYTES = 32 * 1024

const files = new Map<string, Promise<string | undefined>>()

export type ReadAsset = (href: string) => Promise<string | undefined>

function read(href: string, load: ReadAsset): Promise<string | undefined> {
  let text = files.get(href)
  if (!text) {
    text = load(href).then(css => (css !== undefined && css.length <= MAX_INLINE_BYTES && !css.includes('</') ? css : undefined), () => undefined)
    files.set(href, text)
  }
  return text
}

/** `head` with its build stylesheet links inlined; `page` is the whole page, to see what Nuxt inlined already. */
export async function inlineStylesheets(head: string, page: string, load: ReadAsset): Promise<string> {
  const links = [...head.matchAll(LINK)]
  if (links.length === 0) return head
  const texts = await Promise.all(links.map(([, href]) => read(href!, load)))
  let out = head
  links.forEach(([tag], i) => {
    const css = texts[i]
    if (css === undefined) return
    out = out.replace(tag, page.includes(css.trim()) ? '' : `<style>${css}</style>`)
  })
  return out
}
