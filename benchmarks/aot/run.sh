#!/usr/bin/env bash
# Native AOT vs JIT for samples/CalculatorServer (docs/performance.md, "Native AOT"): publishes the sample both ways
# into a temporary folder, then starts each again and again against LocalCognito (StartupProbe), alternating which goes
# first, and times process start to the first authorized tools/call and reads the peak RSS. Everything on 127.0.0.1.
# Not run by CI or test.sh.
#
#   bash benchmarks/aot/run.sh [rounds] [calls]   defaults: 10 rounds, 200 more calls after the first
#
# Results (the table, the probe's log, both publish logs and the machine's facts) in benchmarks/results/<date>-aot/.
set -euo pipefail

rounds="${1:-10}"
calls="${2:-200}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$root/benchmarks/results/$(date -u +%Y-%m-%d)-aot"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "nproc: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "dotnet: $(dotnet --version)"
  echo "cc: $(gcc --version | head -1)"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$out/machine.txt"
cat "$out/machine.txt"

sample="$root/samples/CalculatorServer/CalculatorServer.csproj"
echo "== publish, native AOT (log: $out/publish-aot.log)"
start=$(date +%s)
dotnet publish "$sample" -c Release -r linux-x64 -p:PublishAot=true --artifacts-path "$work/aot-artifacts" -o "$work/aot" \
  --disable-build-servers > "$out/publish-aot.log" 2>&1 || { tail -40 "$out/publish-aot.log"; exit 1; }
echo "publish seconds, native AOT: $(( $(date +%s) - start ))" | tee -a "$out/machine.txt"
echo "== publish, JIT framework-dependent (log: $out/publish-jit.log)"
start=$(date +%s)
dotnet publish "$sample" -c Release --artifacts-path "$work/jit-artifacts" -o "$work/jit" \
  --disable-build-servers > "$out/publish-jit.log" 2>&1 || { tail -40 "$out/publish-jit.log"; exit 1; }
echo "publish seconds, JIT: $(( $(date +%s) - start ))" | tee -a "$out/machine.txt"
grep -hE '(warning|error) (IL|SYSLIB)[0-9]+' "$out/publish-aot.log" "$out/publish-jit.log" | sort -u || echo "no trim, AOT or binding-generator warning in either publish"
{
  echo "native binary: $(du -k "$work/aot/CalculatorServer" | cut -f1) KiB (debug symbols apart: CalculatorServer.dbg, $(du -k "$work/aot/CalculatorServer.dbg" | cut -f1) KiB)"
  echo "JIT publish folder: $(du -sk --exclude='*.pdb' --exclude='*.xml' "$work/jit" | cut -f1) KiB without .pdb/.xml, plus the shared framework"
} | tee -a "$out/machine.txt"

dotnet build -c Release -nologo -v quiet "$root/benchmarks/aot/StartupProbe/StartupProbe.csproj"
echo "== $rounds rounds (log: $out/probe.log)"
dotnet "$root/benchmarks/aot/StartupProbe/bin/Release/net10.0/StartupProbe.dll" \
  "$work/aot/CalculatorServer" "$work/jit/CalculatorServer.dll" "$rounds" "$calls" "$out/aot.md" > "$out/probe.log" 2>&1 \
  || { tail -40 "$out/probe.log"; exit 1; }
cat "$out/aot.md"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/machine.txt"
