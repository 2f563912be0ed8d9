#!/bin/sh
# Stand-in for Prisma's native schema engine: `prisma generate` needs the
# variable to point at an executable but never runs it (see README, Prisma offline).
echo "schema-engine-cli offline-stub"
