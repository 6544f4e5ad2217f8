#!/usr/bin/env bash
# Request overhead a user feels: the sample app (GET /orders/1, 4-5 spans) under HTTP load, in four configurations:
#   off          tracing off (Boot's tracing auto-configuration excluded; a no-op Tracer)
#   boot         Boot tracing with no exporter (tracestore.enabled=false)
#   trace-store  trace-store with files, default settings
#   otlp         Boot's OTLP/HTTP span exporter (tracestore.enabled=false) to a local receiver (http.OtlpSink)
#
# Made for a host whose speed drifts (a shared VM: 5-10x within an hour): a ratio is only taken between
# configurations measured minutes apart, each fully warm, never two of them running at once.
#  1. Warm-up, one app at a time: each configuration's app starts and gets wrk load in chunks of WARMUP_CHUNK s
#     until it has served WARMUP_REQUESTS requests AND its CPU µs per request over the last WARMUP_STABLE chunks
#     lies within WARMUP_TOLERANCE % (the JIT compilers are done), or WARMUP s have passed (then the report says
#     "not stable"). The warm app is then stopped (SIGSTOP): it keeps its compiled code and heap but takes no CPU.
#  2. ROUNDS measurement windows. In each, every app in turn is resumed (SIGCONT), loaded SETTLE s (not counted),
#     measured DURATION s with wrk (closed model: the maximum requests/s, with the app's CPU µs, context switches
#     and bytes allocated per request, and CPU µs per request of its thread groups), and stopped again; then, at
#     the window's fixed rate, each in turn gets Gatling (open model, constant arrival rate: no coordinated
#     omission; RATE_WARMUP s not counted, then RATE_DURATION s) for p50/p99/p99.9. The fixed rate is RATE, or
#     RATE_SHARE % (50) of the maximum "boot" (else the first configuration) reached in the same window. The order
#     reverses every window, so that a drift does not always favour the same configuration.
# HttpReport prints every window, each figure's median, and the median and range of the per-window ratios (the
# figure to read on a drifting host); raw outputs stay in benchmarks/target/http/.
#
# CPU split (taskset): on 2 cores the apps run on CPU 0, and wrk, Gatling and the OTLP receiver on CPU 1, so the
# load generator never takes CPU time from the app; everything the app does (its request threads, trace-store's
# ingest and writer threads, GC, JIT) is paid from that one core. Override with APP_CPUS and LOAD_CPUS.
#
#   benchmarks/http/run-http.sh                      # 4 configurations, 5 windows: ~30 minutes on 2 cores
#   CONFIGS="boot trace-store otlp" ROUNDS=8 benchmarks/http/run-http.sh   # more windows, fewer configurations
#   RATE=1500 benchmarks/http/run-http.sh            # a given fixed rate
#   APP_CPUS=0 LOAD_CPUS=1 benchmarks/http/run-http.sh  # the default split on 2 cores
#   PROFILE=/path/to/libasyncProfiler.so benchmarks/http/run-http.sh  # also a cpu profile per configuration
#   CONFIGS=trace-store ROUNDS=1 WARMUP=10 DURATION=5 RATE_WARMUP=2 RATE_DURATION=5 benchmarks/http/run-http.sh
#                                                    # a smoke test of the script, about a minute
set -euo pipefail

cd "$(dirname "$0")/../.."
OUT=${OUT:-benchmarks/target/http}  # where the raw outputs go (emptied first)
ROUNDS=${ROUNDS:-5}               # measurement windows; each measures every configuration once
WARMUP=${WARMUP:-600}             # s: the longest warm-up of one app (it ends sooner once warm, see above)
WARMUP_REQUESTS=${WARMUP_REQUESTS:-200000}  # requests an app serves before it can count as warm
WARMUP_CHUNK=${WARMUP_CHUNK:-10}  # s of wrk per warm-up chunk
WARMUP_STABLE=${WARMUP_STABLE:-3} # chunks whose CPU µs/request must agree
WARMUP_TOLERANCE=${WARMUP_TOLERANCE:-10}    # %: how far they may lie apart (largest / smallest - 1)
DURATION=${DURATION:-10}          # s of each wrk measurement (maximum requests/s)
SETTLE=${SETTLE:-2}               # s of wrk after an app is resumed, not counted
CONNECTIONS=${CONNECTIONS:-16}    # wrk connections
RATE=${RATE:-}                    # fixed rate in requests/s; empty: RATE_SHARE % of boot's maximum in the same window
RATE_SHARE=${RATE_SHARE:-50}      # % of boot's maximum; lower it on a loaded host, where Gatling's own JVM (cold at
                                  # every window) and its connection bursts become the bottleneck at 50 %
RATE_WARMUP=${RATE_WARMUP:-5}     # s at the fixed rate not counted (Gatling reports them as "warm-up")
RATE_DURATION=${RATE_DURATION:-20}  # 0: no fixed-rate phase (profiling runs)
APP_CPUS=${APP_CPUS:-0}           # taskset list for the apps: CPU 0
LOAD_CPUS=${LOAD_CPUS:-1}         # taskset list for wrk, Gatling and the OTLP receiver: CPU 1 (on a 1-CPU machine: 0)
APP_JAVA_OPTS=${APP_JAVA_OPTS:-"-Xmx1g"}
PROFILE=${PROFILE:-}              # path of libasyncProfiler.so: profile each app over its measured wrk runs
PROFILE_EVENT=${PROFILE_EVENT:-cpu}   # cpu, alloc, wall...: written to profile-<config>-<event>.collapsed
case $PROFILE_EVENT in              # time events: a sample per ms; alloc: counts in bytes
  cpu|wall|itimer) PROFILE_OPTIONS=${PROFILE_OPTIONS:-interval=1ms} ;;
  *) PROFILE_OPTIONS=${PROFILE_OPTIONS:-total} ;;
esac

command -v wrk > /dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

APP_JAR=sample-app/target/sample-app.jar
BENCH_JAR=benchmarks/target/benchmarks.jar
LOAD_CP=benchmarks/http/target/classpath.txt
OTLP_LIB=benchmarks/http/otlp-exporter/target/lib
stale() { [ ! -e "$1" ] || [ -n "$(find "${@:2}" -newer "$1" -print -quit)" ]; }
if stale "$APP_JAR" sample-app/src sample-app/pom.xml trace-store-core/src trace-store-autoconfigure/src pom.xml; then
  ./mvnw -q -B -pl sample-app -am package -DskipTests
fi
if stale "$BENCH_JAR" benchmarks/src benchmarks/pom.xml trace-store-core/src pom.xml; then
  ./mvnw -q -B -pl benchmarks -am package -DskipTests
fi
if stale "$LOAD_CP" benchmarks/http/src benchmarks/http/pom.xml; then
  ./mvnw -q -B -f benchmarks/http/pom.xml package
fi
# The exporter jars must match the OpenTelemetry version inside the app.
OTEL_VERSION=$(unzip -l "$APP_JAR" | sed -n 's|.*BOOT-INF/lib/opentelemetry-sdk-trace-\(.*\)\.jar$|\1|p')
if [ ! -e "$OTLP_LIB/opentelemetry-exporter-otlp-$OTEL_VERSION.jar" ]; then
  rm -rf "$OTLP_LIB"
  ./mvnw -q -B -f benchmarks/http/otlp-exporter/pom.xml package -Dopentelemetry.version="$OTEL_VERSION"
fi

APP_JAR_PATH=$(realpath "$APP_JAR")
rm -rf "$OUT"
mkdir -p "$OUT"
RESULTS=$OUT/results.tsv
WARMUPS=$OUT/warmup.tsv
printf 'round\tconfig\tmaxRps\tcsPerRequest\tcpuMicrosPerRequest\trate\trequests\tfailed\tp50\tp99\tp999\tload' > "$RESULTS"
printf '\tallocKBPerRequest\trequestThreadMicros\ttraceStoreThreadMicros\tjitMicros\tgcMicros\n' >> "$RESULTS"
printf 'config\trequests\tseconds\tcpuMicrosPerRequest\tstable\n' > "$WARMUPS"

free_port() {
  local port
  while :; do
    # below Linux's ephemeral range (32768-60999), where the load generators' own client ports come from
    port=$((20000 + RANDOM % 12000))
    ss -Htan "sport = :$port" | grep -q . || { echo "$port"; return; }
  done
}

# A stopped process gets a SIGTERM only once continued: resume first.
STARTED=()
stop_all() {
  for pid in "${STARTED[@]}"; do
    kill -CONT "$pid" 2> /dev/null || true
    kill "$pid" 2> /dev/null && wait "$pid" 2> /dev/null || true
  done
}
trap stop_all EXIT

SINK_PORT=$(free_port)
taskset -c "$LOAD_CPUS" java -Xmx256m -cp "$BENCH_JAR" dev.tracestore.benchmarks.http.OtlpSink "$SINK_PORT" \
  > "$OUT/otlp-sink.log" 2>&1 &
SINK_PID=$!
STARTED+=("$SINK_PID")

{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "cpu: $(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  echo "memory: $(free -h | awk '/^Mem:/ {print $2}')"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "wrk: $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2); Gatling $(sed -n 's|.*<gatling.version>\(.*\)</gatling.version>.*|\1|p' benchmarks/http/pom.xml)"
  echo "apps: java $APP_JAVA_OPTS on cpu $APP_CPUS, one running at a time; wrk, Gatling and the OTLP receiver on cpu $LOAD_CPUS"
  echo "warm-up: wrk -t1 -c$CONNECTIONS in ${WARMUP_CHUNK}s chunks until $WARMUP_REQUESTS requests and the CPU µs/request of $WARMUP_STABLE chunks within $WARMUP_TOLERANCE %, at most ${WARMUP}s"
  echo "windows: $ROUNDS; per app ${SETTLE}s + ${DURATION}s of wrk -t1 -c$CONNECTIONS, Gatling ${RATE_WARMUP}s + ${RATE_DURATION}s at the fixed rate"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$OUT/machine.txt"

# A thread may end between the listing of /proc/<pid>/task and its read: that read fails, and must not stop the script
# (set -e with pipefail). The same holds in thread_ticks.
context_switches() { { cat /proc/"$1"/task/*/status 2> /dev/null || true; } | awk '/ctxt_switches/ {s += $2} END {print s}'; }
cpu_ticks() { awk '{print $14 + $15}' /proc/"$1"/stat; }
# CPU ticks per thread name (digits as N), summed: "name ticks" lines
thread_ticks() {
  for task in /proc/"$1"/task/*; do
    sed -E 's/^[0-9]+ \((.*)\) [A-Z] (([^ ]+ ){10})([0-9]+) ([0-9]+) .*/\1|\4 \5/' "$task/stat" 2> /dev/null || true
  done | awk -F'|' '{name = $1; gsub(/[0-9]+/, "N", name); gsub(/ /, "_", name); split($2, t, " "); s[name] += t[1] + t[2]}
                   END {for (n in s) print n, s[n]}' | sort
}
# bytes allocated by the app's Java threads so far (ThreadMXBean through the attach API)
allocated_bytes() { java -cp "$BENCH_JAR" dev.tracestore.benchmarks.http.ThreadCosts "$1" 2> /dev/null | awk '$1 == "TOTAL" {print $2}'; }
requests_of() { awk '/requests in/ {print $1}' "$1"; }
per_request() { awk -v a="$1" -v b="$2" -v n="$3" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.1f", (n > 0 ? (b - a) * 1e6 / hz / n : 0)}'; }

# async-profiler through the JVM's attach API; "resume" adds to what earlier windows collected
profile() { [ -z "$PROFILE" ] || jcmd "$1" JVMTI.agent_load "$PROFILE" "\"$2\"" > /dev/null 2>&1 || true; }

declare -A PIDS URLS MAX
start_app() {
  local config=$1 dir=$OUT/app-$1 port args=() classpath=()
  mkdir -p "$dir"
  port=$(free_port)
  case $config in
    off) args=(--tracestore.enabled=false "--spring.autoconfigure.exclude=org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration,org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration") ;;
    boot) args=(--tracestore.enabled=false) ;;
    trace-store) args=() ;;
    otlp) args=(--tracestore.enabled=false
                "--management.opentelemetry.tracing.export.otlp.endpoint=http://127.0.0.1:$SINK_PORT/v1/traces")
          classpath=("-Dloader.path=$(realpath "$OTLP_LIB")") ;;
    *) echo "unknown configuration: $config (off, boot, trace-store, otlp)" >&2; exit 1 ;;
  esac
  # Every configuration starts the same way; PropertiesLauncher adds loader.path (the OTLP exporter) when set.
  # shellcheck disable=SC2086 # APP_JAVA_OPTS is a list of options
  (cd "$dir" && exec taskset -c "$APP_CPUS" java $APP_JAVA_OPTS "${classpath[@]}" -cp "$APP_JAR_PATH" \
      org.springframework.boot.loader.launch.PropertiesLauncher --server.address=127.0.0.1 --server.port="$port" \
      "${args[@]}" > app.log 2>&1) &
  local pid=$!
  STARTED+=("$pid")
  PIDS[$config]=$pid
  URLS[$config]=http://127.0.0.1:$port/orders/1
  for _ in $(seq 1 240); do
    curl -sf -o /dev/null "${URLS[$config]}" && break
    kill -0 "$pid" 2> /dev/null || { tail -20 "$dir/app.log"; exit 1; }
    sleep 0.5
  done
  allocated_bytes "$pid" > /dev/null # starts the app's management agent before the measurement
}

# Loads the app in chunks until it is warm (see the header) or WARMUP s have passed; one line per chunk in
# app-<config>/warmup.txt, the outcome in warmup.tsv.
warm_up() {
  local config=$1 pid=${PIDS[$1]} dir=$OUT/app-$1 started=$SECONDS total=0 chunk cpu0 cpu1 n us stable=no
  local recent=()
  while :; do
    chunk=$((WARMUP - (SECONDS - started)))
    (( chunk > WARMUP_CHUNK )) && chunk=$WARMUP_CHUNK
    (( chunk < 1 )) && chunk=1
    cpu0=$(cpu_ticks "$pid")
    taskset -c "$LOAD_CPUS" wrk -t1 -c"$CONNECTIONS" -d"${chunk}s" "${URLS[$config]}" > "$dir/wrk-warmup.txt"
    cpu1=$(cpu_ticks "$pid")
    n=$(requests_of "$dir/wrk-warmup.txt")
    total=$((total + n))
    us=$(per_request "$cpu0" "$cpu1" "$n")
    recent+=("$us")
    (( ${#recent[@]} > WARMUP_STABLE )) && recent=("${recent[@]:1}")
    echo "$((SECONDS - started))s requests=$total chunk=$n cpuMicrosPerRequest=$us load=$(cut -d' ' -f1 /proc/loadavg)" \
        >> "$dir/warmup.txt"
    if (( total >= WARMUP_REQUESTS && ${#recent[@]} >= WARMUP_STABLE )) && printf '%s\n' "${recent[@]}" \
        | awk -v tol="$WARMUP_TOLERANCE" 'NR == 1 {lo = hi = $1} {if ($1 < lo) lo = $1; if ($1 > hi) hi = $1}
                                          END {exit !(lo > 0 && (hi / lo - 1) * 100 <= tol)}'; then
      stable=yes
      break
    fi
    (( SECONDS - started >= WARMUP )) && break
  done
  printf '%s\t%s\t%s\t%s\t%s\n' "$config" "$total" "$((SECONDS - started))" "$us" "$stable" | tee -a "$WARMUPS"
}

# The maximum requests/s of one app with wrk, and what the app spent on it; leaves "name value" lines in max.txt.
measure_max() {
  local window=$1 config=$2 pid=${PIDS[$2]} url=${URLS[$2]} dir=$OUT/$1-$2
  mkdir -p "$dir"
  kill -CONT "$pid"
  taskset -c "$LOAD_CPUS" wrk -t1 -c"$CONNECTIONS" -d"${SETTLE}s" "$url" > "$dir/wrk-settle.txt"
  local cs0 cpu0 cs1 cpu1 alloc0 alloc1
  alloc0=$(allocated_bytes "$pid")
  profile "$pid" "resume,event=$PROFILE_EVENT,$PROFILE_OPTIONS,threads"
  thread_ticks "$pid" > "$dir/threads-before.txt"
  cs0=$(context_switches "$pid"); cpu0=$(cpu_ticks "$pid")
  taskset -c "$LOAD_CPUS" wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$url" > "$dir/wrk.txt"
  cs1=$(context_switches "$pid"); cpu1=$(cpu_ticks "$pid")
  thread_ticks "$pid" > "$dir/threads-after.txt"
  profile "$pid" "stop,file=$(realpath "$OUT")/profile-$config-$PROFILE_EVENT.collapsed,collapsed,$PROFILE_OPTIONS"
  alloc1=$(allocated_bytes "$pid")
  kill -STOP "$pid"
  local requests
  requests=$(requests_of "$dir/wrk.txt")
  # CPU µs per request of each thread group (request threads, trace-store's, the JIT compilers, GC in "VM Thread")
  join "$dir/threads-before.txt" "$dir/threads-after.txt" | awk -v n="$requests" -v hz="$(getconf CLK_TCK)" \
      '{v = ($3 - $2) * 1e6 / hz / n; if (v >= 0.5) printf "%s %.1f\n", $1, v}' | sort -k2 -nr > "$dir/threads.txt"
  {
    echo "maxRps $(awk '/Requests\/sec/ {printf "%.0f", $2}' "$dir/wrk.txt")"
    echo "cs $(awk -v a="$cs0" -v b="$cs1" -v n="$requests" 'BEGIN {printf "%.2f", (b - a) / n}')"
    echo "cpu $(per_request "$cpu0" "$cpu1" "$requests")"
    echo "alloc $(awk -v a="${alloc0:-0}" -v b="${alloc1:-0}" -v n="$requests" 'BEGIN {printf "%.1f", (b - a) / 1024 / n}')"
    # /proc cuts thread names to 15 characters: http-nio-N.N.N. holds the request threads (and Tomcat's poller)
    awk '$1 ~ /^http-nio/ {r += $2} $1 ~ /^trace-store/ {t += $2} $1 ~ /CompilerThre/ {j += $2}
         $1 ~ /^VM_Thread|^GC_Thread|^G1_/ {g += $2}
         END {printf "requestThreads %.1f\ntraceStoreThreads %.1f\njit %.1f\ngc %.1f\n", r, t, j, g}' "$dir/threads.txt"
  } > "$dir/max.txt"
}

# Latency at the fixed rate with Gatling; leaves Gatling's figures in stats.txt.
measure_rate() {
  local window=$1 config=$2 rate=$3 pid=${PIDS[$2]} dir=$OUT/$1-$2
  kill -CONT "$pid"
  # Gatling's actors block on one another at start: with one visible CPU its pool deadlocks, hence
  # ActiveProcessorCount=2; it needs java.lang opened (as its own launchers do); timeout bounds a stuck run.
  timeout $((RATE_WARMUP + RATE_DURATION + 180)) taskset -c "$LOAD_CPUS" java -XX:ActiveProcessorCount=2 -Xmx512m \
      --add-opens=java.base/java.lang=ALL-UNNAMED -cp "benchmarks/http/target/classes:$(cat "$LOAD_CP")" \
      -Durl="${URLS[$config]}" -Drate="$rate" -Dwarmup="$RATE_WARMUP" -Dduration="$RATE_DURATION" \
      io.gatling.app.Gatling -s dev.tracestore.benchmarks.http.ConstantRateSimulation -rf "$(realpath "$dir")/gatling" \
      > "$dir/gatling.log" 2>&1 || echo "Gatling failed for $config (see $dir/gatling.log)" >&2
  kill -STOP "$pid"
  java -cp "benchmarks/http/target/classes:$(cat "$LOAD_CP")" dev.tracestore.benchmarks.http.GatlingStats \
      "$dir/gatling" > "$dir/stats.txt" 2> /dev/null || printf -- '-\t-\t-\t-\t-\t-\n' > "$dir/stats.txt"
}

value() { awk -v k="$2" '$1 == k {print $2}' "$1"; }

read -r -a ORDER <<< "${CONFIGS:-boot trace-store otlp off}"
RATE_FROM=boot
[[ " ${ORDER[*]} " == *" boot "* ]] || RATE_FROM=${ORDER[0]}

for config in "${ORDER[@]}"; do
  start_app "$config"
  warm_up "$config"
  kill -STOP "${PIDS[$config]}"
done

for window in $(seq 1 "$ROUNDS"); do
  for config in "${ORDER[@]}"; do
    measure_max "$window" "$config"
  done
  rate=${RATE:-$(( $(value "$OUT/$window-$RATE_FROM/max.txt" maxRps) * RATE_SHARE / 100 ))}
  echo "window $window: fixed rate $rate requests/s${RATE:+ (RATE)}; load $(cut -d' ' -f1-3 /proc/loadavg)"
  for config in "${ORDER[@]}"; do
    if (( RATE_DURATION > 0 )); then
      measure_rate "$window" "$config" "$rate"
    else
      printf -- '-\t-\t-\t-\t-\t-\n' > "$OUT/$window-$config/stats.txt"
    fi
  done
  for config in "${ORDER[@]}"; do
    dir=$OUT/$window-$config
    IFS=$'\t' read -r count failed p50 p99 p999 _ < "$dir/stats.txt"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$window" "$config" \
        "$(value "$dir/max.txt" maxRps)" "$(value "$dir/max.txt" cs)" "$(value "$dir/max.txt" cpu)" "$rate" \
        "$count" "$failed" "$p50" "$p99" "$p999" "$(cut -d' ' -f1 /proc/loadavg)" "$(value "$dir/max.txt" alloc)" \
        "$(value "$dir/max.txt" requestThreads)" "$(value "$dir/max.txt" traceStoreThreads)" \
        "$(value "$dir/max.txt" jit)" "$(value "$dir/max.txt" gc)" | tee -a "$RESULTS"
  done
  # alternate the order, so that a drift in the machine's load does not always favour the same configuration
  for (( i = ${#ORDER[@]} - 1, j = 0; i > j; i--, j++ )); do
    tmp=${ORDER[i]}; ORDER[i]=${ORDER[j]}; ORDER[j]=$tmp
  done
done

stop_all
STARTED=()
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/machine.txt"
echo "OTLP receiver: $(tail -1 "$OUT/otlp-sink.log")" >> "$OUT/machine.txt"
echo
cat "$OUT/machine.txt"
echo
java -cp "$BENCH_JAR" dev.tracestore.benchmarks.http.HttpReport "$RESULTS" "$WARMUPS" | tee "$OUT/report.md"
