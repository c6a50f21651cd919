#!/usr/bin/env bash
# Installs everything Mallory's test suite needs on a fresh Debian bookworm machine, as root.
#
# Only package registries are used: Debian (apt), npm (npm ci) and Maven Central (mvn).
# Idempotent: each step checks first and skips what is already in place, so running it
# twice costs a few dpkg-query calls. It does NOT start dockerd or any other service:
# tests start (and stop, by pid) what they need.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
APT_PACKAGES=(notary docker-registry chromium docker.io)

step() { printf '[install-deps] %s\n' "$*"; }
fail() { printf '[install-deps] FAILED: %s\n' "$*" >&2; exit 1; }

if [[ $(id -u) -ne 0 ]]; then
  fail "must run as root (apt-get install needs it)"
fi

# --- Debian packages --------------------------------------------------------------------
# dpkg-query prints "install ok installed" only for a fully installed package; anything
# else (absent, half-configured) counts as missing.
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  if [[ "$status" == "install ok installed" ]]; then
    step "apt: $pkg already installed ($(dpkg-query -W -f='${Version}' "$pkg"))"
  else
    missing+=("$pkg")
  fi
done

if ((${#missing[@]} > 0)); then
  # docker.io and docker-registry ship services (dockerd, a registry on :5000 with htpasswd auth)
  # that a systemd machine would start on install. The tests start what they need themselves, on
  # free loopback ports, and stop it by pid; so keep services from starting, the Debian way
  # (policy-rc.d exit 101), unless the machine already has such a policy.
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\n# temporary, from Mallory scripts/install-deps.sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
    step "apt: services will not be started (temporary /usr/sbin/policy-rc.d)"
  fi
  # The package lists on a fresh machine may be empty or stale: refresh only when needed.
  step "apt: updating package lists (missing: ${missing[*]})"
  apt-get update -q >/dev/null || fail "apt-get update"
  step "apt: installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null \
    || fail "apt-get install ${missing[*]}"
  for pkg in "${missing[@]}"; do
    step "apt: $pkg installed ($(dpkg-query -W -f='${Version}' "$pkg"))"
  done
fi

# --- tuf-js client (npm) ----------------------------------------------------------------
TUFJS="$ROOT/scenarios/clients/tuf-js"
if [[ -f "$TUFJS/package-lock.json" ]]; then
  command -v npm >/dev/null || fail "npm not found (needed for $TUFJS); install Debian's npm package"
  step "npm: ci in scenarios/clients/tuf-js"
  (cd "$TUFJS" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || fail "npm ci in $TUFJS"
else
  step "npm: skipped (no scenarios/clients/tuf-js/package-lock.json)"
fi

# --- sigstore-java client (Maven) -------------------------------------------------------
SIGSTORE_POM="$ROOT/scenarios/clients/sigstore-java/pom.xml"
if [[ -f "$SIGSTORE_POM" ]]; then
  step "mvn: packaging scenarios/clients/sigstore-java"
  mvn -B -q -f "$SIGSTORE_POM" package -DskipTests || fail "mvn package of $SIGSTORE_POM"
else
  step "mvn: skipped (no scenarios/clients/sigstore-java/pom.xml)"
fi

# --- Allure commandline (Maven Central), for the offline Allure site in reports ------------
step "mvn: allure-commandline 2.34.1 (zip, for the offline Allure site)"
mvn -B -q dependency:get -Dartifact=io.qameta.allure:allure-commandline:2.34.1:zip -Dtransitive=false \
  || fail "mvn dependency:get allure-commandline"

step "done"
