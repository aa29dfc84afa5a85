#!/usr/bin/env bash
# A private PostgreSQL 15 + PostGIS 3 server for development, CI and benchmarks:
# Debian's packages, its own data folder and port, nothing system-wide touched.
#
#   scripts/postgis-server.sh install      apt-get install postgresql-15 + postgresql-15-postgis-3 if missing
#   scripts/postgis-server.sh start        initdb (first time) and start; prints the DATABASE_URL
#   scripts/postgis-server.sh stop
#   scripts/postgis-server.sh url          print the DATABASE_URL
#
# Settings: PGSERVER_DIR (default data/local/postgres), PGSERVER_PORT (default 54329).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
dir=${PGSERVER_DIR:-$root/data/local/postgres}
port=${PGSERVER_PORT:-54329}
bin=/usr/lib/postgresql/15/bin
url="postgres://civicgrid@127.0.0.1:$port/civicgrid"

# postgres refuses to run as root: run it as the unprivileged 'postgres' user when we are root
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

install() {
  if [ -x "$bin/postgres" ] && [ -f /usr/share/postgresql/15/extension/postgis.control ]; then return; fi
  echo "installing postgresql-15 and postgresql-15-postgis-3 (apt-get)…" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends postgresql-15 postgresql-15-postgis-3 >/dev/null
}

start() {
  [ -x "$bin/postgres" ] || { echo "PostgreSQL 15 is not installed: run $0 install" >&2; exit 1; }
  mkdir -p "$dir"
  if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; fi
  if [ ! -f "$dir/PG_VERSION" ]; then
    as_owner "$bin/initdb" -D "$dir" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    {
      echo "listen_addresses = '127.0.0.1'"
      echo "port = $port"
      echo "unix_socket_directories = '$dir'"
      echo "fsync = off"
      echo "synchronous_commit = off"
      echo "full_page_writes = off"
      echo "shared_buffers = 512MB"
      echo "work_mem = 64MB"
      echo "maintenance_work_mem = 512MB"
      echo "max_wal_size = 4GB"
    } >> "$dir/postgresql.conf"
  fi
  if ! as_owner "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 start >/dev/null
  fi
  local psql=("$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -qtA)
  if [ "$("${psql[@]}" -c "select 1 from pg_roles where rolname = 'civicgrid'")" != 1 ]; then
    "${psql[@]}" -c "create role civicgrid login superuser"
  fi
  if [ "$("${psql[@]}" -c "select 1 from pg_database where datname = 'civicgrid'")" != 1 ]; then
    "${psql[@]}" -c "create database civicgrid owner civicgrid"
  fi
  "${psql[@]}" -d civicgrid -c "create extension if not exists postgis"
  echo "$url"
}

stop() {
  if [ -f "$dir/PG_VERSION" ]; then as_owner "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null 2>&1 || true; fi
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) stop ;;
  url) echo "$url" ;;
  *) sed -n '2,11p' "$0" >&2; exit 2 ;;
esac
