#!/usr/bin/env bash
# Installs what the dashboards module's tests need and Maven cannot bring: a headless Chromium with its
# chromedriver (Debian packages) and the PostgreSQL server binaries. Idempotent: a no-op when they are there.
# Run as root (CI and the dev machines are); otherwise it only says what is missing.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && [ -z "${AMO_PG_BIN:-}" ]; then
  missing+=(postgresql)
fi
# fonts-dejavu-core gives Chromium's screenshots readable glyphs; only installed along with the rest.
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-test-tools: missing ${missing[*]}; install them (apt-get install -y ${missing[*]}) or run as root" >&2
  exit 1
fi
echo "ensure-test-tools: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" fonts-dejavu-core >&2
