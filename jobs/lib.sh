# Shared by the jobs/ commands: build what is needed, then run a class with Flink's JVM flags.
# shellcheck shell=bash
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

FLINK_JVM_OPTS="--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED \
--add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
--add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
--add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.time=ALL-UNNAMED \
--add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED \
--add-opens=java.base/java.text=ALL-UNNAMED --add-opens=java.sql/java.sql=ALL-UNNAMED \
--add-exports=java.base/sun.net.util=ALL-UNNAMED --add-exports=java.management/sun.management=ALL-UNNAMED \
--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED --add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED"

# Compiles main and test classes and writes the full classpath (Flink included), unless nothing changed.
build_classpath() {
  local stamp=target/classpath.txt
  if [[ ! -f $stamp || pom.xml -nt $stamp || -n $(find src -newer "$stamp" -type f -print -quit) ]]; then
    echo "Building (the first run downloads dependencies from Maven Central)..." >&2
    local log
    if ! log=$(mvn -q -B -DskipTests test-compile dependency:build-classpath \
        -Dmdep.includeScope=test -Dmdep.outputFile="$ROOT/$stamp" 2>&1); then
      echo "$log" >&2
      exit 1
    fi
    touch "$stamp" # the plugin leaves an unchanged file as it was
  fi
  CLASSPATH="$ROOT/target/classes:$ROOT/target/test-classes:$(cat "$ROOT/$stamp")"
  export CLASSPATH
}

run_java() {
  # shellcheck disable=SC2086
  exec java $FLINK_JVM_OPTS ${JAVA_OPTS:-} -cp "$CLASSPATH" "$@"
}
