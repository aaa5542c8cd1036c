#!/usr/bin/env bash
# Runs every test of FieldSync on a fresh machine: restores packages, builds with warnings as errors, runs all test projects.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "==> dotnet $(dotnet --version)"
dotnet build FieldSync.slnx -c Release --nologo -v quiet
dotnet test FieldSync.slnx -c Release --no-build --nologo --logger "console;verbosity=normal" "$@"
