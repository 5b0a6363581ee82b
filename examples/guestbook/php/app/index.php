<?php
// The guestbook frontend: one file, every request of the site comes here.
//   GET  /         the messages, newest first, and a form; the rendered list is cached in
//                  memcached for 30 s (header X-Cache: hit|miss|off) and read from MariaDB otherwise
//   POST /         form field "message": stored in MariaDB, the cache entry dropped, 303 to /
//   GET  /healthz  200 "ok" when MariaDB answers, 503 otherwise (a readiness probe)
//   GET  /version  "v1" or "v2", the version baked into the image
// Every response has X-Served-By: <hostname> (the pod's name). Without memcached the page is
// built from the database on every request (after a failure this pod leaves memcached alone
// for 10 s).
declare(strict_types=1);

const CACHE_KEY = 'guestbook:messages:html';
const CACHE_TTL = 30;         // seconds
const CACHE_DOWN = '/tmp/guestbook-cache-down';  // touched when memcached failed
const CACHE_BACKOFF = 10;     // seconds this pod leaves memcached alone after a failure
const MAX_MESSAGE = 500;      // characters kept of a message
const SHOWN = 100;            // newest messages shown

function env(string $name, string $default): string
{
    $value = getenv($name);
    return $value === false || $value === '' ? $default : $value;
}

function h(string $text): string
{
    return htmlspecialchars($text, ENT_QUOTES | ENT_SUBSTITUTE | ENT_HTML5, 'UTF-8');
}

function text(int $status, string $body): void
{
    http_response_code($status);
    header('Content-Type: text/plain; charset=utf-8');
    header('Cache-Control: no-store');
    echo $body;
}

function db(): PDO
{
    static $pdo = null;
    if ($pdo === null) {
        $dsn = sprintf('mysql:host=%s;port=%d;dbname=%s;charset=utf8mb4',
            env('GUESTBOOK_DB_HOST', 'mariadb'), (int) env('GUESTBOOK_DB_PORT', '3306'),
            env('GUESTBOOK_DB_NAME', 'guestbook'));
        $pdo = new PDO($dsn, env('GUESTBOOK_DB_USER', 'guestbook'), env('GUESTBOOK_DB_PASSWORD', 'guestbook'), [
            PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION,
            PDO::ATTR_TIMEOUT => 2,  // connect timeout, seconds
            PDO::ATTR_EMULATE_PREPARES => false,
        ]);
    }
    return $pdo;
}

function ensure_table(): void
{
    db()->exec('CREATE TABLE IF NOT EXISTS messages (
        id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
        message VARCHAR(' . MAX_MESSAGE . ') NOT NULL,
        created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4');
}

// The memcached client, or null when the extension is missing or memcached failed in the last
// CACHE_BACKOFF seconds. Short timeouts, and the back-off: a cache that is down (or whose name
// takes long to resolve) must not slow every page down.
function cache(): ?Memcached
{
    static $mc = false;
    if ($mc === false) {
        $mc = null;
        clearstatcache(true, CACHE_DOWN);
        if (class_exists('Memcached') && (int) @filemtime(CACHE_DOWN) <= time() - CACHE_BACKOFF) {
            $mc = new Memcached();
            $mc->setOption(Memcached::OPT_CONNECT_TIMEOUT, 250);   // milliseconds
            $mc->setOption(Memcached::OPT_POLL_TIMEOUT, 250);      // milliseconds
            $mc->setOption(Memcached::OPT_SEND_TIMEOUT, 250000);   // microseconds
            $mc->setOption(Memcached::OPT_RECV_TIMEOUT, 250000);   // microseconds
            $mc->addServer(env('GUESTBOOK_CACHE_HOST', 'memcached'), (int) env('GUESTBOOK_CACHE_PORT', '11211'));
        }
    }
    return $mc;
}

// Whether the last memcached call failed for another reason than a missing key; if so, the
// back-off starts.
function cache_failed(Memcached $mc): bool
{
    $code = $mc->getResultCode();
    if ($code === Memcached::RES_SUCCESS || $code === Memcached::RES_NOTFOUND) {
        return false;
    }
    error_log('guestbook: memcached: ' . $mc->getResultMessage());
    @touch(CACHE_DOWN);
    return true;
}

function render_messages(): string
{
    ensure_table();
    $rows = db()->query('SELECT message, created_at FROM messages ORDER BY id DESC LIMIT ' . SHOWN)
        ->fetchAll(PDO::FETCH_ASSOC);
    if (!$rows) {
        return "<p class=\"empty\">No messages yet.</p>\n";
    }
    $html = "<ul class=\"messages\">\n";
    foreach ($rows as $row) {
        $html .= '<li><span class="when">' . h((string) $row['created_at']) . '</span> '
            . h((string) $row['message']) . "</li>\n";
    }
    return $html . "</ul>\n";
}

function page(string $version): void
{
    $mc = cache();
    $messages = $mc ? $mc->get(CACHE_KEY) : false;
    if ($mc && !is_string($messages) && cache_failed($mc)) {
        $mc = null;
    }
    $state = 'hit';
    if (!is_string($messages)) {
        $messages = render_messages();
        $state = $mc && $mc->set(CACHE_KEY, $messages, CACHE_TTL) ? 'miss' : 'off';
    }
    header('X-Cache: ' . $state);
    header('Content-Type: text/html; charset=utf-8');
    header('Cache-Control: no-store');
    $host = h((string) gethostname());
    $v = h($version);
    echo <<<HTML
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Guestbook</title>
<style>
body { font-family: sans-serif; max-width: 40em; margin: 2em auto; padding: 0 1em; }
.messages li { margin: .3em 0; } .when { color: #888; font-size: .8em; }
footer { margin-top: 2em; color: #888; font-size: .8em; }
</style>
</head>
<body>
<h1>Guestbook</h1>
<form method="post" action="/">
<input name="message" maxlength="500" size="40" placeholder="Your message" required autofocus>
<button type="submit">Submit</button>
</form>
$messages<footer>guestbook <span id="version">$v</span> &middot; served by <span id="served-by">$host</span></footer>
</body>
</html>

HTML;
}

function post(): void
{
    $message = trim((string) ($_POST['message'] ?? ''));
    if (!preg_match('//u', $message)) {
        text(400, "message is not UTF-8\n");
        return;
    }
    if ($message !== '') {
        $message = (string) preg_replace('/^(.{0,' . MAX_MESSAGE . '}).*$/su', '$1', $message);
        ensure_table();
        db()->prepare('INSERT INTO messages (message) VALUES (?)')->execute([$message]);
        $mc = cache();
        if ($mc && !$mc->delete(CACHE_KEY)) {
            cache_failed($mc);
        }
    }
    header('Location: /', true, 303);
}

$version = trim((string) @file_get_contents('/etc/guestbook-version')) ?: 'unknown';
header('X-Served-By: ' . gethostname());
$path = parse_url($_SERVER['REQUEST_URI'] ?? '/', PHP_URL_PATH) ?: '/';
$method = $_SERVER['REQUEST_METHOD'] ?? 'GET';

try {
    if ($path === '/healthz') {
        db()->query('SELECT 1');
        text(200, 'ok');
    } elseif ($path === '/version') {
        text(200, $version);
    } elseif ($path === '/' || $path === '/index.php') {
        if ($method === 'POST') {
            post();
        } elseif ($method === 'GET' || $method === 'HEAD') {
            page($version);
        } else {
            header('Allow: GET, HEAD, POST');
            text(405, "method not allowed\n");
        }
    } else {
        text(404, "not found\n");
    }
} catch (PDOException $e) {
    error_log('guestbook: database: ' . $e->getMessage());
    text(503, "database unavailable\n");
}
