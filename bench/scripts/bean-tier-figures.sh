#!/bin/sh
# New endpoint to first 200, bean tier against restart tier and DevTools tuned (100 ms poll,
# 50 ms quiet period), median of 20 edits each, on the demo service and on the fixture app
# (JPA, Thymeleaf, Spring Security: the endpoint is called with the session cookie of one
# form login, not HTTP basic, whose BCrypt check per request would be most of the figure).
# A public controller gets one more @GetMapping method per edit. Writes
# bench/results/bean-tier-figures.md (demo) and bench/results/bean-tier-figures-fixture.md.
# About 10 minutes on 2 cores. Options: -Dbean.figures.edits=N, -Dbean.figures.poll-ms=N
# (the client's poll interval, default 10), -Dbean.figures.variants=bean,restart,devtools
# (some variants only: the results file then holds only those, do not commit it)
cd "$(dirname "$0")/../.." || exit 1
exec mvn -B -ntp -o -q -pl autoconfigure,fixture-app -am test -Dtest='BeanTierFigures,FixtureBeanTierFigures' \
	-Dbean.figures=true -Dsurefire.failIfNoSpecifiedTests=false "$@"
