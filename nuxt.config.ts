// https://nuxt.com/docs/api/configuration/nuxt-config
import { registerApiRouteTable } from './server/build/api-route-table'
import { pwa, pwaRouteRules } from './config/pwa'

export default defineNuxtConfig({
  compatibilityDate: '2026-11-01',
  devtools: { enabled: false },
  modules: ['@nuxt/eslint', '@pinia/nuxt', 'pinia-plugin-persistedstate/nuxt', '@vite-pwa/nuxt'],
  css: ['~/assets/css/main.css'],
  typescript: { strict: true },
  app: {
    head: {
      htmlAttrs: { lang: 'en' },
      title: 'Bookify',
      meta: [
        { name: 'viewport', content: 'width=device-width, initial-scale=1' },
        { name: 'description', content: 'Find events, pick your seats, carry your tickets — even offline.' },
        { name: 'theme-color', content: '#4338ca' },
      ],
    },
  },
  piniaPluginPersistedstate: {
    // Never cookies: persisted state must not travel with every request (and tokens are never persisted).
    storage: 'localStorage',
  },
  eslint: { config: { stylistic: false } },
  pwa,
  routeRules: pwaRouteRules,
  experimental: {
    // Links fetch and evaluate their page's code when touched, hovered or focused, not as soon as they
    // scroll into view: on the home page every event card's link made the phone load and run the event
    // and booking pages' chunks right after the first paint (100–130 ms tasks at a 4× slower CPU in a
    // trace), which is what Lighthouse's blocking time counts. A tap still starts the fetch at once.
    defaults: { nuxtLink: { prefetchOn: { visibility: false, interaction: true } } },
  },
  nitro: {
    // The generated Prisma client and the pg driver stay real node_modules imports at run time.
    externals: { inline: [] },
    // The Node server sends /_nuxt files as they are on disk: without precompressed copies a phone
    // downloads ~440 KiB of JavaScript instead of ~110 KiB. Nitro's static handler picks the .br or .gz
    // copy the browser accepts (a CDN in front would do the same; this covers running without one).
    compressPublicAssets: { gzip: true, brotli: true },
  },
  hooks: {
    'nitro:init': registerApiRouteTable,
    // No <link rel="prefetch"> for the chunks a page may import later (the error page, the outbox,
    // the service worker's helper…): they load when imported, once the page is idle. Fetched during
    // the first paint, the dozen hints shared the phone's connections with what the page needs, and
    // Lighthouse counts every request finished before the first paint into FCP and LCP.
    'build:manifest'(manifest) {
      for (const chunk of Object.values(manifest)) chunk.prefetch = false
    },
    // API routes answer errors in the contract's JSON shape; pages keep Nuxt's error page.
    // Ours runs first and leaves anything outside /api to Nuxt's own handler.
    'nitro:config'(nitroConfig) {
      const existing = nitroConfig.errorHandler
      nitroConfig.errorHandler = [
        '~~/server/error-handler',
        ...(Array.isArray(existing) ? existing : existing ? [existing] : []),
      ]
    },
  },
})
