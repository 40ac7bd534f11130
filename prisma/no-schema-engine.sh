#!/bin/sh
# Stands in for Prisma's native schema engine, which cannot be downloaded here.
# Migrations run through the WebAssembly engine instead: npm run db:migrate / db:new / db:status.
echo "Prisma's native schema engine is not installed; use npm run db:migrate, db:new or db:status." >&2
exit 1
