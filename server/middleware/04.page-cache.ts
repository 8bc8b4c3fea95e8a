// Public pages for visitors who are not signed in come from the page cache (server/utils/page-cache.ts);
// runs after 03.page-session, which only acts for requests with a session cookie (never cached).
import { defineEventHandler } from 'h3'
import { servePublicPage } from '../utils/page-cache.ts'

export default defineEventHandler(event => servePublicPage(event))
