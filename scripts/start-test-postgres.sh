# Source this: starts a throwaway PostgreSQL server on a private port as the postgres user,
# exports SENDTRACK_TEST_POSTGRES, and defines stop_test_postgres.
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
PG_PORT=${PG_PORT:-54329}
PG_DIR=$(mktemp -d /tmp/sendtrack-pg.XXXXXX)
chown postgres "$PG_DIR"
su postgres -c "$PG_BIN/initdb -D $PG_DIR/data -A trust -U postgres --no-sync -E UTF8" >/dev/null
su postgres -c "$PG_BIN/pg_ctl -D $PG_DIR/data -l $PG_DIR/log -w -o '-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off' start" >/dev/null
export SENDTRACK_TEST_POSTGRES="postgres://postgres@127.0.0.1:$PG_PORT/sendtrack"
echo "PostgreSQL $($PG_BIN/postgres --version | awk '{print $3}') is running for the tests on port $PG_PORT"

stop_test_postgres() {
  su postgres -c "$PG_BIN/pg_ctl -D $PG_DIR/data -m fast stop" >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
