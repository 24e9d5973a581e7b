#!/bin/sh
# New endpoint to first 200 on the demo service, bean tier against restart tier, median of 20
# edits each (a public controller in the demo's greeting package gets one more @GetMapping
# method per edit). Writes bench/results/bean-tier-figures.md. About 2 minutes on 2 cores.
# Options: -Dbean.figures.edits=N
cd "$(dirname "$0")/../.." || exit 1
exec mvn -o -q -pl autoconfigure test -Dtest=BeanTierFigures -Dbean.figures=true \
	-Dsurefire.failIfNoSpecifiedTests=false "$@"
