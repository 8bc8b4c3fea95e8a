// How invoice and credit-note numbers read: a prefix per kind and the organiser's own counter,
// zero-padded so they sort as text too ("INV-000042", "CN-000007").
export type DocumentKind = 'INVOICE' | 'CREDIT_NOTE'

const PREFIX: Record<DocumentKind, string> = { INVOICE: 'INV', CREDIT_NOTE: 'CN' }

export function documentNumber(kind: DocumentKind, n: number): string {
  return `${PREFIX[kind]}-${String(n).padStart(6, '0')}`
}
