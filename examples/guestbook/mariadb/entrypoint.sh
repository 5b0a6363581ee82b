#!/bin/bash
# MariaDB as the container's main process: starts as root, makes /var/lib/mysql the mysql
# user's (a hostPath volume arrives owned by root), initialises it when it holds no database
# yet, then execs mariadbd, which drops to the mysql user (uid 999) and shuts down cleanly on
# SIGTERM. At every start an init file (run before the server listens) makes sure the database
# and its user exist and that the user's password is $MARIADB_PASSWORD.
#   MARIADB_PASSWORD  the user's password (default guestbook)
#   MARIADB_DATABASE  the database (default guestbook)
#   MARIADB_USER      the user, allowed from any host (default guestbook)
# root has no password and logs in only through the socket inside the container
# (docker exec ... mariadb).
set -euo pipefail

datadir=/var/lib/mysql
password="${MARIADB_PASSWORD:-guestbook}"
database="${MARIADB_DATABASE:-guestbook}"
user="${MARIADB_USER:-guestbook}"
log() { echo "mariadb-entrypoint: $*" >&2; }

for name in "$database" "$user"; do
  [[ "$name" =~ ^[A-Za-z0-9_]{1,64}$ ]] || { log "bad name: $name"; exit 1; }
done

mkdir -p "$datadir" /run/mysqld
chown mysql:mysql /run/mysqld
if [ "$(stat -c %u "$datadir")" != "$(id -u mysql)" ]; then
  log "$datadir is not the mysql user's: chown -R mysql:mysql"
  chown -R mysql:mysql "$datadir"
fi

if [ ! -d "$datadir/mysql" ]; then
  log "no database in $datadir: initialising it"
  mariadb-install-db --user=mysql --datadir="$datadir" --skip-test-db \
    --auth-root-authentication-method=socket --skip-name-resolve >/dev/null
  log "initialised"
fi

sql_string() { # a single-quoted SQL string literal
  local s="${1//\\/\\\\}"
  printf "'%s'" "${s//\'/\\\'}"
}
init=/run/mysqld/init.sql
umask 077
cat > "$init" <<SQL
CREATE DATABASE IF NOT EXISTS \`$database\` CHARACTER SET utf8mb4;
CREATE USER IF NOT EXISTS '$user'@'%' IDENTIFIED BY $(sql_string "$password");
ALTER USER '$user'@'%' IDENTIFIED BY $(sql_string "$password");
GRANT ALL PRIVILEGES ON \`$database\`.* TO '$user'@'%';
SQL
chown mysql:mysql "$init"

log "starting mariadbd"
exec mariadbd --user=mysql --init-file="$init" "$@"
