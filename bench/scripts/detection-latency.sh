#!/usr/bin/env bash
# Change detection latency (issue 17): file write -> the watcher sees it, with file system events
# and with polling. Usage: bench/scripts/detection-latency.sh   (N=30 writes per mode by default)
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
N=${N:-30}
OUT=$ROOT/bench/target/detection-latency; mkdir -p $OUT
mvn -B -q -f $ROOT/pom.xml -pl autoconfigure -am compile dependency:build-classpath \
  -Dmdep.outputFile=$OUT/classpath.txt -Dmdep.includeScope=runtime > /dev/null
CP=$ROOT/autoconfigure/target/classes:$(cat $OUT/classpath.txt)
javac -d $OUT/classes -cp $CP $ROOT/bench/src/main/java/dev/reloadhook/bench/DetectionLatency.java
java -Dn=$N -cp $OUT/classes:$CP dev.reloadhook.bench.DetectionLatency
