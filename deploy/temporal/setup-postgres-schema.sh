#!/bin/sh
# Creates the Temporal and visibility databases and brings their schemas up to date. Safe to run again:
# create-database ignores a database that exists, setup-schema -v 0.0 only adds the version tables if
# they are missing, and update-schema applies the versions not yet applied.
# Run by docker-compose.yml's temporal-schema (admin-tools image) and by deploy/cluster.sh, with the
# server's environment names (deploy/temporal/config/temporal.yaml): DB, POSTGRES_SEEDS, DB_PORT,
# POSTGRES_USER, and the password in SQL_PASSWORD (read by the tool, never on its command line).
# The schemas are the ones embedded in temporal-sql-tool (TEMPORAL_SQL_TOOL names another binary).
set -eu
tool="${TEMPORAL_SQL_TOOL:-temporal-sql-tool}"
plugin="${DB:-postgres12}"
sql() {
  "$tool" --plugin "$plugin" --ep "$POSTGRES_SEEDS" -p "${DB_PORT:-5432}" -u "$POSTGRES_USER" "$@"
}
for db in "${DBNAME:-temporal}" "${VISIBILITY_DBNAME:-temporal_visibility}"; do
  case "$db" in
    "${DBNAME:-temporal}") schema=postgresql/v12/temporal ;;
    *) schema=postgresql/v12/visibility ;;
  esac
  sql --db "$db" create-database
  sql --db "$db" setup-schema -v 0.0
  sql --db "$db" update-schema --schema-name "$schema"
done
