#!/bin/sh
# Installs, from Debian, the programs that tests/emit/test_external.py runs and that are
# not there yet: chromium, cmark-gfm, and node with npm when there is no node at all.
# Failing (no network, not root) is only a warning: those tests then say they skip.
set -u

missing=""
for package in chromium cmark-gfm; do
  dpkg-query -W -f='${Status}\n' "$package" 2>/dev/null | grep -q ' installed$' \
    || missing="$missing $package"
done
command -v node >/dev/null 2>&1 || missing="$missing nodejs npm"
[ -z "$missing" ] && exit 0

echo "installing from Debian:$missing"
if ! { apt-get update -qq \
  && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    $missing >/dev/null; }; then
  echo "warning: could not install$missing; the tests that need them are skipped" >&2
fi
exit 0
