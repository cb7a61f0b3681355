# syntax=docker/dockerfile:1
# ORCA api: NestJS built by Nx/webpack to dist/apps/api/main.js, run as a non-root user.
# Build from the repository root:  docker build -f deploy/api.Dockerfile -t orca-api .
# One image, two uses: the server (default CMD) and the migration step
# (`node dist/apps/api/main.js migrate`, used by docker-compose and the Helm hook Job).

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /workspace
ENV CI=true NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx nx build api --configuration=production

# Production dependencies only, from the same lock file: no build tool reaches the runtime image.
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/data
WORKDIR /app
# DATA_DIR is only used in embedded mode (no DATABASE_URL); mount a volume there to keep it.
RUN mkdir -p /data && chown 1000:1000 /data
COPY --from=prod-deps /app/package.json ./package.json
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /workspace/dist/apps/api ./dist/apps/api
# The image's `node` user, by number, so Kubernetes' runAsNonRoot can verify it.
USER 1000:1000
EXPOSE 3000
CMD ["node", "dist/apps/api/main.js"]
