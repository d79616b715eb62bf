#!/usr/bin/env bash
# Every report benchmark on one named data set, then one table of all figures (issue 9).
#
#   bench/run.sh [S|M|L] [extra Maven arguments]     default S
#
#   S   1,000 users x 180 days   (~1.5 million peer-to-peer sessions)
#   M  10,000 users x 180 days   (~16 million; the first load takes about 70 minutes on 2 cores, then reused)
#   L 100,000 users x  30 days   (~25 million)
#
# Each size keeps its database in target/bench-data/<size> and reuses its data sets on later runs. A load that was
# stopped resumes where it stopped on the next run (each day and each read model's rebuild is one remembered step);
# -Dbench.checkLoad=true compares a new data set's read models with a recomputation (small sizes only). The portal under
# benchmark runs on a fixed day (BENCH_TODAY, default the bench profile's bench.today in pom.xml; see BenchClock), and
# the data sets end the day before, so runs on later calendar days reuse them; a new BENCH_TODAY loads new ones next
# to the old (delete target/bench-data/<size> to reclaim the space). The ingest benchmark adds a new tenant on every run.
#
# Runs the benchmarks of the bench package in one `./mvnw -Pbench verify` (the last, ZzBenchReportIT, prints the
# table), then prints where the figures are: target/bench/figures.csv and target/bench/figures.png.
# Extra arguments go to Maven, e.g. -Dbench.naive=false (skip the naive queries),
# -Dbench.dayRows=false (skip the activity tables summed from day rows) or -Dit.test=PeerToPeerBenchmarkIT,ZzBenchReportIT.
# BulkImportBenchmarkIT imports -Dbench.import.sessions (the size's IMPORT below) three ways; a large bulk import alone, with
# the portal's heap capped: -Dit.test=BulkImportBenchmarkIT,ZzBenchReportIT -Dbench.import.sessions=2000000
# -Dbench.import.paths=bulk -Dbench.import.dayIntoHistory=false -DargLine=-Xmx512m [-Dbench.dataDir=<empty directory>].
# LiveIngestBenchmarkIT writes batches of the data set's last day into its tenant through the per-request path and
# removes them again (-Dbench.live.sizes, default 1000,100; -Dbench.live.batches, default 10).
# ApiLoadBenchmarkIT puts 50 clients on the reporting web service and the Graph-style API for 60 s after a 10 s warm-up
# (-Dbench.api.clients, -Dbench.api.exporters, -Dbench.api.walkers, -Dbench.api.seconds, -Dbench.api.warmUpSeconds; docs/scaling.md, "API under load").
set -euo pipefail
cd "$(dirname "$0")/.."

SIZE=${1:-S}
[ $# -gt 0 ] && shift
case "$SIZE" in
  # QUALITY_DAYS: days with quality records (the call quality and reliability benchmarks: REPORT_QUALITY_DAYS)
  S) USERS=1000;   DAYS=180; BATCHES=20;  IMPORT=200000;  NAIVE_RUNS=3; POOL=4G;  QUALITY_DAYS=35; REPORT_QUALITY_DAYS=180 ;;
  M) USERS=10000;  DAYS=180; BATCHES=40;  IMPORT=1000000; NAIVE_RUNS=1; POOL=4G;  QUALITY_DAYS=35; REPORT_QUALITY_DAYS=180 ;;
  # L: quality records for 7 days only (all 30 days' would need about 60 GB more disk)
  L) USERS=100000; DAYS=30;  BATCHES=100; IMPORT=1000000; NAIVE_RUNS=1; POOL=10G; QUALITY_DAYS=7;  REPORT_QUALITY_DAYS=7 ;;
  *) echo "usage: bench/run.sh [S|M|L] [extra Maven arguments]" >&2; exit 2 ;;
esac
EXPORT_ROWS=${BENCH_EXPORT_ROWS:-1000000}

mkdir -p target/bench "target/bench-data/$SIZE"
rm -f target/bench/figures.csv target/bench/figures.png
LOG=target/bench/maven-$SIZE.log
printf 'Benchmarks on data set %s: %s users x %s days, database target/bench-data/%s (Maven output in %s)\n' \
  "$SIZE" "$USERS" "$DAYS" "$SIZE" "$LOG"

# only the bench package: the UI load test (also tagged bench) has its own script, bench/load-test.sh
set +e
./mvnw -Pbench verify \
  -Dit.test='org/commsportal/bench/*IT' \
  -Dbench.dataset="$SIZE" -Dbench.users="$USERS" -Dbench.days="$DAYS" \
  -Dbench.dataDir="$PWD/target/bench-data/$SIZE" \
  -Dbench.ingest.batches="$BATCHES" -Dbench.import.sessions="$IMPORT" -Dbench.exportRows="$EXPORT_ROWS" \
  -Dbench.naiveRuns="$NAIVE_RUNS" -Dbench.bufferPool="$POOL" \
  -Dbench.qualityDays="$QUALITY_DAYS" -Dbench.qualityReportDays="$REPORT_QUALITY_DAYS" \
  ${BENCH_TODAY:+-Dbench.today="$BENCH_TODAY"} \
  "$@" 2>&1 | tee "$LOG" | grep --line-buffered -E '^(Reusing|Loaded|  loaded|\[INFO\] (Running|Tests run:)|\[ERROR\]|\[WARNING\] Tests run:)'
status=${PIPESTATUS[0]}
set -e

# the report step's table, from the Maven output
if [ -f target/bench/figures.csv ]; then
  sed -n '/^Benchmarks, /,/^Chart: /p' "$LOG"
else
  tail -60 "$LOG"
fi
[ "$status" -eq 0 ] || echo "Maven failed (exit $status); see $LOG" >&2
for f in target/bench/figures.csv target/bench/figures.png; do
  [ -f "$f" ] && echo "Written: $PWD/$f"
done
exit "$status"
