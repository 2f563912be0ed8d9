# Conduit as a container: Next's standalone output (the server and only the
# files it needs) on Node 20, run by the unprivileged `node` user. The app
# migrates its database at start; the embedded database (PGlite) lives in the
# /data volume unless DATABASE_URL points at PostgreSQL.
#
#   docker build -t conduit .
#   docker run -p 3000:3000 -v conduit-data:/data \
#     -e BETTER_AUTH_SECRET=$(openssl rand -base64 32) -e APP_URL=http://localhost:3000 conduit

FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
# Dependencies first, so they are cached until the lockfile changes
# (npm ci runs prisma generate, which reads the schema).
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
COPY lib/cli/no-schema-engine.sh ./lib/cli/
RUN npm ci
COPY . .
RUN npx next build

FROM node:20-bookworm-slim AS run
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    PGLITE_DATA_DIR=/data/pglite
# The app's files belong to root (read-only for the app); only /data is the app's to write.
COPY --from=build /app/.next/standalone ./
COPY --from=build /app/.next/static ./.next/static
COPY --from=build /app/lib/cli/serve.mjs ./lib/cli/serve.mjs
RUN mkdir -p /data && chown node:node /data
VOLUME /data
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# serve.mjs answers streams and webhooks on Node directly and, on SIGTERM,
# drains (streams get a retry hint, work in flight finishes) within
# SHUTDOWN_TIMEOUT_MS (8 s by default, inside `docker stop`'s 10 s). The command
# is npm start's (package.json; serve.mjs says why the flag).
CMD ["node", "--no-memory-reducer", "--max-semi-space-size=64", "lib/cli/serve.mjs"]
