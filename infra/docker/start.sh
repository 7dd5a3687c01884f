#!/bin/sh
# The image's entry point: `gigmart <service>` runs that process of the marketplace in the foreground
# (as PID 1's child-free process, so SIGTERM reaches it and it drains before exiting).
set -eu
service="${1:-gateway}"
case "$service" in
  gateway) exec node /app/gateway/dist/main.js ;;
  users | gigs | orders | inbox | media) exec node "/app/services/$service/dist/main.js" ;;
  *)
    echo "gigmart: unknown service '$service' (expected gateway, users, gigs, orders, inbox or media)" >&2
    exit 64
    ;;
esac
