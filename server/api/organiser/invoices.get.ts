import { invoicesQuery } from '../../../shared/schemas/payments.ts'
import { invoicesCsv, listInvoices } from '../../domain/invoices/list-invoices.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const query = queryValid(event, invoicesQuery)
  if (query.format === 'json') return listInvoices(useDb(), caller.userId, query.page, query.pageSize)
  const { fileName, csv } = await invoicesCsv(useDb(), caller.userId)
  setResponseHeader(event, 'Content-Type', 'text/csv; charset=utf-8')
  setResponseHeader(event, 'Content-Disposition', `attachment; filename="${fileName}"`)
  setResponseHeader(event, 'Cache-Control', 'private, no-store')
  return csv
})
