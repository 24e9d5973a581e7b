#!/usr/bin/env bash
# Source mode figures (issue 6): .java save -> first 200 with the new text, for reload-hook (source mode)
# and for DevTools (tuned) with `mvn -o -q compile` run right after each save, on a copy of demo-service.
# Usage: bench/scripts/source-mode.sh reload-hook|devtools body|endpoint   (after `mvn -q -DskipTests install`,
# or with CP_FILE=<file holding the app's class path>, e.g. from the reactor: see source-mode-figures.sh)
# APP=fixture measures fixture-app (JPA, Thymeleaf, Security; reload-hook only) instead of the demo: the body edit
# changes the owners' JSON view, the endpoint edit moves the owners API to a new path.
# JAVA_OPTS adds JVM options, e.g. -Dreload-hook.bean-tier.enabled=false to measure new endpoints as restarts.
# For reload-hook it also prints, from /actuator/reload, the reloads the saves caused (total, failed, no-op,
# by tier) and the median of the reloads' compile phase and of their whole duration.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
N=${N:-20}
MODE=$1            # reload-hook | devtools
EDIT=$2            # body | endpoint
PORT=${PORT:-19501}
APP=${APP:-demo}   # demo | fixture
if [ "$APP" = fixture ]; then
  MODULE=fixture-app; MAIN=dev.reloadhook.fixture.FixtureApplication; READY=/actuator/health; AUTH="-u dev:dev"
else
  MODULE=demo-service; MAIN=dev.reloadhook.demo.DemoApplication; READY=/api/greeting; AUTH=""
fi
W=$ROOT/bench/target/script-work/$APP-$MODE-$EDIT; rm -rf $W; mkdir -p $W/$MODULE
# The module beside its parent pom, so that source mode reads the build's compiler options as in the checkout;
# copied with their times, so that the sources are older than the classes Maven compiled from them.
cp $ROOT/pom.xml $W/
cp -rp $ROOT/$MODULE/src $ROOT/$MODULE/pom.xml $ROOT/$MODULE/target $W/$MODULE/
if [ -n "${CP_FILE:-}" ]; then CP=$(cat $CP_FILE); else
mvn -q -o -f $ROOT/$MODULE dependency:build-classpath -Dmdep.outputFile=$ROOT/bench/target/$APP.cp > /dev/null; CP=$(cat $ROOT/bench/target/$APP.cp)
fi
if [ "$MODE" = devtools ]; then
  CP=$(echo "$CP" | tr ':' '\n' | grep -v reloadhook | paste -sd:):$(ls ~/.m2/repository/org/springframework/boot/spring-boot-devtools/4.0.7/spring-boot-devtools-4.0.7.jar)
  EXTRA="-Dspring.devtools.restart.poll-interval=100ms -Dspring.devtools.restart.quiet-period=50ms -Dspring.devtools.livereload.enabled=false"
else
  EXTRA=""
fi
cd $W/$MODULE
java -Xmx512m -XX:TieredStopAtLevel=1 $EXTRA ${JAVA_OPTS:-} -cp $W/$MODULE/target/classes:$CP $MAIN --server.port=$PORT > $W/app.log 2>&1 &
PID=$!
for i in $(seq 1 1800); do curl -s -o /dev/null localhost:$PORT$READY && break; sleep 0.1; done
SVC=$W/$MODULE/src/main/java/dev/reloadhook/demo/greeting/GreetingService.java
CTL=$W/$MODULE/src/main/java/dev/reloadhook/demo/greeting/GreetingController.java
VIEW=$W/$MODULE/src/main/java/dev/reloadhook/fixture/owner/OwnerView.java
API=$W/$MODULE/src/main/java/dev/reloadhook/fixture/owner/OwnerApiController.java
times=()
for i in $(seq 1 $N); do
  sleep 1.5
  if [ "$APP" = fixture ] && [ "$EDIT" = body ]; then
    sed -i -E "s/owner.getName\(\)( \+ \"Hi[0-9]*\")?,/owner.getName() + \"Hi$i\",/" $VIEW
    url=/api/owners; expect="\"name\":\"AdaHi$i\""
  elif [ "$APP" = fixture ]; then
    sed -i -E "s#@GetMapping(\(\"/list[0-9]*\"\))?\$#@GetMapping(\"/list$i\")#" $API
    url=/api/owners/list$i; expect="\"name\":\"Ada\""
  elif [ "$EDIT" = body ]; then
    sed -i -E "s/return new Greeting\(\"[^\"]*\" \+ name/return new Greeting(\"Hi$i, \" + name/" $SVC
    url=/api/greeting; expect="Hi$i, "
  else
    sed -i -E "s#@GetMapping\(\"/api/greeting[0-9]*\"\)#@GetMapping(\"/api/greeting$i\")#" $CTL
    url=/api/greeting$i; expect="Hello"
    grep -q "Hi" $SVC && expect="Hi"
  fi
  t0=$(date +%s%N)
  if [ "$MODE" = devtools ]; then mvn -o -q compile > /dev/null 2>&1; fi
  while true; do
    body=$(curl -s $AUTH localhost:$PORT$url)
    case "$body" in *"$expect"*) break;; esac
    now=$(date +%s%N); [ $(( (now - t0) / 1000000 )) -gt 60000 ] && { body=TIMEOUT; break; }
  done
  t1=$(date +%s%N)
  times+=( $(( (t1 - t0) / 1000000 )) )
  [ -n "${VERBOSE:-}" ] && echo "save $i: $(( (t1 - t0) / 1000000 )) ms: ${body:0:120}"
  # The reload's record is complete once it is idle: count it before the next save.
  for j in $(seq 1 600); do curl -s localhost:$PORT/actuator/reload | grep -q '"state":"idle"' && break; sleep 0.1; done
done
if [ "$MODE" = reload-hook ]; then
  curl -s localhost:$PORT/actuator/reload/history | python3 -c '
import json, statistics, sys
reloads = [r for r in json.load(sys.stdin)["reloads"] if r["trigger"] == "files"]
def median(key):
    values = [r["phasesMs"].get(key, 0) if key else r["durationMs"] for r in reloads]
    return statistics.median(values) if values else 0
tiers = {}
for r in reloads:
    tiers[r["tier"] + "/" + r["outcome"]] = tiers.get(r["tier"] + "/" + r["outcome"], 0) + 1
compiles = [r["phasesMs"].get("compile", 0) for r in reloads] or [0]
print("reloads=%d failed=%d by-tier=%s compile-median=%sms (%s-%s) duration-median=%sms" % (len(reloads),
      sum(r["outcome"] == "failure" for r in reloads), tiers, median("compile"), min(compiles), max(compiles),
      median(None)))'
fi
kill $PID; wait $PID 2>/dev/null
printf '%s\n' "${times[@]}" | sort -n | awk -v m="$MODE" -v e="$EDIT" '{a[NR]=$1} END {print m, e, "n=" NR, "median=" (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2), "min=" a[1], "max=" a[NR]}'
