"""Airflow DAG running Ember jobs with ember-submit (see docs/orchestrators.md).

The contract Airflow relies on, the same as for spark-submit:
  * ember-submit prints "Submitted application <applicationId>" (pattern application_[0-9_]+);
  * its exit code is the outcome (0 success, 1 FAILED, 2 usage, 3 KILLED, 4 refused,
    5 lost contact; docs/exit-codes.md);
  * when Airflow kills the task it sends SIGTERM to ember-submit, which kills the YARN
    application before it exits, so no containers are left behind.

ember.yarn.submit.key makes the submission idempotent: if a restarted worker runs the task again
while the first application still runs, ember-submit follows that application (ifRunning=attach)
instead of starting a second one that would write the same output.
"""

from datetime import datetime

from airflow import DAG
from airflow.operators.bash import BashOperator

EMBER_HOME = "/opt/ember"  # an unpacked ember-<version>.tar.gz
APP_JAR = EMBER_HOME + "/examples/ember-examples.jar"

with DAG(
    dag_id="ember_tpch_nightly",
    start_date=datetime(2026, 1, 1),
    schedule="@daily",
    catchup=False,
    default_args={"retries": 2},
) as dag:
    q1 = BashOperator(
        task_id="tpch_q1",
        bash_command=(
            EMBER_HOME + "/bin/ember-submit"
            " --master yarn --deploy-mode cluster"
            " --class dev.ember.examples.TpchQ1"
            " --name tpch-q1-{{ ds_nodash }}"
            " --num-executors 4 --executor-memory 2g --executor-cores 2"
            " --conf ember.yarn.submit.key=tpch-q1-{{ ds_nodash }}"
            " --conf ember.yarn.submit.ifRunning=attach"
            " --events {{ params.events_dir }}/tpch-q1-{{ ds_nodash }}.jsonl"
            " " + APP_JAR + " /warehouse/tpch/sf1/lineitem /warehouse/reports/q1/{{ ds }}"
        ),
        params={"events_dir": "/var/log/ember"},
        # HADOOP_CONF_DIR locates the cluster, as for spark-submit.
        env={"HADOOP_CONF_DIR": "/etc/hadoop/conf", "JAVA_HOME": "/usr/lib/jvm/java-17"},
        append_env=True,
    )
