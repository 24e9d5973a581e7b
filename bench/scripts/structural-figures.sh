#!/bin/sh
# Structural edits to the first 200 that shows them, on the demo service and on the fixture app
# (JPA, Thymeleaf, Spring Security: requests carry the session cookie of one form login):
#   endpoint  a controller gets one more @GetMapping method per edit
#   entity    a new @Formula field on the fixture's Owner entity, shown by /api/owners
#             (fixture only: the demo has no JPA entity)
#   service   a new @Service class, and a controller changed to inject and call it
# each with reload-hook as a user gets it (defaults; the tier it took is read from its log),
# reload-hook forced to its restart tier, DevTools default and DevTools tuned (100 ms poll,
# 50 ms quiet period); one application JVM per kind and variant, 20 measured edits each.
# Writes bench/results/structural-figures.md (demo) and
# bench/results/structural-figures-fixture.md. Take the figures on an otherwise idle machine.
# Options: -Dbean.figures.edits=N, -Dbean.figures.poll-ms=N (the client's poll interval,
# default 10), -Dbean.figures.variants=reload-hook,restart,devtools-default,devtools-tuned,
# -Dbean.figures.kinds=endpoint,entity,service (some only: the results files then hold only
# those, do not commit them)
cd "$(dirname "$0")/../.." || exit 1
exec mvn -B -ntp -o -q -pl autoconfigure,fixture-app -am test -Dtest='StructuralFigures,FixtureStructuralFigures' \
	-Dbean.figures=true -Dsurefire.failIfNoSpecifiedTests=false "$@"
