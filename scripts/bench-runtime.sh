#!/bin/sh
# Runs the aio-vs-Boost.Asio benchmark and prints asio/aio time ratios
# (above 1 means aio is faster). Needs a build: ./scripts/build.sh.
set -eu
cd "$(dirname "$0")/.."
BUILD_DIR="${ASYNCLINT_BUILD_DIR:-build}"
out="$BUILD_DIR/aio-vs-asio.json"
"$BUILD_DIR/bin/aio-vs-asio-bench" --benchmark_repetitions="${REPS:-5}" \
  --benchmark_report_aggregates_only=true --benchmark_out="$out" \
  --benchmark_out_format=json "$@"
python3 - "$out" <<'PY'
import json, sys
data = json.load(open(sys.argv[1]))
med = {b["run_name"]: b["real_time"] for b in data["benchmarks"]
       if b.get("aggregate_name") == "median"}
print("\nmedian wall time per run (ms) and Asio/aio ratio:")
for w in ("chain", "gather", "pingpong"):
    a, s = med["BM_%s_aio" % w], med["BM_%s_asio" % w]
    print("  %-9s aio %8.2f  asio %8.2f  ratio %.2fx" % (w, a, s, s / a))
PY
