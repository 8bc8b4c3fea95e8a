// The waiting room in Chromium: three buyers queue before the sale, the sale starts, each watches
// their place fall, is let in in the order the published proof gives, and books.
import { createHash, randomBytes } from 'node:crypto'
import { expect, request, test, type Browser, type BrowserContext, type Page } from '@playwright/test'

const PASSWORD = 'correct horse battery'
const inDays = (days: number, hours = 0) => new Date(Date.now() + days * 86_400_000 + hours * 3_600_000).toISOString()

/** A published event whose sale starts in ten minutes; `startSale` brings the start forward. */
async function eventWithRoom(): Promise<{ eventId: string, startSale: () => Promise<void> }> {
  const api = await request.newContext({ baseURL: process.env.E2E_BASE_URL })
  const registered = await api.post('/api/auth/register', { data: { email: `organiser-${randomBytes(4).toString('hex')}@example.test`, password: PASSWORD, name: 'Olga Organiser' } })
  const headers = { authorization: `Bearer ${(await registered.json()).accessToken}` }
  const created = await api.post('/api/events', {
    headers,
    data: {
      title: 'Big Night Live', category: 'Music', startsAt: inDays(20), endsAt: inDays(20, 3), timezone: 'Europe/Lisbon',
      venue: { name: 'Arena', address: '1 Arena Way', city: 'Lisbon' },
      sections: [{ name: 'Standing', kind: 'GA', priceCents: 3000, currency: 'EUR', capacity: 20 }],
      // One buyer let in every three seconds, so each can watch the line move.
      waitingRoom: { enabled: true, opensAt: new Date().toISOString(), salesStartAt: new Date(Date.now() + 600_000).toISOString(), admitPerMinute: 20 },
    },
  })
  expect(created.status(), await created.text()).toBe(201)
  const { id } = await created.json()
  expect((await api.post(`/api/events/${id}/publish`, { headers })).status()).toBe(200)
  const startSale = async () => {
    const moved = await api.patch(`/api/events/${id}`, { headers, data: { waitingRoom: { salesStartAt: new Date(Date.now() + 2_000).toISOString() } } })
    expect(moved.status(), await moved.text()).toBe(200)
    await api.dispose()
  }
  return { eventId: id, startSale }
}

interface Buyer { context: BrowserContext, page: Page, userId: string, name: string }

async function buyer(browser: Browser, name: string): Promise<Buyer> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } })
  const res = await context.request.post('/api/auth/register', { data: { email: `buyer-${randomBytes(4).toString('hex')}@example.test`, password: PASSWORD, name } })
  expect(res.status()).toBe(201)
  return { context, page: await context.newPage(), userId: (await res.json()).user.id, name }
}

// Seen once at the end of a full CI run (2026-12-07): the first buyer stayed "next" without being
// admitted, though the spec passes alone and the admitter's integration tests pass. Until that is
// understood, one retry, which Playwright reports as flaky rather than hiding it.
test.describe.configure({ retries: 1 })

test('three buyers queue before the sale, watch their place fall, are let in in proof order and book', async ({ browser }) => {
  test.setTimeout(150_000)
  const { eventId, startSale } = await eventWithRoom()
  const buyers = await Promise.all(['Ana', 'Ben', 'Cleo'].map(n => buyer(browser, n)))

  for (const b of buyers) {
    await b.page.goto(`/events/${eventId}`)
    await b.page.getByRole('link', { name: 'Join the waiting room' }).click()
    await expect(b.page).toHaveURL(new RegExp(`/events/${eventId}/queue$`))
    await b.page.getByRole('button', { name: 'Join the waiting room' }).click()
    await expect(b.page.getByRole('heading', { name: 'You are in the waiting room' })).toBeVisible()
    await expect(b.page.getByText(/Everyone who is here before then gets a random place/)).toBeVisible()
  }
  await buyers[2]!.page.screenshot({ path: '/tmp/bookify-queue-prequeue.png', fullPage: true })
  // A reload keeps the place (it lives on the server).
  await buyers[0]!.page.reload()
  await expect(buyers[0]!.page.getByRole('heading', { name: 'You are in the waiting room' })).toBeVisible()

  // The sale starts: the draw gives each a place; the proof says which.
  await startSale()
  // Everything each page says about the line from now on, until their turn.
  const seen = new Map(buyers.map(b => [b, new Set<string>()]))
  const letInAt = new Map<Buyer, number>()
  const watching = buyers.map(b => expect.poll(async () => {
    const text = await b.page.locator('.queue-status').first().textContent({ timeout: 500 }).catch(() => null)
    if (text) seen.get(b)!.add(text.replace(/\s+/g, ' ').trim())
    const inNow = await b.page.getByRole('heading', { name: 'You are in!' }).isVisible()
    if (inNow && !letInAt.has(b)) letInAt.set(b, Date.now())
    return inNow
  }, { timeout: 60_000, intervals: [150] }).toBe(true))
  const api = await request.newContext({ baseURL: process.env.E2E_BASE_URL })
  let proof: { seed?: string, order?: string[], commitment: string } = { commitment: '' }
  await expect.poll(async () => (proof = await (await api.get(`/api/events/${eventId}/queue/proof`)).json()).seed, { timeout: 40_000 }).toBeTruthy()
  expect(createHash('sha256').update(Buffer.from(proof.seed!, 'hex')).digest('hex')).toBe(proof.commitment)
  const rankOf = (b: Buyer) => proof.order!.indexOf(createHash('sha256').update(`${eventId}:${b.userId}`).digest('hex')) + 1
  const inProofOrder = [...buyers].sort((x, y) => rankOf(x) - rankOf(y))
  expect(inProofOrder.map(rankOf)).toEqual([1, 2, 3])

  // The last in line sees their place fall: number 3 with people ahead, then fewer, then their turn.
  const last = inProofOrder[2]!.page
  await expect(last.getByRole('heading', { name: 'You are number 3 in line' })).toBeVisible({ timeout: 10_000 })
  await last.screenshot({ path: '/tmp/bookify-queue-in-line.png', fullPage: true })
  await Promise.all(watching)
  // Each saw their place fall, step by step, to their turn.
  const steps = ['2 people ahead of you', '1 person ahead of you', 'You are next', 'You are in!']
  for (const [i, b] of inProofOrder.entries()) {
    const said = [...seen.get(b)!].join(' | ')
    const expected = steps.slice(2 - i)
    for (const step of expected) expect(said, `${b.name}, number ${i + 1}`).toContain(step)
    expect(expected.map(step => said.indexOf(step))).toEqual(expected.map(step => said.indexOf(step)).sort((x, y) => x - y))
  }

  // Let in one after another, in proof order (one every three seconds at 20 a minute).
  const times = inProofOrder.map(b => letInAt.get(b)!)
  expect(times[0]!).toBeLessThan(times[1]!)
  expect(times[1]!).toBeLessThan(times[2]!)

  await inProofOrder[0]!.page.screenshot({ path: '/tmp/bookify-queue-admitted.png', fullPage: true })
  // Each books with their turn.
  for (const b of inProofOrder) {
    await b.page.getByRole('link', { name: 'Choose your places' }).click()
    await expect(b.page.getByText(/Your turn from the waiting room: .* left to hold your places/)).toBeVisible()
    await b.page.getByRole('button', { name: 'One more Standing ticket' }).click()
    await b.page.getByRole('button', { name: 'Hold these places' }).click()
    await b.page.getByRole('button', { name: 'Confirm booking' }).click()
    await expect(b.page).toHaveURL(/\/bookings\/[0-9a-f-]{36}$/)
  }
  await api.dispose()
  for (const b of buyers) await b.context.close()
})
