#!/usr/bin/env bash
# Start-up figures of the embedded default (issue 9): the time from `./mvnw` to the first page answering, and the
# resident memory (RSS) of the portal's JVM and of its embedded MariaDB once it answers.
#
#   bench/startup.sh            a first start on an empty database (builds, generates the demo data)
#   bench/startup.sh --again    a second start on the database the first one left
#
# The database lives in target/startup-bench (not ./data) and the portal listens on port 18080.
# Prints one line per figure and writes them to target/bench/startup.csv.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-18080}
DATA_DIR=target/startup-bench
case "${1:-}" in
  --again) [ -d "$DATA_DIR/data" ] || { echo "No earlier start in $DATA_DIR; run without --again first." >&2; exit 2; } ;;
  "") rm -rf "$DATA_DIR" ;;
  *) echo "usage: bench/startup.sh [--again]" >&2; exit 2 ;;
esac
mkdir -p "$DATA_DIR" target/bench

LOG="$DATA_DIR/portal.log"
started=$(date +%s.%N)
./mvnw -q -Dspring-boot.run.arguments="--server.port=$PORT --management.server.port=0 \
--portal.embedded-db.data-dir=$PWD/$DATA_DIR/data --portal.embedded-db.base-dir=$PWD/$DATA_DIR/server" >"$LOG" 2>&1 &
MVN_PID=$!
stop() { pkill -TERM -P "$MVN_PID" 2>/dev/null || true; kill "$MVN_PID" 2>/dev/null || true; wait "$MVN_PID" 2>/dev/null || true; }
trap stop EXIT

# the sign-in page is the first page a browser gets
until curl -fsS -o /dev/null "http://127.0.0.1:$PORT/login"; do
  if ! kill -0 "$MVN_PID" 2>/dev/null; then echo "The portal stopped; see $LOG" >&2; exit 1; fi
  sleep 0.5
done
answered=$(date +%s.%N)
seconds=$(awk "BEGIN { print $answered - $started }")

portal_pid=$(pgrep -f "org.commsportal.Application" | head -1 || true)
db_pid=$(pgrep -f "mariadbd.*$DATA_DIR" | head -1 || true)
rss() { [ -n "$1" ] && awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$1/status" || echo 0; }
portal_rss=$(rss "$portal_pid")
db_rss=$(rss "$db_pid")

mode=$([ "${1:-}" = "--again" ] && echo "second start" || echo "first start (empty database, demo data)")
printf '%-45s %10s\n' "figure ($mode)" "value"
printf '%-45s %10.1f s\n' "./mvnw to the first page answering" "$seconds"
printf '%-45s %10d MB\n' "RSS of the portal JVM" "$portal_rss"
printf '%-45s %10d MB\n' "RSS of the embedded MariaDB" "$db_rss"
{
  echo "figure,value,unit"
  echo "$mode: ./mvnw to first page,$seconds,s"
  echo "$mode: portal RSS,$portal_rss,MB"
  echo "$mode: MariaDB RSS,$db_rss,MB"
} > target/bench/startup.csv
