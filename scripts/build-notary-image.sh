#!/usr/bin/env bash
# Builds the container image mallory/notary-server:local FROM scratch, from the Debian notary-server
# binary on this machine and the shared libraries it links (ldd): no registry is needed.
#
#   scripts/build-notary-image.sh                  build (docker must answer: scripts/dockerd.sh start)
#   scripts/build-notary-image.sh --context DIR    only write the build context to DIR (no docker)
#   MALLORY_NOTARY_IMAGE=name:tag                  another image name
#
# The image runs `/notary-server -config /etc/notary-server/server.json`. The baked-in config
# (plain HTTP on 127.0.0.1:4499, memory storage, local signer) is a placeholder: Mallory copies
# its own config, with a free loopback port, to that path before the container starts, and runs
# the container with host networking (the daemon has no bridge).
set -euo pipefail

IMAGE="${MALLORY_NOTARY_IMAGE:-mallory/notary-server:local}"
BINARY="${MALLORY_NOTARY_SERVER_BINARY:-/usr/bin/notary-server}"

say() { printf '[build-notary-image] %s\n' "$*" >&2; }

write_context() {
  local ctx=$1
  [[ -x "$BINARY" ]] || { say "$BINARY not found (apt-get install -y notary)"; exit 1; }
  rm -rf "$ctx"; mkdir -p "$ctx/rootfs/etc/notary-server"
  cp "$BINARY" "$ctx/rootfs/notary-server"
  # Every library the dynamic loader needs, at the same absolute path (the loader itself included).
  local lib
  for lib in $(ldd "$BINARY" | grep -oE '/[^ ]+' | sort -u); do
    mkdir -p "$ctx/rootfs$(dirname "$lib")"
    cp -L "$lib" "$ctx/rootfs$lib"
  done
  printf '%s\n' '{"server":{"http_addr":"127.0.0.1:4499"},"trust_service":{"type":"local"},"storage":{"backend":"memory"},"logging":{"level":"info"}}' \
    > "$ctx/rootfs/etc/notary-server/server.json"
  cat > "$ctx/Dockerfile" <<'D'
FROM scratch
COPY rootfs/ /
ENTRYPOINT ["/notary-server", "-config", "/etc/notary-server/server.json"]
D
  say "context in $ctx: $(cd "$ctx/rootfs" && find . -type f | sort | tr '\n' ' ')"
}

if [[ "${1:-}" == "--context" ]]; then
  [[ -n "${2:-}" ]] || { say "usage: $0 --context DIR"; exit 2; }
  write_context "$2"
  exit 0
fi

CTX=$(mktemp -d /tmp/mallory-notary-image.XXXXXX)
trap 'rm -rf "$CTX"' EXIT
write_context "$CTX"
curl -sf --max-time 2 --unix-socket /var/run/docker.sock http://localhost/_ping >/dev/null \
  || { say "docker does not answer on /var/run/docker.sock (start it: scripts/dockerd.sh start)"; exit 1; }
# The classic builder: BuildKit may want to pull its frontend image; nothing can be pulled here.
if ! DOCKER_BUILDKIT=0 docker build -q -t "$IMAGE" "$CTX" >"$CTX.log" 2>&1; then cat "$CTX.log" >&2; rm -f "$CTX.log"; exit 1; fi
rm -f "$CTX.log"
say "built $IMAGE ($(docker image inspect -f '{{.Id}} {{.Size}} bytes' "$IMAGE"))"
