#!/usr/bin/env bash
# Runs once, when the PostgreSQL volume is created: one database and one owner per service, so
# no service can read another's tables. Passwords come from the environment (.env), never from here.
set -euo pipefail

create() {
    local database="$1" user="$2" password="$3"
    if [[ -z "$password" ]]; then
        echo "init-databases: no password for $user (set it in .env)" >&2
        exit 1
    fi
    psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
        -v user="$user" -v password="$password" -v database="$database" <<'SQL'
CREATE ROLE :"user" LOGIN PASSWORD :'password';
CREATE DATABASE :"database" OWNER :"user";
SQL
}

create warmup        warmup        "${WARMUP_DB_PASSWORD:-}"
create pmta_config   pmta_config   "${PMTA_CONFIG_DB_PASSWORD:-}"
create mailwizz      mailwizz      "${MAILWIZZ_DB_PASSWORD:-}"
create bounce_ingest bounce_ingest "${BOUNCE_INGEST_DB_PASSWORD:-}"
create alerting      alerting      "${ALERTING_DB_PASSWORD:-}"
