#!/usr/bin/env bash
# The soak of issue #13 (docs/performance.md, "Soak"): LocalCognito, the protected calculator server and N C# SDK MCP
# clients in one process on 127.0.0.1; tokens of seconds, one key rotation at half the run, the old key removed once
# its last token has expired. Each run is bounded by its duration; its exit code is 0 when every goal was met
# (0 failed calls, token requests within [expected, 1.5 × expected], one JWKS download for the rotation, no refusal
# for an unknown key, no old-key token after its removal). Not run by CI (CI runs the quick shape as a test:
# tests/Cognito.Mcp.Auth.Samples.Tests/Soak/SoakTests.cs).
#
#   bash benchmarks/soak.sh                 two full runs (32 clients, 60 s, tokens of 10 s), about 2.5 minutes after a build
#   bash benchmarks/soak.sh --quick         two runs of the CI shape (8 clients, 12 s, tokens of 4 s)
#   bash benchmarks/soak.sh --runs 1 --clients 16 --duration 30 --token-lifetime 5
#
# Results: benchmarks/results/soak-<date>/ (soak-quick/ with --quick): run-N.md per run, machine.txt.
set -euo pipefail

runs=2
name="soak-$(date -u +%Y-%m-%d)"
pass=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --quick) name=soak-quick; pass+=(--quick); shift ;;
    *) pass+=("$1"); shift ;;
  esac
done

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/benchmarks/results/$name"
mkdir -p "$out"

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "nproc: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "dotnet: $(dotnet --version)"
  echo "commit: $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "load average before the build: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$out/machine.txt"

dotnet build -c Release -nologo -v quiet "$root/benchmarks/Cognito.Mcp.Auth.Soak/Cognito.Mcp.Auth.Soak.csproj"

status=0
for run in $(seq 1 "$runs"); do
  echo "== soak run $run of $runs (log: $out/run-$run.log)"
  if ! timeout 10m dotnet "$root/benchmarks/Cognito.Mcp.Auth.Soak/bin/Release/net10.0/Cognito.Mcp.Auth.Soak.dll" "${pass[@]}" \
      --out "$out/run-$run.md" > "$out/run-$run.log" 2>&1; then
    echo "run $run missed a goal or failed: see $out/run-$run.log"
    status=3
  fi
  cat "$out/run-$run.md" 2>/dev/null || tail -20 "$out/run-$run.log"
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/machine.txt"
exit $status
