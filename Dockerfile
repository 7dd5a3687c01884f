# syntax=docker/dockerfile:1
# One image for every Gigmart process; the service is chosen when it runs:
#   docker build -t gigmart .
#   docker run gigmart gateway        # or users, gigs, orders, inbox, media (see compose.yaml)
# Build stage: every workspace's dependencies, the TypeScript build and the composed supergraph.
# Runtime stage: production dependencies only, the build output, a non-root user.

ARG NODE_VERSION=22

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
ENV CI=true TURBO_TELEMETRY_DISABLED=1 TURBO_NO_UPDATE_NOTIFIER=1
# The manifests first, so that the dependency layer is rebuilt only when they change.
COPY package.json package-lock.json ./
COPY shared/package.json shared/
COPY infra/devdb/package.json infra/devdb/
COPY infra/deploy/package.json infra/deploy/
COPY services/users/package.json services/users/
COPY services/gigs/package.json services/gigs/
COPY services/orders/package.json services/orders/
COPY services/inbox/package.json services/inbox/
COPY services/media/package.json services/media/
COPY gateway/package.json gateway/
COPY stack/package.json stack/
COPY e2e/package.json e2e/
COPY clients/web/package.json clients/web/
COPY bench/package.json bench/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx turbo run build --filter=@gigmart/gateway --filter=@gigmart/users --filter=@gigmart/gigs --filter=@gigmart/orders --filter=@gigmart/inbox --filter=@gigmart/media \
 && npm run compose -w gateway -- /app/gateway/supergraph.graphql
# What the runtime needs: the services' production dependencies (no dev tooling, no test kit).
RUN npm ci --omit=dev --no-audit --no-fund \
      -w shared -w services/users -w services/gigs -w services/orders -w services/inbox -w services/media -w gateway

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    LOG_LEVEL=info \
    DATA_DIR=/tmp/gigmart \
    SUPERGRAPH_PATH=/app/gateway/supergraph.graphql
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/shared/package.json shared/
COPY --from=build /app/shared/dist shared/dist
COPY --from=build /app/services/users/package.json services/users/
COPY --from=build /app/services/users/dist services/users/dist
COPY --from=build /app/services/gigs/package.json services/gigs/
COPY --from=build /app/services/gigs/dist services/gigs/dist
COPY --from=build /app/services/orders/package.json services/orders/
COPY --from=build /app/services/orders/dist services/orders/dist
COPY --from=build /app/services/inbox/package.json services/inbox/
COPY --from=build /app/services/inbox/dist services/inbox/dist
COPY --from=build /app/services/media/package.json services/media/
COPY --from=build /app/services/media/dist services/media/dist
COPY --from=build /app/gateway/package.json gateway/
COPY --from=build /app/gateway/dist gateway/dist
COPY --from=build /app/gateway/supergraph.graphql gateway/
COPY infra/docker/start.sh /usr/local/bin/gigmart
# node's image has an unprivileged user `node` (uid 1000); the media service's files folder is its own
# (a volume mounted there starts with this owner).
RUN mkdir -p /var/lib/gigmart/files && chown -R node:node /var/lib/gigmart
USER node
EXPOSE 4000 4001 4002 4003 4004 4005
# Health checks are the orchestrator's (compose.yaml, the Helm chart): GET /health and /ready on the service's port.
ENTRYPOINT ["/usr/local/bin/gigmart"]
CMD ["gateway"]
