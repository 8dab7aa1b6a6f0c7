/*
 * Wamator WhatsApp Web simulator — the operator-visible page: a QR screen while unpaired (with a
 * "Simulate scan" button), then a chat list of what was "sent" with each message's ack ticks.
 * Rendering is coalesced with setTimeout (not requestAnimationFrame: an offscreen or hidden
 * page gets no animation frames), at most every RENDER_INTERVAL_MS, and draws only the newest
 * chats and messages: a sandbox number sending a 5,000-message batch changes the page thousands
 * of times a second, and redrawing every chat on each change made the page, not WhatsApp's
 * round trip, the limit of the whole pipeline (P5: 31 messages/s before, see
 * docs/performance.md).
 */
(function () {
    'use strict';

    const SIM = (window.__wamatorSim = window.__wamatorSim || {});
    const $ = (id) => document.getElementById(id);
    const RENDER_INTERVAL_MS = 250;
    const MAX_CHATS = 200;
    const MAX_MESSAGES = 200;
    let pending = false;
    let lastRender = 0;
    let selected = null;

    function esc(s) {
        return String(s === undefined || s === null ? '' : s).replace(/[&<>"']/g, (c) => ({
            '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;',
        })[c]);
    }

    function hhmm(tSeconds) {
        const d = new Date((tSeconds || 0) * 1000);
        return String(d.getHours()).padStart(2, '0') + ':' + String(d.getMinutes()).padStart(2, '0');
    }

    // Drawn, not an emoji: the clock glyph is missing from many Linux font sets.
    const CLOCK = '<svg class="clock" viewBox="0 0 12 12" width="11" height="11" aria-hidden="true">'
        + '<circle cx="6" cy="6" r="5" fill="none" stroke="currentColor" stroke-width="1.2"/>'
        + '<path d="M6 3v3.2l2 1.3" fill="none" stroke="currentColor" stroke-width="1.2"/></svg>';

    function ticks(ack, msg) {
        if (msg && msg._sim && msg._sim.failed && ack === 0)
            return '<span class="ticks error" title="not sent: ' + esc(msg._sim.failed) + '">!</span>';
        if (ack < 0)
            return '<span class="ticks error" title="failed">!</span>';
        if (ack === 0 || ack === undefined)
            return '<span class="ticks" title="pending">' + CLOCK + '</span>';
        if (ack === 1)
            return '<span class="ticks" title="sent">&#10003;</span>';
        if (ack === 2)
            return '<span class="ticks" title="delivered">&#10003;&#10003;</span>';
        return '<span class="ticks read" title="read">&#10003;&#10003;</span>';
    }

    // A deterministic QR-looking pattern derived from the QR string (finder squares included).
    // It is a picture for the operator, not a scannable code: nothing real can pair with it.
    function drawQr(text) {
        const canvas = $('qr');
        if (!canvas || !canvas.getContext)
            return;
        const ctx = canvas.getContext('2d');
        const n = 33;
        const cell = Math.floor(canvas.width / (n + 2));
        ctx.fillStyle = '#fff';
        ctx.fillRect(0, 0, canvas.width, canvas.height);
        let seed = 2166136261;
        for (let i = 0; i < text.length; ++i)
            seed = Math.imul(seed ^ text.charCodeAt(i), 16777619) >>> 0;
        const next = () => {
            seed ^= seed << 13;
            seed >>>= 0;
            seed ^= seed >>> 17;
            seed ^= seed << 5;
            seed >>>= 0;
            return seed;
        };
        const finder = (x, y) => (x < 8 && y < 8) || (x >= n - 8 && y < 8) || (x < 8 && y >= n - 8);
        ctx.fillStyle = '#111b21';
        for (let y = 0; y < n; ++y)
            for (let x = 0; x < n; ++x)
                if (!finder(x, y) && next() % 2)
                    ctx.fillRect((x + 1) * cell, (y + 1) * cell, cell, cell);
        const square = (x, y) => {
            ctx.fillRect((x + 1) * cell, (y + 1) * cell, 7 * cell, 7 * cell);
            ctx.fillStyle = '#fff';
            ctx.fillRect((x + 2) * cell, (y + 2) * cell, 5 * cell, 5 * cell);
            ctx.fillStyle = '#111b21';
            ctx.fillRect((x + 3) * cell, (y + 3) * cell, 3 * cell, 3 * cell);
        };
        square(0, 0);
        square(n - 7, 0);
        square(0, n - 7);
    }

    let lastQrText = null;

    function render() {
        pending = false;
        lastRender = performance.now();
        const api = SIM.api;
        const st = SIM.state;
        if (!api || !st)
            return;
        const state = api.Socket.state;
        const paired = !!st.pairing && (state === 'CONNECTED' || state === 'OPENING');
        const unpaired = st.loaded && !paired && state !== 'OPENING';
        $('state').textContent = state + (api.Socket.hasSynced ? ' · synced' : '');
        $('logout').hidden = !st.pairing;
        $('landing').hidden = !unpaired;
        $('main').hidden = !paired;
        const err = $('storage-error');
        err.hidden = !st.storageError;
        err.textContent = st.storageError ? 'Storage error (pairing and messages will not survive a restart): ' + st.storageError : '';

        // Pairing by phone-number code: the code replaces the QR on the landing screen.
        const codeMode = unpaired && api.inCodeMode && api.inCodeMode() && st.alt && st.alt.code;
        $('code-pane').hidden = !codeMode;
        document.querySelector('#landing .qr').hidden = !!codeMode;
        if (codeMode) {
            $('pairing-code').textContent = st.alt.code.slice(0, 4) + '-' + st.alt.code.slice(4);
            $('code-phone').textContent = '+' + st.alt.phone;
        }

        if (unpaired) {
            $('qr-idle').hidden = state !== 'UNPAIRED_IDLE';
            $('qr-pairing').hidden = state !== 'PAIRING';
            $('scan').disabled = state !== 'UNPAIRED';
            const ref = api.Conn.ref || '';
            const qrText = ref && st.keys ? [ref, st.keys.noisePub, st.keys.identityPub, st.keys.adv, '1'].join(',') : '';
            if (qrText !== lastQrText) {
                lastQrText = qrText;
                drawQr(qrText || 'none');
                $('qr-text').textContent = qrText;
            }
        }

        if (paired)
            renderChats(api, st);
    }

    function renderChats(api, st) {
        $('me').textContent = 'Linked as +' + st.pairing.me + ' (' + st.pairing.pushname + ')';
        const all = api.Chat.getModelsArray();
        const chats = all.sort((a, b) => (b.t || 0) - (a.t || 0)).slice(0, MAX_CHATS);
        $('no-chats').hidden = chats.length > 0;
        if (!selected && chats.length)
            selected = chats[0].id._serialized;
        const typing = new Map();
        const now = Date.now();
        for (const p of st.presence)
            typing.set(p.to, p.state !== 'paused' && now - p.t < 5000 ? p.state : null);
        $('chat-list').innerHTML = chats.map((c) => {
            const key = c.id._serialized;
            const last = c.msgs.last();
            const t = typing.get(key);
            const lastText = t ? '<span class="typing">' + (t === 'recording' ? 'recording audio…' : 'typing…') + '</span>'
                : last ? (last.id.fromMe ? ticks(last.ack, last) + ' ' : '') + esc(summary(last)) : '';
            const unread = c.unreadCount > 0 ? '<span class="unread">' + c.unreadCount + '</span>' : '';
            return '<li data-chat="' + esc(key) + '" class="' + (key === selected ? 'active' : '') + '">'
                + '<div class="title"><span>' + esc(c.formattedTitle) + '</span><span class="time">'
                + (last ? hhmm(last.t) : '') + '</span></div><div class="last">' + lastText + unread + '</div></li>';
        }).join('') + (all.length > chats.length
            ? '<li class="more">' + (all.length - chats.length) + ' older chats not shown</li>' : '');
        const chat = selected ? api.Chat.get(selected) : null;
        $('conv-head').textContent = chat ? chat.formattedTitle + (chat.id.isLid() && api.pnOfLid(chat.id.user)
            ? ' (+' + api.pnOfLid(chat.id.user) + ')' : '') : '';
        $('reply').hidden = !chat;
        const msgs = chat ? chat.msgs.getModelsArray() : [];
        const shown = msgs.slice(-MAX_MESSAGES);
        $('messages').innerHTML = (msgs.length > shown.length
            ? '<div class="more">' + (msgs.length - shown.length) + ' older messages not shown</div>' : '')
            + shown.map((m) => {
            const media = m.type !== 'chat'
                ? '<div class="media">' + esc(m.type) + (m.filename ? ' · ' + esc(m.filename) : '')
                    + (m.mimetype ? ' · ' + esc(m.mimetype) : '') + (m.size ? ' · ' + m.size + ' bytes' : '') + '</div>'
                : '';
            const text = m.type === 'chat' ? m.body : m.type === 'revoked' ? 'This message was deleted'
                : m.type === 'location' ? '📍 ' + (m.loc || (m.lat + ', ' + m.lng)) + ' (' + m.lat + ', ' + m.lng + ')'
                : m.type === 'vcard' ? '👤 ' + m.vcardFormattedName
                : m.type === 'multi_vcard' ? '👥 ' + (m.vcardList || []).map((v) => v.displayName).join(', ')
                : m.type === 'ptt' ? '🎤 voice note' : m.caption;
            // Our reaction on the bubble (WAWebSendReactionMsgAction in the simulator).
            const reaction = m._sim && m._sim.myReaction ? '<span class="reaction">' + esc(m._sim.myReaction) + '</span>' : '';
            const quote = m.quotedStanzaID ? '<div class="quote">' + esc(m.quotedMsg && (m.quotedMsg.body || m.quotedMsg.caption || m.quotedMsg.type) || m.quotedStanzaID) + '</div>' : '';
            const incoming = !m.id.fromMe;
            return '<div class="bubble' + (incoming ? ' in' : '') + '" data-id="' + esc(m.id._serialized) + '">' + quote + media + esc(text) + reaction
                + '<span class="meta">' + hhmm(m.t) + (incoming ? '' : ticks(m.ack, m)) + '</span></div>';
        }).join('');
        if (typing.size)
            schedule(1000); // let "typing…" expire
    }

    function summary(m) {
        if (m.type === 'chat')
            return m.body || '';
        if (m.type === 'revoked')
            return 'This message was deleted';
        return '[' + m.type + '] ' + (m.caption || m.filename || '');
    }

    function schedule(delay) {
        if (pending)
            return;
        pending = true;
        const sinceLast = performance.now() - lastRender;
        setTimeout(render, Math.max(delay || 0, RENDER_INTERVAL_MS - sinceLast, 0));
    }

    document.addEventListener('click', (ev) => {
        const t = ev.target;
        if (!(t instanceof Element))
            return;
        if (t.id === 'scan')
            window.WamatorSimulator.scan();
        else if (t.id === 'enter-code' && SIM.state.alt && SIM.state.alt.code)
            SIM.api.enterCode(SIM.state.alt.code);
        else if (t.id === 'reload-qr')
            SIM.api.refreshQr();
        else if (t.id === 'logout')
            window.WamatorSimulator.logout();
        const li = t.closest('li[data-chat]');
        if (li) {
            selected = li.getAttribute('data-chat');
            schedule();
        }
    });

    // The reply box: the selected chat's customer answers (WamatorSimulator.receive).
    document.addEventListener('submit', (ev) => {
        if (!(ev.target instanceof Element) || ev.target.id !== 'reply')
            return;
        ev.preventDefault();
        const input = $('reply-text');
        const body = input.value;
        const chat = selected ? SIM.api.Chat.get(selected) : null;
        if (!chat || !body.trim())
            return;
        const lid = chat.id.isLid();
        const from = lid ? SIM.api.pnOfLid(chat.id.user) : chat.id.user;
        if (!from)
            return;
        SIM.api.receive({ from, body, asLid: lid }).then(() => {
            input.value = '';
            schedule();
        }, (e) => {
            input.setCustomValidity(String(e && e.message || e));
            input.reportValidity();
            setTimeout(() => input.setCustomValidity(''), 3000);
        });
    });

    SIM.ui = { schedule, render };
})();
