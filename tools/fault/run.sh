#!/usr/bin/env bash
# Fault-injection suite (docs/operations.md): kill -9 during a cycle launch (a), during task
# completion (b), two nodes at once on an empty PostgreSQL 15 (c), kill -9 during an import (d),
# kill -9 of one of two nodes during a launch (e).
# Not part of ./mvnw verify; about 8 minutes on 2 cores. Usage: tools/fault/run.sh [a] [b] [c] [d] [e] [--employees=N] [--not-durable]
set -euo pipefail
cd "$(dirname "$0")/../.."
build="${FAULT_BUILD_DIR:-target-fault}"
./mvnw -q -Pbench -DbuildDir="$build" test-compile exec:exec -Dbench.main=com.servicereview.fault.FaultSuite \
  -Dbench.args="--pg15=$PWD/$build/postgres-binaries/postgres-15-linux-amd64.jar $*"
