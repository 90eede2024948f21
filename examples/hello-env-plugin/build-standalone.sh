#!/usr/bin/env bash
# Builds the example plugin as an outside project would: ppo-api (and the parent POM it inherits
# from) installed into an empty, temporary local repository, then the standalone POM built
# against that repository alone. Fails if docs/plugins.md's recipe does not work as written.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
repo="$(mktemp -d)"
trap 'rm -rf "$repo"' EXIT
cd "$root"
mvn -q -B -pl ppo-api -am install -DskipTests -Dmaven.repo.local="$repo"
mvn -q -B -f examples/hello-env-plugin/standalone/pom.xml package -Dmaven.repo.local="$repo"
jar="$(ls examples/hello-env-plugin/standalone/target/corridor-1.0.jar)"
# (grep reads the whole listing: with -q it would stop early and pipefail would see jar die of SIGPIPE)
jar tf "$jar" | grep "org/example/corridor/CorridorProvider.class" > /dev/null
echo "standalone plugin build: OK ($jar, against ppo-api from a temporary local repository only)"
