import { requireDocumentAccess } from '../../../domain/documents/document-access.ts'
import { invoicePdf } from '../../../domain/documents/invoice-pdf.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const id = getRouterParam(event, 'id') ?? ''
  await requireDocumentAccess(useDb(), id, caller)
  return sendPdf(event, await invoicePdf(useDb(), id))
})
