#!/usr/bin/env bash
# One-command local run: builds the project, then starts embedded Kafka, PostgreSQL and MariaDB, the PowerMTA,
# MailWizz and Telegram simulators, the five services, the seed (two tenants, five IPs warming) and the dashboard
# (http://localhost:8080/); prints URLs and API keys, and stops everything on Ctrl-C. Needs only a JDK 17+.
#   ./run-local.sh                      build, then run (one simulated day = 30 s)
#   ./run-local.sh --no-build           run what was built last
#   ./run-local.sh --help               the launcher's options (--day-seconds, --no-seed, ports, --exit-when-ready...)
# State (databases, the simulated PowerMTA host's files, logs) goes to .sandbox/ in this directory.
set -euo pipefail

cd "$(dirname "$0")"

build=true
args=()
for arg in "$@"; do
    if [[ "$arg" == "--no-build" ]]; then
        build=false
    else
        args+=("$arg")
    fi
done

if [[ "$build" == true ]]; then
    echo "Building (./mvnw -B -q -DskipTests install; skip with --no-build)..."
    ./mvnw -B -q -DskipTests install
fi

if [[ ! -f sandbox/target/sandbox-exec.jar ]]; then
    echo "sandbox/target/sandbox-exec.jar is missing: run ./run-local.sh without --no-build first" >&2
    exit 1
fi

exec java -jar sandbox/target/sandbox-exec.jar ${args[@]+"${args[@]}"}
