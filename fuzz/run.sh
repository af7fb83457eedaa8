#!/usr/bin/env bash
# Fuzzes each TARGET for SECONDS (default 60; targets default to all three)
# and prints libFuzzer's closing figures ("Done N runs in S second(s)"):
#
#   fuzz/run.sh 600                  # pipeline, ignore and suggest, 600 s each
#   fuzz/run.sh 60 pipeline          # only the whole pipeline
#
# pipeline (fuzz/pipeline.rs): arbitrary bytes through all of trappa.
# ignore (fuzz/ignore.rs): .trappaignore patterns and file names; a named
#   file is read exactly when the directory walk reads it.
# suggest (fuzz/suggest.rs): "did you mean" equals its plain definition.
#
# Works on a stable toolchain: RUSTC_BOOTSTRAP=1 lets cargo-fuzz pass its
# nightly-only flags, and --sanitizer none skips AddressSanitizer (trappa has
# no unsafe code of its own; panics, aborts, timeouts and memory blow-ups are
# what this looks for). A crash leaves its input in fuzz/artifacts/TARGET/
# and exits non-zero; copy it to tests/fixtures/fuzz/ (pipeline) or
# fuzz/seeds/TARGET/ so that `cargo test` replays it from then on
# (tests/suite/hostile.rs).
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-60}
shift || true
targets=("$@")
((${#targets[@]})) || targets=(pipeline ignore suggest)

command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked

# Seeds, rebuilt every run from files under version control. For the
# pipeline: every example and fixture (the spreadsheets of import too), every
# crash found so far, and the
# report's combination (inventory 0xFF previous inventory 0xFF targets file).
# For the others: fuzz/seeds/TARGET/.
seed() {
  local target=$1 corpus=corpus/$1
  mkdir -p "$corpus"
  if [ "$target" = pipeline ]; then
    for f in ../examples/*.yaml ../tests/fixtures/*.yaml ../tests/fixtures/fuzz/* ../tests/fixtures/import/*; do
      [ -f "$f" ] && cp "$f" "$corpus/seed-$(basename "$f")"
    done
    {
      cat ../examples/trelleborg-2014.yaml
      printf '\377'
      cat ../examples/trelleborg-2013.yaml
      printf '\377'
      cat ../examples/targets-trelleborg.yaml
    } > "$corpus/seed-report-previous-targets"
  else
    for f in seeds/"$target"/*; do
      [ -f "$f" ] && cp "$f" "$corpus/seed-$(basename "$f")"
    done
  fi
}

# -timeout: one input taking 10 s is a hang; -rss_limit_mb: 2 GiB is a
# memory blow-up (the limits should hold any input far below that).
status=0
for target in "${targets[@]}"; do
  seed "$target"
  echo "== $target ($seconds s)"
  RUSTC_BOOTSTRAP=1 cargo fuzz run --sanitizer none "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -max_len=131072 -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 > "run-$target.log" 2>&1 || status=$?
  grep -E '^(#[0-9]+[[:space:]]+(INITED|DONE)|Done [0-9]+ runs|stat::number_of_executed_units|stat::peak_rss_mb)' "run-$target.log" || true
  if [ "$status" -ne 0 ]; then
    echo "FUZZING $target FAILED (exit $status); the end of fuzz/run-$target.log:"
    tail -n 60 "run-$target.log"
    break
  fi
done
exit "$status"
