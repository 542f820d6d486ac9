# Liuyun: the engine and the built designer in one image.
#   docker build -t liuyun .
#   docker run -p 3000:3000 -v liuyun-data:/data -e LIUYUN_ADMIN_PASSWORD=... liuyun
# With DATABASE_URL it uses a Postgres server instead of the embedded database in /data.
# See docs/operations.md (and docker-compose.yml for two engines behind nginx).
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV CI=true
COPY . .
RUN npx --yes pnpm@10.34.8 install --frozen-lockfile \
 && npx --yes pnpm@10.34.8 -r run build

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    PORT=3000 \
    LIUYUN_DATA_DIR=/data
WORKDIR /app
COPY --from=build --chown=node:node /app /app
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
VOLUME ["/data"]
# Ready = database reachable, migrations current, workers running, not stopping.
HEALTHCHECK --interval=10s --timeout=3s --start-period=90s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# SIGTERM: stop taking work, finish or hand back what is in flight, exit.
STOPSIGNAL SIGTERM
CMD ["node", "engine/dist/main.js"]
