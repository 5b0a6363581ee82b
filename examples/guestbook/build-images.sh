#!/usr/bin/env bash
# Builds the guestbook's images locally, from Debian packages only, with no image registry:
#
#   coxswain/debian:bookworm    a minimal Debian bookworm made with mmdebstrap and `docker import`ed
#   coxswain/guestbook-php:v1   Apache + mod_php guestbook frontend (php/)
#   coxswain/guestbook-php:v2   the same app, its footer and /version say v2
#   coxswain/mariadb:10         Debian's MariaDB server (mariadb/)
#   coxswain/memcached:1        Debian's memcached (memcached/)
#   coxswain/nginx:1            Debian's nginx-light with a static page, for benchmarks (nginx/)
#
# Usage: build-images.sh [--rebuild] [--no-cache] [debian|php|mariadb|memcached|nginx ...]
#   --rebuild   make the Debian base image again even if it exists (the others follow it)
#   --no-cache  pass --no-cache to docker build
# With no names it builds them all. Safe to run again: an existing base image is kept and
# docker build reuses its cache. The Debian mirror is the one the host's apt uses.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
base=coxswain/debian:bookworm
suite=bookworm
rebuild=0
build_opts=()
targets=()

for arg in "$@"; do
  case "$arg" in
    --rebuild) rebuild=1 ;;
    --no-cache) build_opts+=(--no-cache) ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    debian|php|mariadb|memcached|nginx) targets+=("$arg") ;;
    *) echo "unknown argument: $arg" >&2; exit 2 ;;
  esac
done
[ ${#targets[@]} -gt 0 ] || targets=(debian php mariadb memcached nginx)

log() { printf '\n==> %s\n' "$*"; }
want() { local t; for t in "${targets[@]}"; do [ "$t" = "$1" ] && return 0; done; return 1; }

# The host's Debian mirrors, from its apt sources (deb822 *.sources and one-line sources.list).
# Prints "main URI" and "security URI" lines, the first found of each.
host_mirrors() {
  local files=()
  shopt -s nullglob
  files=(/etc/apt/sources.list.d/*.sources)
  shopt -u nullglob
  if [ ${#files[@]} -gt 0 ]; then
    # deb822: one stanza per paragraph; a stanza may list several URIs and suites.
    awk '
      function flush(   i, j, nu, ns, u, s) {
        if (types ~ /(^| )deb( |$)/ && tolower(enabled) != "no") {
          nu = split(uris, u, " "); ns = split(suites, s, " ")
          for (j = 1; j <= ns; j++) for (i = 1; i <= nu; i++) {
            if (s[j] ~ /-security$/) print "security " u[i]
            else if (s[j] !~ /-(updates|backports|proposed-updates)$/ && s[j] !~ /\//) print "main " u[i]
          }
        }
        types = uris = suites = enabled = ""
      }
      /^[ \t]*#/ { next }
      /^[ \t]*$/ { flush(); next }
      tolower($1) == "types:"   { $1 = ""; types = $0 }
      tolower($1) == "uris:"    { $1 = ""; uris = $0 }
      tolower($1) == "suites:"  { $1 = ""; suites = $0 }
      tolower($1) == "enabled:" { enabled = $2 }
      END { flush() }
    ' "${files[@]}"
  fi
  shopt -s nullglob
  files=(/etc/apt/sources.list /etc/apt/sources.list.d/*.list)
  shopt -u nullglob
  if [ ${#files[@]} -gt 0 ]; then
    # one-line: deb [options] URI SUITE COMPONENTS...
    awk '
      $1 == "deb" {
        i = 2
        if ($i ~ /^\[/) { while (i <= NF && $i !~ /\]$/) i++; i++ }
        uri = $i; s = $(i + 1)
        if (s ~ /-security$/) print "security " uri
        else if (s !~ /-(updates|backports|proposed-updates)$/ && s !~ /\//) print "main " uri
      }
    ' "${files[@]}" 2>/dev/null || true
  fi
}

build_base() {
  if [ "$rebuild" = 0 ] && docker image inspect "$base" >/dev/null 2>&1; then
    log "$base exists, kept (--rebuild makes it again)"
    return
  fi
  command -v mmdebstrap >/dev/null || {
    log "installing mmdebstrap (Debian package)"
    apt-get update -qq && apt-get install -y -qq mmdebstrap >/dev/null
  }
  local mirrors main security
  mirrors="$(host_mirrors)"
  main="$(awk '$1 == "main" { print $2; exit }' <<<"$mirrors")"
  security="$(awk '$1 == "security" { print $2; exit }' <<<"$mirrors")"
  [ -n "$main" ] || { echo "no Debian mirror found in the host's apt sources" >&2; exit 1; }
  local sources=("deb $main $suite main" "deb $main $suite-updates main")
  [ -z "$security" ] || sources+=("deb $security $suite-security main")
  log "making a minimal Debian $suite root filesystem with mmdebstrap from: ${sources[*]}"

  tmp="$(mktemp -d /tmp/coxswain-debian.XXXXXX)"
  trap 'rm -rf "$tmp"' EXIT
  # Files laid over the new system: apt keeps no downloaded packages (as in Debian's own
  # container images) and no service starts while a package is installed in a build.
  mkdir -p "$tmp/overlay/etc/apt/apt.conf.d" "$tmp/overlay/usr/sbin"
  cat > "$tmp/overlay/etc/apt/apt.conf.d/docker-clean" <<'EOF_APT'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Binary::apt::APT::Keep-Downloaded-Packages "false";
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
EOF_APT
  printf '#!/bin/sh\n# no service starts while packages are installed in an image build\nexit 101\n' \
    > "$tmp/overlay/usr/sbin/policy-rc.d"
  chmod 755 "$tmp/overlay/usr/sbin/policy-rc.d"
  # minbase without documentation, manual pages or translations (the dpkg options stay in the
  # image, so packages installed later leave them out too), apt without recommends. The
  # merged-usr hook makes the merged /usr itself, sparing the usrmerge package and perl.
  # shellcheck disable=SC2016 # the hooks' "$1" is mmdebstrap's (the new root), not ours
  mmdebstrap --variant=minbase --format=tar \
    --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr \
    --dpkgopt='path-exclude=/usr/share/man/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' \
    --dpkgopt='path-include=/usr/share/locale/locale.alias' \
    --dpkgopt='path-exclude=/usr/share/doc/*' \
    --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    --dpkgopt='path-exclude=/usr/share/info/*' \
    --aptopt='APT::Install-Recommends "false"' \
    --aptopt='APT::Install-Suggests "false"' \
    --aptopt='Acquire::Languages "none"' \
    --customize-hook="sync-in $tmp/overlay /" \
    --customize-hook='rm -rf "$1"/var/cache/apt/* "$1"/var/lib/apt/lists/* "$1"/var/log/*.log "$1"/var/log/apt/*' \
    --customize-hook='echo coxswain > "$1"/etc/hostname; : > "$1"/etc/resolv.conf' \
    "$suite" "$tmp/rootfs.tar" "${sources[@]}"
  log "docker import $base ($(du -h "$tmp/rootfs.tar" | cut -f1) tar)"
  docker import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV LANG=C.UTF-8' \
    --change 'CMD ["/bin/bash"]' \
    --message "Debian $suite minbase made by mmdebstrap" \
    "$tmp/rootfs.tar" "$base"
  rm -rf "$tmp"
}

build() { # build TAG DIR [docker build options...]
  local tag="$1" dir="$2"; shift 2
  log "docker build -t $tag $dir $*"
  # The classic builder: FROM takes the local base image and never asks a registry.
  DOCKER_BUILDKIT=0 docker build ${build_opts[@]+"${build_opts[@]}"} "$@" -t "$tag" "$here/$dir"
}

timed() { # timed NAME COMMAND...
  local start=$SECONDS
  "${@:2}"
  echo "--- $1: $((SECONDS - start)) s"
}

total=$SECONDS
want debian && timed "$base" build_base
docker image inspect "$base" >/dev/null 2>&1 || { echo "$base is missing: build it first (debian)" >&2; exit 1; }
if want php; then
  timed coxswain/guestbook-php:v1 build coxswain/guestbook-php:v1 php --build-arg GUESTBOOK_VERSION=v1
  timed coxswain/guestbook-php:v2 build coxswain/guestbook-php:v2 php --build-arg GUESTBOOK_VERSION=v2
fi
want mariadb && timed coxswain/mariadb:10 build coxswain/mariadb:10 mariadb
want memcached && timed coxswain/memcached:1 build coxswain/memcached:1 memcached
want nginx && timed coxswain/nginx:1 build coxswain/nginx:1 nginx

log "done in $((SECONDS - total)) s"
docker images --format '{{.Repository}}:{{.Tag}}\t{{.Size}}' | grep -E '^coxswain/(debian|guestbook-php|mariadb|memcached|nginx):' | sort
