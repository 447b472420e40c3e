#!/usr/bin/env bash
# Install the independent RDF tools the interoperability tests use, from Debian, where they
# are missing: Raptor's `rapper` (raptor2-utils) parses every export, and Virtuoso
# (virtuoso-opensource) is the second SPARQL server `--endpoint` is tested on. Where they
# cannot be installed this says so in one line and succeeds: the tests that need a tool
# then fail with a message naming it, and nothing else is affected.
missing=()
command -v rapper >/dev/null 2>&1 || missing+=(raptor2-utils)
command -v virtuoso-t >/dev/null 2>&1 || missing+=(virtuoso-opensource)
[ ${#missing[@]} = 0 ] && exit 0
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "Installing RDF tools for the tests (apt-get install ${missing[*]})..."
    # No service is started by the package: the tests start their own servers.
    if apt-get update -qq >/dev/null && \
       DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 apt-get install -y -qq --no-install-recommends \
           "${missing[@]}" >/dev/null; then
        exit 0
    fi
fi
echo "Could not install ${missing[*]}: the tests that need them will say so."
exit 0
