#!/usr/bin/env bash
# The main job: starts the whole platform on this machine with an embedded default configuration.
# It serves the reference model shipped in models/reference; --train builds the corpus, trains a model and
# serves that instead (see --help).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

marketplace_url=${MARKETPLACE_URL:-http://127.0.0.1:5080}
sandbox_url=${ALIPAY_SANDBOX_URL:-http://127.0.0.1:5090}
inference_url=${INFERENCE_URL:-http://127.0.0.1:5070}
web_url=${WEB_URL:-http://127.0.0.1:5060}
bundle=${MODERATION_BUNDLE:-}
train_minutes=${MODERATION_TRAIN_MINUTES:-28}
train_steps=${MODERATION_TRAIN_STEPS:-15000}
admin_email=${MODERATION_ADMIN_EMAIL:-admin@example.com}
instances=${MARKETPLACE_INSTANCES:-1}
model_dir=.services/model
reference_bundle=models/reference
train=false
admin_dir=.services/admin
only=""
demo=false
exit_after_demo=false
no_inference=false
demo_args=()

usage() {
  cat <<USAGE
Usage: ./run.sh [options]

Starts PostgreSQL and Redis (scripts/services.sh), the inference service, the Alipay sandbox, the
marketplace API and the web front-end, and prints their URLs (the web's first). Ctrl-C stops the services this script started (PostgreSQL
and Redis keep running; stop them with scripts/services.sh stop).

The model: without --bundle or --train it serves the reference bundle shipped in $reference_bundle/
(see its MODEL_CARD.md), ready at once. With --train (or --only model) it prepares a model of its own
and serves that, each step with the moderation CLI's own progress, everything under $model_dir/ (git-ignored):
  1. corpus   moderation data build (npm packages; ../shared/data when present)  -> corpus/
  2. train    moderation train --preset tiny, bounded by --train-minutes and --train-steps -> run/
  3. choose   moderation eval on the validation split (writes the run's thresholds) -> run/eval/
  4. export   moderation export (staged and moved into place only once verified) -> bundle/
A step whose output exists and verifies is skipped; an interrupted training run resumes from its
last checkpoint with the minutes left; a step left half-done elsewhere is redone.

Options:
  --only COMPONENT       start one component: services | model | inference | sandbox | marketplace | web
                         (model: prepare the bundle and exit; web: the front-end for the API at --marketplace-url)
  --bundle DIR           serve this bundle (from \`moderation export\`) instead of $reference_bundle
  --train                train a model here (steps below) and serve it instead of $reference_bundle
  --no-inference         start without the inference service (reviews stay PENDING; --demo skips them)
  --train-minutes M      --train's training budget in minutes (default $train_minutes; env MODERATION_TRAIN_MINUTES)
  --train-steps N        --train's training steps (default $train_steps; env MODERATION_TRAIN_STEPS);
                         training stops at whichever of the two comes first
  --web-url URL          web front-end address (default $web_url)
  --marketplace-url URL  marketplace API address (default $marketplace_url)
  --sandbox-url URL      Alipay sandbox address (default $sandbox_url)
  --inference-url URL    inference service address (default $inference_url)
  --instances N          run N marketplace API instances behind the gateway (marketplace/Marketplace.Gateway) at
                         --marketplace-url, on the next ports above it + 100 (5181, 5182, ...); they share
                         PostgreSQL, Redis and one Kafka: Kafka__BootstrapServers when set, else one mock-cluster
                         host process (Marketplace.Api kafka-mock). Default 1: the API itself at --marketplace-url
  --admin-email EMAIL    the marketplace admin (default $admin_email); the password is generated once,
                         printed once, and kept in $admin_dir/password
  --demo                 after start-up, run marketplace/Marketplace.Demo against the services (flash sale,
                         payments, shipping, reviews in many languages), print its summary (JSON copy in
                         .services/demo/summary.json), then keep the services running
  --exit-after-demo      with --demo: stop the services and exit with the demo's exit code
  --demo-arg ARG         pass ARG to the demo program (repeat; e.g. --demo-arg --buyers --demo-arg 500)
  -h, --help             this help

Logs: .services/logs/<component>.log (and <component>.build.log); model steps print to the terminal.
USAGE
}

while [ $# -gt 0 ]; do
  case "$1" in
    --only) only=${2:?--only needs a component}; shift 2 ;;
    --marketplace-url) marketplace_url=${2:?}; shift 2 ;;
    --web-url) web_url=${2:?}; shift 2 ;;
    --sandbox-url) sandbox_url=${2:?}; shift 2 ;;
    --bundle) bundle=${2:?--bundle needs a directory}; shift 2 ;;
    --inference-url) inference_url=${2:?}; shift 2 ;;
    --no-inference) no_inference=true; shift ;;
    --train) train=true; shift ;;
    --train-minutes) train_minutes=${2:?--train-minutes needs a number}; shift 2 ;;
    --train-steps) train_steps=${2:?--train-steps needs a number}; shift 2 ;;
    --admin-email) admin_email=${2:?}; shift 2 ;;
    --instances) instances=${2:?--instances needs a number}; shift 2 ;;
    --demo) demo=true; shift ;;
    --exit-after-demo) exit_after_demo=true; shift ;;
    --demo-arg) demo_args+=("${2:?--demo-arg needs a value}"); shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown option '$1' (see ./run.sh --help)" >&2; exit 2 ;;
  esac
done
case "$only" in ""|services|model|marketplace|sandbox|inference|web) ;; *) echo "run.sh: unknown component '$only'" >&2; exit 2 ;; esac
if ! [[ "$train_minutes" =~ ^[0-9]+([.][0-9]+)?$ ]] || [ "$(awk -v m="$train_minutes" 'BEGIN{print (m>0)}')" != 1 ]; then
  echo "run.sh: --train-minutes must be a positive number" >&2; exit 2
fi
[[ "$instances" =~ ^[1-9]$ ]] || { echo "run.sh: --instances must be 1 to 9" >&2; exit 2; }
[[ "$train_steps" =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: --train-steps must be a positive integer" >&2; exit 2; }
if [ -n "$only" ] && $demo; then echo "run.sh: --demo needs the whole platform (not --only)" >&2; exit 2; fi
if $exit_after_demo && ! $demo; then echo "run.sh: --exit-after-demo needs --demo" >&2; exit 2; fi
wants() { [ -z "$only" ] || [ "$only" = "$1" ]; }
if [ -n "$bundle" ] && $train; then echo "run.sh: --bundle and --train exclude each other" >&2; exit 2; fi
[ "$only" = model ] && train=true
if [ -n "$bundle" ]; then
  [ -f "$bundle/manifest.json" ] || { echo "run.sh: '$bundle' is not a model bundle (no manifest.json)" >&2; exit 2; }
  bundle=$(cd "$bundle" && pwd)
fi

run_started=$SECONDS
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
mkdir -p .services/logs

# Builds a project in Release into .services/build/NAME (log in .services/logs/NAME.build.log).
build_project() {
  local name=$1 project=$2
  echo "run.sh: building $name..."
  dotnet build "$project" -c Release -o ".services/build/$name" -v quiet -nologo >".services/logs/$name.build.log" 2>&1 || {
    echo "run.sh: $name failed to build; see .services/logs/$name.build.log" >&2; exit 1; }
}

# ---- The model: corpus -> training run -> thresholds -> bundle, each step skipped once its output verifies.

moderation() { dotnet .services/build/moderation/moderation.dll "$@"; }

# A corpus is complete when each split's sha256 matches its manifest (the build writes the manifest last).
corpus_verifies() {
  local dir=$1 split expected actual
  [ -f "$dir/manifest.json" ] || return 1
  for split in train validation test; do
    [ -f "$dir/$split.jsonl" ] || return 1
    expected=$(sed -n "/\"$split.jsonl\": {/,/}/s/.*\"sha256\": \"\([0-9a-f]*\)\".*/\1/p" "$dir/manifest.json")
    actual=$(sha256sum "$dir/$split.jsonl" | cut -d' ' -f1)
    [ -n "$expected" ] && [ "$expected" = "$actual" ] || return 1
  done
}

json_field() { sed -n "s/^ *\"$2\": *\"\{0,1\}\([^\",]*\)\"\{0,1\},\{0,1\}$/\1/p" "$1" | head -n 1; }

prepare_corpus() {
  local corpus=$model_dir/corpus
  if corpus_verifies "$corpus"; then echo "model: corpus ready ($corpus)"; return; fi
  echo "model: [1/4] building the corpus (moderation data build)..."
  rm -rf "$corpus" "$corpus.partial"
  local started=$SECONDS
  moderation data build --out "$corpus.partial" || { echo "run.sh: corpus build failed" >&2; exit 1; }
  corpus_verifies "$corpus.partial" || { echo "run.sh: the corpus just built does not match its manifest" >&2; exit 1; }
  mv "$corpus.partial" "$corpus"
  echo "model: corpus built in $((SECONDS - started)) s"
}

# The newest checkpoint folder of the run (empty when there is none).
newest_checkpoint() {
  [ -d "$model_dir/run/checkpoints" ] || return 0
  find "$model_dir/run/checkpoints" -mindepth 1 -maxdepth 1 -name 'step-*' | sort -t- -k2 -n | tail -n 1
}

# Minutes of the training budget left after the newest checkpoint (at least 1).
minutes_left() {
  local trained
  trained=$(json_field "$1/state.json" elapsedSeconds | cut -d. -f1)
  awk -v m="$train_minutes" -v s="${trained:-0}" 'BEGIN{l=m-s/60; if (l<1) l=1; printf "%.1f", l}'
}

prepare_run() {
  local run=$model_dir/run status
  status=""
  if [ -f "$run/run.json" ]; then status=$(json_field "$run/run.json" status); fi
  if [ "$status" = FINISHED ] && [ -f "$run/model.safetensors" ]; then echo "model: training run ready ($run)"; return; fi
  local started=$SECONDS checkpoint left rc attempt
  # A native failure mid-step (before NoGcRegion, TorchSharp's finalized Scalars caused one about every 10,000 steps)
  # costs a resume, not the run: resuming from the last checkpoint reproduces the uninterrupted run exactly.
  for attempt in 1 2 3 4; do
    checkpoint=$(newest_checkpoint)
    if [ -n "$status" ] && [ -f "$checkpoint/state.json" ]; then
      # Interrupted (Ctrl-C, killed, failed): resume from the last checkpoint with the minutes left.
      left=$(minutes_left "$checkpoint")
      echo "model: [2/4] resuming training ($status, checkpoint ${checkpoint##*/}; $left min left)..."
      moderation train --resume --out "$run" --max-minutes "$left" && rc=0 || rc=$?
    else
      rm -rf "$run"
      echo "model: [2/4] training the tiny preset ($train_steps steps at most, $train_minutes min at most)..."
      # Positive weights for the rare categories and a stronger load-balancing loss: the settings of the
      # reference 'balanced' run (bench/results/model/README.md), which ranks categories better.
      moderation train --corpus "$model_dir/corpus" --preset tiny --out "$run" --max-steps "$train_steps" \
        --max-minutes "$train_minutes" --balance-categories --moe-aux-loss 0.05 --eval-every 1000 --checkpoint-every 1000 \
        --tracking-uri "$model_dir/mlruns" && rc=0 || rc=$?
    fi
    [ "$rc" -eq 0 ] && break
    # Ctrl-C, or a failure before the first checkpoint: nothing to resume here.
    if [ "$rc" -eq 130 ] || [ -z "$(newest_checkpoint)" ] || [ "$attempt" -eq 4 ]; then
      echo "run.sh: training failed (run kept in $run; rerun to resume)" >&2; exit 1
    fi
    status=FAILED
    echo "model: training failed; resuming from its last checkpoint (retry $attempt of 3)"
  done
  [ "$(json_field "$run/run.json" status)" = FINISHED ] || { echo "run.sh: training stopped before finishing; rerun to resume" >&2; exit 1; }
  echo "model: training took $((SECONDS - started)) s"
}

prepare_thresholds() {
  local run=$model_dir/run eval=$model_dir/run/eval/validation
  if [ -f "$eval/metrics.json" ]; then echo "model: thresholds ready ($run/thresholds.json)"; return; fi
  echo "model: [3/4] choosing thresholds on the validation split (moderation eval)..."
  rm -rf "$eval" "$eval.partial"
  local started=$SECONDS
  moderation eval --model "$run" --data "$model_dir/corpus/validation.jsonl" --split validation --out "$eval.partial" \
    || { echo "run.sh: evaluation failed" >&2; exit 1; }
  mv "$eval.partial" "$eval"
  echo "model: thresholds chosen in $((SECONDS - started)) s"
}

prepare_bundle() {
  local target=$model_dir/bundle
  # The exporter stages beside the target and moves the bundle in only after BundleVerifier passed it,
  # so a bundle folder is whole; the inference service verifies every file's sha256 again at start-up.
  if [ -f "$target/manifest.json" ]; then echo "model: bundle ready ($target)"; return; fi
  rm -rf "$target" "$model_dir"/.bundle.staging-*
  echo "model: [4/4] exporting the bundle (moderation export)..."
  local started=$SECONDS
  moderation export --run "$model_dir/run" --out "$target" || { echo "run.sh: export failed" >&2; exit 1; }
  echo "model: bundle exported in $((SECONDS - started)) s"
}

prepare_model() {
  local started=$SECONDS
  mkdir -p "$model_dir"
  build_project moderation training/Moderation.Training
  prepare_corpus
  prepare_run
  prepare_thresholds
  prepare_bundle
  echo "model: ready in $((SECONDS - started)) s: $model_dir/bundle"
}

if wants inference || [ "$only" = model ]; then
  if [ -z "$bundle" ] && ! $no_inference; then
    if ! $train && [ -f "$reference_bundle/manifest.json" ]; then
      bundle=$(cd "$reference_bundle" && pwd)
      echo "model: serving the reference model ($reference_bundle; ./run.sh --train trains one here)"
    else
      $train || echo "model: no reference bundle in $reference_bundle: training one here"
      scripts/bootstrap.sh   # patchelf and g++ for TorchSharp on Debian 12
      prepare_model
      bundle=$(cd "$model_dir/bundle" && pwd)
    fi
  fi
fi
[ "$only" = model ] && exit 0

# The inference service and the web front-end need neither PostgreSQL nor Redis.
if [ "$only" != inference ] && [ "$only" != web ]; then
  scripts/bootstrap.sh
  scripts/services.sh start
  eval "$(scripts/services.sh env)"
fi
[ "$only" = services ] && exit 0

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

# Starts the built project in .services/build/BUILD in the background as NAME (log .services/logs/NAME.log), with
# the variables in launch_env (NAME=value; secrets go there, not on a command line every user can read with ps).
launch_env=()
launch_service() {
  local name=$1 build=$2 project=$3 url=$4; shift 4
  # The built assembly runs directly (not through `dotnet run`) so Ctrl-C reaches the service itself.
  local dll; dll="$(basename "$project").dll"
  (cd ".services/build/$build" && exec env "${launch_env[@]}" dotnet "$dll" --urls "$url" "$@") >".services/logs/$name.log" 2>&1 &
  pids+=($!)
}

# Waits until the service launched with PID answers URL/healthz.
await_service() {
  local name=$1 pid=$2 url=$3
  for _ in $(seq 1 120); do
    curl -fs "$url/healthz" >/dev/null 2>&1 && { echo "$name: $url"; return; }
    kill -0 "$pid" 2>/dev/null || { echo "run.sh: $name exited; see .services/logs/$name.log" >&2; exit 1; }
    sleep 0.5
  done
  echo "run.sh: $name did not become healthy; see .services/logs/$name.log" >&2; exit 1
}

# Builds a project, starts it in the background and waits until its health endpoint answers.
start_service() {
  local name=$1 project=$2 url=$3; shift 3
  build_project "$name" "$project"
  launch_service "$name" "$name" "$project" "$url" "$@"
  await_service "$name" "${pids[-1]}" "$url"
}

# Several API instances share one Kafka: the configured brokers, else one mock-cluster host process.
start_shared_kafka() {
  if [ -n "${Kafka__BootstrapServers:-}" ]; then echo "kafka: $Kafka__BootstrapServers"; return; fi
  local file=$PWD/.services/kafka/bootstrap
  rm -f "$file"
  (cd .services/build/marketplace && exec dotnet Marketplace.Api.dll kafka-mock --bootstrap-file "$file") \
    >.services/logs/kafka-mock.log 2>&1 &
  pids+=($!)
  for _ in $(seq 1 60); do
    [ -s "$file" ] && { export Kafka__BootstrapServers; Kafka__BootstrapServers=$(cat "$file"); echo "kafka: mock cluster at $Kafka__BootstrapServers (in memory; .services/logs/kafka-mock.log)"; return; }
    kill -0 "${pids[-1]}" 2>/dev/null || break
    sleep 0.5
  done
  echo "run.sh: the Kafka mock host did not start; see .services/logs/kafka-mock.log" >&2; exit 1
}

moderation_args=()
if wants inference && [ -n "$bundle" ]; then
  start_service inference inference/Moderation.Inference "$inference_url" --bundle "$bundle"
  # /readyz turns 200 once the bundle is verified, probed and warmed.
  ready=false
  for _ in $(seq 1 240); do
    curl -fs "$inference_url/readyz" >/dev/null 2>&1 && { ready=true; break; }
    kill -0 "${pids[-1]}" 2>/dev/null || {
      echo "run.sh: inference refused the bundle $bundle; see .services/logs/inference.log" >&2
      [ "$bundle" = "$(cd "$model_dir" 2>/dev/null && pwd)/bundle" ] && echo "run.sh: delete $model_dir/bundle to export it again" >&2
      exit 1; }
    sleep 0.5
  done
  $ready || { echo "run.sh: inference not ready after 2 minutes; see .services/logs/inference.log" >&2; exit 1; }
  echo "inference: ready, model $(curl -s "$inference_url/v1/model" | sed -n 's/.*"modelVersion": *"\([^"]*\)".*/\1/p')"
  moderation_args=(--Moderation:BaseUrl "$inference_url")
elif [ "$only" = marketplace ] && ! $no_inference; then
  moderation_args=(--Moderation:BaseUrl "$inference_url")   # started on its own, expected at that URL
elif wants marketplace; then
  echo "run.sh: no inference service; reviews stay PENDING" >&2
fi

if wants sandbox && [ -d marketplace/Alipay.Sandbox ]; then
  start_service alipay-sandbox marketplace/Alipay.Sandbox "$sandbox_url"
fi

if wants marketplace; then
  # One admin for the operator and the demo: the password is generated on first use and kept (mode 600).
  mkdir -p "$admin_dir"; chmod 700 "$admin_dir"
  if [ ! -s "$admin_dir/password" ]; then
    (umask 077; openssl rand -base64 18 | tr -d '\n' >"$admin_dir/password")
    echo "admin: $admin_email / $(cat "$admin_dir/password")   (printed once; kept in $admin_dir/password)"
  else
    echo "admin: $admin_email (password in $admin_dir/password)"
  fi
  # The demo's hundreds of buyers all come from 127.0.0.1: lift the per-address limits for it only.
  limit_args=()
  $demo && for rule in SignUpPerAddress SignInPerAddress PurchasePerAddress; do limit_args+=(--RateLimiting:$rule:PermitLimit 1000000); done
  # Payments go to the sandbox started above; both find the keys in .services/alipay/ (repository root).
  # The admin password goes by file, not value: a command line is readable by every user through ps.
  # The cashier sends buyers back to the web front-end; the front-end on this machine may forward its visitors'
  # addresses for the per-address limits.
  api_args=(--Alipay:GatewayUrl "$sandbox_url/gateway.do" --Alipay:NotifyUrl "$marketplace_url/api/payments/alipay/notify"
    --Alipay:ReturnUrl "$web_url/payments/return" --RateLimiting:KnownProxies:0 127.0.0.1
    --Admin:Email "$admin_email" --Admin:PasswordFile "$PWD/$admin_dir/password" "${moderation_args[@]}" "${limit_args[@]}")
  # One token signing key for every instance and restart, generated once like the admin password.
  if [ ! -s .services/jwt/signing-key ]; then
    mkdir -p .services/jwt; chmod 700 .services/jwt
    (umask 077; openssl rand -base64 48 | tr -d '\n' >.services/jwt/signing-key)
  fi
  launch_env=("Jwt__SigningKey=$(cat .services/jwt/signing-key)")
  if [ "$instances" -eq 1 ]; then
    start_service marketplace marketplace/Marketplace.Api "$marketplace_url" "${api_args[@]}"
  else
    # N instances started together (migrations and the admin seed are safe to race), then the gateway before them.
    build_project marketplace marketplace/Marketplace.Api
    build_project gateway marketplace/Marketplace.Gateway
    start_shared_kafka
    base_port=${marketplace_url##*:}; base_port=${base_port%%/*}; host=${marketplace_url%:*}
    instance_pids=(); gateway_args=()
    for i in $(seq 1 "$instances"); do
      url="$host:$((base_port + 100 + i))"
      launch_service "marketplace-$i" marketplace marketplace/Marketplace.Api "$url" "${api_args[@]}"
      instance_pids+=("${pids[-1]}"); gateway_args+=(--Gateway:Destinations:$((i - 1)) "$url")
    done
    for i in $(seq 1 "$instances"); do
      await_service "marketplace-$i" "${instance_pids[$((i - 1))]}" "$host:$((base_port + 100 + i))"
    done
    launch_env=()
    launch_service gateway gateway marketplace/Marketplace.Gateway "$marketplace_url" "${gateway_args[@]}"
    await_service gateway "${pids[-1]}" "$marketplace_url"
    for _ in $(seq 1 60); do curl -fs "$marketplace_url/readyz" >/dev/null 2>&1 && break; sleep 0.5; done
  fi
  launch_env=()
  [ -f .services/alipay/app_id.txt ] || echo "run.sh: no Alipay keys in .services/alipay/ yet; payments answer 503 until the sandbox has written them" >&2
  echo "marketplace readiness: $(curl -s -o /dev/null -w '%{http_code}' "$marketplace_url/readyz")"
fi

if wants web; then
  start_service web marketplace/Marketplace.Web "$web_url" --Marketplace:BaseUrl "$marketplace_url/"
fi

echo "run.sh: up in $((SECONDS - run_started)) s"
if $demo; then
  # Without inference every review stays PENDING, so the demo stops after the orders.
  $no_inference && demo_args+=(--skip-reviews)
  build_project demo marketplace/Marketplace.Demo
  mkdir -p .services/demo
  set +e
  dotnet .services/build/demo/Marketplace.Demo.dll --marketplace-url "$marketplace_url" --sandbox-url "$sandbox_url" \
    --admin-email "$admin_email" --admin-password-file "$admin_dir/password" --json .services/demo/summary.json "${demo_args[@]}"
  demo_status=$?
  set -e
  if [ "$demo_status" -eq 0 ]; then echo "demo: passed (summary in .services/demo/summary.json)"; else echo "demo: FAILED (exit $demo_status)" >&2; fi
  $exit_after_demo && exit "$demo_status"
fi

echo "run.sh: running; Ctrl-C stops. Logs in .services/logs/"
wants web && echo "  web          $web_url   (the shop; sign in as the admin above for /admin)"
[ -n "$bundle" ] && wants inference && echo "  inference    $inference_url   (/v1/model, /readyz, /metrics)"
wants sandbox && echo "  sandbox      $sandbox_url   (/sandbox/app)"
wants marketplace && echo "  marketplace  $marketplace_url   (/readyz, /metrics, /openapi/v1.json)"
wants marketplace && [ "$instances" -gt 1 ] && echo "               gateway over $instances instances: $(curl -s "$marketplace_url/readyz")"
wait
