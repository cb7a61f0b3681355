# syntax=docker/dockerfile:1
# ORCA web: the Angular build (dist/apps/web/browser) served by unprivileged nginx on port 8080,
# which also proxies /api and /socket.io (WebSocket upgrade) to the api.
# Build from the repository root:  docker build -f deploy/web.Dockerfile -t orca-web .
# API_UPSTREAM (host:port of the api service) is substituted into deploy/nginx.conf at start.

ARG NODE_IMAGE=node:20-bookworm-slim
ARG NGINX_IMAGE=nginxinc/nginx-unprivileged:1.28-alpine

FROM ${NODE_IMAGE} AS build
WORKDIR /workspace
ENV CI=true NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# The build, then .br/.gz beside each asset (tools/web/precompress.mjs) for gzip_static.
RUN npx nx run web:precompress

FROM ${NGINX_IMAGE} AS runtime
ENV API_UPSTREAM=api:3000
# The image's entrypoint renders /etc/nginx/templates/*.template into /etc/nginx/conf.d,
# substituting only variables that are set (nginx's own $host etc. are left alone).
COPY deploy/nginx.conf /etc/nginx/templates/default.conf.template
COPY --from=build /workspace/dist/apps/web/browser /usr/share/nginx/html
EXPOSE 8080
