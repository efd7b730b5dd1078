#!/usr/bin/env bash
# Serve sendtrack as `make run` does: gunicorn for the pages and the background worker that
# reads uploaded plans and makes PDFs (`sendtrack db_worker`). Ctrl+C (or either one
# stopping) stops both. Usage: scripts/serve.sh [HOST] [PORT]
set -uo pipefail
BIN=${BIN:-.venv/bin}
HOST=${1:-127.0.0.1}
PORT=${2:-8000}

"$BIN/sendtrack" db_worker --queue-name default --interval 1 --no-reload --verbosity 0 &
worker=$!
"$BIN/gunicorn" sendtrack.wsgi --config gunicorn.conf.py --bind "$HOST:$PORT" --workers 2 \
  --access-logfile - --log-level warning &
web=$!

stop() {
  trap - INT TERM EXIT
  kill -TERM "$worker" "$web" 2>/dev/null
  wait "$worker" "$web" 2>/dev/null
}
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM
trap stop EXIT

echo "Background worker running (process $worker); pages on http://$HOST:$PORT (process $web)."
wait -n "$worker" "$web"
status=$?
echo "One of the two stopped (status $status): stopping the other." >&2
exit "$status"
