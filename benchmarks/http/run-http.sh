#!/usr/bin/env bash
# Request overhead a user feels: the sample app (GET /orders/1, 4-5 spans) under HTTP load, in four configurations
# one after the other, in alternating order over ROUNDS rounds:
#   off          tracing off (Boot's tracing auto-configuration excluded; a no-op Tracer)
#   boot         Boot tracing with no exporter (tracestore.enabled=false)
#   trace-store  trace-store with files, default settings
#   otlp         Boot's OTLP/HTTP span exporter (tracestore.enabled=false) to a local receiver (http.OtlpSink)
# Per configuration: a fresh app, a wrk warm-up, the maximum requests/s (wrk, closed model), then latency at a fixed
# rate with Gatling (open model, constant arrival rate: no coordinated omission). The fixed rate is RATE, or half
# the maximum of "boot" in round 1. Prints the table of every run (with the app's CPU µs per request, from
# /proc/<pid>/stat over the wrk run, and per thread group in <run>/threads.txt) and the summary; raw outputs stay in
# benchmarks/target/http/.
#
# CPU split (taskset): on 2 cores the app runs on CPU 0 alone, and wrk, Gatling and the OTLP receiver on CPU 1, so
# the load generator never takes CPU time from the app; everything the app does (its request threads, trace-store's
# ingest and writer threads, GC, JIT) is paid from that one core. Override with APP_CPUS and LOAD_CPUS.
#
#   benchmarks/http/run-http.sh                      # 2 rounds, 15-30 minutes on 2 cores
#   ROUNDS=1 DURATION=10 RATE_DURATION=15 benchmarks/http/run-http.sh   # a quick try
#   RATE=1500 benchmarks/http/run-http.sh            # a given fixed rate
#   APP_CPUS=0 LOAD_CPUS=1 benchmarks/http/run-http.sh  # the default split on 2 cores
#   CONFIGS=trace-store ROUNDS=1 WARMUP=10 DURATION=5 RATE_WARMUP=2 RATE_DURATION=5 benchmarks/http/run-http.sh
#                                                    # a smoke test of the script, about a minute
#   CONFIGS="boot trace-store" benchmarks/http/run-http.sh  # only some configurations
set -euo pipefail

cd "$(dirname "$0")/../.."
OUT=benchmarks/target/http
ROUNDS=${ROUNDS:-2}
WARMUP=${WARMUP:-60}              # s of wrk before the measurements, per app start: on one CPU the JIT compilers
                                  # take ~40 s under load, and a shorter warm-up measures them
DURATION=${DURATION:-20}          # s of the wrk maximum-throughput run
CONNECTIONS=${CONNECTIONS:-16}    # wrk connections
RATE=${RATE:-}                    # fixed rate in requests/s; empty: half of boot's maximum in round 1
RATE_WARMUP=${RATE_WARMUP:-10}    # s at the fixed rate not counted (Gatling reports them as "warm-up")
RATE_DURATION=${RATE_DURATION:-30}
APP_CPUS=${APP_CPUS:-0}           # taskset list for the app: CPU 0
LOAD_CPUS=${LOAD_CPUS:-1}         # taskset list for wrk, Gatling and the OTLP receiver: CPU 1 (on a 1-CPU machine: 0)
APP_JAVA_OPTS=${APP_JAVA_OPTS:-"-Xmx1g"}

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
printf 'round\tconfig\tmaxRps\tcsPerRequest\tcpuMicrosPerRequest\trate\trequests\tfailed\tp50\tp99\tp999\tload\tallocKBPerRequest\n' \
  > "$RESULTS"

free_port() {
  local port
  while :; do
    # below Linux's ephemeral range (32768-60999), where the load generators' own client ports come from
    port=$((20000 + RANDOM % 12000))
    ss -Htan "sport = :$port" | grep -q . || { echo "$port"; return; }
  done
}

STARTED=()
stop_all() {
  for pid in "${STARTED[@]}"; do
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
  echo "app: java $APP_JAVA_OPTS on cpu $APP_CPUS; wrk, Gatling and the OTLP receiver on cpu $LOAD_CPUS"
  echo "load: wrk -t1 -c$CONNECTIONS, ${WARMUP}s warm-up + ${DURATION}s; Gatling ${RATE_WARMUP}s + ${RATE_DURATION}s at the fixed rate"
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

run() {
  local round=$1 config=$2 dir=$OUT/$1-$2 port args=() classpath=()
  mkdir -p "$dir"
  port=$(free_port)
  case $config in
    off) args=(--tracestore.enabled=false "--spring.autoconfigure.exclude=org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration,org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration") ;;
    boot) args=(--tracestore.enabled=false) ;;
    trace-store) args=() ;;
    otlp) args=(--tracestore.enabled=false
                "--management.opentelemetry.tracing.export.otlp.endpoint=http://127.0.0.1:$SINK_PORT/v1/traces")
          classpath=("-Dloader.path=$(realpath "$OTLP_LIB")") ;;
  esac
  # Every configuration starts the same way; PropertiesLauncher adds loader.path (the OTLP exporter) when set.
  # shellcheck disable=SC2086 # APP_JAVA_OPTS is a list of options
  (cd "$dir" && exec taskset -c "$APP_CPUS" java $APP_JAVA_OPTS "${classpath[@]}" -cp "$APP_JAR_PATH" \
      org.springframework.boot.loader.launch.PropertiesLauncher --server.address=127.0.0.1 --server.port="$port" \
      "${args[@]}" > app.log 2>&1) &
  local pid=$!
  STARTED+=("$pid")
  local url=http://127.0.0.1:$port/orders/1
  for _ in $(seq 1 240); do
    curl -sf -o /dev/null "$url" && break
    kill -0 "$pid" 2> /dev/null || { tail -20 "$dir/app.log"; exit 1; }
    sleep 0.5
  done
  allocated_bytes "$pid" > /dev/null # starts the app's management agent before the measurement
  taskset -c "$LOAD_CPUS" wrk -t1 -c"$CONNECTIONS" -d"${WARMUP}s" "$url" > "$dir/wrk-warmup.txt"

  local cs0 cpu0 cs1 cpu1 alloc0 alloc1
  thread_ticks "$pid" > "$dir/threads-before.txt"
  cs0=$(context_switches "$pid"); cpu0=$(cpu_ticks "$pid"); alloc0=$(allocated_bytes "$pid")
  taskset -c "$LOAD_CPUS" wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$url" > "$dir/wrk.txt"
  cs1=$(context_switches "$pid"); cpu1=$(cpu_ticks "$pid"); alloc1=$(allocated_bytes "$pid")
  thread_ticks "$pid" > "$dir/threads-after.txt"
  local requests max
  requests=$(awk '/requests in/ {print $1}' "$dir/wrk.txt")
  max=$(awk '/Requests\/sec/ {printf "%.0f", $2}' "$dir/wrk.txt")
  local cs_per_request cpu_per_request
  cs_per_request=$(awk -v a="$cs0" -v b="$cs1" -v n="$requests" 'BEGIN {printf "%.2f", (b - a) / n}')
  cpu_per_request=$(awk -v a="$cpu0" -v b="$cpu1" -v n="$requests" -v hz="$(getconf CLK_TCK)" \
      'BEGIN {printf "%.0f", (b - a) * 1e6 / hz / n}')
  local alloc_per_request
  alloc_per_request=$(awk -v a="${alloc0:-0}" -v b="${alloc1:-0}" -v n="$requests" 'BEGIN {printf "%.1f", (b - a) / 1024 / n}')
  # CPU µs per request of each thread group (request threads, trace-store's, the JIT compilers, GC in "VM Thread")
  join "$dir/threads-before.txt" "$dir/threads-after.txt" | awk -v n="$requests" -v hz="$(getconf CLK_TCK)" \
      '{v = ($3 - $2) * 1e6 / hz / n; if (v >= 0.5) printf "%s %.1f\n", $1, v}' | sort -k2 -nr > "$dir/threads.txt"
  if [ -z "$RATE" ]; then
    RATE=$((max / 2))
    echo "fixed rate: $RATE requests/s (half of $config's maximum, $max)"
  fi

  # Gatling's actors block on one another at start: with one visible CPU its pool deadlocks, hence
  # ActiveProcessorCount=2; it needs java.lang opened (as its own launchers do); timeout bounds a stuck run.
  timeout $((RATE_WARMUP + RATE_DURATION + 180)) taskset -c "$LOAD_CPUS" java -XX:ActiveProcessorCount=2 -Xmx512m \
      --add-opens=java.base/java.lang=ALL-UNNAMED -cp "benchmarks/http/target/classes:$(cat "$LOAD_CP")" \
      -Durl="$url" -Drate="$RATE" -Dwarmup="$RATE_WARMUP" -Dduration="$RATE_DURATION" \
      io.gatling.app.Gatling -s dev.tracestore.benchmarks.http.ConstantRateSimulation -rf "$(realpath "$dir")/gatling" \
      > "$dir/gatling.log" 2>&1 || echo "Gatling failed for $config (see $dir/gatling.log)" >&2
  local stats
  stats=$(java -cp "benchmarks/http/target/classes:$(cat "$LOAD_CP")" dev.tracestore.benchmarks.http.GatlingStats \
      "$dir/gatling" 2> /dev/null || printf -- '-\t-\t-\t-\t-\t-')
  kill "$pid"; wait "$pid" 2> /dev/null || true
  IFS=$'\t' read -r count failed p50 p99 p999 _ <<< "$stats"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$config" "$max" "$cs_per_request" \
      "$cpu_per_request" "$RATE" "$count" "$failed" "$p50" "$p99" "$p999" "$(cut -d' ' -f1 /proc/loadavg)" \
      "$alloc_per_request" | tee -a "$RESULTS"
}

read -r -a ORDER <<< "${CONFIGS:-boot trace-store otlp off}"
for round in $(seq 1 "$ROUNDS"); do
  for config in "${ORDER[@]}"; do
    run "$round" "$config"
  done
  # alternate the order, so that a drift in the machine's load does not always favour the same configuration
  for (( i = ${#ORDER[@]} - 1, j = 0; i > j; i--, j++ )); do
    tmp=${ORDER[i]}; ORDER[i]=${ORDER[j]}; ORDER[j]=$tmp
  done
done

kill "$SINK_PID"; wait "$SINK_PID" 2> /dev/null || true
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/machine.txt"
echo "OTLP receiver: $(tail -1 "$OUT/otlp-sink.log")" >> "$OUT/machine.txt"
echo
cat "$OUT/machine.txt"
echo
java -cp "$BENCH_JAR" dev.tracestore.benchmarks.http.HttpReport "$RESULTS" | tee "$OUT/report.md"
