#!/usr/bin/env bash
# The main job: starts the whole platform on this machine with an embedded default configuration.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

marketplace_url=${MARKETPLACE_URL:-http://127.0.0.1:5080}
sandbox_url=${ALIPAY_SANDBOX_URL:-http://127.0.0.1:5090}
inference_url=${INFERENCE_URL:-http://127.0.0.1:5070}
bundle=${MODERATION_BUNDLE:-}
only=""

usage() {
  cat <<USAGE
Usage: ./run.sh [options]

Starts PostgreSQL and Redis (scripts/services.sh), then the platform's services, and prints their
URLs. Ctrl-C stops the services this script started (PostgreSQL and Redis keep running; stop them
with scripts/services.sh stop).

Options:
  --only COMPONENT       start one component: services | marketplace | sandbox | inference
  --marketplace-url URL  marketplace API address (default $marketplace_url)
  --sandbox-url URL      Alipay sandbox address (default $sandbox_url)
  --bundle DIR           model bundle for the inference service (from \`moderation export\`); without
                         it the full platform starts without inference, and --only inference fails
  --inference-url URL    inference service address (default $inference_url)
  -h, --help             this help
USAGE
}

while [ $# -gt 0 ]; do
  case "$1" in
    --only) only=${2:?--only needs a component}; shift 2 ;;
    --marketplace-url) marketplace_url=${2:?}; shift 2 ;;
    --sandbox-url) sandbox_url=${2:?}; shift 2 ;;
    --bundle) bundle=${2:?--bundle needs a directory}; shift 2 ;;
    --inference-url) inference_url=${2:?}; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown option '$1' (see ./run.sh --help)" >&2; exit 2 ;;
  esac
done
case "$only" in ""|services|marketplace|sandbox|inference) ;; *) echo "run.sh: unknown component '$only'" >&2; exit 2 ;; esac
wants() { [ -z "$only" ] || [ "$only" = "$1" ]; }
if [ "$only" = inference ] && [ -z "$bundle" ]; then
  echo "run.sh: --only inference needs --bundle DIR (a bundle written by 'moderation export')" >&2; exit 2
fi
if [ -n "$bundle" ]; then
  [ -f "$bundle/manifest.json" ] || { echo "run.sh: '$bundle' is not a model bundle (no manifest.json)" >&2; exit 2; }
  bundle=$(cd "$bundle" && pwd)
fi

# The inference service needs neither PostgreSQL nor Redis.
if [ "$only" != inference ]; then
  scripts/bootstrap.sh
  scripts/services.sh start
  eval "$(scripts/services.sh env)"
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
[ "$only" = services ] && exit 0

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

mkdir -p .services/logs
# Starts a project in the background and waits until its health endpoint answers.
start_service() {
  local name=$1 project=$2 url=$3; shift 3
  echo "run.sh: building $name..."
  local out=".services/build/$name"
  dotnet build "$project" -c Release -o "$out" -v quiet -nologo >".services/logs/$name.build.log" 2>&1 || {
    echo "run.sh: $name failed to build; see .services/logs/$name.build.log" >&2; exit 1; }
  # The built assembly runs directly (not through `dotnet run`) so Ctrl-C reaches the service itself.
  local dll; dll="$(basename "$project").dll"
  (cd "$out" && exec dotnet "$dll" --urls "$url" "$@") >".services/logs/$name.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 120); do
    curl -fs "$url/healthz" >/dev/null 2>&1 && { echo "$name: $url"; return; }
    kill -0 "${pids[-1]}" 2>/dev/null || { echo "run.sh: $name exited; see .services/logs/$name.log" >&2; exit 1; }
    sleep 0.5
  done
  echo "run.sh: $name did not become healthy; see .services/logs/$name.log" >&2; exit 1
}

if wants sandbox && [ -d marketplace/Alipay.Sandbox ]; then
  start_service alipay-sandbox marketplace/Alipay.Sandbox "$sandbox_url"
fi
if wants inference; then
  if [ -n "$bundle" ]; then
    start_service inference inference/Moderation.Inference "$inference_url" --bundle "$bundle"
    # /readyz turns 200 once the bundle is verified, probed and warmed.
    for _ in $(seq 1 240); do
      curl -fs "$inference_url/readyz" >/dev/null 2>&1 && break
      kill -0 "${pids[-1]}" 2>/dev/null || { echo "run.sh: inference exited (bundle refused?); see .services/logs/inference.log" >&2; exit 1; }
      sleep 0.5
    done
    echo "inference readiness: $(curl -s -o /dev/null -w '%{http_code}' "$inference_url/readyz")"
  else
    echo "run.sh: no --bundle given; the inference service is not started" >&2
  fi
fi
if wants marketplace; then
  # Payments go to the sandbox started above; both find the keys in .services/alipay/ (repository root).
  start_service marketplace marketplace/Marketplace.Api "$marketplace_url" \
    --Alipay:GatewayUrl "$sandbox_url/gateway.do" --Alipay:NotifyUrl "$marketplace_url/api/payments/alipay/notify"
  [ -f .services/alipay/app_id.txt ] || echo "run.sh: no Alipay keys in .services/alipay/ yet; payments answer 503 until the sandbox has written them" >&2
  echo "marketplace readiness: $(curl -s -o /dev/null -w '%{http_code}' "$marketplace_url/readyz")"
fi
echo "run.sh: running; Ctrl-C stops. Logs in .services/logs/"
wait
