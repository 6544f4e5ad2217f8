#!/usr/bin/env bash
# Runs the short benchmark suite (JMH, ours beside the peers in one run) and the forked-JVM harness, then prints
# one table: figure | trace-store | peer | ratio | target. Raw outputs stay in benchmarks/target/.
#
#   benchmarks/run.sh                      # the full short suite, about 8 minutes on 2 cores
#   SPANS=100000 benchmarks/run.sh         # smaller large-store size, for a quick try
#   JMH_OPTS="-f 1 -wi 5 -i 10" benchmarks/run.sh
set -euo pipefail

cd "$(dirname "$0")/.."
OUT=benchmarks/target
JAR=$OUT/benchmarks.jar
SPANS=${SPANS:-1000000}
JMH_OPTS=${JMH_OPTS:-"-f 1 -wi 2 -i 3 -w 1s -r 1s"}

# Rebuild when the jar is missing or older than any source it is made of.
if [ ! -f "$JAR" ] || [ -n "$(find benchmarks/src benchmarks/pom.xml trace-store-core/src trace-store-core/pom.xml pom.xml \
        -newer "$JAR" -print -quit)" ]; then
  ./mvnw -q -B -pl benchmarks -am package -DskipTests
fi

# Other work on the machine moves every figure: keep the load next to the results.
{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "cpu: $(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  echo "memory: $(free -h | awk '/^Mem:/ {print $2}')"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$OUT/machine.txt"

echo "JMH: $JMH_OPTS (log: $OUT/jmh.log)"
# shellcheck disable=SC2086 # JMH_OPTS is a list of options
java -jar "$JAR" $JMH_OPTS -p spans="$SPANS" -rf csv -rff "$OUT/jmh.csv" > "$OUT/jmh.log" 2>&1 \
  || { tail -40 "$OUT/jmh.log"; exit 1; }
grep -E '^(Benchmark|[A-Za-z]+Benchmark\.[a-zA-Z]+ )' "$OUT/jmh.log" || true

echo "Harness: one fresh JVM per scenario (logs: $OUT/harness/)"
java -cp "$JAR" dev.tracestore.benchmarks.harness.HarnessRunner "$OUT/harness" "$SPANS"

echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/machine.txt"
echo
cat "$OUT/machine.txt"
echo
java -cp "$JAR" dev.tracestore.benchmarks.report.Report "$OUT/jmh.csv" "$OUT/harness/harness.properties" \
  | tee "$OUT/report.md"
