# Shared by the jobs/ commands: build what is needed, then run a class with Flink's JVM flags.
# shellcheck shell=bash
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CALLER_DIR="$PWD"
cd "$ROOT"

# A path the caller gave, relative to where the caller stood; URIs (file:, s3://, hdfs://) as they are.
absolute() {
  if [[ $1 = /* || $1 =~ ^[a-zA-Z][a-zA-Z0-9+.-]*: ]]; then echo "$1"; else echo "$CALLER_DIR/$1"; fi
}

FLINK_JVM_OPTS="--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED \
--add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
--add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
--add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.time=ALL-UNNAMED \
--add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED \
--add-opens=java.base/java.text=ALL-UNNAMED --add-opens=java.sql/java.sql=ALL-UNNAMED \
--add-exports=java.base/sun.net.util=ALL-UNNAMED --add-exports=java.management/sun.management=ALL-UNNAMED \
--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED --add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED"

stale_classpath() {
  [[ ! -f $1 || pom.xml -nt $1 || -n $(find src -newer "$1" -type f -print -quit) ]]
}

# Commands started together (the quick start's three) must not build into one target/ at once.
# mkdir is atomic everywhere (macOS has no flock); a lock older than 15 minutes is a crashed build's.
build_lock() {
  mkdir -p target
  local waited=0
  until mkdir target/.build-lock 2>/dev/null; do
    if [[ -n $(find target/.build-lock -maxdepth 0 -mmin +15 2>/dev/null) ]]; then
      rmdir target/.build-lock 2>/dev/null || true
      continue
    fi
    (( waited++ == 0 )) && echo "Waiting for another jobs/ command's build to finish..." >&2
    sleep 1
  done
  trap build_unlock EXIT
}

build_unlock() {
  trap - EXIT
  rmdir "$ROOT/target/.build-lock" 2>/dev/null || true
}

# Compiles main and test classes and writes the full classpath (Flink included), unless nothing changed.
# With a Maven profile as $1 (jobs/bench: "bench"), that profile's dependencies join the classpath.
build_classpath() {
  local profile=${1:-}
  local stamp=target/classpath${profile:+-$profile}.txt
  if stale_classpath "$stamp"; then
    build_lock
    if stale_classpath "$stamp"; then # another command may have built it while we waited
      echo "Building (the first run downloads dependencies from Maven Central)..." >&2
      local log
      if ! log=$(mvn -q -B -DskipTests ${profile:+-P$profile} test-compile dependency:build-classpath \
          -Dmdep.includeScope=test -Dmdep.outputFile="$ROOT/$stamp" 2>&1); then
        build_unlock
        echo "$log" >&2
        exit 1
      fi
      touch "$stamp" # the plugin leaves an unchanged file as it was
    fi
    build_unlock
  fi
  CLASSPATH="$ROOT/target/classes:$ROOT/target/test-classes:$(cat "$ROOT/$stamp")"
  export CLASSPATH
}

run_java() {
  # shellcheck disable=SC2086
  exec java $FLINK_JVM_OPTS ${JAVA_OPTS:-} -cp "$CLASSPATH" "$@"
}

# The classpath of a standalone Flink cluster from Maven Central jars (jobs/flink-cluster-pom.xml).
cluster_classpath() {
  local stamp=target/flink-cluster-classpath.txt
  if [[ ! -f $stamp || jobs/flink-cluster-pom.xml -nt $stamp ]]; then
    mkdir -p target
    echo "Resolving Flink's cluster jars (the first run downloads them from Maven Central)..." >&2
    local log
    if ! log=$(mvn -q -B -f jobs/flink-cluster-pom.xml dependency:build-classpath \
        -Dmdep.outputFile="$ROOT/$stamp" 2>&1); then
      echo "$log" >&2
      exit 1
    fi
    touch "$stamp"
  fi
  CLUSTER_CLASSPATH="$(cat "$ROOT/$stamp")"
}

# The shaded job jar, packaged (tests skipped) when missing or older than the sources.
job_jar() {
  local jar
  jar=$(ls "$ROOT"/target/lead-quality-*-job.jar 2>/dev/null | head -1 || true)
  if [[ -z $jar || pom.xml -nt $jar || -n $(find src/main -newer "$jar" -type f -print -quit) ]]; then
    build_lock
    echo "Packaging the job jar..." >&2
    local log
    if ! log=$(mvn -q -B -DskipTests package 2>&1); then
      build_unlock
      echo "$log" >&2
      exit 1
    fi
    build_unlock
    jar=$(ls "$ROOT"/target/lead-quality-*-job.jar | head -1)
  fi
  JOB_JAR="$jar"
}

# One flat key of a YAML file such as conf/flink/config.yaml ("key: value" on a line of its own).
yaml_value() {
  local file=$1 key=$2 fallback=${3:-}
  local value
  value=$(sed -n "s/^${key//./\\.}:[[:space:]]*//p" "$file" | tail -1 | sed 's/[[:space:]]*#.*$//; s/^"\(.*\)"$/\1/')
  echo "${value:-$fallback}"
}

# GET on a Flink REST endpoint with bash alone (no curl on a bare machine); prints the body.
rest_get() {
  local host=$1 port=$2 path=$3
  exec 3<>"/dev/tcp/$host/$port" 2>/dev/null || return 1
  printf 'GET %s HTTP/1.0\r\nHost: %s\r\n\r\n' "$path" "$host" >&3
  sed '1,/^\r$/d' <&3
  exec 3<&-
}

# Flink's command-line client: $FLINK_HOME/bin/flink when FLINK_HOME is set, else the same client
# (CliFrontend, from the cluster jars) talking to the REST API at $1 (http://host:port).
flink_cli() {
  local rest=$1
  shift
  if [[ -n ${FLINK_HOME:-} ]]; then
    "$FLINK_HOME/bin/flink" "$@"
    return
  fi
  cluster_classpath
  local hostport=${rest#*://}
  hostport=${hostport%%/*}
  local conf
  conf=$(mktemp -d)
  printf 'rest.address: %s\nrest.port: %s\n' "${hostport%%:*}" "${hostport##*:}" > "$conf/config.yaml"
  # shellcheck disable=SC2086
  FLINK_CONF_DIR="$conf" java $FLINK_JVM_OPTS -Dlog4j.configurationFile="$ROOT/conf/flink/log4j-cli.properties" \
    -cp "$CLUSTER_CLASSPATH" org.apache.flink.client.cli.CliFrontend "$@"
  local status=$?
  rm -rf "$conf"
  return $status
}
