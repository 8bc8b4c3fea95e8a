// axe-core (injected by @axe-core/playwright) finds no violations on the pages buyers and organisers
// start from: home, an event, the booking page with a choice made and with a hold, a booking, and
// the organiser's list, dashboard and event form — at desktop and phone sizes.
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { book, DESKTOP, PHONE, publishedEvent, seat, signedIn } from '../support/e2e-people.ts'

async function noViolations(page: Page, what: string) {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze()
  expect(violations.map(v => `${what}: ${v.id} (${v.impact}) ${v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([])
}

for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
  test(`home, event, booking and organiser pages have no axe violations (${size})`, async ({ browser }) => {
    // Nine pages, two browsers and an axe run each: minutes on a loaded CI machine.
    test.setTimeout(300_000)
    const event = await publishedEvent(`Fado for everyone (${size})`, [
      { name: 'Stalls', kind: 'SEATED', priceCents: 4500, currency: 'EUR', rows: 3, seatsPerRow: 8 },
      { name: 'Standing', kind: 'GA', priceCents: 2000, currency: 'EUR', capacity: 20 },
    ])
    const { context, page, headers } = await signedIn(browser, 'Alex Axe', viewport)
    await page.goto('/')
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
    await noViolations(page, 'home')

    await page.goto(`/events/${event.id}`)
    await expect(page.getByRole('link', { name: 'Choose seats' })).toBeVisible()
    await noViolations(page, 'event')

    await page.goto(`/events/${event.id}/book`)
    await seat(page, 'A', 2, 'available').click()
    await expect(page.getByRole('button', { name: 'Hold these places' })).toBeEnabled()
    await noViolations(page, 'booking page, choosing')
    await page.getByRole('button', { name: 'Hold these places' }).click()
    await expect(page.getByRole('region', { name: 'Your places are held' })).toBeVisible()
    await noViolations(page, 'booking page, holding')
    await page.getByRole('button', { name: 'Confirm booking' }).click()
    await expect(page.getByRole('heading', { name: 'Your ticket' })).toBeVisible()
    await noViolations(page, 'booking')

    const own = await context.request.post('/api/events', {
      headers,
      data: {
        title: 'My own fado', description: 'Fado.', category: 'Music', startsAt: new Date(Date.now() + 9 * 86_400_000).toISOString(),
        endsAt: new Date(Date.now() + 9 * 86_400_000 + 3_600_000).toISOString(), timezone: 'Europe/Lisbon',
        venue: { name: 'Coliseu', address: 'Rua das Portas 96', city: 'Lisbon' }, sections: [{ name: 'Hall', kind: 'GA', priceCents: 1000, currency: 'EUR', capacity: 10 }],
      },
    })
    const ownId = (await own.json()).id as string
    expect((await context.request.post(`/api/events/${ownId}/publish`, { headers })).status()).toBe(200)
    await book(headers, ownId, [], [{ sectionId: (await (await context.request.get(`/api/events/${ownId}`)).json()).sections[0].id, quantity: 2 }])
    await page.goto('/organise')
    await expect(page.getByRole('heading', { name: 'My events' })).toBeVisible()
    await noViolations(page, 'organiser events')
    await page.goto(`/organise/${ownId}`)
    await expect(page.getByRole('figure', { name: 'Tickets sold per hour' })).toBeVisible()
    await noViolations(page, 'organiser dashboard')
    await page.goto('/organise/new')
    await expect(page.getByRole('heading', { name: 'New event' })).toBeVisible()
    await noViolations(page, 'organiser form')
    await page.getByRole('button', { name: 'Save draft' }).click()
    await expect(page.getByLabel('Title')).toHaveAttribute('aria-invalid', 'true')
    await noViolations(page, 'organiser form with errors')
    await context.close()
  })
}
