#!/usr/bin/env bash
# Benchmark of trappa over a generated national corpus. Not a test: it
# measures and prints, and says for each target of issue #6 whether this run
# met it. Speed depends on the machine and on what else runs on it, so the
# load average is printed before and after.
#
#   scripts/bench.sh                 # 290 municipalities × 140 services × 2 years
#   RUNS=3 SCALES="1 2" scripts/bench.sh
#
# Settings (environment): RUNS (5, the median is shown), ORGS (290),
# SERVICES (140), YEARS (2), SEED (1), SCALES ("1 2 4": corpus sizes for the
# linearity check, as multiples of YEARS), SMALL_SERVICES (14: services per
# file for the 290 / 2 900 file memory comparison), TREND_SERVICES ("140
# 2000": services per year of the one organisation `trend` follows),
# TREND_YEARS ("2 20": its years, the last the one timed), BENCH_DIR
# (target/bench). ONLY=trend runs the build and the trend section alone,
# ONLY=survey the survey section, ONLY=lsp the language server's (LSP_SERVICES, 1000;
# LSP_RUNS, 50), ONLY=import the import of the corpus exported as xlsx (issue #14).
# ONLY=plan the plan section (issue #15).
#
# Every command's output goes to files under BENCH_DIR, never to -o /dev/null:
# trappa writes -o atomically (a temporary file renamed over the target),
# which on /dev/null would replace the device node.
#
# A command that exits non-zero is reported as "FAILED: <command>" and the
# benchmark goes on with the next one.
set -uo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-5}
ORGS=${ORGS:-290}
SERVICES=${SERVICES:-140}
YEARS=${YEARS:-2}
SEED=${SEED:-1}
SCALES=${SCALES:-"1 2 4"}
SMALL_SERVICES=${SMALL_SERVICES:-14}
DEPARTMENTS=${DEPARTMENTS:-60000}
TREND_SERVICES=${TREND_SERVICES:-"140 2000"}
TREND_YEARS=${TREND_YEARS:-"2 20"}
ONLY=${ONLY:-}
WORK=${BENCH_DIR:-target/bench}
TIME=/usr/bin/time

if [ ! -x "$TIME" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get install -y --no-install-recommends time >/dev/null || true
  fi
  [ -x "$TIME" ] || { echo "scripts/bench.sh needs GNU time at /usr/bin/time (Debian: apt-get install time)"; exit 2; }
fi

echo "== trappa benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(nproc) cores, $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n1), $(awk '/MemTotal/ {printf "%.0f GiB RAM", $2/1048576}' /proc/meminfo)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "git: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (with local changes)')"
echo "settings: RUNS=$RUNS ORGS=$ORGS SERVICES=$SERVICES YEARS=$YEARS SEED=$SEED SCALES=\"$SCALES\" SMALL_SERVICES=$SMALL_SERVICES"

echo "== build (release)"
cargo build --release --locked --quiet --bin trappa --example gen_corpus --example bare_parse --example lsp_change || {
  echo "FAILED: cargo build --release"
  exit 1
}
# Where cargo put the binaries: CARGO_TARGET_DIR when it is set.
BIN=${CARGO_TARGET_DIR:-target}/release
TRAPPA=$BIN/trappa
mkdir -p "$WORK/out"

# gen DIR YEARS SERVICES [ORGS]: writes a corpus once (kept between runs of the
# script: the generator is deterministic, so the same settings give the same files).
gen() {
  local dir=$1 years=$2 services=$3 orgs=${4:-$ORGS}
  local stamp="$dir/.settings"
  local want="orgs=$orgs services=$services years=$years seed=$SEED"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  rm -rf "$dir"
  "$BIN/examples/gen_corpus" --orgs "$orgs" --services "$services" --years "$years" --seed "$SEED" --out "$dir" >/dev/null || {
    echo "FAILED: gen_corpus --orgs $orgs --services $services --years $years --seed $SEED --out $dir"
    return 1
  }
  echo "$want" > "$stamp"
}

files_in() { find "$1" -name '*.yaml' | wc -l; }
bytes_in() { find "$1" -name '*.yaml' -printf '%s\n' | awk '{s += $1} END {print s + 0}'; }

# Results of the last `measure`: median wall seconds, peak RSS (MB), CPU %.
SECONDS_MEDIAN=""
RSS_MB=""
CPU_PCT=""

# measure LABEL SERVICES BYTES -- COMMAND...: runs COMMAND $RUNS times
# (stdout to a file), prints one row. The wall time is the median; the
# peak RSS and CPU share are the largest of the runs (GNU time; for a
# script running one process per file, the largest of those processes).
measure() {
  local label=$1 services=$2 bytes=$3
  shift 4
  local times=() rss=0 cpu=0 run start end status
  SECONDS_MEDIAN=""
  RSS_MB=""
  CPU_PCT=""
  for ((run = 1; run <= RUNS; run++)); do
    start=$(date +%s%N)
    "$TIME" -f '%M %P' -o "$WORK/time.txt" "$@" > "$WORK/out/last.out" 2> "$WORK/out/last.err"
    status=$?
    end=$(date +%s%N)
    if [ "$status" -ne 0 ]; then
      printf 'FAILED: %s (exit %s): %s\n' "$label" "$status" "$*"
      sed -n '1,3p' "$WORK/out/last.err" | sed 's/^/    /'
      return 1
    fi
    times+=("$(( (end - start) / 1000000 ))")
    read -r r c < <(tail -n 1 "$WORK/time.txt")
    c=${c%\%}
    ((r > rss)) && rss=$r
    ((c > cpu)) && cpu=$c
  done
  local median_ms
  median_ms=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}')
  SECONDS_MEDIAN=$(awk -v ms="$median_ms" 'BEGIN {printf "%.3f", ms / 1000}')
  RSS_MB=$(awk -v kb="$rss" 'BEGIN {printf "%.1f", kb / 1024}')
  CPU_PCT=$cpu
  awk -v label="$label" -v s="$SECONDS_MEDIAN" -v n="$services" -v b="$bytes" -v rss="$RSS_MB" -v cpu="$cpu" \
    'BEGIN {printf "%-34s %9.3f s %11.0f svc/s %8.1f MB/s %8.1f MB RSS %5d%% CPU\n", label, s, n / s, b / 1e6 / s, rss, cpu}'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.2f", a / b; else print "n/a"}'; }
verdict() { awk -v x="$1" -v lo="$2" -v hi="$3" 'BEGIN {print (x != "n/a" && x >= lo && x <= hi) ? "MET" : "NOT MET"}'; }

# ---------------------------------------------------------------------------
# trend: one organisation (the first of SCB's list) over TREND_YEARS years of
# TREND_SERVICES services each. Every inventory is reduced to its year's
# numbers and steps where it was checked, so peak memory should hardly grow
# with the years: the verdict compares the fewest years with the most, for
# csv (the output barely grows) and json (the output itself is services ×
# years: its growth is the document's, not the inventories').
trend_section() {
  echo "== trend: one organisation, TREND_YEARS=\"$TREND_YEARS\" × TREND_SERVICES=\"$TREND_SERVICES\" (median of $RUNS)"
  local services years corpus n b format
  declare -A TREND_RSS
  for services in $TREND_SERVICES; do
    for years in $TREND_YEARS; do
      corpus="$WORK/trend-$services-$years"
      gen "$corpus" "$years" "$services" 1 || continue
      n=$(files_in "$corpus")
      b=$(bytes_in "$corpus")
      for format in csv json html; do
        if measure "trend $format, $years years × $services" "$((n * services))" "$b" -- "$TRAPPA" trend "$corpus" --format "$format" -o "$WORK/out/trend-$services-$years.$format"; then
          TREND_RSS[$services-$years-$format]=$RSS_MB
        fi
      done
    done
  done
  local few most
  few=$(echo $TREND_YEARS | awk '{print $1}')
  most=$(echo $TREND_YEARS | awk '{print $NF}')
  for services in $TREND_SERVICES; do
    for format in csv json html; do
      local a=${TREND_RSS[$services-$few-$format]:-} z=${TREND_RSS[$services-$most-$format]:-}
      if [ -n "$a" ] && [ -n "$z" ]; then
        local f
        f=$(ratio "$z" "$a")
        echo "trend $format peak RSS, $services services: $a MB at $few years, $z MB at $most years = ${f}× (target flat, ≤ 1.5×): $(verdict "$f" 0 1.5)"
      fi
    done
  done
}

# ---------------------------------------------------------------------------
# survey (issue #17): the national corpus (ORGS × SERVICES × YEARS, each
# organisation's latest year surveyed) against check over the same files,
# report --peers with that corpus as peers against survey,
# and its peak RSS at 290 and 2 900 files (SMALL_SERVICES each: one and ten
# years of every organisation) — flat, since each file becomes a summary
# of a few numbers on the thread that read it. Prints its own verdicts.
survey_section() {
  echo "== survey: $ORGS organisations × $SERVICES services × $YEARS years, and 290 / 2 900 files (median of $RUNS)"
  local main="$WORK/corpus-$ORGS-$SERVICES-$YEARS"
  gen "$main" "$YEARS" "$SERVICES" || return 1
  local n b check survey
  n=$(files_in "$main")
  b=$(bytes_in "$main")
  measure "check ($n files)" "$((n * SERVICES))" "$b" -- "$TRAPPA" check -q "$main" && check=$SECONDS_MEDIAN
  measure "survey ($n files)" "$((n * SERVICES))" "$b" -- "$TRAPPA" survey "$main" --format json -o "$WORK/out/survey.json" && survey=$SECONDS_MEDIAN
  # One municipality's latest year against all the others as peers.
  local own peers_time
  own=$(find "$main" -name '*.yaml' | sort | tail -n 1)
  measure "report --peers ($n files)" "$((n * SERVICES))" "$b" -- "$TRAPPA" report "$own" --peers "$main" --format json -o "$WORK/out/report-peers.json" && peers_time=$SECONDS_MEDIAN
  local small_1="$WORK/corpus-$ORGS-$SMALL_SERVICES-1" small_10="$WORK/corpus-$ORGS-$SMALL_SERVICES-10"
  gen "$small_1" 1 "$SMALL_SERVICES" && gen "$small_10" 10 "$SMALL_SERVICES"
  local rss_1="" rss_10="" corpus
  for corpus in "$small_1" "$small_10"; do
    n=$(files_in "$corpus")
    b=$(bytes_in "$corpus")
    if measure "survey, $n files" "$((n * SMALL_SERVICES))" "$b" -- "$TRAPPA" survey "$corpus" --format json -o "$WORK/out/survey-$n.json"; then
      if [ "$corpus" = "$small_1" ]; then rss_1=$RSS_MB; else rss_10=$RSS_MB; fi
    fi
  done
  if [ -n "${check:-}" ] && [ -n "${survey:-}" ]; then
    local r
    r=$(ratio "$survey" "$check")
    echo "survey / check: $survey s / $check s = ${r}× (target ≤ 1.25×): $(verdict "$r" 0 1.25)"
  fi
  if [ -n "${survey:-}" ] && [ -n "${peers_time:-}" ]; then
    local p
    p=$(ratio "$peers_time" "$survey")
    echo "report --peers / survey: $peers_time s / $survey s = ${p}× (target ≤ 1.5×): $(verdict "$p" 0 1.5)"
  fi
  if [ -n "$rss_1" ] && [ -n "$rss_10" ]; then
    local f
    f=$(ratio "$rss_10" "$rss_1")
    echo "survey peak RSS: $rss_1 MB at $ORGS files, $rss_10 MB at $((ORGS * 10)) files = ${f}× (target flat, ≤ 1.5×): $(verdict "$f" 0 1.5)"
  fi
}

if [ "$ONLY" = survey ]; then
  survey_section
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  exit 0
fi

# ---------------------------------------------------------------------------
# trappa lsp (issue #18): an editor changes one line of an inventory of
# LSP_SERVICES services; the time from sending the change to reading the
# diagnostics back, over LSP_RUNS changes (examples/lsp_change.rs).
lsp_section() {
  local services=${LSP_SERVICES:-1000} runs=${LSP_RUNS:-50}
  echo "== trappa lsp: a change of a $services-service inventory answered with its diagnostics ($runs changes)"
  local dir="$WORK/lsp-$services"
  gen "$dir" 1 "$services" 1 || return
  local file
  file=$(find "$dir" -name '*.yaml' | sort | head -n1)
  local result
  result=$("$BIN/examples/lsp_change" "$TRAPPA" "$file" "$runs") || { echo "FAILED: lsp_change $file"; return; }
  read -r median slowest findings <<< "$result"
  echo "$(wc -c < "$file") bytes, $findings findings; median ${median} ms, slowest ${slowest} ms"
  echo "lsp change answered in ${median} ms, median (target < 50 ms): $(verdict "$median" 0 50)"
}

if [ "$ONLY" = lsp ]; then
  lsp_section
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  exit 0
fi

# ---------------------------------------------------------------------------
# plan (issue #15): the ORGS inventories of one year with the 20 targets of
# tests/fixtures/plan/targets-bench.yaml, against report --targets over the
# same files (goal: within 2×); and one inventory of 400 services with the
# same 20 targets (goal: under 1 s). A plan that exhausts its search budget
# still finishes and says so ("minimal": false in its JSON): counted below.
PLAN_TARGETS=tests/fixtures/plan/targets-bench.yaml
plan_section() {
  echo "== plan: $ORGS files × $SERVICES services, and one inventory of 400 services, with 20 targets"
  local corpus="$WORK/corpus-$ORGS-$SERVICES-1" one="$WORK/corpus-1-400-1"
  gen "$corpus" 1 "$SERVICES" || return 1
  gen "$one" 1 400 1 || return 1
  local n b command
  n=$(files_in "$corpus")
  b=$(bytes_in "$corpus")
  find "$corpus" -name '*.yaml' | sort > "$WORK/plan-files.txt"
  for command in plan report; do
    {
      echo 'status=0'
      echo "while read -r file; do \"$TRAPPA\" $command --format json \"\$file\" --targets \"$PLAN_TARGETS\" || status=1; done < \"$WORK/plan-files.txt\""
      echo 'exit $status'
    } > "$WORK/$command-targets-all.sh"
  done
  local report="" plan="" one_plan="" unproven file
  measure "report --targets ($n runs)" "$((n * SERVICES))" "$b" -- bash "$WORK/report-targets-all.sh" && report=$SECONDS_MEDIAN
  measure "plan ($n runs)" "$((n * SERVICES))" "$b" -- bash "$WORK/plan-targets-all.sh" && plan=$SECONDS_MEDIAN
  unproven=$(grep -c '"minimal": false' "$WORK/out/last.out")
  echo "plan over $n files: $unproven plans not proven minimal (search budget reached)"
  file=$(find "$one" -name '*.yaml' | head -n 1)
  measure "plan, 400 services × 20 targets" 400 "$(bytes_in "$one")" -- "$TRAPPA" plan --format json "$file" --targets "$PLAN_TARGETS" && one_plan=$SECONDS_MEDIAN
  grep -o '"minimal": [a-z]*' "$WORK/out/last.out" | sed 's/^/plan, 400 services: /'
  if [ -n "$report" ] && [ -n "$plan" ]; then
    echo "plan over $n files took $plan s, report --targets $report s = $(ratio "$plan" "$report")× (target ≤ 2×): $(verdict "$(ratio "$plan" "$report")" 0 2)"
  fi
  if [ -n "$one_plan" ]; then
    echo "plan, 400 services × 20 targets: $one_plan s (target < 1 s): $(verdict "$one_plan" 0 0.999)"
  fi
}

if [ "$ONLY" = plan ]; then
  plan_section
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  exit 0
fi

if [ "$ONLY" = trend ]; then
  trend_section
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  exit 0
fi

# ---------------------------------------------------------------------------
# import (issue #14): the national corpus exported as xlsx, one workbook per
# inventory (as each organisation's year would come back from its
# departments), then every workbook imported in turn. The peak RSS is the
# largest single import. The workbooks are made once and kept.
import_section() {
  local corpus="$WORK/corpus-$ORGS-$SERVICES-$YEARS"
  gen "$corpus" "$YEARS" "$SERVICES" || return 1
  local books="$WORK/import-xlsx-$ORGS-$SERVICES-$YEARS" want
  want=$(cat "$corpus/.settings")
  if [ ! -f "$books/.settings" ] || [ "$(cat "$books/.settings")" != "$want" ]; then
    rm -rf "$books"
    mkdir -p "$books"
    local i=0 f
    while read -r f; do
      i=$((i + 1))
      "$TRAPPA" export "$f" --format xlsx -o "$books/$(printf '%05d' "$i").xlsx" || echo "FAILED: export $f --format xlsx"
    done < <(find "$corpus" -name '*.yaml' | sort)
    echo "$want" > "$books/.settings"
  fi
  local n b
  n=$(find "$books" -name '*.xlsx' | wc -l)
  b=$(find "$books" -name '*.xlsx' -printf '%s\n' | awk '{s += $1} END {print s + 0}')
  echo "== import: $n workbooks of $SERVICES services (the corpus as xlsx, $(awk -v b="$b" 'BEGIN {printf "%.1f", b / 1e6}') MB; median of $RUNS)"
  cat > "$WORK/import-all.sh" <<EOF
status=0
for book in "$books"/*.xlsx; do "$TRAPPA" import "\$book" > "$WORK/out/imported.yaml" 2>/dev/null || status=1; done
exit \$status
EOF
  measure "import xlsx, one run per workbook" "$((n * SERVICES))" "$b" -- bash "$WORK/import-all.sh"
}

if [ "$ONLY" = import ]; then
  import_section
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  exit 0
fi

# ---------------------------------------------------------------------------
echo "== corpus"
MAIN="$WORK/corpus-$ORGS-$SERVICES-$YEARS"
gen "$MAIN" "$YEARS" "$SERVICES" || exit 1
FILES=$(files_in "$MAIN")
BYTES=$(bytes_in "$MAIN")
TOTAL_SERVICES=$((FILES * SERVICES))
echo "$MAIN: $FILES files, $TOTAL_SERVICES services, $(awk -v b="$BYTES" 'BEGIN {printf "%.1f", b / 1e6}') MB"

find "$MAIN" -name '*.yaml' | sort > "$WORK/files.txt"
# report: each municipality's last year, with the year before as --previous.
: > "$WORK/pairs.txt"
for dir in "$MAIN"/*/; do
  mapfile -t years < <(find "$dir" -name '*.yaml' | sort)
  n=${#years[@]}
  if ((n >= 2)); then
    echo "${years[n - 1]} ${years[n - 2]}" >> "$WORK/pairs.txt"
  elif ((n == 1)); then
    echo "${years[0]}" >> "$WORK/pairs.txt"
  fi
done
PAIRS=$(wc -l < "$WORK/pairs.txt")
PAIR_FILES=$(awk '{n += NF} END {print n + 0}' "$WORK/pairs.txt")
cat > "$WORK/classify-all.sh" <<EOF
status=0
while read -r file; do "$TRAPPA" classify --format csv "\$file" || status=1; done < "$WORK/files.txt"
exit \$status
EOF
cat > "$WORK/report-all.sh" <<EOF
status=0
while read -r current previous; do
  if [ -n "\$previous" ]; then
    "$TRAPPA" report --format json "\$current" --previous "\$previous" || status=1
  else
    "$TRAPPA" report --format json "\$current" || status=1
  fi
done < "$WORK/pairs.txt"
exit \$status
EOF

echo "== commands over the corpus (median of $RUNS; services/s and MB/s of the files each command reads)"
measure "bare parse (serde-saphyr only)" "$TOTAL_SERVICES" "$BYTES" -- "$BIN/examples/bare_parse" "$MAIN"
BARE=$SECONDS_MEDIAN
measure "check" "$TOTAL_SERVICES" "$BYTES" -- "$TRAPPA" check "$MAIN"
CHECK=$SECONDS_MEDIAN
CHECK_CPU=$CPU_PCT
measure "check, one thread" "$TOTAL_SERVICES" "$BYTES" -- env RAYON_NUM_THREADS=1 "$TRAPPA" check "$MAIN"
CHECK_ONE=$SECONDS_MEDIAN
measure "classify, each file ($FILES runs)" "$TOTAL_SERVICES" "$BYTES" -- bash "$WORK/classify-all.sh"
measure "report --previous ($PAIRS runs)" "$((PAIR_FILES * SERVICES))" "$((BYTES * PAIR_FILES / FILES))" -- bash "$WORK/report-all.sh"
measure "compare --format csv" "$TOTAL_SERVICES" "$BYTES" -- "$TRAPPA" compare "$MAIN" --format csv -o "$WORK/out/compare.csv"
COMPARE=$SECONDS_MEDIAN
measure "compare --format csv, -j 1" "$TOTAL_SERVICES" "$BYTES" -- "$TRAPPA" compare -j 1 "$MAIN" --format csv -o "$WORK/out/compare-1.csv"
measure "export --format csv" "$TOTAL_SERVICES" "$BYTES" -- "$TRAPPA" export "$MAIN" --format csv -o "$WORK/out/export.csv"
EXPORT=$SECONDS_MEDIAN
measure "export --indicators" "$TOTAL_SERVICES" "$BYTES" -- "$TRAPPA" export "$MAIN" --indicators -o "$WORK/out/indicators.csv"
EXPORT_INDICATORS=$SECONDS_MEDIAN

# ---------------------------------------------------------------------------
echo "== memory of compare and export (csv and xlsx): 290 and 2 900 files ($SMALL_SERVICES services each)"
SMALL_1="$WORK/corpus-$ORGS-$SMALL_SERVICES-1"
SMALL_10="$WORK/corpus-$ORGS-$SMALL_SERVICES-10"
gen "$SMALL_1" 1 "$SMALL_SERVICES" && gen "$SMALL_10" 10 "$SMALL_SERVICES"
declare -A RSS
declare -A SECS
for corpus in "$SMALL_1" "$SMALL_10"; do
  n=$(files_in "$corpus")
  b=$(bytes_in "$corpus")
  for job in "compare csv" "export csv" "export xlsx"; do
    read -r command format <<< "$job"
    if measure "$command $format, $n files" "$((n * SMALL_SERVICES))" "$b" -- "$TRAPPA" "$command" "$corpus" --format "$format" -o "$WORK/out/$command-$n.$format"; then
      RSS[$command-$format-$n]=$RSS_MB
      SECS[$command-$format-$n]=$SECONDS_MEDIAN
    fi
  done
done

# ---------------------------------------------------------------------------
echo "== one inventory of $DEPARTMENTS departments, each with one service (linear in departments)"
DEPS_FILE="$WORK/departments-$DEPARTMENTS.yaml"
if [ ! -f "$DEPS_FILE" ]; then
  {
    printf 'trappa: 1\norganisation:\n  name: Testkommun\nyear: 2024\ndepartments:\n'
    seq 0 $((DEPARTMENTS - 1)) | awk '{printf "  - id: d%d\n    name: Avdelning %d\n", $1, $1}'
    printf 'services:\n'
    seq 0 $((DEPARTMENTS - 1)) | awk '{printf "  - id: s%d\n    name: Tjanst %d\n    department: d%d\n", $1, $1, $1}'
  } > "$DEPS_FILE"
fi
DEPS_BYTES=$(stat -c %s "$DEPS_FILE")
measure "check, $DEPARTMENTS departments" "$DEPARTMENTS" "$DEPS_BYTES" -- "$TRAPPA" check -q "$DEPS_FILE"
DEPS_CHECK=$SECONDS_MEDIAN
measure "report json, $DEPARTMENTS departments" "$DEPARTMENTS" "$DEPS_BYTES" -- "$TRAPPA" report --format json "$DEPS_FILE" -o "$WORK/out/departments.json"
DEPS_REPORT=$SECONDS_MEDIAN
DEPS_REPORT_RSS=$RSS_MB
measure "export --indicators, $DEPARTMENTS departments" "$DEPARTMENTS" "$DEPS_BYTES" -- "$TRAPPA" export --indicators "$DEPS_FILE" -o "$WORK/out/departments.csv"

# ---------------------------------------------------------------------------
echo "== cost against corpus size (check and bare parse; ×1 = $YEARS years)"
declare -A SCALE_CHECK
declare -A SCALE_JSON_RSS
for scale in $SCALES; do
  years=$((YEARS * scale))
  if [ "$years" = "$YEARS" ]; then
    corpus=$MAIN
  else
    corpus="$WORK/corpus-$ORGS-$SERVICES-$years"
    gen "$corpus" "$years" "$SERVICES" || continue
  fi
  n=$(files_in "$corpus")
  b=$(bytes_in "$corpus")
  measure "bare parse ×$scale ($n files)" "$((n * SERVICES))" "$b" -- "$BIN/examples/bare_parse" "$corpus"
  if measure "check ×$scale ($n files)" "$((n * SERVICES))" "$b" -- "$TRAPPA" check "$corpus"; then
    SCALE_CHECK[$scale]=$SECONDS_MEDIAN
  fi
  if measure "check --format json ×$scale" "$((n * SERVICES))" "$b" -- "$TRAPPA" check --format json "$corpus" -o "$WORK/out/check.json"; then
    SCALE_JSON_RSS[$scale]=$RSS_MB
  fi
  # The largest corpora are big; keep only the main one and the small ones.
  [ "$corpus" = "$MAIN" ] || rm -rf "$corpus"
done

# ---------------------------------------------------------------------------
trend_section
survey_section

# ---------------------------------------------------------------------------
lsp_section

# ---------------------------------------------------------------------------
plan_section

echo "== targets"
r=$(ratio "$CHECK" "$BARE")
echo "check / bare parse: $CHECK s / $BARE s = ${r}× (target ≤ 1.25×): $(verdict "$r" 0 1.25)"
for job in "compare:$COMPARE" "export csv:$EXPORT" "export --indicators:$EXPORT_INDICATORS"; do
  name=${job%%:*}
  t=${job##*:}
  r=$(ratio "$t" "$CHECK")
  echo "$name / check: $t s / $CHECK s = ${r}× (target ≤ 1.25×): $(verdict "$r" 0 1.25)"
done
r=$(ratio "$DEPS_REPORT" "$DEPS_CHECK")
echo "report / check over $DEPARTMENTS departments: $DEPS_REPORT s / $DEPS_CHECK s = ${r}× (target ≤ 2×, peak RSS $DEPS_REPORT_RSS MB): $(verdict "$r" 0 2)"
s=$(ratio "$CHECK_ONE" "$CHECK")
echo "both cores: check used ${CHECK_CPU}% CPU; one thread $CHECK_ONE s, all threads $CHECK s = ${s}× faster (target: more than one core used, > 150% CPU): $(verdict "$CHECK_CPU" 150 100000)"
for job in compare-csv export-csv export-xlsx; do
  a=${RSS[$job-$ORGS]:-}
  b=${RSS[$job-$((ORGS * 10))]:-}
  if [ -n "$a" ] && [ -n "$b" ]; then
    f=$(ratio "$b" "$a")
    echo "${job/-/ } peak RSS: $a MB at $ORGS files, $b MB at $((ORGS * 10)) files = ${f}× (target flat, ≤ 1.5×): $(verdict "$f" 0 1.5)"
  else
    echo "${job/-/ } peak RSS: not measured (FAILED above)"
  fi
done
# Issue #14: the xlsx export within 1.5× of the csv export over the same files.
xc=${SECS[export-csv-$((ORGS * 10))]:-}
xx=${SECS[export-xlsx-$((ORGS * 10))]:-}
if [ -n "$xc" ] && [ -n "$xx" ]; then
  f=$(ratio "$xx" "$xc")
  echo "export xlsx / csv at $((ORGS * 10)) files: $xx s / $xc s = ${f}× (target ≤ 1.5×): $(verdict "$f" 0 1.5)"
fi
base=${SCALE_CHECK[1]:-}
for scale in $SCALES; do
  [ "$scale" = 1 ] && continue
  t=${SCALE_CHECK[$scale]:-}
  if [ -n "$base" ] && [ -n "$t" ]; then
    per=$(awk -v t="$t" -v b="$base" -v k="$scale" 'BEGIN {printf "%.2f", t / (b * k)}')
    echo "linear: check ×$scale took $t s = ${per}× the ×1 time per service (target 0.8–1.25): $(verdict "$per" 0.8 1.25)"
  fi
done
first=${SCALE_JSON_RSS[1]:-}
for scale in $SCALES; do
  [ "$scale" = 1 ] && continue
  m=${SCALE_JSON_RSS[$scale]:-}
  if [ -n "$first" ] && [ -n "$m" ]; then
    f=$(ratio "$m" "$first")
    echo "check --format json peak RSS: $first MB at ×1, $m MB at ×$scale = ${f}× (target flat, ≤ 1.5×): $(verdict "$f" 0 1.5)"
  fi
done
import_section
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
