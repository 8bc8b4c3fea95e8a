// The organiser's event form says what is missing in plain words, starts in the organiser's own
// time zone and says so prominently, and shows every label whole, on a phone too.
import { randomBytes } from 'node:crypto'
import { expect, test, type Page } from '@playwright/test'
import { PASSWORD, PHONE } from '../support/e2e-people.ts'

/** Whether the Kind field's label or its chosen option is cut off by the box it sits in. */
function kindClipped(page: Page): Promise<boolean> {
  return page.getByRole('group', { name: 'Section 1' }).getByLabel('Kind').evaluate((select: HTMLSelectElement) => {
    const label = document.querySelector<HTMLElement>(`label[for="${select.id}"]`)!
    if (label.scrollWidth > label.clientWidth + 1) return true
    const style = getComputedStyle(select)
    const probe = document.createElement('span')
    probe.style.font = style.font
    probe.style.whiteSpace = 'pre'
    probe.textContent = select.selectedOptions[0]!.text
    document.body.append(probe)
    const text = probe.getBoundingClientRect().width
    probe.remove()
    const arrow = 20 // the drop-down arrow Chromium draws inside the padding
    return text + Number.parseFloat(style.paddingLeft) + Number.parseFloat(style.paddingRight) + arrow > select.clientWidth
  })
}

test('friendly date errors, the browser time zone by default, the Kind field whole', async ({ browser }) => {
  const zoned = await browser.newContext({ viewport: PHONE, timezoneId: 'America/Sao_Paulo' })
  const res = await zoned.request.post('/api/auth/register', { data: { email: `fern-${randomBytes(4).toString('hex')}@example.test`, password: PASSWORD, name: 'Fern Form' } })
  expect(res.status()).toBe(201)
  const form = await zoned.newPage()
  await form.goto('/organise/new')
  await expect(form.getByRole('heading', { name: 'New event' })).toBeVisible()

  await expect(form.getByLabel('Time zone')).toHaveValue('America/Sao_Paulo')
  await expect(form.getByText('Times are in America/Sao_Paulo')).toBeVisible()

  await form.getByLabel('Title').fill('Fado')
  await form.getByRole('button', { name: 'Save draft' }).click()
  await expect(form.getByText('Enter the start date and time.')).toBeVisible()
  await expect(form.getByText('Enter the end date and time.')).toBeVisible()
  await expect(form.getByLabel('Starts')).toHaveAttribute('aria-invalid', 'true')
  await expect(form.getByText(/Invalid input|expected string/i)).toHaveCount(0)

  await expect(form.getByRole('group', { name: 'Section 1' }).getByLabel('Kind')).toBeVisible()
  expect(await kindClipped(form)).toBe(false)
  // At desktop width the builder has three columns: the Kind field still shows its whole choice.
  await form.setViewportSize({ width: 1280, height: 900 })
  expect(await kindClipped(form)).toBe(false)
  await zoned.close()
})
