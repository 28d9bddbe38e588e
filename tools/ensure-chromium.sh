#!/usr/bin/env bash
# Makes sure Debian's Chromium is at /usr/bin/chromium for the browser tests (src/test/e2e/), plus a
# small CJK font so that the Chinese labels render in the screenshots instead of empty boxes.
# Run by ./mvnw verify before the tests. Quick and silent when both are installed; installs what is
# missing with apt-get when we are root; otherwise fails and says what to install.
set -euo pipefail

CHROMIUM=/usr/bin/chromium
CJK_FONT=/usr/share/fonts/truetype/wqy/wqy-microhei.ttc
PACKAGES="chromium fonts-wqy-microhei"

if [ -x "$CHROMIUM" ] && [ -f "$CJK_FONT" ]; then
  exit 0
fi

if [ -x "$CHROMIUM" ]; then
  # Only the font is missing: the tests work without it, the screenshots just show boxes for Chinese.
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure-chromium: no CJK font ($CJK_FONT); screenshots will show boxes for Chinese text." >&2
    echo "ensure-chromium: to fix, install it once: sudo apt-get install fonts-wqy-microhei" >&2
    exit 0
  fi
  PACKAGES="fonts-wqy-microhei"
elif [ "$(id -u)" -ne 0 ]; then
  echo "ensure-chromium: $CHROMIUM is missing and this build does not run as root, so it cannot install it." >&2
  echo "ensure-chromium: the browser tests need Debian's Chromium; install it once, then run the build again:" >&2
  echo "ensure-chromium:   sudo apt-get update && sudo apt-get install -y $PACKAGES" >&2
  exit 1
elif ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: $CHROMIUM is missing and there is no apt-get to install it." >&2
  echo "ensure-chromium: the browser tests need Chromium at $CHROMIUM." >&2
  exit 1
fi

echo "ensure-chromium: installing $PACKAGES with apt-get (once per machine) ..."
export DEBIAN_FRONTEND=noninteractive
LOG=$(mktemp)
trap 'rm -f "$LOG"' EXIT
# apt-get's own output is shown only when it fails.
if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends $PACKAGES; } >"$LOG" 2>&1; then
  cat "$LOG" >&2
  echo "ensure-chromium: 'apt-get install $PACKAGES' failed (output above)." >&2
  exit 1
fi
if [ ! -x "$CHROMIUM" ]; then
  echo "ensure-chromium: apt-get finished but $CHROMIUM is still missing." >&2
  exit 1
fi
echo "ensure-chromium: ready: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
