// Remakes ghost-export.json, members.csv and images/ with Ghost's own exporters, from a running Ghost
// (the peer that ../shared/peers/ghost/setup.sh installs; its owner's password is in admin-password there).
// usage: node make-export.js GHOST_URL PASSWORD_FILE
// Replaces every post, page and member of that Ghost with the fixture's; touches nothing else.
'use strict';
const fs = require('fs');
const path = require('path');
const [base, pwFile] = process.argv.slice(2);
const here = __dirname;
let cookie = '';

async function api(method, route, body, raw) {
    const headers = {Origin: base, Cookie: cookie};
    if (body && !(body instanceof FormData)) headers['Content-Type'] = 'application/json';
    const res = await fetch(`${base}/ghost/api/admin${route}`, {
        method, headers, body: body instanceof FormData ? body : body ? JSON.stringify(body) : undefined
    });
    const setCookie = res.headers.getSetCookie ? res.headers.getSetCookie() : [];
    if (setCookie.length) cookie = setCookie.map(c => c.split(';')[0]).join('; ');
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${route} -> ${res.status} ${text.slice(0, 400)}`);
    if (raw) return text;
    try { return text ? JSON.parse(text) : {}; } catch (e) { return {text}; }
}

// A photo of the fixture's own (the WordPress fixture uses the demo's illustrations): a smooth gradient as a PNG.
function gradientPng(width, height, [r0, g0, b0], [r1, g1, b1]) {
    const crcTable = Array.from({length: 256}, (_, n) => {
        let c = n;
        for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
        return c >>> 0;
    });
    const crc = (buf) => { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
    const chunk = (type, data) => {
        const head = Buffer.alloc(8); head.writeUInt32BE(data.length, 0); head.write(type, 4, 'ascii');
        const tail = Buffer.alloc(4); tail.writeUInt32BE(crc(Buffer.concat([head.subarray(4), data])), 0);
        return Buffer.concat([head, data, tail]);
    };
    const rows = [];
    for (let y = 0; y < height; y++) {
        const row = Buffer.alloc(1 + width * 3);
        for (let x = 0; x < width; x++) {
            const t = (x + y) / (width + height);
            row[1 + x * 3] = Math.round(r0 + (r1 - r0) * t);
            row[2 + x * 3] = Math.round(g0 + (g1 - g0) * t);
            row[3 + x * 3] = Math.round(b0 + (b1 - b0) * t);
        }
        rows.push(row);
    }
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(width, 0); ihdr.writeUInt32BE(height, 4); ihdr[8] = 8; ihdr[9] = 2;
    return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr),
        chunk('IDAT', require('zlib').deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

async function upload(content, name) {
    const form = new FormData();
    form.append('file', new Blob([content], {type: 'image/png'}), name);
    form.append('purpose', 'image');
    return (await api('POST', '/images/upload/', form)).images[0].url;
}

(async () => {
    const [email, password] = fs.readFileSync(pwFile, 'utf8').trim().split(/\s+/);
    await api('POST', '/session/', {username: email, password});
    await api('PUT', '/settings/', {settings: [{key: 'locale', value: 'en'}, {key: 'title', value: 'The Harbour Courier'}]});

    for (const kind of ['posts', 'pages']) {
        const all = await api('GET', `/${kind}/?limit=all&filter=status:[draft,published,scheduled,sent]&fields=id`);
        for (const p of all[kind]) await api('DELETE', `/${kind}/${p.id}/`);
    }
    const members = await api('GET', '/members/?limit=all&fields=id');
    for (const m of members.members) await api('DELETE', `/members/${m.id}/`);

    const me = (await api('GET', '/users/me/')).users[0];
    await api('PUT', `/users/${me.id}/`, {users: [{name: 'Marta Quiroga', slug: 'marta-quiroga',
        bio: 'Covers the port, the ferries and the people who work the harbour.'}]});

    const ferry = await upload(gradientPng(480, 320, [240, 150, 60], [30, 60, 120]), 'night-ferry.png');
    const seagrass = await upload(gradientPng(480, 320, [20, 90, 60], [170, 210, 150]), 'seagrass-beds.png');

    const create = async (kind, post) =>
        (await api('POST', `/${kind}/?source=html`, {[kind]: [post]}))[kind][0];

    const budget = await create('posts', {
        title: 'Council approves the harbour budget after a long night',
        slug: 'council-approves-harbour-budget',
        status: 'published',
        published_at: '2026-10-02T18:45:00.000Z',
        tags: [{name: 'Harbour'}, {name: 'Council'}],
        html: '<p>The council voted seven to four shortly after midnight.</p>' +
              '<h2>Where the money goes</h2><ul><li>Dredging the east channel</li><li>A second ferry ramp</li></ul>' +
              '<blockquote><p>We could not wait another winter.</p></blockquote>'
    });
    await create('posts', {
        title: 'Night ferry returns to the island route',
        slug: 'night-ferry-returns',
        status: 'published',
        published_at: '2026-10-05T07:30:00.000Z',
        custom_excerpt: 'After two years without it, the late crossing is back on the timetable.',
        feature_image: ferry,
        feature_image_alt: 'The ferry leaving the harbour at dawn',
        feature_image_caption: 'The first crossing of the season.',
        tags: [{name: 'Harbour'}, {name: 'Transport'}],
        html: `<p>The <strong>late crossing</strong> leaves the pier at 23:10, as the <a href="${base}/${budget.slug}/">budget</a> promised.</p>` +
              `<figure class="kg-card kg-image-card kg-card-hascaption"><img src="${seagrass}" class="kg-image" alt="Seagrass under the pier"><figcaption>Seagrass beds under the new ramp.</figcaption></figure>` +
              '<p>Tickets cost the same as the day boat.</p>' +
              '<!--kg-card-begin: html--><iframe src="https://www.youtube.com/embed/abc123" width="560" height="315"></iframe><!--kg-card-end: html-->'
    });
    await create('posts', {
        title: 'El festival de habaneras vuelve al muelle',
        slug: 'festival-habaneras-vuelve',
        status: 'published',
        published_at: '2026-10-07T20:00:00.000Z',
        tags: [{name: 'Cultura'}, {name: '#es'}],
        html: '<p>Los coros del puerto cantan otra vez <em>frente al mar</em>.</p><p>La entrada es libre.</p>'
    });
    await create('posts', {
        title: 'Members only: the dredging contract in full',
        slug: 'dredging-contract-in-full',
        status: 'published',
        visibility: 'members',
        published_at: '2026-10-08T09:00:00.000Z',
        tags: [{name: 'Harbour'}],
        html: '<p>The full contract runs to ninety pages.</p>'
    });
    await create('posts', {
        title: 'Draft: the lighthouse keepers',
        slug: 'lighthouse-keepers',
        status: 'draft',
        html: '<p>Notes for a profile of the last keepers.</p>'
    });
    await create('posts', {
        title: 'Regatta week opens next summer',
        slug: 'regatta-week-opens',
        status: 'scheduled',
        published_at: '2031-06-01T08:00:00.000Z',
        tags: [{name: 'Sport'}],
        html: '<p>Forty boats have entered so far.</p>'
    });
    await create('pages', {title: 'About the Courier', slug: 'about', status: 'published', html: '<p>A harbour newspaper.</p>'});

    await api('POST', '/members/', {members: [{email: 'reader.one@example.org', name: 'Reader One'}]});
    await api('POST', '/members/', {members: [{email: 'Lector.Dos@Example.ORG', name: 'Lector Dos'}]});
    await api('POST', '/members/', {members: [{email: 'quiet.reader@example.org', name: 'Quiet Reader', newsletters: []}]});

    // Ghost's export carries the site's keys and secrets and the staff's password hashes: the fixture keeps
    // their fields, not their values.
    const exported = JSON.parse(await api('GET', '/db/', null, true));
    const data = exported.db[0].data;
    for (const user of data.users) { user.password = 'removed-from-fixture'; user.email = `${user.slug}@example.org`; }
    for (const setting of data.settings) {
        if (/secret|private_key|public_key|_hash$/.test(setting.key) && setting.value) setting.value = 'removed-from-fixture';
    }
    fs.writeFileSync(path.join(here, 'ghost-export.json'), JSON.stringify(exported, null, 1) + '\n');
    fs.writeFileSync(path.join(here, 'members.csv'), await api('GET', '/members/upload/?limit=all', null, true));
    for (const url of [ferry, seagrass]) {
        const relative = url.split('/content/images/')[1];
        const target = path.join(here, 'images', relative);
        fs.mkdirSync(path.dirname(target), {recursive: true});
        fs.writeFileSync(target, Buffer.from(await (await fetch(url)).arrayBuffer()));
    }
    console.log('ok');
})().catch((e) => { console.error(e.message); process.exit(1); });
