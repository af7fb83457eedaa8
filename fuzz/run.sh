#!/usr/bin/env bash
# Fuzzes the whole pipeline (fuzz/pipeline.rs) for SECONDS (default 60) and
# prints libFuzzer's closing line ("Done N runs in S second(s)").
#
#   fuzz/run.sh 600
#
# Works on a stable toolchain: RUSTC_BOOTSTRAP=1 lets cargo-fuzz pass its
# nightly-only flags, and --sanitizer none skips AddressSanitizer (trappa has
# no unsafe code of its own; panics, aborts, timeouts and memory blow-ups are
# what this looks for). A crash leaves its input in fuzz/artifacts/pipeline/
# and exits non-zero; copy it to tests/fixtures/fuzz/ so that `cargo test`
# replays it from then on (tests/suite/hostile.rs).
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-60}

command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked

# Seeds, rebuilt every run from files under version control: every example
# and fixture, every crash found so far, and the report's combination
# (inventory 0xFF previous inventory 0xFF targets file).
corpus=corpus/pipeline
mkdir -p "$corpus"
for f in ../examples/*.yaml ../tests/fixtures/*.yaml ../tests/fixtures/fuzz/*; do
  [ -f "$f" ] && cp "$f" "$corpus/seed-$(basename "$f")"
done
{
  cat ../examples/trelleborg-2014.yaml
  printf '\377'
  cat ../examples/trelleborg-2013.yaml
  printf '\377'
  cat ../examples/targets-trelleborg.yaml
} > "$corpus/seed-report-previous-targets"

# -timeout: one input taking 10 s is a hang; -rss_limit_mb: 2 GiB is a
# memory blow-up (the limits should hold any input far below that).
status=0
RUSTC_BOOTSTRAP=1 cargo fuzz run --sanitizer none pipeline "$corpus" -- \
  -max_total_time="$seconds" -max_len=131072 -timeout=10 -rss_limit_mb=2048 \
  -print_final_stats=1 > run.log 2>&1 || status=$?
grep -E '^(#[0-9]+[[:space:]]+(INITED|DONE)|Done [0-9]+ runs|stat::number_of_executed_units|stat::peak_rss_mb)' run.log || true
if [ "$status" -ne 0 ]; then
  echo "FUZZING FAILED (exit $status); the end of fuzz/run.log:"
  tail -n 60 run.log
fi
exit "$status"
