// @vite-pwa/nuxt options: the web app manifest and the generated service worker.
// The app is server-rendered, so there is no prerendered HTML shell to fall back to:
// `navigateFallback: null`, and pages the user visited are kept by a NetworkFirst route instead;
// a page never visited, asked for offline, gets the static public/offline.htm (precached). Not
// ".html": @vite-pwa/nuxt rewrites precached *.html entries to extension-less routes (prerendered
// pages), and "/offline" is no route of this server-rendered app, so the worker would never install.
// `/api/` is never answered by the service worker — the app itself falls back to IndexedDB
// (app/utils/idb.ts) for the data it needs offline, so a stale or fake API answer can never leak in.
import type { ModuleOptions } from '@vite-pwa/nuxt'
import type { NitroRouteConfig } from 'nitropack'

const THEME = '#4338ca'

export const pwa: Partial<ModuleOptions> = {
  registerType: 'prompt',
  strategies: 'generateSW',
  manifest: {
    id: '/',
    name: 'Bookify — events and tickets',
    short_name: 'Bookify',
    description: 'Find events, pick your seats, carry your tickets — even offline.',
    lang: 'en',
    theme_color: THEME,
    background_color: '#f7f7fb',
    display: 'standalone',
    start_url: '/',
    scope: '/',
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
    screenshots: [
      { src: '/screenshots/wide.png', sizes: '1280x720', type: 'image/png', form_factor: 'wide', label: 'Choosing seats on the live seat map' },
      { src: '/screenshots/narrow.png', sizes: '390x844', type: 'image/png', form_factor: 'narrow', label: 'A ticket with its QR code, offline' },
    ],
  },
  workbox: {
    // The built app shell: scripts, styles, icons. Screenshots are for install sheets only.
    globPatterns: ['_nuxt/**/*.{js,css}', 'icons/*.png', 'favicon.svg', 'offline.{htm,css}'],
    globIgnores: ['screenshots/**'],
    navigateFallback: null,
    navigateFallbackDenylist: [/^\/api\//],
    cleanupOutdatedCaches: true,
    // One worker file (no workbox-<hash>.js beside it), so one route rule covers its headers.
    inlineWorkboxRuntime: true,
    // Background Sync: the `sync` listener tells open pages to send their outbox (see public/sw-sync.js).
    importScripts: ['/sw-sync.js'],
    runtimeCaching: [
      {
        // Pages the user visited reload offline; the network wins whenever it answers in time.
        urlPattern: ({ request, url }) => request.mode === 'navigate' && !url.pathname.startsWith('/api/'),
        handler: 'NetworkFirst',
        options: {
          cacheName: 'pages',
          networkTimeoutSeconds: 5,
          expiration: { maxEntries: 60, maxAgeSeconds: 14 * 86_400 },
          cacheableResponse: { statuses: [200] },
          // Neither the network nor the cache has the page: the app's own offline page, not the browser's error.
          precacheFallback: { fallbackURL: '/offline.htm' },
        },
      },
      {
        // Event images and other static files of this origin (never the API).
        urlPattern: ({ request, url, sameOrigin }) => sameOrigin && !url.pathname.startsWith('/api/')
          && (request.destination === 'image' || request.destination === 'font'),
        handler: 'CacheFirst',
        options: {
          cacheName: 'static',
          expiration: { maxEntries: 200, maxAgeSeconds: 30 * 86_400 },
          cacheableResponse: { statuses: [200] },
        },
      },
    ],
  },
  client: { installPrompt: false, periodicSyncForUpdates: 3600 },
  devOptions: { enabled: false },
}

// The worker scripts are run under their own response's Content-Security-Policy, and every
// non-page answer gets "default-src 'none'" (server/plugins/security-headers.ts), which would stop
// the worker from importing Workbox or fetching anything. These scripts get a same-origin policy
// instead (route rules run after that plugin's request hook, so they win), and are always revalidated.
const WORKER_HEADERS = {
  'Content-Security-Policy': `default-src 'self'; frame-ancestors 'none'`,
  'Cache-Control': 'no-cache',
}

// The offline page is static: its own stylesheet, and its "Try again" form asks for the same address.
const OFFLINE_PAGE_HEADERS = {
  'Content-Security-Policy': `default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
  'Cache-Control': 'no-cache',
}

export const pwaRouteRules: Record<string, NitroRouteConfig> = {
  '/offline.htm': { headers: OFFLINE_PAGE_HEADERS },
  '/sw.js': { headers: WORKER_HEADERS },
  '/sw-sync.js': { headers: WORKER_HEADERS },
}
