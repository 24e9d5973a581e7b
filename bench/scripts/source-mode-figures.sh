#!/usr/bin/env bash
# Source mode figures from this checkout without installing anything: builds the reactor (package, no tests),
# takes each application's runtime class path from the reactor (reload-hook as just built here, nothing installed in
# ~/.m2) and runs source-mode.sh for a body edit and for a new endpoint (N saves each, default 20), on the demo and on
# the fixture app (JPA, Thymeleaf, Security).
# Usage: bench/scripts/source-mode-figures.sh [demo|fixture ...]   (default: both)
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p $ROOT/bench/target
mvn -B -ntp -q -o -f $ROOT/pom.xml -pl demo-service,fixture-app -am -DskipTests package dependency:build-classpath \
  -DincludeScope=runtime -Dmdep.outputFile=target/reactor.cp > /dev/null
for app in ${@:-demo fixture}; do
  module=demo-service; [ "$app" = fixture ] && module=fixture-app
  export APP=$app CP_FILE=$ROOT/$module/target/reactor.cp
  bash $ROOT/bench/scripts/source-mode.sh reload-hook body
  bash $ROOT/bench/scripts/source-mode.sh reload-hook endpoint
done
# A new endpoint on the fixture again, as a generation restart (the bean tier replaces a changed controller alone).
if [[ " ${*:-fixture} " == *" fixture "* ]]; then
  export APP=fixture CP_FILE=$ROOT/fixture-app/target/reactor.cp JAVA_OPTS=-Dreload-hook.bean-tier.enabled=false
  bash $ROOT/bench/scripts/source-mode.sh reload-hook endpoint
fi
