#!/usr/bin/env bash
# Runs every test: installs and starts the local services, then `dotnet test` on the solution.
#   ./test.sh                      all tests, then the flash-sale and cache tests again on a local Redis Cluster
#   ./test.sh --filter EXPR        passes the filter (and any other argument) to dotnet test
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

scripts/bootstrap.sh
scripts/services.sh start
eval "$(scripts/services.sh env)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log=$(mktemp)
trap 'rm -f "$log"' EXIT
started=$(date +%s)
set +e
dotnet test Moderation.sln "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
if [ $# -eq 0 ]; then
  # The full run also passes the flash-sale and cache tests once on a real Redis Cluster (six local nodes), where
  # every script must keep to one slot. The failover and recovery tests bring their own Redis and already ran.
  scripts/services.sh start-redis-cluster
  (
    export MODERATION_REDIS_CLUSTER=1
    eval "$(scripts/services.sh env)"
    echo "test.sh: the flash-sale and cache tests on the Redis Cluster at $ConnectionStrings__Redis"
    dotnet test tests/Marketplace.Tests/Marketplace.Tests.csproj --no-build \
      --filter "(FullyQualifiedName~.FlashSale.|FullyQualifiedName~.Cache.)&FullyQualifiedName!~ClusterFailover&FullyQualifiedName!~FlashSaleRecovery"
  ) 2>&1 | tee -a "$log"
  cluster_status=${PIPESTATUS[0]}
  scripts/services.sh stop-redis-cluster
  [ "$status" -ne 0 ] || status=$cluster_status
fi
set -e

# One closing line over all test projects, from the per-assembly summaries dotnet test prints.
sum() { grep -Eo "$1: +[0-9]+" "$log" | grep -Eo '[0-9]+' | awk '{s+=$1} END {print s+0}'; }
passed=$(sum Passed); failed=$(sum Failed); skipped=$(sum Skipped)
echo "test.sh: $(( $(date +%s) - started ))s"
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then
  echo "test.sh: no test ran" >&2; exit 1
fi
exit "$status"
