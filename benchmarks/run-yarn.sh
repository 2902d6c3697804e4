#!/usr/bin/env bash
# Runs the YARN benchmark: Ember (scripts/ember-submit, cluster deploy mode; engine
# ember-driver-executor: the same plus --conf ember.yarn.driverExecutor.enabled=true) vs Hadoop
# MapReduce (the Job API) vs Apache Spark on YARN (SparkSubmit, cluster deploy mode) on a
# single-machine cluster (scripts/ember-minicluster), and writes benchmarks/results/<date>-yarn/
# {results.md,chart.png,runs.csv,logs/}. See benchmarks/README.md.
#
#   benchmarks/run-yarn.sh [--sf 0.1|1] [--reps N] [--warmups N] [--workloads trivial,wordcount,q1]
#                          [--engines ember,ember-driver-executor,mapreduce,spark]
#                          [--data DIR] [--out DIR] [--cluster-dir DIR] [--no-build]
#
# Builds through the reactor (never `mvn install`), generates lineitem once per scale factor with
# Ember's TpchGenerate, starts a minicluster (1 host, 8 GiB, with MapReduce's shuffle service),
# loads lineitem into HDFS, runs the harness (dev.ember.benchmarks.harness.YarnBenchmarkMain) and
# stops the cluster. Exit codes: 0 ok; 1 a run failed or the engines' answers differ; 2 bad
# arguments; 3 the build failed; 4 data generation or loading failed; 5 the cluster did not start.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bench="$root/benchmarks"

sf=0.1; reps=3; warmups=1; workloads=trivial,wordcount,q1; engines=ember,ember-driver-executor,mapreduce,spark
data=""; out=""; cluster_dir=""; build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --sf) sf="$2"; shift 2 ;;
    --reps) reps="$2"; shift 2 ;;
    --warmups) warmups="$2"; shift 2 ;;
    --workloads) workloads="$2"; shift 2 ;;
    --engines) engines="$2"; shift 2 ;;
    --data) data="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --cluster-dir) cluster_dir="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n 2,16p "$0"; exit 0 ;;
    *) echo "run-yarn.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
case "$sf" in
  0.1|1) ;;
  *) echo "run-yarn.sh: --sf must be 0.1 or 1 (the Q1 sums are exact longs, checked up to SF 1)" >&2; exit 2 ;;
esac
data="${data:-${TMPDIR:-/tmp}/ember-bench-tpch-sf$sf}"
out="${out:-$bench/results/$(date -u +%Y-%m-%d)-yarn}"
cluster_dir="${cluster_dir:-${TMPDIR:-/tmp}/ember-bench-yarn-cluster}"

if [ "$build" = 1 ]; then
  echo "Building Ember, the minicluster and the benchmark modules (mvn -Pbenchmarks package)..." >&2
  (cd "$root" && mvn -B -q -Pbenchmarks \
      -pl minicluster,benchmarks/ember-jobs,benchmarks/yarn-jobs,benchmarks/spark-yarn-jobs,benchmarks/harness -am \
      package -Dmaven.test.skip=true) || { echo "run-yarn.sh: the build failed" >&2; exit 3; }
fi
jar_of() { ls "$bench/$1"/target/ember-benchmark-*.jar | grep -v -- '-sources.jar$' | head -1; }
java_cmd="${JAVA_HOME:+$JAVA_HOME/bin/}java"
java_cmd="$(command -v "$java_cmd")"
workloads_jar="$(jar_of workloads)"
hadoop_home="$root/minicluster/target/hadoop-home"
conf_dir="$cluster_dir/conf"
hadoop_cp="$conf_dir:$hadoop_home/share/hadoop/common/*:$hadoop_home/share/hadoop/common/lib/*"
hadoop_cp="$hadoop_cp:$hadoop_home/share/hadoop/hdfs/*:$hadoop_home/share/hadoop/yarn/*"
yarn_jobs_jar="$(jar_of yarn-jobs)"
mr_cp="$yarn_jobs_jar:$workloads_jar:$hadoop_cp"

# Ember's runtime jars set, as a distribution's jars/ holds it: yarn-jobs' runtime classpath (Ember's
# modules and their non-Hadoop dependencies) less every artifact the Hadoop installation provides.
provided="$(find "$hadoop_home/share/hadoop" -name '*.jar' -printf '%f\n' | sed -E 's/-[0-9][^-]*(-[A-Za-z0-9.]+)*\.jar$//' | sort -u)"
ember_jars="$(tr ':' '\n' < "$bench/yarn-jobs/target/classpath.txt" | while read -r jar; do
  name="$(basename "$jar" | sed -E 's/-[0-9][^-]*(-[A-Za-z0-9.]+)*\.jar$//')"
  grep -qxF "$name" <<<"$provided" || echo "$jar"
done | paste -sd, -)"

spark_classpath="$(cat "$bench/spark-yarn-jobs/target/classpath.txt")"
spark_cp="$(jar_of spark-yarn-jobs):$spark_classpath:$conf_dir"
spark_yarn_jars="$(tr ':' '\n' <<<"$spark_classpath" | sed 's#^#local:#' | paste -sd, -)"

if [ ! -f "$data/lineitem/_SUCCESS" ]; then
  echo "Generating TPC-H SF $sf (lineitem, orders) into $data with Ember's TpchGenerate..." >&2
  rm -rf "$data"
  "$java_cmd" -Xmx4g -Dember.master="local[2]" \
    -Dlog4j.configuration="file:$root/conf/log4j.properties.template" \
    -cp "$(jar_of ember-jobs):$workloads_jar:$(cat "$bench/ember-jobs/target/classpath.txt")" \
    dev.ember.examples.TpchGenerate "$sf" "$data" lineitem orders \
    || { echo "run-yarn.sh: generating the data failed" >&2; exit 4; }
fi

echo "Starting the minicluster in $cluster_dir..." >&2
"$root/scripts/ember-minicluster" start --dir "$cluster_dir" --hosts 1 \
  --nodemanager-memory 8192 --mapreduce-shuffle >&2 || { echo "run-yarn.sh: the minicluster did not start" >&2; exit 5; }
trap '"$root/scripts/ember-minicluster" stop --dir "$cluster_dir" >&2 || true' EXIT

echo "Loading lineitem into HDFS..." >&2
HADOOP_CONF_DIR="$conf_dir" "$java_cmd" -cp "$mr_cp" dev.ember.benchmarks.yarn.LoadData \
  "$data/lineitem" /bench/input >&2 || { echo "run-yarn.sh: loading the data into HDFS failed" >&2; exit 4; }

mkdir -p "$out"
set +e
"$java_cmd" -Djava.awt.headless=true -cp "$(jar_of harness):$(cat "$bench/harness/target/classpath.txt")" \
  dev.ember.benchmarks.harness.YarnBenchmarkMain \
  --out "$out" --cluster-dir "$cluster_dir" --conf-dir "$conf_dir" --hdfs-input /bench/input --hdfs-answers /bench/answers \
  --java "$java_cmd" --reps "$reps" --warmups "$warmups" --workloads "$workloads" --engines "$engines" \
  --scale-factor "$sf" \
  --ember-submit "$root/scripts/ember-submit" --ember-jars "$ember_jars" --ember-app-jar "$yarn_jobs_jar" \
  --mr-cp "$mr_cp" --mr-libjars "file://$workloads_jar" \
  --spark-cp "$spark_cp" --spark-app-jar "$(jar_of spark-yarn-jobs)" --spark-jars "$workloads_jar" \
  --spark-yarn-jars "$spark_yarn_jars" \
  --cluster "scripts/ember-minicluster, 1 host (NodeManager 8 GiB, 8 vcores, mapreduce_shuffle), 1 DataNode, all in one JVM" \
  --ember-commit "$(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo unknown)" \
  --hadoop-version 3.5.0 --spark-version 3.5.5
status=$?
exit $status
