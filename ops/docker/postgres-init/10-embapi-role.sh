#!/usr/bin/env bash
# First start of the postgres container only (docker-entrypoint-initdb.d, as the superuser): the login role the
# service uses, NOSUPERUSER and owning its database, and the vector extension created here by the superuser (the
# role cannot create extensions). The password comes from the environment (.env), never from this file.
set -euo pipefail
: "${EMBAPI_DB_NAME:?}" "${EMBAPI_DB_USER:?}" "${EMBAPI_DB_PASSWORD:?}"
[[ $EMBAPI_DB_NAME =~ ^[a-z_][a-z0-9_]*$ && $EMBAPI_DB_USER =~ ^[a-z_][a-z0-9_]*$ ]] ||
    { echo "EMBAPI_DB_NAME and EMBAPI_DB_USER must match ^[a-z_][a-z0-9_]*$" >&2; exit 1; }
psql -v ON_ERROR_STOP=1 -v pw="$EMBAPI_DB_PASSWORD" --username "$POSTGRES_USER" --dbname postgres <<SQL
CREATE ROLE $EMBAPI_DB_USER LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'pw';
CREATE DATABASE $EMBAPI_DB_NAME OWNER $EMBAPI_DB_USER ENCODING 'UTF8' TEMPLATE template0;
\c $EMBAPI_DB_NAME
CREATE EXTENSION IF NOT EXISTS vector;
SQL
echo "[init] role $EMBAPI_DB_USER (NOSUPERUSER) owns database $EMBAPI_DB_NAME with extension vector"
