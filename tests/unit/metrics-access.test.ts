import { describe, expect, it } from 'vitest'
import { metricsAccessAllowed } from '../../server/observability/metrics-access.ts'

describe('metricsAccessAllowed', () => {
  it('lets everyone in while no METRICS_TOKEN is set', () => {
    expect(metricsAccessAllowed(undefined, undefined)).toBe(true)
    expect(metricsAccessAllowed('Bearer anything', undefined)).toBe(true)
  })

  it('with a token, takes exactly that token as a Bearer credential', () => {
    const token = 's3cret-token'
    expect(metricsAccessAllowed(`Bearer ${token}`, token)).toBe(true)
    expect(metricsAccessAllowed(`bearer ${token}`, token)).toBe(true)
    for (const header of [undefined, '', 'Bearer', `Bearer ${token}x`, `Bearer ${token.slice(1)}`, `Basic ${token}`, token, `Bearer ${token} extra`]) {
      expect(metricsAccessAllowed(header, token), String(header)).toBe(false)
    }
  })
})
