# shellcheck shell=bash
# ops/lib/postgres.sh — provision PostgreSQL 15 + pgvector 0.8 on Debian 12 (bookworm) and run private
# clusters without systemd. Meant to be sourced; safe under `set -euo pipefail`, and every function is
# idempotent and returns non-zero (after a message on stderr) instead of exiting.
#
#   pg_ensure_packages                       PostgreSQL 15 packages; pgvector built from Debian trixie's source
#   pg_start_cluster ROOT PORT trust|scram   initdb ROOT/data once, then start it on 127.0.0.1:PORT
#   pg_stop_cluster ROOT                     fast shutdown (no-op when not running)
#   pg_cluster_running ROOT                  status 0 when the cluster in ROOT is up
#   pg_psql ROOT PORT [psql args...]         psql as superuser `postgres` over the unix socket in ROOT
#   pg_port_in_use PORT                      status 0 when something listens on TCP PORT
#   pg_free_port [START]                     print a free TCP port on 127.0.0.1 (from START, default 55432)
#   pg_ensure_app_db ROOT PORT DB ROLE PASSWORD   login role (not superuser) + database it owns + vector
#   embapi_apt_ensure PKG[=VERSION]...       apt-get install whichever packages are not installed yet
#
# Knobs: EMBAPI_FORCE_PGVECTOR_BUILD=1 (rebuild pgvector), EMBAPI_PGVECTOR_SUITE (default trixie),
# EMBAPI_DEBIAN_MIRROR (default: read from the system's apt sources), EMBAPI_PG_EXTRA_CONF (extra
# postgresql.conf lines). Progress lines go to stderr, prefixed with "[pg]".

[[ -n ${_EMBAPI_PG_LIB:-} ]] && return 0
_EMBAPI_PG_LIB=1

PG_MAJOR=15
PG_BINDIR=/usr/lib/postgresql/$PG_MAJOR/bin
PG_VECTOR_CONTROL=/usr/share/postgresql/$PG_MAJOR/extension/vector.control
_PG_APT_UPDATED=0

_pg_log() { printf '[pg] %s\n' "$*" >&2; }
_pg_err() { printf '[pg] ERROR: %s\n' "$*" >&2; }
_pg_ms() { date +%s%3N; }
# Elapsed time since a _pg_ms timestamp, e.g. "12.3s".
_pg_since() {
    local d=$(($(_pg_ms) - $1))
    printf '%d.%ds' $((d / 1000)) $((d % 1000 / 100))
}
# Run a command in directory DIR (in a subshell).
_pg_in_dir() {
    (cd "$1" && shift && "$@")
}
# Run a command with its output in LOG; on failure show the tail of LOG.
_pg_quiet() {
    local log=$1
    shift
    if ! "$@" >>"$log" 2>&1; then
        _pg_err "command failed: $*"
        tail -n 25 "$log" | sed 's/^/[pg]   /' >&2
        return 1
    fi
}

# ---------------------------------------------------------------------------------------------------
# Packages
# ---------------------------------------------------------------------------------------------------

_pg_pkg_installed() {
    [[ $(dpkg-query -W -f='${Status}' "$1" 2>/dev/null) == "install ok installed" ]]
}

_pg_apt_update() {
    [[ $_PG_APT_UPDATED == 1 ]] && return 0
    local t log
    t=$(_pg_ms)
    log=$(mktemp) || return 1
    _pg_quiet "$log" env DEBIAN_FRONTEND=noninteractive \
        apt-get -o DPkg::Lock::Timeout=600 -q update || { rm -f "$log"; return 1; }
    rm -f "$log"
    _PG_APT_UPDATED=1
    _pg_log "apt-get update ($(_pg_since "$t"))"
}

embapi_apt_ensure() {
    local p missing=() t log
    for p in "$@"; do
        _pg_pkg_installed "${p%%=*}" || missing+=("$p")
    done
    ((${#missing[@]})) || return 0
    if [[ $EUID -ne 0 ]]; then
        _pg_err "need root to install: ${missing[*]}"
        return 1
    fi
    _pg_apt_update || return 1
    t=$(_pg_ms)
    log=$(mktemp) || return 1
    _pg_log "installing ${missing[*]}"
    _pg_quiet "$log" env DEBIAN_FRONTEND=noninteractive \
        apt-get -o DPkg::Lock::Timeout=600 -q -y --no-install-recommends install "${missing[@]}" ||
        { rm -f "$log"; return 1; }
    rm -f "$log"
    _pg_log "installed ${#missing[@]} package(s) ($(_pg_since "$t"))"
}

# URI of the system's main Debian archive (not -security), read from the apt sources so that no host
# name is hard-coded here.
_pg_debian_mirror() {
    if [[ -n ${EMBAPI_DEBIAN_MIRROR:-} ]]; then
        printf '%s\n' "$EMBAPI_DEBIAN_MIRROR"
        return 0
    fi
    local uri="" f
    f=/etc/apt/sources.list.d/debian.sources
    if [[ -r $f ]]; then
        # deb822 stanzas: first URI of an enabled stanza with a suite that is not *-security.
        uri=$(awk 'BEGIN { RS = ""; FS = "\n" }
            {
                uris = ""; suites = ""; enabled = 1
                for (i = 1; i <= NF; i++) {
                    l = $i
                    if (l ~ /^[ \t]*#/) continue
                    k = tolower(l); sub(/:.*/, "", k)
                    v = l; sub(/^[^:]*:[ \t]*/, "", v)
                    if (k == "uris") uris = v
                    else if (k == "suites") suites = v
                    else if (k == "enabled" && tolower(v) ~ /^no/) enabled = 0
                }
                n = split(suites, s, /[ \t]+/)
                for (j = 1; j <= n; j++)
                    if (enabled && uris != "" && s[j] != "" && s[j] !~ /-security$/) {
                        split(uris, u, /[ \t]+/); print u[1]; exit
                    }
            }' "$f")
    fi
    if [[ -z $uri ]]; then
        # one-line format: "deb [options] URI SUITE COMPONENTS..."
        uri=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
            awk '$1 == "deb" { sub(/\[[^]]*\]/, ""); if ($3 !~ /-security$/) { print $2; exit } }')
    fi
    if [[ -z $uri ]]; then
        _pg_err "cannot find the Debian mirror in the apt sources; set EMBAPI_DEBIAN_MIRROR"
        return 1
    fi
    printf '%s\n' "${uri%/}"
}

# Fetch pgvector's source package from Debian trixie with a private apt state (the system's apt
# sources and lists are left untouched), build it against postgresql-server-dev-15 and install it.
_pg_build_pgvector() {
    local work=$1 suite=${EMBAPI_PGVECTOR_SUITE:-trixie} mirror keyring t src ver
    local a=$work/apt log=$work/build.log
    mirror=$(_pg_debian_mirror) || return 1
    keyring=/usr/share/keyrings/debian-archive-keyring.gpg
    mkdir -p "$a/lists/partial" "$a/cache/archives/partial" "$a/sources.list.d" \
        "$a/preferences.d" "$work/src" || return 1
    printf 'deb-src [signed-by=%s] %s %s main\n' "$keyring" "$mirror" "$suite" >"$a/sources.list"
    # apt downloads as the unprivileged _apt user: let it reach the private directories.
    chmod 755 "$work" "$a"
    if id _apt >/dev/null 2>&1; then chown _apt "$work/src"; fi
    local opts=(-o "Dir::Etc::SourceList=$a/sources.list" -o "Dir::Etc::SourceParts=$a/sources.list.d"
        -o "Dir::Etc::Preferences=$a/preferences" -o "Dir::Etc::PreferencesParts=$a/preferences.d"
        -o "Dir::State::Lists=$a/lists" -o "Dir::Cache=$a/cache" -o Acquire::Languages=none -q)

    t=$(_pg_ms)
    _pg_quiet "$log" apt-get "${opts[@]}" update || return 1
    _pg_quiet "$log" _pg_in_dir "$work/src" apt-get "${opts[@]}" source pgvector || return 1
    src=$(find "$work/src" -mindepth 1 -maxdepth 1 -type d -name 'pgvector-*' -print -quit)
    if [[ -z $src ]]; then
        _pg_err "apt-get source pgvector produced no source tree"
        return 1
    fi
    ver=${src##*/pgvector-}
    _pg_log "fetched pgvector $ver source from $suite ($(_pg_since "$t"))"
    if [[ $ver != 0.8.* ]]; then
        _pg_err "expected pgvector 0.8.x from $suite, got $ver"
        return 1
    fi

    # OPTFLAGS="" drops -march=native, so the library also runs on other CPUs.
    t=$(_pg_ms)
    local mk=(make -C "$src" PG_CONFIG="$PG_BINDIR/pg_config" OPTFLAGS="")
    _pg_quiet "$log" "${mk[@]}" -j"$(nproc)" || return 1
    _pg_log "built pgvector $ver ($(_pg_since "$t"))"
    t=$(_pg_ms)
    _pg_quiet "$log" "${mk[@]}" install || return 1
    if [[ ! -f $PG_VECTOR_CONTROL ]]; then
        _pg_err "make install did not produce $PG_VECTOR_CONTROL"
        return 1
    fi
    _pg_log "installed pgvector $ver into PostgreSQL $PG_MAJOR ($(_pg_since "$t"))"
}

_pg_ensure_packages_locked() {
    local t0 build=0 dev=postgresql-server-dev-$PG_MAJOR v work rc=0
    t0=$(_pg_ms)
    embapi_apt_ensure "postgresql-$PG_MAJOR" "postgresql-client-$PG_MAJOR" || return 1
    [[ -f $PG_VECTOR_CONTROL ]] || build=1
    [[ ${EMBAPI_FORCE_PGVECTOR_BUILD:-0} == 1 ]] && build=1
    if ((build)); then
        # Take the server headers of the same version as the installed server, when the archive still
        # has it, so that installing them does not upgrade a server that may be running.
        if ! _pg_pkg_installed "$dev"; then
            _pg_apt_update || return 1
            v=$(dpkg-query -W -f='${Version}' "postgresql-$PG_MAJOR")
            if apt-cache madison "$dev" | awk -F'|' '{ gsub(/ /, "", $2); print $2 }' | grep -qxF -- "$v"; then
                dev="$dev=$v"
            fi
        fi
        embapi_apt_ensure "$dev" make gcc dpkg-dev xz-utils || return 1
        work=$(mktemp -d /tmp/embapi-pgvector.XXXXXX) || return 1
        _pg_build_pgvector "$work" || rc=$?
        rm -rf "$work"
        ((rc == 0)) || return "$rc"
    fi
    _pg_log "PostgreSQL $PG_MAJOR + pgvector $(sed -n "s/^default_version *= *'\(.*\)'.*/\1/p" \
        "$PG_VECTOR_CONTROL") ready ($(_pg_since "$t0"))"
}

pg_ensure_packages() {
    local lock=/run/lock fd rc=0
    [[ -d $lock && -w $lock ]] || lock=/tmp
    # One provisioning at a time on this machine (ops/run and ops/test may run side by side).
    exec {fd}>"$lock/embapi-pg-provision.lock" || return 1
    if ! flock -w 1800 "$fd"; then
        _pg_err "timed out waiting for $lock/embapi-pg-provision.lock"
        exec {fd}>&-
        return 1
    fi
    _pg_ensure_packages_locked || rc=$?
    exec {fd}>&-
    return "$rc"
}

# ---------------------------------------------------------------------------------------------------
# Clusters
# ---------------------------------------------------------------------------------------------------

# Run a PostgreSQL server program as the postgres user, from a directory it can read.
_pg_as_postgres() {
    _pg_in_dir / runuser -u postgres -- "$@"
}

pg_cluster_running() {
    local data=${1:?ROOT}/data
    [[ -f $data/postmaster.pid ]] && _pg_as_postgres "$PG_BINDIR/pg_ctl" -D "$data" status >/dev/null 2>&1
}

pg_start_cluster() {
    local root=${1:?usage: pg_start_cluster ROOT PORT trust|scram} port=${2:?PORT} auth=${3:?trust|scram}
    local data t cur
    if [[ $auth != trust && $auth != scram ]]; then
        _pg_err "AUTH must be trust or scram, not '$auth'"
        return 1
    fi
    if [[ ! $port =~ ^[0-9]+$ ]] || ((port < 1 || port > 65535)); then
        _pg_err "bad port '$port'"
        return 1
    fi
    if ! id postgres >/dev/null 2>&1 || [[ ! -x $PG_BINDIR/initdb ]]; then
        _pg_err "PostgreSQL $PG_MAJOR is not installed (run pg_ensure_packages)"
        return 1
    fi
    mkdir -p "$root" || return 1
    root=$(cd "$root" && pwd -P) || return 1
    data=$root/data
    if [[ $root == *[\'\\$'\n']* ]]; then
        _pg_err "cluster directory must not contain quotes, backslashes or newlines: $root"
        return 1
    fi
    if ((${#root} + 20 > 107)); then
        _pg_err "cluster directory path too long for a unix socket: $root"
        return 1
    fi
    chown postgres:postgres "$root" && chmod 700 "$root" || return 1
    if ! runuser -u postgres -- test -w "$root" -a -x "$root"; then
        _pg_err "user postgres cannot reach $root: a parent directory is not traversable" \
            "(use a path under /var/lib or /tmp)"
        return 1
    fi

    if [[ ! -s $data/PG_VERSION ]]; then
        local authargs=(--auth=trust)
        [[ $auth == scram ]] && authargs=(--auth-local=peer --auth-host=scram-sha-256)
        t=$(_pg_ms)
        rm -f "$root/initdb.log"
        _pg_quiet "$root/initdb.log" _pg_as_postgres "$PG_BINDIR/initdb" -D "$data" -U postgres \
            -E UTF8 --locale=C.UTF-8 "${authargs[@]}" || return 1
        printf "\ninclude_if_exists = 'embapi.conf'\n" >>"$data/postgresql.conf"
        _pg_log "initdb $data ($(_pg_since "$t"))"
    fi

    # Rewritten on every start, so the port and authentication follow the arguments.
    {
        echo "# Written by ops/lib/postgres.sh on each start; edits are lost."
        echo "listen_addresses = '127.0.0.1'"
        echo "port = $port"
        echo "unix_socket_directories = '$root'"
        echo "max_connections = 200"
        echo "shared_buffers = 512MB"
        echo "maintenance_work_mem = 512MB"
        echo "work_mem = 16MB"
        echo "effective_cache_size = 8GB"
        echo "max_wal_size = 2GB"
        echo "fsync = on"
        echo "log_line_prefix = '%m [%p] %q%u@%d '"
        if [[ -n ${EMBAPI_PG_EXTRA_CONF:-} ]]; then printf '%s\n' "$EMBAPI_PG_EXTRA_CONF"; fi
    } >"$data/embapi.conf"
    if [[ $auth == trust ]]; then
        printf '%s\n' "# throwaway cluster: no passwords" \
            "local all all trust" \
            "host all all 127.0.0.1/32 trust" \
            "host all all ::1/128 trust"
    else
        printf '%s\n' "# postgres via the unix socket as OS user postgres; everything else with a password" \
            "local all postgres peer" \
            "local all all scram-sha-256" \
            "host all all 127.0.0.1/32 scram-sha-256" \
            "host all all ::1/128 scram-sha-256"
    fi >"$data/pg_hba.conf"
    chown postgres:postgres "$data/embapi.conf" "$data/pg_hba.conf"
    chmod 600 "$data/embapi.conf" "$data/pg_hba.conf"

    if pg_cluster_running "$root"; then
        cur=$(sed -n 4p "$data/postmaster.pid")
        if [[ $cur == "$port" ]]; then
            _pg_as_postgres "$PG_BINDIR/pg_ctl" -D "$data" reload >/dev/null || return 1
            _pg_log "cluster $root already running on 127.0.0.1:$port"
            return 0
        fi
        _pg_log "cluster $root runs on port $cur; restarting it on $port"
        pg_stop_cluster "$root" || return 1
    fi
    t=$(_pg_ms)
    if ! _pg_as_postgres "$PG_BINDIR/pg_ctl" -D "$data" -l "$root/server.log" -w -t 60 start \
        >/dev/null 2>&1; then
        _pg_err "cluster $root did not start on 127.0.0.1:$port; end of $root/server.log:"
        tail -n 15 "$root/server.log" 2>/dev/null | sed 's/^/[pg]   /' >&2
        return 1
    fi
    _pg_log "started PostgreSQL $PG_MAJOR at $root on 127.0.0.1:$port, auth $auth ($(_pg_since "$t"))"
}

pg_stop_cluster() {
    local root=${1:?usage: pg_stop_cluster ROOT} t
    pg_cluster_running "$root" || return 0
    t=$(_pg_ms)
    if ! _pg_as_postgres "$PG_BINDIR/pg_ctl" -D "$root/data" -m fast -w -t 60 stop >/dev/null 2>&1; then
        _pg_log "fast shutdown of $root failed; trying immediate"
        _pg_as_postgres "$PG_BINDIR/pg_ctl" -D "$root/data" -m immediate -w -t 30 stop >/dev/null 2>&1 ||
            { _pg_err "could not stop the cluster in $root"; return 1; }
    fi
    _pg_log "stopped cluster $root ($(_pg_since "$t"))"
}

pg_psql() {
    local root=${1:?usage: pg_psql ROOT PORT [psql args...]} port=${2:?PORT}
    shift 2
    runuser -u postgres -- "$PG_BINDIR/psql" -X -v ON_ERROR_STOP=1 -h "$root" -p "$port" -U postgres "$@"
}

pg_port_in_use() {
    if command -v ss >/dev/null 2>&1; then
        [[ -n $(ss -Htln "sport = :$1" 2>/dev/null) ]]
    else
        (: <"/dev/tcp/127.0.0.1/$1") 2>/dev/null
    fi
}

pg_free_port() {
    local p=${1:-55432} last
    last=$((p + 1000))
    for (( ; p < last && p <= 65535; p++)); do
        if ! pg_port_in_use "$p"; then
            printf '%s\n' "$p"
            return 0
        fi
    done
    _pg_err "no free TCP port on 127.0.0.1 from ${1:-55432}"
    return 1
}

pg_ensure_app_db() {
    local root=${1:?usage: pg_ensure_app_db ROOT PORT DBNAME ROLE PASSWORD} port=${2:?PORT}
    local db=${3:?DBNAME} role=${4:?ROLE} pw=${5-} ident='^[a-z_][a-z0-9_]{0,62}$' v
    if [[ ! $db =~ $ident || ! $role =~ $ident ]]; then
        _pg_err "database and role names must match $ident"
        return 1
    fi
    if [[ $role == postgres || $role == pg_* ]]; then
        _pg_err "refusing to use '$role' as the application role"
        return 1
    fi
    if [[ -z $pw ]]; then
        _pg_err "empty password for role $role"
        return 1
    fi
    # The SQL goes through stdin, so the password never shows in a process list.
    pg_psql "$root" "$port" -q -d postgres >/dev/null <<SQL || return 1
SET client_min_messages = warning;
SELECT 'CREATE ROLE $role' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$role') \gexec
ALTER ROLE $role WITH LOGIN NOSUPERUSER NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '${pw//\'/\'\'}';
SELECT 'CREATE DATABASE $db OWNER $role ENCODING ''UTF8'' TEMPLATE template0'
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '$db') \gexec
\c $db
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS vector;
SQL
    v=$(pg_psql "$root" "$port" -d "$db" -tAc "SELECT extversion FROM pg_extension WHERE extname = 'vector'") ||
        return 1
    if [[ $v != 0.8* ]]; then
        _pg_err "database $db has vector extension version '$v', expected 0.8.x"
        return 1
    fi
    _pg_log "database $db owned by role $role is ready (vector $v)"
}
