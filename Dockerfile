# syntax=docker/dockerfile:1
# One image for every Bookify role. The default command runs the web server; each worker runs from
# the same image with its own command (`node dist/workers/relay.mjs`), and the pre-deploy step
# applies migrations with `node dist/scripts/migrate.mjs` (WebAssembly schema engine). Workers and
# the migration command are bundled at build time (scripts/build-workers.ts): plain Node runs them,
# with no TypeScript transpiler in the image.
#
#   docker build -t bookify .
#   docker run --env-file .env -p 3000:3000 bookify
#   docker run --env-file .env bookify node dist/workers/relay.mjs

ARG NODE_IMAGE=node:24-bookworm-slim

# ── deps: every dependency, dev included, for the build ──────────────────────────────────────────
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# `npm install`, not `npm ci`: the lockfile is written on linux-x64 and lacks other platforms'
# optional binaries, which `npm ci` refuses. Install scripts are skipped: the project's postinstall
# needs the sources (it runs in the build stage), and the `node` dev dependency's script would fetch
# a second Node binary — the image already has Node 24, so its shim on .bin/ is removed.
RUN npm install --ignore-scripts --no-audit --no-fund \
 && rm -f node_modules/.bin/node

# ── build: generate the Prisma client and Nuxt's types (the postinstall), build .output and dist/ ─
FROM deps AS build
COPY . .
ENV NODE_ENV=production
RUN node scripts/postinstall.mjs \
 && npx --no-install nuxt build \
 && npx --no-install tsx scripts/build-workers.ts
# The web server needs no node_modules: Nitro traced its packages into .output/server/node_modules.
# The workers and the migration command get theirs the same way (@vercel/nft, Nitro's tracer), into
# /app/runtime/node_modules: about 25 MB, where `npm install --omit=dev` gave about 900 MB (nuxt and
# its whole build toolchain, the Prisma CLI and TypeScript as peer dependencies, every googleapis API).
RUN node scripts/trace-runtime-deps.mjs /app/runtime

# ── runtime ───────────────────────────────────────────────────────────────────────────────────────
FROM ${NODE_IMAGE} AS runtime
# tini as PID 1 reaps zombies and, with -g, passes SIGTERM to the start command's whole process group.
# Start workers with `node dist/workers/<name>.mjs`: under `npm run`, npm exits at once on SIGTERM
# (and the container with it) while the worker is still draining — seen on this project's machines.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# NODE_OPTIONS: every role (web, workers, migrations) loads the tracing register file first. It does
# nothing unless OTEL_EXPORTER_OTLP_ENDPOINT is set; then it starts the OpenTelemetry SDK before the app
# imports http, pg, ioredis or amqplib (README, "Tracing"). A platform that sets NODE_OPTIONS itself
# must keep this --import in it.
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    NITRO_SHUTDOWN_TIMEOUT=20000 \
    NODE_OPTIONS=--import=/app/dist/tracing/register.mjs \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false
COPY --from=build --chown=node:node /app/runtime/node_modules ./node_modules
COPY --from=build --chown=node:node /app/.output ./.output
# Bundled workers, migration command and tracing register file (the generated Prisma client is
# inside them); the migration command reads the migrations folder and schema.prisma at run time.
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=build --chown=node:node /app/prisma/migrations ./prisma/migrations
COPY --from=build --chown=node:node /app/prisma/schema.prisma ./prisma/schema.prisma
COPY --from=build --chown=node:node /app/package.json ./
# .data: e-mails written as .eml files while SMTP_URL is unset.
RUN mkdir -p .data && chown node:node .data
USER node
EXPOSE 3000
ENTRYPOINT ["/usr/bin/tini", "-g", "--"]
CMD ["node", ".output/server/index.mjs"]
