#!/usr/bin/env bash
# The README's test command: installs what the tests drive for real, runs every test, and ends with
# "N passed, M failed, K skipped". On a fresh Debian machine with only the .NET SDK it needs root or sudo once, for the
# Debian packages. CI runs it through .ci/run.
#
#   Debian packages: awscli (setup.sh and the management API against LocalCognito), jq and shellcheck (setup.sh),
#                    chromium (browser tests, driven by Playwright without a browser download), nodejs + npm if npm is
#                    missing (the TypeScript SDK interop tests), nginx (the reverse-proxy tests) and redis-server: the
#                    tests start their own on free loopback ports, so the system services are kept from starting here;
#                    gcc and libc6-dev (the native AOT publish of CalculatorServer links with them)
#   npm packages:    tests/interop, pinned by its package-lock.json (npm ci)
#
# Extra arguments go to `dotnet test`, e.g. `bash test.sh --project tests/Cognito.Mcp.Auth.Tests`.
set -uo pipefail
cd "$(dirname "$0")" || exit 1
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

say() { printf 'test.sh: %s\n' "$*"; }

# Conflict markers in a tracked file are a merge nobody finished.
markers=$(git grep -n -I -E '^(<{7}|>{7})( |$)' -- . ':(exclude)*.snap' 2>/dev/null || true)
if [ -n "$markers" ]; then
  say "unresolved merge conflict markers in tracked files:"; echo "$markers"; exit 1
fi

packages=(awscli jq shellcheck chromium nginx redis-server gcc libc6-dev)
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
missing=()
# "install ok installed" only: a removed package whose configuration files remain still answers dpkg -s.
installed() { [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]; }
for p in "${packages[@]}"; do installed "$p" || missing+=("$p"); done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then sudo=(); elif command -v sudo >/dev/null 2>&1; then sudo=(sudo); else
    say "the tests need the Debian packages ${missing[*]}; install them as root (apt-get install ${missing[*]}) and run again"
    exit 1
  fi
  say "installing ${missing[*]} (apt-get)"
  # Debian starts a package's service on install (nginx on port 80, redis-server on 6379): a policy-rc.d that answers
  # 101 ("not allowed") for the length of the install keeps them stopped. One that is already there is left alone.
  policy=/usr/sbin/policy-rc.d
  own_policy=
  if [ ! -e "$policy" ] && printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee "$policy" >/dev/null && "${sudo[@]}" chmod 755 "$policy"; then
    own_policy=1
  fi
  "${sudo[@]}" apt-get update -qq >/dev/null &&
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
  installed_ok=$?
  [ -n "$own_policy" ] && "${sudo[@]}" rm -f "$policy"
  if [ "$installed_ok" -ne 0 ]; then
    say "apt-get install ${missing[*]} failed"; exit 1
  fi
fi

(cd tests/interop && npm ci --no-audit --no-fund --loglevel=error) || { say "npm ci in tests/interop failed"; exit 1; }

log=$(mktemp)
shaped=$(mktemp)
trap 'rm -f "$log" "$shaped"' EXIT
dotnet test "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# The whole run again for the library, against LocalCognito shaped like Cognito: the issuer and the domain on two
# https origins (tests/Cognito.Mcp.Auth.Tests/Framework/TestCognito.cs).
if [ $# -eq 0 ]; then
  say "the library tests again, with LocalCognito on two https origins (COGNITO_TESTS_SHAPE=separate-https)"
  COGNITO_TESTS_SHAPE=separate-https dotnet test --project tests/Cognito.Mcp.Auth.Tests --no-build 2>&1 | tee "$shaped"
  shaped_status=${PIPESTATUS[0]}
  [ "$shaped_status" -eq 0 ] || status=$shaped_status
fi

# Adds up the last summary of each run.
count() {
  local sum=0 file n
  for file in "$log" "$shaped"; do
    n=$(grep -E "^\s+$1: [0-9]+" "$file" | tail -1 | grep -oE '[0-9]+')
    sum=$((sum + ${n:-0}))
  done
  echo "$sum"
}
total=$(count total); failed=$(count failed); passed=$(count succeeded); skipped=$(count skipped)

# A snapshot the run wrote that git does not know is a snapshot nobody reviewed.
untracked=$(git ls-files --others --exclude-standard -- '*__snapshots__*' 2>/dev/null)
mismatch=$(find . -type d -name '__mismatch__' -not -path '*/node_modules/*' | head -5)
if [ -n "$untracked" ]; then
  say "tests created snapshot files that are not committed:"; echo "$untracked"; status=1
fi
if [ -n "$mismatch" ]; then
  say "snapshot mismatches were written:"; echo "$mismatch"; status=1
fi
if [ -z "${total:-}" ] || [ "${total:-0}" -eq 0 ]; then
  say "no tests ran"; status=1
fi

echo "${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
exit "$status"
