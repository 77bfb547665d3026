#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR Apache-2.0
# Runs each cargo-fuzz target for a bounded time (default 60 s each) and prints the number of
# executions and the result. Not part of the default test command (which runs the seeds:
# tests/fuzz_seeds.rs). Needs a nightly toolchain and cargo-fuzz:
#   rustup toolchain install nightly --profile minimal && cargo install cargo-fuzz
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(parse_address load_list apply_delta)
status=0
for target in "${targets[@]}"; do
  # A scratch corpus dir first (new finds go there), the committed seeds second (read-only).
  scratch="$(mktemp -d)"
  log="$(mktemp)"
  if cargo +nightly fuzz run "$target" "$scratch" "corpus/$target" -- \
      -max_total_time="$seconds" -max_len=4096 -print_final_stats=1 >"$log" 2>&1; then
    result=ok
  else
    result="CRASH (see fuzz/artifacts/$target/; keep the input in fuzz/regressions/$target/)"
    status=1
  fi
  execs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')"
  cov="$(grep -o 'cov: [0-9]*' "$log" | tail -1 || true)"
  printf '%-14s %4ss  %12s execs  %-10s %s\n' "$target" "$seconds" "$execs" "$cov" "$result"
  [ "$result" = ok ] || tail -40 "$log"
  rm -rf "$scratch" "$log"
done
exit "$status"
