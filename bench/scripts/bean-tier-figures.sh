#!/bin/sh
# New endpoint to first 200, bean tier against restart tier and DevTools tuned (100 ms poll,
# 50 ms quiet period), median of 20 edits each, on the demo service and on the fixture app
# (JPA, Thymeleaf, Spring Security: the endpoint is called with HTTP basic). A public
# controller gets one more @GetMapping method per edit. Writes
# bench/results/bean-tier-figures.md (demo) and bench/results/bean-tier-figures-fixture.md.
# About 10 minutes on 2 cores. Options: -Dbean.figures.edits=N
cd "$(dirname "$0")/../.." || exit 1
exec mvn -B -ntp -o -q -pl autoconfigure,fixture-app -am test -Dtest='BeanTierFigures,FixtureBeanTierFigures' \
	-Dbean.figures=true -Dsurefire.failIfNoSpecifiedTests=false "$@"
