import { idParams } from '../../../../shared/schemas/params.ts'
import { requireDocumentAccess } from '../../../domain/documents/document-access.ts'
import { ticketsPdf } from '../../../domain/documents/tickets-pdf.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const { id } = readParams(event, idParams)
  await requireDocumentAccess(useDb(), id, caller)
  const pdf = await ticketsPdf(useDb(), id)
  return sendPdf(event, pdf)
})
