# shellcheck shell=bash
# ops/lib/env.sh — the one reader of .env for the ops scripts (ops/run, ops/audit-verify, ops/rebuild).
# load_env_file FILE: exports KEY=VALUE lines of FILE; blank lines, comments and an `export ` prefix allowed; values
# may be quoted. Variables already set in the environment win. Malformed lines are reported on stderr (never their
# content: a line may hold a secret) and skipped.
load_env_file() {
    local file=$1 line key val n=0
    while IFS= read -r line || [[ -n $line ]]; do
        n=$((n + 1))
        line=${line%$'\r'}
        [[ $line =~ ^[[:space:]]*(#|$) ]] && continue
        if [[ ! $line =~ ^[[:space:]]*(export[[:space:]]+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$ ]]; then
            printf '[env] ignoring line %d of %s: not KEY=VALUE\n' "$n" "$file" >&2
            continue
        fi
        key=${BASH_REMATCH[2]}
        val=${BASH_REMATCH[3]}
        if [[ $val =~ ^\"(.*)\"[[:space:]]*$ || $val =~ ^\'(.*)\'[[:space:]]*$ ]]; then
            val=${BASH_REMATCH[1]}
        else
            val=$(sed -e 's/[[:space:]]#.*$//' -e 's/[[:space:]]*$//' <<<"$val")
        fi
        [[ -v $key ]] && continue
        printf -v "$key" '%s' "$val"
        export "${key?}"
    done <"$file"
}
