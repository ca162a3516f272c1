# Helix API and ingestion worker image (used by docker-compose.yml).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json ./
COPY src ./src
COPY ingest ./ingest
RUN npx tsc -p tsconfig.json && npx tsx src/explorer/build.ts && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY schema ./schema
COPY cypher ./cypher
COPY docker ./docker
USER node
EXPOSE 4000
ENTRYPOINT ["node", "--enable-source-maps", "dist/src/cli/main.js"]
CMD ["serve"]
