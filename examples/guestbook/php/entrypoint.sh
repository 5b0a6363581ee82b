#!/bin/sh
# Apache in the foreground as the container's main process (root binds port 80, the children
# run as www-data). SIGTERM stops it at once, SIGWINCH gracefully.
set -e
# shellcheck source=/dev/null
. /etc/apache2/envvars
mkdir -p "$APACHE_RUN_DIR" "$APACHE_LOCK_DIR" "$APACHE_LOG_DIR"
rm -f "$APACHE_PID_FILE"
exec /usr/sbin/apache2 -DFOREGROUND "$@"
