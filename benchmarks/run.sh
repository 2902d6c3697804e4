#!/usr/bin/env bash
# Runs the side-by-side benchmarks (Ember vs Apache Spark vs a single-threaded Java loop) and writes
# benchmarks/results/<date>/{results.md,chart.png,runs.csv,logs/}. See benchmarks/README.md.
#
#   benchmarks/run.sh [--sf 0.1|1] [--reps N] [--warmups N] [--parallelism N] [--heap 2g]
#                     [--workloads wordcount,q1,sort,join,cache] [--engines ember,spark,baseline]
#                     [--data DIR] [--out DIR] [--no-build]
#
# Builds Ember's jars and the benchmark modules through the reactor (never `mvn install`), generates
# the TPC-H tables once per scale factor with Ember's TpchGenerate, then runs the harness.
# Exit codes: 0 ok; 1 a run failed or the engines' answers differ; 2 bad arguments; 3 build failed;
# 4 data generation failed.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bench="$root/benchmarks"

sf=0.1; reps=""; warmups=1; parallelism=2; heap=""; workloads=wordcount,q1,sort,join,cache
engines=ember,spark,baseline; data=""; out=""; build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --sf) sf="$2"; shift 2 ;;
    --reps) reps="$2"; shift 2 ;;
    --warmups) warmups="$2"; shift 2 ;;
    --parallelism) parallelism="$2"; shift 2 ;;
    --heap) heap="$2"; shift 2 ;;
    --workloads) workloads="$2"; shift 2 ;;
    --engines) engines="$2"; shift 2 ;;
    --data) data="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n 2,13p "$0"; exit 0 ;;
    *) echo "run.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
case "$sf" in
  0.1) : "${reps:=3}"; : "${heap:=2g}" ;;
  1) : "${reps:=3}"; : "${heap:=6g}" ;;
  *) echo "run.sh: --sf must be 0.1 or 1 (the Q1 sums are exact longs, checked up to SF 1)" >&2; exit 2 ;;
esac
data="${data:-${TMPDIR:-/tmp}/ember-bench-tpch-sf$sf}"
out="${out:-$bench/results/$(date -u +%Y-%m-%d)-sf$sf}"

if [ "$build" = 1 ]; then
  echo "Building Ember and the benchmark modules (mvn -Pbenchmarks package)..." >&2
  (cd "$root" && mvn -B -q -Pbenchmarks \
      -pl benchmarks/ember-jobs,benchmarks/spark-jobs,benchmarks/harness -am \
      package -Dmaven.test.skip=true) || { echo "run.sh: the build failed" >&2; exit 3; }
fi
jar_of() { ls "$bench/$1"/target/ember-benchmark-*.jar | head -1; }
workloads_jar="$(jar_of workloads)"
cpdir="$bench/target"
mkdir -p "$cpdir"
echo "$(jar_of ember-jobs):$workloads_jar:$(cat "$bench/ember-jobs/target/classpath.txt")" > "$cpdir/ember.classpath"
echo "$(jar_of spark-jobs):$workloads_jar:$(cat "$bench/spark-jobs/target/classpath.txt")" > "$cpdir/spark.classpath"
echo "$workloads_jar" > "$cpdir/baseline.classpath"
# The workloads jar is already on the job modules' classpath.txt (a reactor dependency); listing it
# twice is harmless.

java_cmd="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if [ ! -f "$data/lineitem/_SUCCESS" ] || [ ! -f "$data/orders/_SUCCESS" ]; then
  echo "Generating TPC-H SF $sf (lineitem, orders) into $data with Ember's TpchGenerate..." >&2
  rm -rf "$data"
  "$java_cmd" -Xmx4g -Dember.master="local[$parallelism]" \
    -Dlog4j.configuration="file:$root/conf/log4j.properties.template" \
    -cp "$(cat "$cpdir/ember.classpath")" dev.ember.examples.TpchGenerate "$sf" "$data" lineitem orders \
    || { echo "run.sh: generating the data failed" >&2; exit 4; }
fi
# Warm the page cache so that no engine pays for the first read.
cat "$data"/lineitem/part-* "$data"/orders/part-* > /dev/null

mkdir -p "$out"
set +e
"$java_cmd" -Djava.awt.headless=true -cp "$(jar_of harness):$(cat "$bench/harness/target/classpath.txt")" \
  dev.ember.benchmarks.harness.BenchmarkMain \
  --data "$data" --out "$out" --scale-factor "$sf" --reps "$reps" --warmups "$warmups" \
  --parallelism "$parallelism" --heap "$heap" --workloads "$workloads" --engines "$engines" \
  --ember-cp "$cpdir/ember.classpath" --spark-cp "$cpdir/spark.classpath" \
  --baseline-cp "$cpdir/baseline.classpath" \
  --ember-commit "$(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo unknown)"
status=$?
exit $status
