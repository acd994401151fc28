#!/usr/bin/env python3
"""Structure checks of the deployment files that need no Docker engine (run by ops/check-deploy).

  check_deploy.py compose docker-compose.yml [override.yml ...]
  check_deploy.py dockerfile ops/docker/Dockerfile REPO
  check_deploy.py traefik ops/traefik/docker-compose.traefik.yml ops/traefik/dynamic.yml

Prints one line per finding ("FAIL ..."/"WARN ...") and exits 1 when anything failed. Only PyYAML is needed
(Debian: python3-yaml).
"""
import re
import sys
from pathlib import Path

import yaml

failures = []
warnings = []


def fail(message):
    failures.append(message)


def warn(message):
    warnings.append(message)


def uid_of(user):
    """The numeric uid of a compose/Dockerfile user spec, or None when it is a name."""
    first = str(user).split(":", 1)[0].strip()
    return int(first) if first.isdigit() else None


def networks_of(service):
    networks = service.get("networks", ["default"])
    return list(networks.keys()) if isinstance(networks, dict) else list(networks)


def check_compose(path):
    doc = yaml.safe_load(Path(path).read_text())
    services = doc.get("services") or {}
    networks = doc.get("networks") or {}
    if not services:
        fail(f"{path}: no services")
    for name in ("public", "backend", "db", "monitoring"):
        if name not in networks:
            fail(f"{path}: network '{name}' is not declared")
    for name in ("backend", "db", "monitoring"):
        if not (networks.get(name) or {}).get("internal"):
            fail(f"{path}: network '{name}' must be internal: true")
    if (networks.get("public") or {}).get("internal"):
        fail(f"{path}: network 'public' must not be internal")

    for name, service in services.items():
        where = f"{path}: service '{name}'"
        test = (service.get("healthcheck") or {}).get("test")
        if not test or test == ["NONE"] or (service.get("healthcheck") or {}).get("disable"):
            fail(f"{where} has no healthcheck")
        user = service.get("user")
        if user is None:
            fail(f"{where} sets no user (the image's default may be root)")
        else:
            uid = uid_of(user)
            if uid == 0 and not service.get("x-root-reason"):
                fail(f"{where} runs as root")
            elif uid is None and str(user).split(":")[0] == "root":
                fail(f"{where} runs as root")
        limits = ((service.get("deploy") or {}).get("resources") or {}).get("limits") or {}
        if not limits.get("memory") or not limits.get("cpus"):
            fail(f"{where} has no cpu and memory limits (deploy.resources.limits)")
        if not service.get("read_only") and not service.get("x-writable-root"):
            fail(f"{where} has a writable root filesystem without an x-writable-root reason")
        if service.get("privileged"):
            fail(f"{where} is privileged")
        nets = networks_of(service)
        if service.get("ports") and name != "proxy":
            fail(f"{where} publishes ports; only the proxy may")
        if "public" in nets and name != "proxy":
            fail(f"{where} is on the public network; only the proxy may be")
        environment = service.get("environment") or {}
        if isinstance(environment, list):
            environment = dict(item.split("=", 1) if "=" in item else (item, "") for item in environment)
        for key, value in environment.items():
            if re.search(r"(KEY|PASSWORD|SECRET)", key) and value not in (None, "") \
                    and not re.fullmatch(r"\$\{[A-Z0-9_]+(:?[-?][^}]*)?\}", str(value)):
                fail(f"{where}: {key} has a literal value; secrets come from .env")
        build = service.get("build")
        if isinstance(build, dict) and build.get("args"):
            for key in build["args"]:
                if re.search(r"(KEY|PASSWORD|SECRET)", key):
                    fail(f"{where}: build argument {key} would bake a secret into the image")

    postgres = services.get("postgres")
    if postgres is None:
        fail(f"{path}: no postgres service")
    else:
        if not str(postgres.get("image", "")).startswith("pgvector/pgvector:0.8"):
            fail(f"{path}: postgres image must be a pinned pgvector/pgvector:0.8.x tag")
        if networks_of(postgres) != ["db"]:
            fail(f"{path}: postgres must be on the internal db network only, not {networks_of(postgres)}")
        if postgres.get("ports") or postgres.get("expose"):
            fail(f"{path}: postgres must not publish or expose ports")
    proxy = services.get("proxy")
    if proxy is None:
        fail(f"{path}: no proxy service")
    else:
        if "public" not in networks_of(proxy):
            fail(f"{path}: the proxy must be on the public network")
        if "db" in networks_of(proxy) or "monitoring" in networks_of(proxy):
            fail(f"{path}: the proxy must reach neither the database nor the management ports")
    for name in ("command", "query", "app"):
        service = services.get(name)
        if service is None:
            fail(f"{path}: no '{name}' service")
            continue
        if "db" not in networks_of(service) or "monitoring" not in networks_of(service):
            fail(f"{path}: '{name}' must be on the db and monitoring networks")
    if services.get("app") and "single" not in (services["app"].get("profiles") or []):
        fail(f"{path}: the single-process app must be in profile 'single'")
    for name in ("prometheus", "node-exporter", "blackbox-exporter"):
        if name not in services:
            fail(f"{path}: no '{name}' service")
        elif "monitoring" not in networks_of(services[name]):
            fail(f"{path}: '{name}' must be on the monitoring network")
    for name in ("command", "query", "app", "postgres"):
        for volume in (services.get(name) or {}).get("volumes", []) or []:
            if ".env" in str(volume):
                fail(f"{path}: '{name}' mounts .env; pass settings as environment variables")


def check_dockerfile(path, repo):
    lines = []
    for raw in Path(path).read_text().splitlines():
        stripped = raw.strip()
        if stripped and not stripped.startswith("#"):
            if lines and lines[-1].endswith("\\"):
                lines[-1] = lines[-1][:-1] + " " + stripped
            else:
                lines.append(stripped)
    stages = [line for line in lines if re.match(r"(?i)^FROM\s", line)]
    if len(stages) < 2:
        fail(f"{path}: not multi-stage (build stage and runtime stage)")
    if not any(re.search(r"eclipse-temurin-17|eclipse-temurin:17", line) for line in stages[:-1]):
        fail(f"{path}: the build stage must run on eclipse-temurin 17")
    if stages and not re.search(r"eclipse-temurin:17[^\s]*-jre", stages[-1]):
        fail(f"{path}: the runtime stage must be a Temurin 17 JRE image")
    for stage in stages:
        image = stage.split()[1]
        if ":" not in image or image.endswith(":latest"):
            fail(f"{path}: base image {image} is not pinned to a tag")
    final = lines[lines.index(stages[-1]):] if stages else lines
    users = [line.split(None, 1)[1] for line in final if re.match(r"(?i)^USER\s", line)]
    if not users:
        fail(f"{path}: the runtime stage sets no USER (it would run as root)")
    elif uid_of(users[-1]) in (0, None):
        fail(f"{path}: the runtime stage must end with a numeric non-root USER, not '{users[-1]}'")
    if not any(re.match(r"(?i)^HEALTHCHECK\s+(--\S+\s+)*CMD\s", line) for line in final):
        fail(f"{path}: no HEALTHCHECK in the runtime stage")
    elif not any("9464" in line or "EMBAPI_MANAGEMENT_PORT" in line
                 for line in final if line.upper().startswith("HEALTHCHECK")):
        fail(f"{path}: the HEALTHCHECK must ask the management port")
    entry = [line for line in final if re.match(r"(?i)^(ENTRYPOINT|CMD)\s", line)]
    if not entry or not re.search(r'"java",\s*"@[^"]*jvm\.options",\s*"-jar"', entry[-1]):
        fail(f"{path}: the service must start as java @jvm.options -jar (exec form)")
    for line in lines:
        if re.match(r"(?i)^(ENV|ARG)\s", line) and re.search(r"(ADMINKEY|ENCRYPTION_KEY|PASSWORD|SECRET)", line):
            fail(f"{path}: '{line}' would bake a secret into the image")
        if re.match(r"(?i)^ADD\s+https?://", line):
            fail(f"{path}: ADD of a URL; download in a RUN step with a checksum instead")
        if re.match(r"(?i)^COPY\s", line) and "--from=" not in line:
            sources = [part for part in line.split()[1:-1] if not part.startswith("--")]
            for source in sources:
                if not (Path(repo) / source).exists():
                    # files and modules of the parallel streams (B1 deployables, C1 jvm.options) appear on merge
                    message = f"{path}: COPY source {source} does not exist in the repository"
                    (warn if source in OTHER_STREAMS else fail)(message)
    ignore = Path(repo) / ".dockerignore"
    if not ignore.exists() or ".env" not in ignore.read_text().split():
        fail(f"{repo}/.dockerignore must exclude .env (secrets never enter the build context)")


OTHER_STREAMS = {"command-app", "query-app", "ops/jvm.options"}


def check_traefik(compose_path, dynamic_path):
    override = yaml.safe_load(Path(compose_path).read_text())
    dynamic = yaml.safe_load(Path(dynamic_path).read_text())
    middlewares = dynamic["http"]["middlewares"]
    headers = middlewares["embapi-headers"]["headers"]
    expected = {"stsSeconds": 63072000, "contentTypeNosniff": True, "frameDeny": True,
                "contentSecurityPolicy": "frame-ancestors 'none'", "referrerPolicy": "no-referrer"}
    for key, value in expected.items():
        if headers.get(key) != value:
            fail(f"{dynamic_path}: embapi-headers {key} must be {value!r} (as in ops/nginx)")
    if dynamic["tls"]["options"]["embapi"].get("minVersion") != "VersionTLS12":
        fail(f"{dynamic_path}: TLS options must have minVersion VersionTLS12")
    if middlewares["embapi-body"]["buffering"]["maxRequestBodyBytes"] != 64 * 1024 * 1024:
        fail(f"{dynamic_path}: maxRequestBodyBytes must be 64 MB (SERVICE_MAX_REQUEST_BODY)")
    services = override["services"]
    if "traefik" not in services or "healthcheck" not in services["traefik"]:
        fail(f"{compose_path}: no traefik service with a healthcheck")
    for name in ("command", "query"):
        labels = (services.get(name) or {}).get("labels") or {}
        for key, value in labels.items():
            if key.endswith(".middlewares"):
                for middleware in value.split(","):
                    if middleware.endswith("@file") and middleware[:-5] not in middlewares:
                        fail(f"{compose_path}: {name} uses middleware {middleware} that dynamic.yml lacks")
                if "embapi-headers@file" not in value:
                    fail(f"{compose_path}: router {key} lacks the security headers")
        if not any(key.endswith(".tls.options") for key in labels):
            fail(f"{compose_path}: {name} routers do not use the TLS options")


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    kind = argv[1]
    if kind == "compose":
        for path in argv[2:]:
            check_compose(path)
    elif kind == "dockerfile":
        check_dockerfile(argv[2], argv[3])
    elif kind == "traefik":
        check_traefik(argv[2], argv[3])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    for message in warnings:
        print(f"WARN {message}")
    for message in failures:
        print(f"FAIL {message}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
