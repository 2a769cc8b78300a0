# shellcheck shell=bash
# start_throwaway_postgres DIR: starts Debian's PostgreSQL as an unprivileged user in DIR, on a
# free loopback port, and exports GREENTASKS_TEST_PG_URL for the tests. Stops it on exit.
start_throwaway_postgres() {
  local dir=$1 bindir user port
  bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$bindir" ]; then
    echo "PostgreSQL is not installed" >&2
    return 1
  fi
  user=${GREENTASKS_PG_USER:-gtpg}
  if [ "$(id -u)" = 0 ]; then
    id "$user" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$user"
  else
    user=$(id -un)
  fi
  mkdir -p "$dir"
  chmod 755 "$(dirname "$dir")"
  [ "$(id -u)" = 0 ] && chown "$user" "$dir"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  run_as() { if [ "$(id -u)" = 0 ]; then su -s /bin/sh "$user" -c "$*"; else sh -c "$*"; fi; }
  run_as "'$bindir/initdb' -D '$dir/data' -A trust -U greentasks -E UTF8 --locale=C.UTF-8 >/dev/null"
  run_as "'$bindir/pg_ctl' -D '$dir/data' -l '$dir/log' -w -o \"-k '$dir' -h 127.0.0.1 -p $port -F\" start >/dev/null"
  run_as "'$bindir/createdb' -h 127.0.0.1 -p $port -U greentasks greentasks_test"
  export GREENTASKS_TEST_PG_URL="postgresql+psycopg://greentasks@127.0.0.1:$port/greentasks_test"
  # The EXIT trap runs after this function's locals are gone: everything it needs is spelled out.
  local stop="'$bindir/pg_ctl' -D '$dir/data' -m immediate stop"
  if [ "$(id -u)" = 0 ]; then stop="su -s /bin/sh '$user' -c \"$stop\""; fi
  # shellcheck disable=SC2064
  trap "$stop >/dev/null 2>&1 || true; rm -rf '$(dirname "$dir")'" EXIT
  echo "PostgreSQL on 127.0.0.1:$port"
}
