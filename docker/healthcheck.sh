#!/usr/bin/env bash
# Container health check: the portal's health endpoint on the management port answers "UP". Plain bash, because
# the runtime image has no curl or wget.
set -euo pipefail
host="${MANAGEMENT_SERVER_ADDRESS:-127.0.0.1}"
if [[ "$host" == "0.0.0.0" ]]; then
  host=127.0.0.1
fi
exec 3<>"/dev/tcp/${host}/${MANAGEMENT_SERVER_PORT:-8081}"
printf 'GET /actuator/health HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
grep -q '"status":"UP"' <&3
