// The one e-mail layout: every notification e-mail is a heading, a few paragraphs, optional
// label/value facts and one call to action, rendered both as HTML and as plain text. Every value
// is escaped here, so content builders pass raw strings (event titles are organiser input).

export interface EmailContent {
  subject: string
  heading: string
  paragraphs: string[]
  facts?: [label: string, value: string][]
  action?: { label: string, url: string }
  attachments?: MailAttachment[]
}

interface MailAttachment {
  filename: string
  /** Text, or bytes for binary files (the tickets PDF). */
  content: string | Buffer
  contentType: string
}

export interface RenderedEmail {
  subject: string
  text: string
  html: string
  attachments: MailAttachment[]
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&#39;' }

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, c => HTML_ESCAPES[c]!)
}

/** Only http(s) links make it into an href; anything else (javascript:, data:) is dropped. */
function safeUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.toString() : undefined
  } catch {
    return undefined
  }
}

/** Subjects are one line: a line break in a title must not start a new header. */
function oneLine(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').trim()
}

function htmlBody(content: EmailContent, url: string | undefined): string {
  const p = (text: string) => `<p style="margin:0 0 16px">${escapeHtml(text)}</p>`
  const facts = content.facts?.length
    ? `<table role="presentation" style="border-collapse:collapse;margin:0 0 16px">${content.facts
      .map(([label, value]) => `<tr><th align="left" style="padding:2px 16px 2px 0;color:#555">${escapeHtml(label)}</th><td style="padding:2px 0">${escapeHtml(value)}</td></tr>`)
      .join('')}</table>`
    : ''
  const action = content.action && url
    ? `<p style="margin:24px 0"><a href="${escapeHtml(url)}" style="background:#4338ca;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none">${escapeHtml(content.action.label)}</a></p>`
    : ''
  return [
    '<!doctype html>',
    `<html><head><meta charset="utf-8"><title>${escapeHtml(oneLine(content.subject))}</title></head>`,
    '<body style="font-family:system-ui,sans-serif;color:#111;max-width:560px;margin:0 auto;padding:24px">',
    `<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(content.heading)}</h1>`,
    ...content.paragraphs.map(p),
    facts,
    action,
    '<p style="margin:32px 0 0;color:#777;font-size:12px">Bookify · You can choose which e-mails you get on your account page.</p>',
    '</body></html>',
  ].join('\n')
}

function textBody(content: EmailContent, url: string | undefined): string {
  const lines = [content.heading, '', ...content.paragraphs.flatMap(p => [p, ''])]
  if (content.facts?.length) lines.push(...content.facts.map(([label, value]) => `${label}: ${value}`), '')
  if (content.action && url) lines.push(`${content.action.label}: ${url}`, '')
  lines.push('-- ', 'Bookify · You can choose which e-mails you get on your account page.')
  return lines.join('\n')
}

export function renderEmail(content: EmailContent): RenderedEmail {
  const url = content.action ? safeUrl(content.action.url) : undefined
  return {
    subject: oneLine(content.subject),
    text: textBody(content, url),
    html: htmlBody(content, url),
    attachments: content.attachments ?? [],
  }
}
