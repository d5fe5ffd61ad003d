#!/usr/bin/env bash
# Local PostgreSQL 15 and Redis 7 on loopback, data under .services/ in the repository.
#   scripts/services.sh start|stop|status|env|restart-redis|stop-redis|start-redis|start-redis-cluster|stop-redis-cluster
# Ports: MODERATION_PG_PORT (default 15432), MODERATION_REDIS_PORT (default 16379).
# Redis Cluster (not part of start): six nodes, three primaries and three replicas, on MODERATION_REDIS_CLUSTER_PORTS
# (default 17000-17005; cluster bus ports +10000). With MODERATION_REDIS_CLUSTER=1, env points Redis at the cluster.
# Idempotent: start on running services is a no-op; stop on stopped ones too.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
state=${MODERATION_SERVICES_DIR:-$root/.services}
pg_port=${MODERATION_PG_PORT:-15432}
redis_port=${MODERATION_REDIS_PORT:-16379}
pg_user=moderation
pg_password=moderation
pg_data=$state/postgres
redis_dir=$state/redis
read -r -a cluster_ports <<< "${MODERATION_REDIS_CLUSTER_PORTS:-17000 17001 17002 17003 17004 17005}"
cluster_dir=$state/redis-cluster

pg_bin() {
  local dir
  for dir in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    [ -x "$dir/pg_ctl" ] && { echo "$dir"; return; }
  done
  echo "services: PostgreSQL binaries not found; run scripts/bootstrap.sh" >&2; exit 1
}

# PostgreSQL refuses to run as root: under root it runs as the 'postgres' system user.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_running() { as_pg "$(pg_bin)/pg_ctl" -D "$pg_data" status >/dev/null 2>&1; }

start_postgres() {
  local bin; bin=$(pg_bin)
  mkdir -p "$state"
  if [ ! -s "$pg_data/PG_VERSION" ]; then
    mkdir -p "$pg_data"
    local pwfile; pwfile=$(mktemp)
    echo "$pg_password" > "$pwfile"
    if [ "$(id -u)" -eq 0 ]; then
      chown postgres: "$pg_data" "$pwfile"
      runuser -u postgres -- test -x "$pg_data" || {
        echo "services: user 'postgres' cannot reach $pg_data; set MODERATION_SERVICES_DIR to a reachable folder" >&2; exit 1; }
    fi
    chmod 700 "$pg_data"
    as_pg "$bin/initdb" -D "$pg_data" -U "$pg_user" --pwfile="$pwfile" --auth-local=trust \
      --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
    rm -f "$pwfile"
    cat >> "$pg_data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $pg_port
unix_socket_directories = '$pg_data'
max_connections = 400
shared_buffers = 256MB
logging_collector = off
CONF
  fi
  if ! pg_running; then
    as_pg "$bin/pg_ctl" -D "$pg_data" -l "$pg_data/server.log" -w -t 60 start >/dev/null
  fi
  echo "postgres: 127.0.0.1:$pg_port (data $pg_data)"
}

stop_postgres() {
  if [ -s "$pg_data/PG_VERSION" ] && pg_running; then
    as_pg "$(pg_bin)/pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null
  fi
  echo "postgres: stopped"
}

redis_running() { redis-cli -h 127.0.0.1 -p "$redis_port" ping >/dev/null 2>&1; }

start_redis() {
  mkdir -p "$redis_dir"
  cat > "$redis_dir/redis.conf" <<CONF
bind 127.0.0.1
port $redis_port
dir $redis_dir
daemonize yes
pidfile $redis_dir/redis.pid
logfile $redis_dir/redis.log
appendonly yes
appendfsync everysec
maxclients 10000
CONF
  if ! redis_running; then
    redis-server "$redis_dir/redis.conf"
    for _ in $(seq 1 100); do redis_running && break; sleep 0.1; done
    redis_running || { echo "services: redis did not start; see $redis_dir/redis.log" >&2; exit 1; }
  fi
  echo "redis: 127.0.0.1:$redis_port (AOF everysec, data $redis_dir)"
}

stop_redis() {
  if redis_running; then
    redis-cli -h 127.0.0.1 -p "$redis_port" shutdown >/dev/null 2>&1 || true
    for _ in $(seq 1 100); do redis_running || break; sleep 0.1; done
  fi
  echo "redis: stopped"
}

node_up() { redis-cli -h 127.0.0.1 -p "$1" ping >/dev/null 2>&1; }

# grep >/dev/null, not grep -q: under pipefail an early grep exit could fail redis-cli with SIGPIPE.
cluster_ok() {
  local p
  for p in "${cluster_ports[@]}"; do
    redis-cli -h 127.0.0.1 -p "$p" cluster info 2>/dev/null | grep '^cluster_state:ok' >/dev/null || return 1
  done
}

start_redis_cluster() {
  local p
  for p in "${cluster_ports[@]}"; do
    mkdir -p "$cluster_dir/$p"
    cat > "$cluster_dir/$p/redis.conf" <<CONF
bind 127.0.0.1
port $p
dir $cluster_dir/$p
daemonize yes
pidfile $cluster_dir/$p/redis.pid
logfile $cluster_dir/$p/redis.log
cluster-enabled yes
cluster-config-file nodes.conf
cluster-node-timeout 3000
appendonly yes
appendfsync everysec
maxclients 10000
CONF
    node_up "$p" || redis-server "$cluster_dir/$p/redis.conf"
  done
  for p in "${cluster_ports[@]}"; do
    for _ in $(seq 1 100); do node_up "$p" && break; sleep 0.1; done
    node_up "$p" || { echo "services: redis cluster node $p did not start; see $cluster_dir/$p/redis.log" >&2; exit 1; }
  done
  # Fresh nodes hold no slots: form the cluster once. Afterwards nodes.conf lets restarted nodes rejoin by themselves.
  if redis-cli -h 127.0.0.1 -p "${cluster_ports[0]}" cluster info | grep '^cluster_slots_assigned:0' >/dev/null; then
    redis-cli --cluster create $(printf '127.0.0.1:%s ' "${cluster_ports[@]}") --cluster-replicas 1 --cluster-yes >/dev/null
  fi
  for _ in $(seq 1 150); do cluster_ok && break; sleep 0.2; done
  cluster_ok || { echo "services: redis cluster is not ok; try stop-redis-cluster, then rm -rf $cluster_dir" >&2; exit 1; }
  echo "redis cluster: 127.0.0.1:${cluster_ports[0]}-${cluster_ports[-1]} (3 primaries, 3 replicas, data $cluster_dir)"
}

stop_redis_cluster() {
  local p
  for p in "${cluster_ports[@]}"; do
    if node_up "$p"; then redis-cli -h 127.0.0.1 -p "$p" shutdown >/dev/null 2>&1 || true; fi
  done
  echo "redis cluster: stopped"
}

# StackExchange.Redis takes every node: it finds the topology with CLUSTER NODES and follows MOVED and failovers.
cluster_connection() {
  local IFS=, endpoints=() p
  for p in "${cluster_ports[@]}"; do endpoints+=("127.0.0.1:$p"); done
  echo "${endpoints[*]}"
}

print_env() {
  echo "export ConnectionStrings__Postgres='Host=127.0.0.1;Port=$pg_port;Username=$pg_user;Password=$pg_password;Database=moderation'"
  if [ "${MODERATION_REDIS_CLUSTER:-0}" = 1 ]; then
    echo "export ConnectionStrings__Redis='$(cluster_connection)'"
  else
    echo "export ConnectionStrings__Redis='127.0.0.1:$redis_port'"
  fi
  echo "export MODERATION_REDIS_CLUSTER_PORTS='${cluster_ports[*]}'"
  echo "export MODERATION_SERVICES_SCRIPT='$root/scripts/services.sh'"
}

case "${1:-}" in
  start) start_postgres; start_redis ;;
  stop) stop_redis_cluster >/dev/null; stop_redis; stop_postgres ;;
  status)
    pg_running && echo "postgres: running on $pg_port" || echo "postgres: stopped"
    redis_running && echo "redis: running on $redis_port" || echo "redis: stopped"
    cluster_ok && echo "redis cluster: ok on ${cluster_ports[0]}-${cluster_ports[-1]}" || echo "redis cluster: down" ;;
  env) print_env ;;
  start-redis) start_redis ;;
  stop-redis) stop_redis ;;
  restart-redis) stop_redis; start_redis ;;
  start-redis-cluster) start_redis_cluster ;;
  stop-redis-cluster) stop_redis_cluster ;;
  *) echo "usage: $0 start|stop|status|env|start-redis|stop-redis|restart-redis|start-redis-cluster|stop-redis-cluster" >&2; exit 2 ;;
esac
