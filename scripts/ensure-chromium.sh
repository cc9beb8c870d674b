#!/usr/bin/env bash
# Find a Chromium for the accessibility tests (pa11y-ci drives it).
# Order: $CHROME_PATH, then chromium / chromium-browser / google-chrome on PATH.
# When none is found and we run as root on Debian, install Debian's chromium.
set -euo pipefail

found() { echo "Chromium: $1"; exit 0; }

if [[ -n "${CHROME_PATH:-}" && -x "${CHROME_PATH}" ]]; then found "$CHROME_PATH"; fi
for name in chromium chromium-browser google-chrome google-chrome-stable; do
  if path=$(command -v "$name" 2>/dev/null); then found "$path"; fi
done

if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "No Chromium found. Installing Debian's chromium package (this takes a minute)..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium >/dev/null
  path=$(command -v chromium) && found "$path"
fi

cat >&2 <<'MSG'
No Chromium browser was found. The accessibility checks need one.
How to fix it:
  - On Debian or Ubuntu, run: sudo apt-get install chromium
  - Or set CHROME_PATH to the full path of a Chromium or Chrome program.
Then run the command again.
MSG
exit 1
