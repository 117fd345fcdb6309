"""The nginx configuration of `make serve` and of the container topology."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml

from deploy.serve import (
    COMPOSE_CONF,
    DEPLOY_DIR,
    compose_config,
    nginx_binary,
    render_nginx_config,
)


def test_no_upstream_is_refused() -> None:
    with pytest.raises(ValueError, match="upstream"):
        render_nginx_config(listen="8080", upstreams=[], run_dir="/tmp")


def test_every_placeholder_is_filled_and_every_replica_listed(tmp_path: Path) -> None:
    conf = render_nginx_config(
        listen="127.0.0.1:9000", upstreams=["127.0.0.1:9001", "127.0.0.1:9002"], run_dir="/run/x"
    )
    assert re.findall(r"@[A-Z_]+@", conf) == []
    assert re.findall(r"server (\S+) max_fails=1 fail_timeout=10s;", conf) == [
        "127.0.0.1:9001",
        "127.0.0.1:9002",
    ]
    assert "listen 127.0.0.1:9000;" in conf
    assert "hash $route consistent;" in conf
    assert "pid /run/x/nginx.pid;" in conf


def test_the_container_configuration_is_the_rendered_template() -> None:
    assert COMPOSE_CONF.read_text(encoding="utf-8") == compose_config(), (
        "deploy/nginx.compose.conf is out of date: "
        "python -c 'from deploy.serve import *; COMPOSE_CONF.write_text(compose_config())'"
    )


def test_nginx_accepts_the_configuration(tmp_path: Path) -> None:
    conf = tmp_path / "nginx.conf"
    conf.write_text(
        render_nginx_config(listen="127.0.0.1:1", upstreams=["127.0.0.1:2"], run_dir=str(tmp_path)),
        encoding="utf-8",
    )
    checked = subprocess.run(
        [nginx_binary(), "-t", "-p", str(tmp_path), "-e", str(tmp_path / "error.log"),
         "-c", str(conf)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert checked.returncode == 0, checked.stderr
    assert "syntax is ok" in checked.stderr


def test_kubernetes_checks_health_and_keeps_sessions_on_one_pod() -> None:
    documents = {
        document["kind"]: document
        for document in yaml.safe_load_all((DEPLOY_DIR / "kubernetes.yaml").read_text("utf-8"))
    }
    [container] = documents["Deployment"]["spec"]["template"]["spec"]["containers"]
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        assert container[probe]["httpGet"]["path"] == "/_stcore/health"
    assert container["resources"]["requests"]["cpu"] == "1"
    assert documents["Service"]["spec"]["sessionAffinity"] == "ClientIP"
    annotations = documents["Ingress"]["metadata"]["annotations"]
    assert annotations["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    assert int(annotations["nginx.ingress.kubernetes.io/proxy-read-timeout"]) >= 3600
