#!/usr/bin/env bash
# Load test of the real web UI (issue 9, item 4): N concurrent signed-in administrators open the peer-to-peer
# page, switch its period, open session details, choose a user and search. The flow is recorded once in headless
# Chromium and replayed over HTTP with Vaadin's UIDL protocol (see docs/load-test.md).
#
#   bench/load-test.sh [users] [iterations]      defaults: 50 users, 3 iterations
#
# Environment: LOAD_THINK_MS (mean pause before each step, default 1000; 0 = back to back),
# LOAD_RAMP_MS (spread of the users' start, default 5000), LOAD_DEMO_USERS / LOAD_DEMO_DAYS (size of the demo data
# generated on the first run, default 300 x 200 as a plain ./mvnw start), LOAD_DATA_DIR (its database, kept
# between runs; default target/load-mariadb/data).
#
# Prints p50/p95/max per step, errors, and the portal's heap per open UI; writes target/load-test/report.txt (and a
# dated copy), target/bench/ui-load.csv and the recorded flow target/load-test/recorded-flow.json.
set -euo pipefail
cd "$(dirname "$0")/.."

USERS=${1:-50}
ITERATIONS=${2:-3}
case "$USERS$ITERATIONS" in
  *[!0-9]*) echo "usage: bench/load-test.sh [users] [iterations]" >&2; exit 2 ;;
esac

mkdir -p target/load-test
rm -f target/load-test/report.txt
LOG=target/load-test/maven.log
echo "Load test: $USERS administrators x $ITERATIONS iterations (Maven output in $LOG)"
status=0
./mvnw -Pbench verify -Dit.test=UiLoadTestIT \
  -Dload.users="$USERS" -Dload.iterations="$ITERATIONS" \
  -Dload.thinkMs="${LOAD_THINK_MS:-1000}" -Dload.rampMs="${LOAD_RAMP_MS:-5000}" \
  -Dportal.embedded-db.data-dir="${LOAD_DATA_DIR:-$PWD/target/load-mariadb/data}" \
  -Dportal.demo.users="${LOAD_DEMO_USERS:-300}" -Dportal.demo.days="${LOAD_DEMO_DAYS:-200}" \
  >"$LOG" 2>&1 || status=$?

if [ -f target/load-test/report.txt ]; then
  cat target/load-test/report.txt
  # keep each run's report beside the latest one
  cp target/load-test/report.txt "target/load-test/report-${USERS}x${ITERATIONS}-think${LOAD_THINK_MS:-1000}-$(date +%Y%m%d-%H%M%S).txt"
else
  tail -40 "$LOG"
fi
[ "$status" -eq 0 ] || echo "The load test failed (exit $status); see $LOG" >&2
exit "$status"
