#!/usr/bin/env bash
# Runs every test of FieldSync on a fresh machine: installs what the tests need (PostgreSQL and Chromium from Debian's
# packages, when missing and we are root; the npm packages of tests/appwrite-js), builds with warnings as errors, runs
# every test project, then the server tests a second time on PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

have_postgres() {
  [ -n "${FIELDSYNC_TEST_POSTGRES:-}" ] || command -v initdb >/dev/null 2>&1 || compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null
}

filter=()
if ! have_postgres; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    step "installing PostgreSQL from Debian's packages (the PostgreSQL tests start a throwaway cluster from it)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  elif [ "${CI:-}" = "true" ]; then
    echo "PostgreSQL is required in CI: install the postgresql package or set FIELDSYNC_TEST_POSTGRES." >&2
    exit 1
  else
    echo "!! PostgreSQL is not installed and this is not root: the PostgreSQL tests are SKIPPED." >&2
    echo "!! Install it (apt-get install postgresql) or set FIELDSYNC_TEST_POSTGRES to run them." >&2
    filter=(--filter "Storage!=Postgres")
  fi
fi

# The Appwrite compatibility tests drive the real Appwrite SDKs from npm: node-appwrite under Node.js, and the web SDK
# in Debian's headless Chromium through playwright-core. A missing part fails the run; it is never skipped.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "Node.js 20+ and npm are required by the Appwrite compatibility tests (tests/appwrite-js)." >&2
  exit 1
fi
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    step "installing Chromium from Debian's packages (the Appwrite web SDK test runs in it, headless)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Chromium is required by the Appwrite web SDK test: run this as root, or apt-get install chromium." >&2
    exit 1
  fi
fi
step "npm packages of tests/appwrite-js (node-appwrite, appwrite, playwright-core) from its lock file"
(cd tests/appwrite-js && npm ci --no-audit --no-fund --loglevel=error)

step "dotnet $(dotnet --version): restore and build (warnings are errors)"
dotnet build FieldSync.slnx -c Release --nologo -v quiet

step "tests"
dotnet test FieldSync.slnx -c Release --no-build --nologo "${filter[@]}" "$@"

# The server's HTTP tests once more, every test server on a fresh PostgreSQL database of the throwaway cluster. The
# PostgreSQL-only tests ran above; the SQLite-only ones (a held SQLite write lock, the database file) do not apply.
if [ ${#filter[@]} -eq 0 ]; then
  step "server tests on PostgreSQL"
  FIELDSYNC_TEST_STORAGE=postgres dotnet test tests/FieldSync.Server.Tests -c Release --no-build --nologo \
    --filter "Storage!=SqliteOnly&Storage!=Postgres"
else
  echo "!! PostgreSQL is not installed and this is not root: the server tests on PostgreSQL were SKIPPED." >&2
  echo "!! Install it (apt-get install postgresql) or set FIELDSYNC_TEST_POSTGRES to run them." >&2
fi
