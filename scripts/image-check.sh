#!/usr/bin/env bash
# `npm run image:check`: builds the real Dockerfile without a Docker engine (Debian's buildah, chroot
# isolation) and checks the image by running its roles against the local services:
#   1. a stand-in for the Dockerfile's base (node:24-bookworm-slim): debootstrap --variant=minbase of
#      bookworm + Node 24 (the `node` npm package's binary) + npm + a `node` user (uid 1000), made once
#      and cached under $IMAGE_CHECK_CACHE keyed by a hash of its recipe; passed as the NODE_IMAGE build
#      argument, so no image is ever tagged with the real base's name;
#   2. buildah bud --layers (the layer cache makes a second run with the same sources quick);
#   3. from the built image's filesystem (buildah run --isolation chroot, host network): the migrations,
#      the web role (/api/health 200, /api/ready all up, running as uid 1000) and every worker role
#      (starts, stays up, stops on SIGTERM); no development tool in the image; the image size.
# Where buildah cannot run (not root, no apt, no overlay/chroot), it fails, or with IMAGE_CHECK_OPTIONAL=1
# prints a loud SKIPPED and exits 0 — never silently.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

IMAGE=${IMAGE_CHECK_TAG:-localhost/bookify:check}
BASE=localhost/bookify-standin-node:24-bookworm-slim
CACHE=${IMAGE_CHECK_CACHE:-/var/cache/bookify-image-base}
PORT=${IMAGE_CHECK_PORT:-3917}
SUITE=bookworm
# Bump when the stand-in recipe below changes: the cache key includes it.
RECIPE_VERSION=1
STARTED=$(date +%s)
WORK=$(mktemp -d /tmp/bookify-image-check.XXXXXX)

say() { printf '\n\033[1m[image:check] %s\033[0m\n' "$*"; }
elapsed() { echo "$(( $(date +%s) - $1 ))s"; }
fail() { printf '\n\033[1;31m[image:check] FAILED: %s\033[0m\n' "$*" >&2; exit 1; }
cannot_run() {
  if [ "${IMAGE_CHECK_OPTIONAL:-0}" = "1" ]; then
    printf '\n\033[1;33m%s\n!! [image:check] SKIPPED: %s\n!! The Docker image was NOT built or checked (IMAGE_CHECK_OPTIONAL=1).\n%s\033[0m\n' \
      '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!' "$*" \
      '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!' >&2
    exit 0
  fi
  fail "$* (set IMAGE_CHECK_OPTIONAL=1 to skip loudly where buildah cannot run)"
}

# ── cleanup: only what this run started or made ──────────────────────────────────────────────────
PGIDS=()
CONTAINER=
DB=
VHOST=
cleanup() {
  local rc=$?
  for pg in "${PGIDS[@]}"; do kill -TERM -- "-$pg" 2>/dev/null || true; done
  sleep 1
  for pg in "${PGIDS[@]}"; do kill -KILL -- "-$pg" 2>/dev/null || true; done
  if [ -n "$CONTAINER" ]; then buildah umount "$CONTAINER" >/dev/null 2>&1 || true; buildah rm "$CONTAINER" >/dev/null 2>&1 || true; fi
  if [ -n "$DB" ]; then psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true; fi
  if [ -n "$VHOST" ]; then rabbitmqctl -q delete_vhost "$VHOST" >/dev/null 2>&1 || true; fi
  if [ "$rc" -ne 0 ] && [ -d "$WORK" ]; then echo "[image:check] logs kept in $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

# ── tools ─────────────────────────────────────────────────────────────────────────────────────────
say "Tools"
[ "$(id -u)" = 0 ] || cannot_run "needs root (debootstrap, and buildah's chroot isolation with its storage in /var/lib/containers)"
if ! command -v buildah >/dev/null || ! command -v debootstrap >/dev/null; then
  command -v apt-get >/dev/null || cannot_run "buildah/debootstrap missing and no apt-get to install them"
  echo "installing buildah and debootstrap from Debian's packages"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq buildah debootstrap >/dev/null; } \
    || cannot_run "apt-get could not install buildah and debootstrap"
fi
for tool in psql rabbitmqctl curl; do command -v "$tool" >/dev/null || fail "$tool is needed (local services' clients)"; done
probe=$(buildah from scratch 2>"$WORK/probe.log") && buildah mount "$probe" >/dev/null 2>>"$WORK/probe.log" \
  || cannot_run "buildah cannot create and mount a container here: $(tail -3 "$WORK/probe.log")"
buildah rm "$probe" >/dev/null
buildah --version

# Node 24 for the stand-in: the `node` dev dependency's binary (the project's pinned Node), else the system's.
NODE_BIN=
for candidate in node_modules/node/bin/node "$(command -v node || true)"; do
  if [ -n "$candidate" ] && [ -x "$candidate" ] && [[ "$("$candidate" --version)" == v24.* ]]; then NODE_BIN=$(readlink -f "$candidate"); break; fi
done
[ -n "$NODE_BIN" ] || fail "no Node 24 binary (run npm install: the \`node\` dev dependency brings one)"
NPM_DIR="$(npm root -g)/npm"
[ -f "$NPM_DIR/bin/npm-cli.js" ] || fail "npm's own package not found at $NPM_DIR"
NODE_VERSION=$("$NODE_BIN" --version)
NPM_VERSION=$(node -p "require('$NPM_DIR/package.json').version")
CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt
[ -f "$CA_BUNDLE" ] || fail "$CA_BUNDLE missing"

# The Debian mirror this machine uses (apt inside the build must reach the same one).
MIRROR=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
[ -n "$MIRROR" ] || MIRROR=$(awk '$1 == "deb" && $3 == "'$SUITE'" { print $2; exit }' /etc/apt/sources.list 2>/dev/null || true)
[ -n "$MIRROR" ] || MIRROR=http://deb.debian.org/debian
# The npm registry this machine uses, when not the default: given to the stand-in's npm only.
REGISTRY=$(npm config get registry 2>/dev/null || echo https://registry.npmjs.org/)
# Its apt settings for reaching the mirror (Acquire::…), and the docker-* files that Debian's own slim
# images carry (docker-clean drops apt's caches after each install: without it the stand-in would
# leave ~70 MB in the layer of the Dockerfile's `apt-get install` that a real base does not).
APT_CONF=$( { grep -l 'Acquire::' /etc/apt/apt.conf.d/* 2>/dev/null; ls /etc/apt/apt.conf.d/docker-* 2>/dev/null; } | sort -u || true)

KEY=$( { echo "recipe $RECIPE_VERSION $SUITE $MIRROR $NODE_VERSION npm $NPM_VERSION registry $REGISTRY"
         sha256sum "$NODE_BIN" "$CA_BUNDLE" /etc/apt/sources.list.d/debian.sources $APT_CONF 2>/dev/null || true
         sed -n '/^## stand-in recipe/,/^## end of stand-in recipe/p' "$0"; } | sha256sum | cut -c1-16)
echo "Node $NODE_VERSION, npm $NPM_VERSION, mirror $MIRROR, stand-in recipe $KEY"

## stand-in recipe
make_rootfs() {
  local rootfs=$1
  debootstrap --variant=minbase "$SUITE" "$rootfs" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 \
    || { tail -20 "$WORK/debootstrap.log" >&2; fail "debootstrap of $SUITE from $MIRROR failed"; }
  # Node and npm where the official image has them.
  install -m 0755 "$NODE_BIN" "$rootfs/usr/local/bin/node"
  mkdir -p "$rootfs/usr/local/lib/node_modules"
  cp -a "$NPM_DIR" "$rootfs/usr/local/lib/node_modules/npm"
  ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
  ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$rootfs/usr/local/bin/npx"
  # The official image's `node` user and group, uid/gid 1000.
  echo 'node:x:1000:' >>"$rootfs/etc/group"
  echo 'node:x:1000:1000::/home/node:/bin/bash' >>"$rootfs/etc/passwd"
  echo 'node:*:19000:0:99999:7:::' >>"$rootfs/etc/shadow"
  install -d -o 1000 -g 1000 "$rootfs/home/node"
  # Stand-in only: this machine's CA bundle (its registry and mirror traffic may pass a TLS proxy) and its
  # apt sources and settings, so `apt-get install` in the Dockerfile reaches the same mirror.
  mkdir -p "$rootfs/etc/ssl/certs"
  cp "$CA_BUNDLE" "$rootfs/etc/ssl/certs/ca-certificates.crt"
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    rm -f "$rootfs/etc/apt/sources.list"
    cp /etc/apt/sources.list.d/debian.sources "$rootfs/etc/apt/sources.list.d/"
  fi
  for conf in $APT_CONF; do cp "$conf" "$rootfs/etc/apt/apt.conf.d/"; done
  if [ "$REGISTRY" != "https://registry.npmjs.org/" ]; then
    mkdir -p "$rootfs/usr/local/etc"
    echo "registry=$REGISTRY" >"$rootfs/usr/local/etc/npmrc"
  fi
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/log/*.log
}
## end of stand-in recipe

# ── stand-in base ─────────────────────────────────────────────────────────────────────────────────
say "Stand-in base image $BASE"
t=$(date +%s)
have=$(buildah inspect --type image --format '{{index .OCIv1.Config.Labels "org.bookify.standin"}}' "$BASE" 2>/dev/null || true)
if [ "$have" = "$KEY" ]; then
  echo "in buildah's storage already (recipe $KEY)"
else
  mkdir -p "$CACHE/$KEY"
  TARBALL="$CACHE/$KEY/rootfs.tar"
  if [ -f "$TARBALL" ]; then
    echo "from the cached root filesystem $TARBALL"
  else
    echo "debootstrap --variant=minbase $SUITE from $MIRROR (once per recipe; a few minutes)"
    rootfs="$CACHE/$KEY/rootfs.tmp"
    rm -rf "$rootfs"
    make_rootfs "$rootfs"
    tar -C "$rootfs" --numeric-owner -cf "$TARBALL.tmp" . && mv "$TARBALL.tmp" "$TARBALL"
    rm -rf "$rootfs"
  fi
  base_ctr=$(buildah from --pull=never scratch)
  base_mnt=$(buildah mount "$base_ctr")
  tar -C "$base_mnt" --numeric-owner -xpf "$TARBALL"
  buildah umount "$base_ctr" >/dev/null
  buildah config \
    --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    --env NODE_VERSION="${NODE_VERSION#v}" \
    --env NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt \
    --cmd node --label org.bookify.standin="$KEY" "$base_ctr"
  old_base=$(buildah images --format '{{.ID}}' "$BASE" 2>/dev/null | head -1 || true)
  buildah commit --quiet --rm "$base_ctr" "$BASE" >/dev/null
  # The replaced stand-in goes once nothing uses it (its cached layers go with the recorded ones).
  if [ -n "$old_base" ]; then echo "$old_base" | cut -c1-11 >>"$CACHE/built-layers"; fi
  # Older stand-ins (other recipes) are no longer used by any build.
  find "$CACHE" -mindepth 1 -maxdepth 1 -type d ! -name "$KEY" -exec rm -rf {} + 2>/dev/null || true
fi
echo "stand-in ready in $(elapsed "$t")"

# ── build ─────────────────────────────────────────────────────────────────────────────────────────
say "buildah bud --isolation chroot of ./Dockerfile (layer cache on)"
t=$(date +%s)
if ! buildah bud --isolation chroot --pull=never --layers --build-arg NODE_IMAGE="$BASE" \
    -t "$IMAGE" -f Dockerfile . >"$WORK/build.log" 2>&1; then
  tail -40 "$WORK/build.log" >&2
  fail "the image did not build (full log: $WORK/build.log)"
fi
grep -E '(STEP [0-9]+/[0-9]+: (FROM|RUN|COPY \.)|^Traced |^Bundled )' "$WORK/build.log" | cut -c1-150 || true
BUILD_TIME=$(elapsed "$t")
echo "built $IMAGE in $BUILD_TIME"

# Every changed build leaves its intermediate images (the layer cache) in buildah's storage. Keep what
# this build used; remove what an earlier run of this check recorded and this one no longer uses: only
# images this check made, never a tagged one (`buildah rmi <id>` would untag it: the stand-in base and
# anyone's named images stay), never one in use (`buildah rmi` refuses those).
layer_ids() { grep -oE '^--> (Using cache )?[0-9a-f]{11,64}' "$1" | awk '{ print substr($NF, 1, 11) }' | sort -u; }
USED=$(layer_ids "$WORK/build.log")
RECORD="$CACHE/built-layers"
if [ -f "$RECORD" ]; then
  freed=0
  keep=$( { echo "$USED"; buildah images --filter dangling=false --format '{{.ID}}' | cut -c1-11; } | sort -u)
  stale=$(comm -23 <(sort -u "$RECORD") <(echo "$keep"))
  # A few passes: an image goes only after the images built on it.
  for _ in 1 2 3; do
    for id in $stale; do buildah rmi "$id" >/dev/null 2>&1 && freed=$((freed + 1)); done
  done
  [ "$freed" -eq 0 ] || echo "removed $freed stale cached layer images of earlier runs"
fi
echo "$USED" >"$RECORD"

# ── run the image's roles ─────────────────────────────────────────────────────────────────────────
say "Roles from the image, against the local services"
CONTAINER=$(buildah from --pull=never "$IMAGE")
MNT=$(buildah mount "$CONTAINER")
RUN_ID="image_check_$$_$(date +%s)"
DB="bookify_$RUN_ID"
VHOST="bookify_$RUN_ID"
psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $DB" >/dev/null
rabbitmqctl -q add_vhost "$VHOST" >/dev/null
rabbitmqctl -q set_permissions -p "$VHOST" guest '.*' '.*' '.*' >/dev/null
ENV_ARGS=(
  --env DATABASE_URL="postgresql://postgres@127.0.0.1:5432/$DB"
  --env REDIS_URL=redis://127.0.0.1:6379
  --env AMQP_URL="amqp://guest:guest@127.0.0.1:5672/$VHOST"
  --env BULLMQ_PREFIX="bull_$RUN_ID"
  --env PORT="$PORT" --env HOST=127.0.0.1
  --env APP_URL="http://localhost:$PORT"
  --env AUTH_SECRET="$(head -c 32 /dev/urandom | base64)"
  --env ENCRYPTION_KEY="$(head -c 32 /dev/urandom | base64)"
)
in_image() { buildah run --isolation chroot --network host "${ENV_ARGS[@]}" "$CONTAINER" "$@"; }
# A role in its own process group (setsid), so cleanup stops exactly it and what it started; its
# process group id is left in ROLE.
start_role() {
  local name=$1; shift
  setsid bash -c 'exec "$@"' _ buildah run --isolation chroot --network host "${ENV_ARGS[@]}" "$CONTAINER" "$@" \
    >"$WORK/$name.log" 2>&1 &
  ROLE=$!
  PGIDS+=("$ROLE")
}
# The role's node process: the one in its process group whose argv[0] is node (buildah runs it as
# /usr/local/bin/node; Node 24 names its main thread MainThread, so the command name does not tell).
node_pid_of() {
  local p
  for p in $(pgrep -g "$1"); do
    case "$(tr '\0' '\n' <"/proc/$p/cmdline" 2>/dev/null | head -1)" in
      node | */bin/node) echo "$p"; return ;;
    esac
  done
  return 0
}
uid_of() { awk '/^Uid:/ { print $2 "/" $3 }' "/proc/$1/status"; }

t=$(date +%s)
in_image node dist/scripts/migrate.mjs >"$WORK/migrate.log" 2>&1 || { tail -20 "$WORK/migrate.log" >&2; fail "migrations failed in the image"; }
echo "migrations applied ($(grep -c '^Applied' "$WORK/migrate.log" || true) of them) in $(elapsed "$t")"

t=$(date +%s)
start_role web node .output/server/index.mjs; web=$ROLE
health=000
for _ in $(seq 1 60); do
  health=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/api/health" || true)
  [ "$health" = 200 ] && break
  kill -0 "$web" 2>/dev/null || break
  sleep 1
done
[ "$health" = 200 ] || { tail -20 "$WORK/web.log" >&2; fail "web role: /api/health answered $health"; }
echo "web: /api/health 200 after $(elapsed "$t")"
ready=$(curl -s -w ' %{http_code}' "http://127.0.0.1:$PORT/api/ready")
echo "web: /api/ready $ready"
[[ "$ready" == *' 200' ]] || fail "web role not ready: $ready"
for dep in $(echo "${ready% *}" | node -e 'const r = JSON.parse(require("fs").readFileSync(0, "utf8")); console.log(Object.keys(r).join(" "))'); do
  echo "${ready% *}" | node -e "const r = JSON.parse(require('fs').readFileSync(0, 'utf8')); process.exit(r['$dep'] === 'up' ? 0 : 1)" \
    || fail "web role: /api/ready says $dep is not up"
done
pid=$(node_pid_of "$web"); [ -n "$pid" ] || fail "web role: no node process found"
[ "$(uid_of "$pid")" = "1000/1000" ] || fail "web role runs as uid $(uid_of "$pid"), not the image's node user (1000)"
echo "web: node process $pid runs as uid 1000 (real and effective), the image's node user"

for worker in $(ls "$MNT/app/dist/workers" | sed -n 's/\.mjs$//p'); do
  t=$(date +%s)
  start_role "$worker" node "dist/workers/$worker.mjs"; pg=$ROLE
  sleep 4
  pid=$(node_pid_of "$pg")
  [ -n "$pid" ] || { tail -20 "$WORK/$worker.log" >&2; fail "worker $worker did not stay up"; }
  [ "$(uid_of "$pid")" = "1000/1000" ] || fail "worker $worker runs as uid $(uid_of "$pid")"
  grep -q '"level":[56]0' "$WORK/$worker.log" && { tail -20 "$WORK/$worker.log" >&2; fail "worker $worker logged an error at start"; }
  kill -TERM "$pid"
  for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$pid" 2>/dev/null && fail "worker $worker did not stop on SIGTERM"
  echo "worker $worker: up as uid 1000, stopped on SIGTERM ($(elapsed "$t"))"
done

# ── contents ──────────────────────────────────────────────────────────────────────────────────────
say "Contents"
IMAGE_ROOT="$MNT" node --input-type=module -e '
import { existsSync, readFileSync } from "node:fs"
const root = process.env.IMAGE_ROOT
const pkg = JSON.parse(readFileSync("package.json", "utf8"))
const lock = JSON.parse(readFileSync("package-lock.json", "utf8"))
// Tools that must never ship, whatever pulls them in, plus every devDependency that production
// code does not need (a devDependency that a production package depends on, such as qs under
// googleapis, may legitimately be there).
const tools = ["vitest", "@playwright/test", "playwright", "playwright-core", "eslint", "typescript", "tsx",
  "prisma", "@prisma/engines", "@prisma/studio-core", "vue-tsc", "esbuild", "vite", "nuxt", "node"]
const trees = ["app/node_modules", "app/.output/server/node_modules"]
const problems = []
for (const name of new Set([...tools, ...Object.keys(pkg.devDependencies)])) {
  for (const tree of trees) {
    if (!existsSync(`${root}/${tree}/${name}/package.json`)) continue
    const entry = lock.packages[`node_modules/${name}`] ?? {}
    if (tools.includes(name) || entry.dev || entry.devOptional) problems.push(`${tree}/${name}`)
    else console.log(`devDependency ${name} is in ${tree} as a production dependency of another package`)
  }
}
if (problems.length) { console.error("development packages in the image: " + problems.join(", ")); process.exit(1) }
console.log(`no development package in the image (${Object.keys(pkg.devDependencies).length} devDependencies and ${tools.length} tools checked)`)
' || fail "development packages in the image"
du -sh "$MNT/app/node_modules" "$MNT/app/.output" "$MNT/app/dist" "$MNT/usr/local/bin/node" 2>/dev/null | sed "s#$MNT##"
size() { buildah images --format '{{.Size}}' "$1" | head -1; }
IMAGE_SIZE=$(size "$IMAGE")
BASE_SIZE=$(size "$BASE")

say "PASSED in $(elapsed "$STARTED") (build $BUILD_TIME): $IMAGE is $IMAGE_SIZE (stand-in base $BASE_SIZE)"
