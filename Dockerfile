# syntax=docker/dockerfile:1
# One image per service, from one file: `docker build --target <service> -t onething/<service> .`
# Targets: gateway, subgraph-hall, hall-migrate, subgraph-tax, subgraph-market, subgraph-realestate,
# subgraph-fund, subgraph-payment, idp, legacy-tax, legacy-market, legacy-realestate, legacy-fund,
# legacy-payment, legacy-courier, legacy-sms (the identity provider and the stand-ins are development
# tools: the production profile refuses to run them). Each runs its build (npm run build) with plain
# node, as a non-root user, on a read-only root file system: what a service writes goes to
# /var/lib/onething (the hall's embedded store and uploads, the payment stand-in's keys) or /tmp, to be
# mounted. See docs/operations.md.

ARG NODE_IMAGE=node:20.20.2-bookworm-slim

FROM ${NODE_IMAGE} AS base
WORKDIR /app
ENV NODE_ENV=production \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false

# Every workspace's package.json and the lockfile, alone: the dependency layers below are rebuilt only
# when these change, not at every change of the source.
FROM base AS manifests
COPY . /src
RUN mkdir -p /manifests \
 && cd /src \
 && find . -name package.json -not -path '*/node_modules/*' -exec cp --parents {} /manifests \; \
 && cp package-lock.json /manifests/

# Everything the build needs (dev dependencies included), then the build: every service bundled into
# its package's dist/ (esbuild), the web app into web/dist (Vite).
FROM base AS build
COPY --from=manifests /manifests ./
RUN npm install --include=dev --ignore-scripts
COPY . .
RUN npm run build

# The production dependencies alone: no TypeScript, no tsx, no test runner in what runs.
FROM base AS production-dependencies
COPY --from=manifests /manifests ./
RUN npm install --omit=dev --ignore-scripts && npm cache clean --force

# What every service runs from: production dependencies, the builds, and the files the services read
# beside their builds (the supergraph and the subgraphs' SDL, the stand-ins' item lists, the hall's
# bundles and calendar, the web app). Owned by root: the service's user reads, never writes, its code.
FROM base AS runtime
COPY --from=production-dependencies /app ./
COPY --from=build /app/schema/supergraph.graphql ./schema/supergraph.graphql
COPY --from=build /app/schema/subgraphs ./schema/subgraphs
COPY --from=build /app/gateway/dist ./gateway/dist
COPY --from=build /app/web/dist ./web/dist
# The web app's trusted documents (its operations by hash), which the gateway loads by default.
COPY --from=build /app/web/src/api/generated/persisted-documents.json ./web/src/api/generated/persisted-documents.json
COPY --from=build /app/idp/dist ./idp/dist
COPY --from=build /app/subgraphs/hall/dist ./subgraphs/hall/dist
COPY --from=build /app/subgraphs/hall/bundles ./subgraphs/hall/bundles
COPY --from=build /app/subgraphs/hall/data ./subgraphs/hall/data
COPY --from=build /app/subgraphs/tax/dist ./subgraphs/tax/dist
COPY --from=build /app/subgraphs/market/dist ./subgraphs/market/dist
COPY --from=build /app/subgraphs/realestate/dist ./subgraphs/realestate/dist
COPY --from=build /app/subgraphs/fund/dist ./subgraphs/fund/dist
COPY --from=build /app/subgraphs/payment/dist ./subgraphs/payment/dist
COPY --from=build /app/legacy/tax/dist ./legacy/tax/dist
COPY --from=build /app/legacy/tax/data ./legacy/tax/data
COPY --from=build /app/legacy/market/dist ./legacy/market/dist
COPY --from=build /app/legacy/market/data ./legacy/market/data
COPY --from=build /app/legacy/realestate/dist ./legacy/realestate/dist
COPY --from=build /app/legacy/realestate/data ./legacy/realestate/data
COPY --from=build /app/legacy/realestate/wsdl ./legacy/realestate/wsdl
COPY --from=build /app/legacy/fund/dist ./legacy/fund/dist
COPY --from=build /app/legacy/fund/data ./legacy/fund/data
COPY --from=build /app/legacy/payment/dist ./legacy/payment/dist
COPY --from=build /app/legacy/payment/data ./legacy/payment/data
COPY --from=build /app/legacy/courier/dist ./legacy/courier/dist
COPY --from=build /app/legacy/sms/dist ./legacy/sms/dist
COPY --from=build /app/legacy/sms/data ./legacy/sms/data
# The only places a service writes: mount a volume (or an emptyDir) on each.
RUN mkdir -p /var/lib/onething/hall /var/lib/onething/materials /var/lib/onething/payment \
 && chown -R node:node /var/lib/onething
# The official image's unprivileged user (uid 1000).
USER 1000:1000

FROM runtime AS gateway
ENV HOST=0.0.0.0 PORT=4000
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.PORT+'/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "gateway/dist/main.js"]

FROM runtime AS subgraph-hall
ENV HOST=0.0.0.0 PORT=4001 \
    DATA_DIR=/var/lib/onething/hall \
    MATERIALS_DIR=/var/lib/onething/materials
EXPOSE 4001
HEALTHCHECK --interval=10s --timeout=3s --start-period=90s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.PORT+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "subgraphs/hall/dist/main.js"]

# The hall's migrations alone, then exit (a deployment's migration job): no port, no health check.
FROM runtime AS hall-migrate
ENV DATA_DIR=/var/lib/onething/hall
HEALTHCHECK NONE
CMD ["node", "subgraphs/hall/dist/migrate.js"]

FROM runtime AS subgraph-tax
ENV HOST=0.0.0.0 PORT=4002
EXPOSE 4002
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.PORT+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "subgraphs/tax/dist/main.js"]

FROM runtime AS subgraph-market
ENV HOST=0.0.0.0 PORT=4003
EXPOSE 4003
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.PORT+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "subgraphs/market/dist/main.js"]

FROM runtime AS subgraph-realestate
ENV HOST=0.0.0.0 PORT=4004
EXPOSE 4004
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.PORT+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "subgraphs/realestate/dist/main.js"]

FROM runtime AS subgraph-fund
ENV HOST=0.0.0.0 PORT=4005
EXPOSE 4005
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.PORT+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "subgraphs/fund/dist/main.js"]

# The payment platform's subgraph (统一公共支付平台): its caller key and the platform's public key are
# mounted (PAYMENT_CALLER_KEY_FILE, PAYMENT_PLATFORM_PUBLIC_KEY_FILE); the platform posts its
# notifications to its /notifications/payment, which it relays to the hall.
FROM runtime AS subgraph-payment
ENV HOST=0.0.0.0 PORT=4006
EXPOSE 4006
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.PORT+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "subgraphs/payment/dist/main.js"]

# Development tools, for a whole system to try (compose, the dev overlay); production refuses them.
FROM runtime AS idp
ENV HOST=0.0.0.0 PORT=4010
EXPOSE 4010
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.PORT+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "idp/dist/main.js"]

FROM runtime AS legacy-tax
ENV HOST=0.0.0.0 PORT=4101 ADMIN_PORT=4111
EXPOSE 4101 4111
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.ADMIN_PORT+'/__admin/status').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "legacy/tax/dist/main.js"]

FROM runtime AS legacy-market
ENV HOST=0.0.0.0 PORT=4102 ADMIN_PORT=4112
EXPOSE 4102 4112
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.ADMIN_PORT+'/__admin/status').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "legacy/market/dist/main.js"]

FROM runtime AS legacy-realestate
ENV HOST=0.0.0.0 PORT=4103 ADMIN_PORT=4113
EXPOSE 4103 4113
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.ADMIN_PORT+'/__admin/status').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "legacy/realestate/dist/main.js"]

FROM runtime AS legacy-fund
ENV HOST=0.0.0.0 PORT=4104 ADMIN_PORT=4114
EXPOSE 4104 4114
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.ADMIN_PORT+'/__admin/status').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "legacy/fund/dist/main.js"]

# The payment platform's stand-in: without keys given, it makes its own and a development caller's in
# DATA_DIR at first start (a volume, for the payment subgraph to read them from).
FROM runtime AS legacy-payment
ENV HOST=0.0.0.0 PORT=4105 ADMIN_PORT=4115 \
    DATA_DIR=/var/lib/onething/payment
EXPOSE 4105 4115
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.ADMIN_PORT+'/__admin/status').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "legacy/payment/dist/main.js"]

FROM runtime AS legacy-courier
ENV HOST=0.0.0.0 PORT=4106 ADMIN_PORT=4116
EXPOSE 4106 4116
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.ADMIN_PORT+'/__admin/status').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "legacy/courier/dist/main.js"]

FROM runtime AS legacy-sms
ENV HOST=0.0.0.0 PORT=4107 ADMIN_PORT=4117
EXPOSE 4107 4117
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.ADMIN_PORT+'/__admin/status').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "legacy/sms/dist/main.js"]
