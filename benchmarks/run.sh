#!/usr/bin/env bash
# Reproduces docs/performance.md: the machine's facts, the BenchmarkDotNet micro-benchmarks, the side-by-side
# validation comparison and the load run (open vs protected calculator server). Everything runs on 127.0.0.1; every
# loop is bounded in time and count. Not run by CI.
#
#   bash benchmarks/run.sh           full run (about 10-15 minutes on 2 cores), results in benchmarks/results/<date>/
#   bash benchmarks/run.sh --quick   smoke run (under 2 minutes after a build), results in benchmarks/results/quick/
set -euo pipefail

quick=()
name="$(date -u +%Y-%m-%d)"
if [[ "${1:-}" == "--quick" ]]; then
  quick=(--quick)
  name=quick
fi

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/benchmarks/results/$name"
mkdir -p "$out"

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "nproc: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "dotnet: $(dotnet --version)"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  free -h
} > "$out/machine.txt"
cat "$out/machine.txt"

dotnet build -c Release -nologo -v quiet "$root/benchmarks/Cognito.Mcp.Auth.Benchmarks/Cognito.Mcp.Auth.Benchmarks.csproj"
dotnet build -c Release -nologo -v quiet "$root/benchmarks/Cognito.Mcp.Auth.LoadTest/Cognito.Mcp.Auth.LoadTest.csproj"

bin=bin/Release/net10.0
echo "== micro-benchmarks (log: $out/benchmarks.log)"
timeout 30m dotnet "$root/benchmarks/Cognito.Mcp.Auth.Benchmarks/$bin/Cognito.Mcp.Auth.Benchmarks.dll" "${quick[@]}" \
  --artifacts "$out/bdn" --out "$out/interleaved.md" > "$out/benchmarks.log" 2>&1
cat "$out/interleaved.md"
cat "$out"/bdn/results/*-report-github.md
grep -h -E '^// (Cold cache|Warm cache|Token pool|[A-Za-z]+_FirstSeen|FAILED)' "$out/benchmarks.log" | sort -u

# Load run: open, protected (this library) and hand-written JwtBearer servers, with one M2M token and with 1,000 users'
# tokens. It warms up until the JIT is quiet (bounded at 3 min), then runs 9 rounds in rotating order: ~6-8 minutes.
# --quick: a 15 s warm-up that does not reach steady state and 3 rounds of 1 s: a smoke check, not figures to quote.
echo "== load run (log: $out/load.log)"
echo "load average before the load run: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/machine.txt"
timeout 15m dotnet "$root/benchmarks/Cognito.Mcp.Auth.LoadTest/$bin/Cognito.Mcp.Auth.LoadTest.dll" "${quick[@]}" \
  --out "$out/load.md" > "$out/load.log" 2>&1 || { echo "load run failed or saw errors/JWKS fetches: see $out/load.log"; }
cat "$out/load.md"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/machine.txt"
