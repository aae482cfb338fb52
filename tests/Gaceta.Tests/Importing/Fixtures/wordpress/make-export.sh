#!/usr/bin/env bash
# Remakes polylang-export.xml and uploads/ with WordPress's own exporter (WXR), on Debian's WordPress package.
# Needs the packages and MariaDB that ../shared/peers/wordpress/setup.sh (or the same apt packages) installs.
# Uses a site of its own (host wp.gaceta.test, database wp_gaceta_fixture, content in a temporary folder), so
# nothing of another WordPress on the machine is touched. Run as root.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
HOST=wp.gaceta.test
CONF=/etc/wordpress/config-$HOST.php
CONTENT=$(mktemp -d /tmp/gaceta-wp.XXXXXX)
IMAGES=$(mktemp -d /tmp/gaceta-wp-images.XXXXXX)
trap 'rm -rf "$CONTENT" "$IMAGES" "$CONF"; mysql --protocol=socket -e "DROP DATABASE IF EXISTS wp_gaceta_fixture; DROP USER IF EXISTS wp_gaceta_fixture@localhost;"' EXIT

mysqladmin --protocol=socket ping >/dev/null
PASS=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
mysql --protocol=socket <<SQL
DROP DATABASE IF EXISTS wp_gaceta_fixture;
CREATE DATABASE wp_gaceta_fixture CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'wp_gaceta_fixture'@'localhost' IDENTIFIED BY '$PASS';
ALTER USER 'wp_gaceta_fixture'@'localhost' IDENTIFIED BY '$PASS';
GRANT ALL PRIVILEGES ON wp_gaceta_fixture.* TO 'wp_gaceta_fixture'@'localhost';
SQL
cat >"$CONF" <<PHP
<?php
define('DB_NAME', 'wp_gaceta_fixture');
define('DB_USER', 'wp_gaceta_fixture');
define('DB_PASSWORD', '$PASS');
define('DB_HOST', 'localhost');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
\$table_prefix = 'wp_';
define('WP_CONTENT_DIR', '$CONTENT');
define('WP_CONTENT_URL', 'http://$HOST/wp-content');
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
PHP
mkdir -p "$CONTENT/uploads"
# The photos: the demo's two illustrations, under the names the posts use.
cp "$HERE/../../../../../src/Gaceta/Demo/harbour.png" "$IMAGES/ferry-at-dawn.png"
cp "$HERE/../../../../../src/Gaceta/Demo/seagrass.png" "$IMAGES/seagrass.png"

php "$HERE/make-export.php" "$HOST" "$IMAGES" >"$HERE/polylang-export.xml"
rm -rf "$HERE/uploads"
cp -r "$CONTENT/uploads" "$HERE/uploads"
echo "wrote $HERE/polylang-export.xml ($(wc -c <"$HERE/polylang-export.xml") bytes) and uploads/"
