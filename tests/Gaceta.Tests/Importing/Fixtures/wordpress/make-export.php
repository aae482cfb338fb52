<?php
/*
 * Builds a small bilingual newsroom in a fresh WordPress with Polylang's data shape, then prints the WXR that
 * WordPress's own exporter writes for it. Run by make-export.sh: php make-export.php HOST IMAGE_DIR
 *
 * Polylang itself is not installed: its four taxonomies are registered the way it registers them, and its
 * data is written the way it writes it (a `language` term per post, `post_translations` groups whose
 * description is a serialized array of language => post id, `term_language` and `term_translations` for
 * categories), which is all the exporter sees.
 */
if ($argc < 3) { fwrite(STDERR, "usage: php make-export.php HOST IMAGE_DIR\n"); exit(2); }
$host = $argv[1];
$images = rtrim($argv[2], '/');
$_SERVER['HTTP_HOST'] = $host;
$_SERVER['SERVER_NAME'] = $host;
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['REQUEST_METHOD'] = 'GET';
define('WP_INSTALLING', true);
function wp_new_blog_notification($blog_title, $blog_url, $user_id, $password) {}

require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/export.php';
require_once ABSPATH . 'wp-admin/includes/image.php';

if (!is_blog_installed()) {
    wp_install('Gaceta del Puerto', 'admin', 'admin@example.invalid', true, '', wp_generate_password(24, false));
}
$site = "http://$host";
update_option('siteurl', $site);
update_option('home', $site);
update_option('permalink_structure', '/%year%/%monthnum%/%postname%/');
update_option('timezone_string', 'Europe/Madrid');
$GLOBALS['wp_rewrite']->init();
foreach (get_posts(['post_type' => ['post', 'page', 'attachment'], 'post_status' => 'any', 'numberposts' => -1]) as $p) {
    wp_delete_post($p->ID, true);
}

foreach (['language' => ['post', 'page'], 'term_language' => ['term'], 'post_translations' => ['post', 'page'], 'term_translations' => ['term']] as $taxonomy => $types) {
    register_taxonomy($taxonomy, $types, ['public' => false, 'query_var' => false, 'rewrite' => false, '_pll' => true]);
}

function term_id($name, $taxonomy, $args = []) {
    $found = term_exists($name, $taxonomy);
    $r = $found ?: wp_insert_term($name, $taxonomy, $args);
    if (is_wp_error($r)) { fwrite(STDERR, $r->get_error_message() . "\n"); exit(1); }
    return (int) $r['term_id'];
}

// The two languages, as Polylang stores them.
$lang = [
    'en' => term_id('English', 'language', ['slug' => 'en', 'description' => serialize(['locale' => 'en_GB', 'rtl' => 0, 'flag_code' => 'gb'])]),
    'es' => term_id('Español', 'language', ['slug' => 'es', 'description' => serialize(['locale' => 'es_ES', 'rtl' => 0, 'flag_code' => 'es'])]),
];
$term_lang = ['en' => term_id('pll_en', 'term_language', ['slug' => 'pll_en']), 'es' => term_id('pll_es', 'term_language', ['slug' => 'pll_es'])];

function category($name, $slug, $code, $description = '') {
    global $term_lang;
    $id = term_id($name, 'category', ['slug' => $slug, 'description' => $description]);
    wp_set_object_terms($id, [$term_lang[$code]], 'term_language');
    return $id;
}
function link_terms(array $ids) {
    $group = term_id(uniqid('pll_'), 'term_translations', ['description' => serialize($ids)]);
    foreach ($ids as $id) { wp_set_object_terms($id, [$group], 'term_translations'); }
}
$port_en = category('Port', 'port', 'en', 'News from the docks and the ferries.');
$port_es = category('Puerto', 'puerto', 'es', 'Noticias de los muelles y los ferris.');
link_terms(['en' => $port_en, 'es' => $port_es]);
$council_en = category('City council', 'city-council', 'en');
$council_es = category('Ayuntamiento', 'ayuntamiento', 'es');
link_terms(['en' => $council_en, 'es' => $council_es]);
$culture_es = category('Cultura', 'cultura', 'es');   // Spanish only

function author($login, $name, $bio) {
    $user = get_user_by('login', $login);
    $id = $user ? $user->ID : wp_insert_user(['user_login' => $login, 'user_pass' => wp_generate_password(20), 'user_email' => "$login@example.invalid", 'display_name' => $name, 'first_name' => explode(' ', $name)[0], 'last_name' => explode(' ', $name, 2)[1] ?? '', 'role' => 'author', 'description' => $bio]);
    if (is_wp_error($id)) { fwrite(STDERR, $id->get_error_message() . "\n"); exit(1); }
    return $id;
}
$marina = author('marina', 'Marina Quiroga', 'Covers the port and the islands.');
$joan = author('joan', 'Joan Ribas', '');

function attachment($file, $title, $alt, $caption, $date) {
    global $images;
    $upload = wp_upload_bits($file, null, file_get_contents("$images/$file"), substr($date, 0, 4) . '/' . substr($date, 5, 2));
    if (!empty($upload['error'])) { fwrite(STDERR, $upload['error'] . "\n"); exit(1); }
    $id = wp_insert_attachment(['post_title' => $title, 'post_excerpt' => $caption, 'post_mime_type' => 'image/png', 'post_date' => $date, 'post_date_gmt' => $date, 'post_status' => 'inherit'], $upload['file']);
    update_post_meta($id, '_wp_attachment_image_alt', $alt);
    return [$id, $upload['url']];
}

function post($code, $fields) {
    global $lang;
    $id = wp_insert_post($fields + ['post_type' => 'post', 'comment_status' => 'open'], true);
    if (is_wp_error($id)) { fwrite(STDERR, $id->get_error_message() . "\n"); exit(1); }
    wp_set_object_terms($id, [$lang[$code]], 'language');
    return $id;
}
function link_posts(array $ids) {
    $group = term_id(uniqid('pll_'), 'post_translations', ['description' => serialize($ids)]);
    foreach ($ids as $id) { wp_set_object_terms($id, [$group], 'post_translations'); }
}

[$ferry_photo, $ferry_url] = attachment('ferry-at-dawn.png', 'Ferry at dawn', 'The island ferry leaving the harbour at dawn', 'The 7:10 crossing on its first day.', '2026-10-02 06:40:00');
[$seagrass_photo, $seagrass_url] = attachment('seagrass.png', 'Seagrass', 'Seagrass meadow under clear water', '', '2026-10-05 10:00:00');

// 1. A bilingual pair from the block editor: headings, emphasis, links, lists, a quote, an image, an embed, a shortcode.
$ferry_en = post('en', [
    'post_title' => 'Island ferry adds a dawn crossing',
    'post_name' => 'island-ferry-adds-a-dawn-crossing',
    'post_excerpt' => 'Commuters from the islands will reach the mainland before seven from Monday.',
    'post_status' => 'publish', 'post_author' => $marina, 'post_category' => [$port_en],
    'post_date' => '2026-10-02 08:15:00', 'post_date_gmt' => '2026-10-02 06:15:00',
    'tags_input' => ['ferries', 'commuting'],
    'post_content' => <<<HTML
<!-- wp:paragraph -->
<p>The port authority confirmed on Friday that a <strong>new crossing at 7:10</strong> will join the timetable, after <a href="https://example.org/petition">a petition</a> signed by <em>1,200 commuters</em>.</p>
<!-- /wp:paragraph -->

<!-- wp:heading -->
<h2 class="wp-block-heading">What changes</h2>
<!-- /wp:heading -->

<!-- wp:list -->
<ul class="wp-block-list"><!-- wp:list-item -->
<li>The first boat leaves at 7:10 instead of 8:30.</li>
<!-- /wp:list-item -->

<!-- wp:list-item -->
<li>Season tickets cover the new crossing.</li>
<!-- /wp:list-item --></ul>
<!-- /wp:list -->

<!-- wp:image {"id":$seagrass_photo,"sizeSlug":"large","linkDestination":"none"} -->
<figure class="wp-block-image size-large"><img src="$seagrass_url" alt="Seagrass meadow under clear water" class="wp-image-$seagrass_photo"/><figcaption class="wp-element-caption">The meadow the new route avoids.</figcaption></figure>
<!-- /wp:image -->

<!-- wp:quote -->
<blockquote class="wp-block-quote"><!-- wp:paragraph -->
<p>We asked for one boat and we got it.</p>
<!-- /wp:paragraph --><cite>A commuter from Illa Gran</cite></blockquote>
<!-- /wp:quote -->

<!-- wp:embed {"url":"https://www.youtube.com/watch?v=dQw4w9WgXcQ","type":"video","providerNameSlug":"youtube"} -->
<figure class="wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube"><div class="wp-block-embed__wrapper">
https://www.youtube.com/watch?v=dQw4w9WgXcQ
</div></figure>
<!-- /wp:embed -->

<!-- wp:shortcode -->
[gravityform id="3" title="false"]
<!-- /wp:shortcode -->

<!-- wp:html -->
<p onclick="alert(1)">Tell us how you travel.</p><script>alert("x")</script>
<!-- /wp:html -->
HTML,
]);
set_post_thumbnail($ferry_en, $ferry_photo);
$ferry_es = post('es', [
    'post_title' => 'El ferri de las islas suma una salida al amanecer',
    'post_name' => 'el-ferri-de-las-islas-suma-una-salida-al-amanecer',
    'post_excerpt' => 'Desde el lunes, quien viaja desde las islas llegará a tierra firme antes de las siete.',
    'post_status' => 'publish', 'post_author' => $marina, 'post_category' => [$port_es],
    'post_date' => '2026-10-02 09:00:00', 'post_date_gmt' => '2026-10-02 07:00:00',
    'post_content' => <<<HTML
<!-- wp:paragraph -->
<p>La autoridad portuaria confirmó el viernes que <strong>una nueva salida a las 7:10</strong> entrará en el horario.</p>
<!-- /wp:paragraph -->

<!-- wp:heading {"level":3} -->
<h3 class="wp-block-heading">Qué cambia</h3>
<!-- /wp:heading -->

<!-- wp:list {"ordered":true} -->
<ol class="wp-block-list"><!-- wp:list-item -->
<li>El primer barco sale a las 7:10.</li>
<!-- /wp:list-item --></ol>
<!-- /wp:list -->
HTML,
]);
set_post_thumbnail($ferry_es, $ferry_photo);
link_posts(['en' => $ferry_en, 'es' => $ferry_es]);

// 2. A bilingual pair written in the classic editor, by two authors' worth of history.
$budget_en = post('en', [
    'post_title' => 'Council approves the harbour budget',
    'post_name' => 'council-approves-the-harbour-budget',
    'post_status' => 'publish', 'post_author' => $joan, 'post_category' => [$council_en],
    'post_date' => '2026-10-10 19:30:00', 'post_date_gmt' => '2026-10-10 17:30:00',
    'post_content' => "The council voted <b>14 to 11</b> for the plan.\n\nThe opposition will appeal.\n\n[caption id=\"attachment_1\" align=\"alignnone\" width=\"300\"]A caption from the classic editor[/caption]",
]);
$budget_es = post('es', [
    'post_title' => 'El pleno aprueba el presupuesto del puerto',
    'post_name' => 'el-pleno-aprueba-el-presupuesto-del-puerto',
    'post_status' => 'publish', 'post_author' => $joan, 'post_category' => [$council_es],
    'post_date' => '2026-10-10 20:00:00', 'post_date_gmt' => '2026-10-10 18:00:00',
    'post_content' => "El pleno votó <i>14 a 11</i> a favor.\n\nLa oposición recurrirá.",
]);
link_posts(['en' => $budget_en, 'es' => $budget_es]);

// 3. Spanish only, published; 4. scheduled; 5. draft and pending; 6. private and trash (skipped).
post('es', ['post_title' => 'Vuelve el festival de habaneras', 'post_name' => 'vuelve-el-festival-de-habaneras', 'post_status' => 'publish', 'post_author' => $marina, 'post_category' => [$culture_es], 'post_date' => '2026-10-20 12:00:00', 'post_date_gmt' => '2026-10-20 10:00:00', 'post_content' => '<!-- wp:paragraph --><p>Coros de cinco países cantarán en la lonja.</p><!-- /wp:paragraph -->']);
post('en', ['post_title' => 'New breakwater opens in the spring', 'post_name' => 'new-breakwater-opens-in-the-spring', 'post_status' => 'future', 'post_author' => $marina, 'post_category' => [$port_en], 'post_date' => '2030-03-01 09:00:00', 'post_date_gmt' => '2030-03-01 08:00:00', 'post_content' => '<p>Work ends in February.</p>']);
post('en', ['post_title' => 'Draft: fish market hours', 'post_name' => 'fish-market-hours', 'post_status' => 'draft', 'post_author' => $joan, 'post_category' => [$port_en], 'post_content' => '<p>To be confirmed.</p>']);
post('es', ['post_title' => 'Pendiente: obras en el paseo', 'post_status' => 'pending', 'post_author' => $joan, 'post_category' => [$council_es], 'post_content' => '<p>Pendiente de revisión.</p>']);
post('en', ['post_title' => 'Private: staff rota', 'post_status' => 'private', 'post_author' => $joan, 'post_category' => [$council_en], 'post_content' => '<p>Only for us.</p>']);
$trashed = post('en', ['post_title' => 'Withdrawn story', 'post_status' => 'publish', 'post_author' => $joan, 'post_category' => [$council_en], 'post_content' => '<p>Gone.</p>']);
wp_trash_post($trashed);

// A page and a comment: Gaceta has neither; the import reports them.
wp_insert_post(['post_type' => 'page', 'post_title' => 'About us', 'post_status' => 'publish', 'post_content' => '<p>A newsroom by the sea.</p>']);
wp_insert_comment(['comment_post_ID' => $ferry_en, 'comment_author' => 'A reader', 'comment_content' => 'Finally!', 'comment_approved' => 1]);

ob_start();
export_wp(['content' => 'all']);
$xml = ob_get_clean();
echo $xml;
