#!/bin/sh
# Breakpoint survival over 100 reloads (IDE-like JDI client and jdb, direct and through the
# debug relay, method-body and structural edits) and the relay's added latency on a step and
# a continue (median of 50). Writes bench/results/debug-figures.md. About 15 minutes on 2
# cores. Options: -Ddebug.figures.reloads=N -Ddebug.figures.samples=N
# -Ddebug.figures.only="jdb relay" (survival cases whose "kind mode structural" contain it)
cd "$(dirname "$0")/../.." || exit 1
exec mvn -o -q -pl autoconfigure test -Dtest=DebuggingFigures -Ddebug.figures=true \
	-Dsurefire.failIfNoSpecifiedTests=false "$@"
