#!/usr/bin/env bash
# Source mode figures from this checkout without installing anything: builds the reactor (package, no tests),
# takes the demo's class path from the reactor (reload-hook as just built here, nothing installed in ~/.m2) and runs
# source-mode.sh for a body edit and for a new endpoint (N saves each, default 20).
# Usage: bench/scripts/source-mode-figures.sh
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p $ROOT/bench/target
mvn -B -ntp -q -o -f $ROOT/pom.xml -pl demo-service -am -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile=$ROOT/bench/target/demo-reactor.cp > /dev/null
export CP_FILE=$ROOT/bench/target/demo-reactor.cp
bash $ROOT/bench/scripts/source-mode.sh reload-hook body
bash $ROOT/bench/scripts/source-mode.sh reload-hook endpoint
