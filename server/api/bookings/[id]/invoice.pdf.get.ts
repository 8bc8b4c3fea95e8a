import { idParams } from '../../../../shared/schemas/params.ts'
import { requireDocumentAccess } from '../../../domain/documents/document-access.ts'
import { invoicePdf } from '../../../domain/documents/invoice-pdf.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const { id } = readParams(event, idParams)
  await requireDocumentAccess(useDb(), id, caller)
  return sendPdf(event, await invoicePdf(useDb(), id))
})
