#!/usr/bin/env bash
# Browser test of the Personal connectors page: headless Chromium (Debian's chromium +
# chromium-driver, driven by Debian's python3-selenium; installed with apt-get when missing).
# Usage: e2e-gateway-browser.sh GATEWAY_URL SCREENSHOT_DIR PROJECT_ID
set -euo pipefail
GW=$1
SHOTS=$2
PROJECT=$3
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v chromedriver >/dev/null || need+=(chromium-driver)
/usr/bin/python3 -c 'import selenium' 2>/dev/null || need+=(python3-selenium)
if [ ${#need[@]} -gt 0 ]; then
  echo "  installing ${need[*]} (apt-get)"
  if [ "$(id -u)" = 0 ]; then SUDO=(); else SUDO=(sudo); fi
  "${SUDO[@]}" apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq "${need[@]}" >/dev/null
fi
mkdir -p "$SHOTS"
/usr/bin/python3 "$HERE/e2e/gateway_page_test.py" "$GW" "$SHOTS" "$PROJECT"
