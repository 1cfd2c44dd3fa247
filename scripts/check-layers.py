#!/usr/bin/env python3
"""Fails when a workspace crate depends on a crate its layer may not import.

The layers (docs/architecture.md): domain <- storage <- {search, service}; domain <- media <- service <-
federation <- app (ssr) <- server; the wasm client compiles only domain and app.
Checks the direct dependencies Cargo records, then that the client's dependency
tree for wasm32 holds none of the server-only crates.
"""
import json
import subprocess
import sys

ALLOWED = {
    "domain": set(),
    "storage": {"domain"},
    "media": {"domain"},
    "search": {"domain", "storage"},
    "service": {"domain", "storage", "media"},
    "federation": {"domain", "storage", "service"},
    "app": {"domain", "service", "search", "federation"},
    "server": {"domain", "storage", "media", "search", "service", "federation", "app"},
    "frontend": {"app"},
}
# Crates that must never reach the browser bundle.
SERVER_ONLY = {"sqlx", "tantivy", "tokio", "image", "object_store", "storage", "media", "search", "service", "federation"}


def main() -> int:
    meta = json.loads(
        subprocess.run(
            ["cargo", "metadata", "--format-version", "1", "--no-deps"],
            check=True, capture_output=True, text=True,
        ).stdout
    )
    members = {p["name"] for p in meta["packages"]}
    problems = []
    for p in meta["packages"]:
        name = p["name"]
        if name not in ALLOWED:
            problems.append(f"{name}: a workspace crate with no layer; add it to scripts/check-layers.py")
            continue
        for d in p["dependencies"]:
            if d["kind"] == "dev" or d["name"] not in members:
                continue
            if d["name"] not in ALLOWED[name]:
                problems.append(f"{name} depends on {d['name']}, which its layer may not import")
    tree = subprocess.run(
        ["cargo", "tree", "-p", "frontend", "--target", "wasm32-unknown-unknown",
         "-e", "normal", "--prefix", "none", "--format", "{p}"],
        capture_output=True, text=True,
    )
    if tree.returncode != 0:
        problems.append("cargo tree for the wasm client failed:\n" + tree.stderr)
    else:
        in_client = {line.split()[0] for line in tree.stdout.splitlines() if line.strip()}
        for bad in sorted(SERVER_ONLY & in_client):
            problems.append(f"the wasm client's dependency tree holds {bad}")
    for line in problems:
        print(f"layers: {line}", file=sys.stderr)
    if not problems:
        print(f"layers: {len(meta['packages'])} crates keep to their layers; the wasm client holds no server-only crate")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
