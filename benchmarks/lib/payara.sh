# Shared by the benchmark scripts (sourced, not run): fetching Payara Micro, starting it with some WARs, stopping it.
# Every server gets its own --rootdir and log under benchmarks/target/servers/<name>/.

PAYARA_VERSION=6.2025.10
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SERVERS_DIR="$BENCH_DIR/target/servers"

# payara_jar: prints the path of the Payara Micro jar, copying it from ~/.m2 (Maven Central on a first run).
payara_jar() {
    local jar="$BENCH_DIR/target/payara-micro-$PAYARA_VERSION.jar"
    if [[ ! -f "$jar" ]]; then
        mvn -B -ntp -q -f "$BENCH_DIR/pom.xml" org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
            -Dartifact="fish.payara.extras:payara-micro:$PAYARA_VERSION:jar" -DoutputDirectory="$BENCH_DIR/target" >&2
    fi
    [[ -f "$jar" ]] || { echo "payara.sh: Payara Micro was not copied to $jar" >&2; return 1; }
    echo "$jar"
}

# war_library_check WAR: fails when the WAR holds a build of the library other than this checkout's
#   (target/mfa-stepup-*.jar at the root, which benchmarks/run installs into ~/.m2 before anything is built). The
#   WARs take the library from ~/.m2 when they are built, and another checkout on the same machine may have
#   installed its own build there since; the figures would then be that build's. Says nothing when the WAR holds
#   no library, when this checkout has no build of it, or without unzip.
war_library_check() {
    local war="$1" entry built
    command -v unzip >/dev/null 2>&1 || return 0
    entry="$(unzip -Z1 "$war" 2>/dev/null | awk '/^WEB-INF\/lib\/mfa-stepup-[^\/]*\.jar$/ && !/-tests\.jar$/ { print; exit }')"
    [[ -n "$entry" ]] || return 0
    built="$BENCH_DIR/../target/${entry##*/}"
    [[ -f "$built" ]] || return 0
    if [[ "$(unzip -p "$war" "$entry" | sha256sum | awk '{ print $1 }')" != "$(sha256sum <"$built" | awk '{ print $1 }')" ]]; then
        echo "payara.sh: $(basename "$war") holds a build of the library other than this checkout's ($built):" \
            "~/.m2 changed after it was installed (another checkout?). Install it again (mvn install -DskipTests at" \
            "the root) and run again." >&2
        return 1
    fi
}

# payara_start NAME PORT [JVM options ...] -- WAR ...
#   Starts Payara Micro in the background with the WARs (each served at /<file name without .war>, ROOT.war at /),
#   waits until it is ready, and sets PAYARA_PID_<NAME>. Fails with the log's tail when a deployment fails, and
#   before starting when a WAR holds another build of the library (war_library_check).
#   PAYARA_POSTBOOT, when set, names an asadmin command file run after boot (--postbootcommandfile).
payara_start() {
    local name="$1" port="$2"
    shift 2
    local jvm=() wars=()
    while [[ $# -gt 0 && "$1" != "--" ]]; do jvm+=("$1"); shift; done
    [[ "${1:-}" == "--" ]] && shift
    wars=("$@")
    local war
    for war in "${wars[@]}"; do
        war_library_check "$war" || return 1
    done
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        echo "payara.sh: port $port is in use; stop whatever listens there first" >&2
        return 1
    fi
    local jar dir log deploy=()
    jar="$(payara_jar)"
    dir="$SERVERS_DIR/$name"
    log="$dir/payara.log"
    rm -rf "$dir"
    mkdir -p "$dir/deploy"
    for war in "${wars[@]}"; do
        cp "$war" "$dir/deploy/"
        deploy+=(--deploy "$dir/deploy/$(basename "$war")")
    done
    local extra=()
    [[ -n "${PAYARA_POSTBOOT:-}" ]] && extra+=(--postbootcommandfile "$PAYARA_POSTBOOT")
    java "${jvm[@]}" -jar "$jar" --nohazelcast --disablephonehome --port "$port" --rootdir "$dir/root" \
        "${extra[@]}" "${deploy[@]}" >"$log" 2>&1 &
    local pid=$!
    printf -v "PAYARA_PID_${name//-/_}" '%s' "$pid"
    for _ in $(seq 1 240); do
        kill -0 "$pid" 2>/dev/null || { tail -n 40 "$log" >&2; echo "payara.sh: $name stopped during start" >&2; return 1; }
        grep -q "ready in" "$log" && break
        sleep 0.5
    done
    grep -q "ready in" "$log" || { kill "$pid"; echo "payara.sh: $name did not start in 2 minutes; see $log" >&2; return 1; }
    if grep -qiE "Exception while (loading|deploying)|failed to deploy|deployment failed" "$log"; then
        grep -iE -A5 "Exception while (loading|deploying)|failed to deploy|deployment failed" "$log" | awk 'NR <= 30' >&2
        kill "$pid"
        echo "payara.sh: a deployment failed on $name; see $log" >&2
        return 1
    fi
    echo "== $name: Payara Micro $PAYARA_VERSION on port $port (pid $pid, log $log)" >&2
}

# payara_pid NAME: prints the pid set by payara_start.
payara_pid() {
    local var="PAYARA_PID_${1//-/_}"
    echo "${!var:-}"
}

# payara_stop NAME: stops the server started under that name, if it runs.
payara_stop() {
    local pid
    pid="$(payara_pid "$1")"
    [[ -n "$pid" ]] || return 0
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}
