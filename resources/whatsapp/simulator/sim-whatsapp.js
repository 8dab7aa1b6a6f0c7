/*
 * Wamator WhatsApp Web simulator — the page's module API and behaviour.
 *
 * Implements, in the page's main world, the subset of WhatsApp Web's internal modules that
 * maintained clients (whatsapp-web.js 1.34.x, wa-js) and our adapter use, with the same module
 * names, members, event names, argument orders and promise shapes
 * (docs/simulator.md). The adapter must not be able to tell it
 * from web.whatsapp.com on the paths it uses.
 *
 * Query options (tests): refMs, openMs, pairMs, syncMs, ackMs=a,b,c, maxAck, missing=A,B,
 * legacyAdv=1, me=<digits>, modern=1, fail=upgrade|undefined|nomodules|hang, fail_loads=K,
 * hang_ms, autoreply=echo, autoreply_stop=<digits suffix>, autoreply_lid=1, autoreply_quote=1,
 * autoreply_ms, codeMs.
 */
(function () {
    'use strict';

    const SIM = (window.__wamatorSim = window.__wamatorSim || {});
    const { Model, Collection, MsgKey, Wid } = SIM;

    /* ---------------------------------------------------------------- options ------------- */

    const params = new URLSearchParams(location.search);
    function numParam(name, fallback) {
        const v = params.get(name);
        if (v === null || v === '' || isNaN(Number(v)))
            return fallback;
        return Math.max(0, Number(v));
    }
    const ackDefaults = [50, 150, 400];
    const ackMs = (params.get('ackMs') || '').split(',').map(Number);
    const opts = {
        refMs: numParam('refMs', 20000),
        idleAfterRotations: 3,
        openMs: numParam('openMs', 300),
        pairMs: numParam('pairMs', 500),
        syncMs: numParam('syncMs', 300),
        ackMs: ackDefaults.map((d, i) => (isNaN(ackMs[i]) || params.get('ackMs') === null ? d : ackMs[i])),
        maxAck: Math.min(3, numParam('maxAck', 3)),
        missing: new Set((params.get('missing') || '').split(',').map((s) => s.trim()).filter(Boolean)),
        legacyAdv: params.get('legacyAdv') === '1',
        modern: params.get('modern') === '1',
        me: (params.get('me') || '').replace(/\D/g, ''),
        // Customers answering what we send (docs/simulator.md "Customers write").
        autoreply: params.get('autoreply') || '',
        autoreplyStop: (params.get('autoreply_stop') || '').replace(/\D/g, ''),
        autoreplyLid: params.get('autoreply_lid') === '1',
        autoreplyQuote: params.get('autoreply_quote') === '1',
        autoreplyMs: numParam('autoreply_ms', 100),
        storeDelayMs: numParam('store_delay_ms', 0),
        codeMs: numParam('codeMs', 180000), // a pairing code's life
    };
    SIM.opts = opts;
    if (SIM.store)
        SIM.store.commitDelayMs = opts.storeDelayMs;

    // ?modern=1: this "bundle" uses ES2023–ES2025 built-ins while it loads, as current WhatsApp
    // Web bundles do. An engine without them (Chromium 102) throws a TypeError here, like
    // "Object.groupBy is not a function", and the module API never appears; with the engine
    // polyfills (docs/sessions.md) it loads.
    if (opts.modern) {
        const byKind = Object.groupBy(['chat', 'msg', 'chat'], (kind) => kind);
        const { promise, resolve } = Promise.withResolvers();
        resolve(true);
        SIM.modernBundle = {
            groups: Object.keys(byKind).toSorted(),
            ordered: [3, 1, 2].toSorted().toReversed().with(0, 4),
            features: new Set(['md']).union(new Set(['lid'])).size,
            last: [1, 2, 3].findLast((n) => n < 3),
            ready: promise,
        };
    }

    /* ---------------------------------------------------------------- failure modes ------- */

    // ?fail=... plays what WhatsApp Web does in a browser it refuses or breaks in, for the
    // session watchdog (docs/simulator.md): `upgrade` shows its browser-upgrade page, `undefined`
    // dies on a lazily loaded script that never registered (`cr:NNNN is not defined`),
    // `nomodules` never exposes the module API, `hang` blocks the page's JavaScript after it is
    // ready. With fail_loads=K only the first K loads of this profile fail: the count lives in
    // localStorage, which the watchdog's recovery leaves alone (it clears service workers and
    // caches), so a test sees recovery by reload. A failing load also leaves what a stale
    // WhatsApp install leaves, a CacheStorage entry, which the recovery must remove.
    const LOADS_KEY = 'wamatorSim.loads';
    const STALE_CACHE = 'wamator-sim-stale-bundle';
    const failure = (function () {
        let loads = 0;
        try {
            loads = Number(localStorage.getItem(LOADS_KEY) || 0) + 1;
            localStorage.setItem(LOADS_KEY, String(loads));
        } catch (e) {
            // no storage: every load is the first
        }
        SIM.loads = loads;
        const mode = params.get('fail') || '';
        const limit = numParam('fail_loads', 0);
        return mode && (limit === 0 || loads <= limit) ? mode : '';
    })();
    SIM.failure = failure;

    // Resolves when the stale leftovers are stored (or cannot be: no CacheStorage here).
    function leaveStaleInstall() {
        try {
            if (!window.caches)
                return Promise.resolve(false);
            return caches.open(STALE_CACHE)
                .then((c) => c.put('https://web.whatsapp.com/app.stale.js', new Response('// stale bundle')))
                .then(() => true, () => false);
        } catch (e) {
            return Promise.resolve(false);
        }
    }

    if (failure === 'upgrade') {
        // WhatsApp Web's page for browsers it does not support: no module API, only this.
        leaveStaleInstall().then(() => {
            const app = document.getElementById('app');
            if (app)
                app.remove();
            const page = document.createElement('div');
            page.className = 'landing-wrapper browser-upgrade';
            page.innerHTML = '<div class="landing-main"><h1>WhatsApp works with Google Chrome 85+</h1>'
                + '<p>To use WhatsApp, update Chrome or use Mozilla Firefox, Safari, Microsoft Edge or Opera.</p>'
                + '<a href="https://www.google.com/chrome/">Update Google Chrome</a></div>';
            document.body.appendChild(page);
        });
        return;
    }
    if (failure === 'undefined') {
        // Thrown from a task, as a lazily loaded bundle does: "Uncaught ReferenceError".
        const id = 1000 + Math.floor(Math.random() * 9000);
        leaveStaleInstall().then(() => {
            setTimeout(() => {
                throw new ReferenceError('cr:' + id + ' is not defined');
            }, 0);
        });
        return;
    }
    if (failure === 'nomodules') {
        leaveStaleInstall();
        return;
    }

    const VERSION = '2.3000.1030000000';

    /* ---------------------------------------------------------------- models -------------- */

    class SocketModel extends Model {
        // Resolves once the local data is durably gone, as WhatsApp Web's logout does: a page
        // closed right after must not come back paired.
        async logout() {
            const done = logoutFlow('logout', 'socket');
            await st.storageCleared;
            return done;
        }
        reconnect() {
            return Promise.resolve();
        }
        takeover() {
            return Promise.resolve();
        }
        poke() {
            return Promise.resolve();
        }
        clearCredentialsAndStoredData() {
            return this.logout();
        }
    }

    class ConnModel extends Model {}

    class CmdModel extends Model {
        refreshQR() {
            refreshQr();
            return Promise.resolve();
        }
        // UI commands some clients poke; harmless here.
        openChatAt() {
            return Promise.resolve(true);
        }
        openChatBottom() {
            return Promise.resolve(true);
        }
        closeChat() {
            return Promise.resolve(true);
        }
    }

    class StreamModel extends Model {
        markAvailable() {
            this.set({ available: true });
            return Promise.resolve();
        }
        markUnavailable() {
            this.set({ available: false });
            return Promise.resolve();
        }
    }

    class ChatModel extends Model {
        constructor(attrs, options) {
            super(attrs, options);
            SIM.hidden(this, 'msgs', new Collection(null, { modelClass: MsgModel }));
        }
        serialize() {
            const out = super.serialize();
            out.isGroup = this.id.isGroup();
            return out;
        }
    }

    class MsgModel extends Model {
        get fromMe() {
            return this.id && this.id.fromMe;
        }
        // What a reply to this message carries (WhatsApp Web's Msg.msgContextInfo(chat), which
        // whatsapp-web.js spreads into the reply): the quoted content and whose it was.
        msgContextInfo(chat) {
            const quoted = { type: this.type };
            for (const k of ['body', 'caption', 'lat', 'lng', 'loc', 'vcardFormattedName', 'filename', 'mimetype'])
                if (this[k] !== undefined && this[k] !== null)
                    quoted[k] = this[k];
            return {
                quotedMsg: quoted,
                quotedStanzaID: this.id.id,
                quotedParticipant: this.id.fromMe ? meWid() : (this.from || this.id.remote),
                quotedRemoteJid: chat && chat.id && !chat.id.equals(this.id.remote) ? this.id.remote : undefined,
            };
        }
        updateAck(ack) {
            this.set({ ack });
        }
        // WhatsApp Web fetches an incoming message's media when it is shown or asked for:
        // mediaData.mediaStage INIT → RESOLVED, or ERROR_MISSING when the server has no bytes
        // (expired).
        async downloadMedia() {
            const md = this.mediaData;
            if (!md || !this.directPath)
                return;
            if (md.mediaStage === 'RESOLVED')
                return;
            md.set({ mediaStage: 'FETCHING' });
            let bytes = null;
            try {
                bytes = await SIM.store.getBlob(this.directPath);
            } catch (e) {
                bytes = null;
            }
            md.set({ mediaStage: bytes ? 'RESOLVED' : 'ERROR_MISSING' });
        }
    }

    class ContactModel extends Model {}
    class MediaObjectModel extends Model {
        consolidate(data) {
            if (data && typeof data === 'object') {
                const copy = Object.assign({}, data);
                delete copy.mediaBlob;
                this.set(copy);
            }
            return this;
        }
    }
    class MediaDataModel extends Model {
        toJSON() {
            const out = this.serialize();
            delete out.mediaBlob;
            return out;
        }
    }
    class MediaEntryModel extends Model {}

    const Socket = new SocketModel({ state: 'OPENING', stream: 'DISCONNECTED', hasSynced: false });
    const Conn = new ConnModel({
        ref: null,
        refTTL: 20000,
        battery: null,
        plugged: null,
        platform: 'android',
        pushname: undefined,
        wid: undefined,
        isSMB: false,
        locales: 'en-US',
        phone: undefined,
    });
    const Cmd = new CmdModel({});
    const Stream = new StreamModel({ available: false, mode: 'MAIN', displayInfo: 'OPENING', info: 'OPENING' });

    const Msg = new Collection(null, { modelClass: MsgModel });
    const Chat = new Collection(null, { modelClass: ChatModel });
    const Contact = new Collection(null, { modelClass: ContactModel });
    const Call = new Collection();
    const Label = new Collection();
    const GroupMetadata = new Collection();
    const Presence = new Collection();
    // Messages by serialized id, as the real collection reads them from its database; here
    // every stored message is loaded at start, so the loaded ones are all there is.
    Msg.getMessagesById = async (ids) => ({
        messages: (Array.isArray(ids) ? ids : [ids]).map((id) => Msg.get(String(id))).filter(Boolean),
    });
    // Clients read it as require('WAWebCallCollection').CallCollection or as the collection.
    Call.CallCollection = Call;

    /* ---------------------------------------------------------------- state --------------- */

    const st = {
        loaded: false,
        persistent: false,
        storageError: null,
        keys: null, // {noisePub, identityPub, adv} base64
        pairing: null, // {me, lid, pushname, pairedAt}
        rotations: 0,
        refreshes: 0,
        refsIssued: 0,
        rotationTimer: null,
        outbox: [],
        media: new Map(), // filehash (base64 sha256) -> {size, sha256, mimetype, filename, uploaded}
        presence: [],
        timers: new Set(),
        storageCleared: Promise.resolve(), // the last logout's clearing of IndexedDB
        incoming: [], // records of what customers sent (IndexedDB 'incoming'), oldest first
        lidToPn: new Map(), // lid user -> phone digits: what this page knows (WAWebApiContact)
        serverLids: new Map(), // lid user -> phone digits known only to the "server" (queryWidExists)
        reactions: [], // rows given to reactionTableMode.bulkUpsert
        seen: [], // sendSeen calls {chat, t}
    };
    SIM.state = st;

    function later(ms, fn) {
        const t = SIM.setTimer(() => {
            st.timers.delete(t);
            fn();
        }, ms);
        st.timers.add(t);
        return t;
    }

    function changed() {
        if (SIM.ui && SIM.ui.schedule)
            SIM.ui.schedule();
    }

    function nowS() {
        return Math.floor(Date.now() / 1000);
    }

    function newRef() {
        st.refsIssued++;
        return '2@' + SIM.encodeB64(SIM.randomBytes(36)) + '=' + st.refsIssued;
    }

    function meWid() {
        return st.pairing ? SIM.createWid(st.pairing.me + '@c.us') : undefined;
    }

    function meLid() {
        return st.pairing ? SIM.createWid(st.pairing.lid + '@lid') : undefined;
    }

    /* ------------------------------------------------------------- pairing / QR ------------ */

    function stopRotation() {
        if (st.rotationTimer) {
            SIM.clearTimer(st.rotationTimer);
            st.timers.delete(st.rotationTimer);
            st.rotationTimer = null;
        }
    }

    function scheduleRotation() {
        stopRotation();
        st.rotationTimer = later(opts.refMs, onRotationTick);
    }

    function onRotationTick() {
        st.rotationTimer = null;
        const state = Socket.state;
        if (state !== 'UNPAIRED')
            return;
        if (st.rotations >= opts.idleAfterRotations) {
            // The QR expired: WhatsApp Web stops issuing refs until the user (or a client)
            // asks for a new one with Cmd.refreshQR().
            Socket.set({ state: 'UNPAIRED_IDLE' });
            changed();
            return;
        }
        st.rotations++;
        Conn.set({ ref: newRef() });
        scheduleRotation();
        changed();
    }

    function startQr() {
        st.rotations = 0;
        Conn.set({ ref: newRef() });
        Socket.set({ state: 'UNPAIRED', stream: 'CONNECTED', hasSynced: false });
        Stream.set({ displayInfo: 'NORMAL', info: 'NORMAL' });
        scheduleRotation();
        changed();
    }

    function refreshQr() {
        const s = Socket.state;
        if (s !== 'UNPAIRED' && s !== 'UNPAIRED_IDLE')
            return false;
        st.refreshes++;
        if (st.alt)
            resetAltLinking(); // "Link with QR code": the pairing code is gone
        startQr();
        return true;
    }

    function scan(phone) {
        if (!st.loaded || Socket.state !== 'UNPAIRED')
            return false;
        stopRotation();
        const digits = String(phone || opts.me || '').replace(/\D/g, '') || defaultMe();
        Socket.set({ state: 'PAIRING' });
        changed();
        later(opts.pairMs, async () => {
            if (Socket.state !== 'PAIRING')
                return;
            const pairing = {
                me: digits,
                lid: String(100000000000000 + Math.floor(Math.random() * 1e14)),
                pushname: 'Sandbox ' + digits.slice(-4),
                pairedAt: Date.now(),
            };
            st.pairing = pairing;
            try {
                // Durable before CONNECTED: a restart right after must come back logged in.
                await SIM.store.putMeta('pairing', pairing);
            } catch (e) {
                noteStorageError(e);
            }
            if (Socket.state !== 'PAIRING')
                return;
            connect();
        });
        return true;
    }

    function defaultMe() {
        return '1555' + String(Math.floor(1000000 + Math.random() * 8999999));
    }

    // Paired (freshly or restored): CONNECTED, then the initial sync completes (hasSynced).
    function connect(instant) {
        const p = st.pairing;
        Conn.set({ wid: meWid(), pushname: p.pushname, phone: { wa_version: VERSION, device_manufacturer: 'Wamator', os_version: 'sim' } });
        Stream.set({ displayInfo: 'NORMAL', info: 'NORMAL', mode: 'MAIN' });
        Socket.set({ state: 'CONNECTED', stream: 'CONNECTED' });
        changed();
        const synced = () => {
            if (Socket.state === 'CONNECTED') {
                Socket.set({ hasSynced: true });
                changed();
                resumeAcks();
            }
        };
        if (instant)
            synced();
        else
            later(opts.syncMs, synced);
    }

    // As if the phone removed this linked device (kind 'logout' / 'logout_from_bridge'), or the
    // client called Socket.logout(): WhatsApp Web announces it, forgets everything, shows a QR.
    function logoutFlow(kind, source) {
        const s = Socket.state;
        if (!st.pairing && s !== 'PAIRING')
            return false;
        stopRotation();
        resetAltLinking();
        Cmd.trigger(kind === 'logout_from_bridge' ? 'logout_from_bridge' : 'logout');
        st.pairing = null;
        st.outbox = [];
        st.incoming = [];
        st.lidToPn.clear();
        st.serverLids.clear();
        st.reactions = [];
        st.seen = [];
        st.media.clear();
        Msg.reset();
        Chat.reset();
        Contact.reset();
        Conn.set({ wid: undefined, pushname: undefined, phone: undefined });
        Socket.set({ hasSynced: false });
        st.keys = generateKeys();
        const keys = st.keys;
        st.storageCleared = SIM.store.clearAll()
            .then(() => SIM.store.putMeta('keys', keys))
            .catch(noteStorageError);
        console.info('[simulator] logged out (' + (source || kind) + ')');
        startQr();
        return true;
    }

    /* ------------------------------------------------------- pairing by phone-number code -- */

    // "Link with phone number instead" (WAWebAltDeviceLinkingApi, as whatsapp-web.js 1.34.7's
    // requestPairingCode drives it): setPairingType('ALT_DEVICE_LINKING'),
    // initializeAltDeviceLinking(), then startAltLinkingFlow(phone, showNotification) answers
    // an 8-character code that the phone's owner types under Linked devices. Each new code
    // replaces the previous one; a code lives codeMs (?codeMs=, default 3 minutes, as
    // WhatsApp's). Cmd.refreshQR() goes back to the QR (the page's "Link with QR code").
    // WamatorSimulator.enterCode(code) plays the phone typing it.
    const CODE_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTVWXYZ'; // no 0/O, I/1 look-alikes, no U
    const alt = {
        type: 'QR', // setPairingType
        initialized: false,
        phone: null,
        code: null,
        expiresAt: 0,
        issued: new Set(), // every code this page showed (a superseded one is expired)
    };
    st.alt = alt;

    function resetAltLinking() {
        alt.type = 'QR';
        alt.initialized = false;
        alt.phone = null;
        alt.code = null;
        alt.expiresAt = 0;
        alt.issued.clear();
    }

    function inCodeMode() {
        return alt.initialized && alt.type === 'ALT_DEVICE_LINKING';
    }

    function unpaired() {
        const s = Socket.state;
        return st.loaded && !st.pairing && (s === 'UNPAIRED' || s === 'UNPAIRED_IDLE');
    }

    function setPairingType(type) {
        alt.type = String(type);
        if (alt.type !== 'ALT_DEVICE_LINKING')
            alt.initialized = false;
    }

    async function initializeAltDeviceLinking() {
        if (alt.type !== 'ALT_DEVICE_LINKING')
            throw new Error('initializeAltDeviceLinking: pairing type is ' + alt.type);
        if (!unpaired())
            throw new Error('initializeAltDeviceLinking: not unpaired (' + Socket.state + ')');
        await SIM.sleep(20);
        // The linking screen replaces the QR: no more ref rotations while it is shown.
        stopRotation();
        alt.initialized = true;
        if (Socket.state === 'UNPAIRED_IDLE')
            Socket.set({ state: 'UNPAIRED' });
        changed();
    }

    function newPairingCode() {
        const bytes = new Uint8Array(SIM.randomBytes(8));
        let code = '';
        for (let i = 0; i < 8; ++i)
            code += CODE_ALPHABET[bytes[i] % CODE_ALPHABET.length];
        return code;
    }

    async function startAltLinkingFlow(phone, showNotification) {
        if (!inCodeMode())
            throw new Error('startAltLinkingFlow: initializeAltDeviceLinking first');
        const digits = String(phone || '').replace(/\D/g, '');
        if (digits.length < 7 || digits.length > 15)
            throw new Error('startAltLinkingFlow: invalid phone number ' + String(phone));
        await SIM.sleep(30);
        if (!inCodeMode() || !unpaired())
            throw new Error('startAltLinkingFlow: the page left the linking screen');
        alt.phone = digits;
        alt.code = newPairingCode();
        alt.expiresAt = Date.now() + opts.codeMs;
        alt.showNotification = showNotification !== false;
        alt.issued.add(alt.code);
        changed();
        return alt.code;
    }

    // The phone's owner types `code`: {ok: true} once pairing started (the same path as a QR
    // scan, as the number's own phone), else {ok: false, error, message}.
    function enterCode(code) {
        const typed = String(code === undefined || code === null ? '' : code).toUpperCase().replace(/[^0-9A-Z]/g, '');
        if (st.pairing || Socket.state === 'PAIRING' || Socket.state === 'CONNECTED')
            return { ok: false, error: 'already_paired', message: 'this page is already linked' };
        if (!inCodeMode() || !alt.code)
            return { ok: false, error: 'wrong_code', message: 'no pairing code is shown on this page' };
        if (typed !== alt.code) {
            if (alt.issued.has(typed))
                return { ok: false, error: 'expired_code', message: 'this code was replaced by a newer one' };
            return { ok: false, error: 'wrong_code', message: 'this is not the code shown on the page' };
        }
        if (Date.now() > alt.expiresAt)
            return { ok: false, error: 'expired_code', message: 'this code has expired' };
        const phone = alt.phone;
        resetAltLinking();
        if (Socket.state === 'UNPAIRED_IDLE')
            Socket.set({ state: 'UNPAIRED' });
        if (!scan(phone))
            return { ok: false, error: 'wrong_code', message: 'the page could not start pairing' };
        return { ok: true, phone };
    }

    function generateKeys() {
        return {
            noisePub: SIM.encodeB64(SIM.randomBytes(32)),
            identityPub: SIM.encodeB64(SIM.randomBytes(32)),
            adv: SIM.encodeB64(SIM.randomBytes(32)),
        };
    }

    function noteStorageError(e) {
        st.storageError = String((e && e.message) || e);
        console.error('[simulator] storage error:', e);
        changed();
    }

    /* ---------------------------------------------------------------- chats --------------- */

    function formatTitle(wid) {
        return wid.isUser() && !wid.isLid() ? '+' + wid.user : wid.user;
    }

    function ensureChat(wid) {
        wid = SIM.toWid(wid);
        let chat = Chat.get(wid);
        if (chat)
            return { chat, created: false };
        if (!Contact.get(wid))
            Contact.add(new ContactModel({
                id: wid,
                name: undefined,
                pushname: undefined,
                formattedName: formatTitle(wid),
                isMyContact: false,
                isUser: wid.isUser(),
                isBusiness: false,
                isWAContact: true,
            }));
        chat = new ChatModel({
            id: wid,
            formattedTitle: formatTitle(wid),
            name: undefined,
            t: nowS(),
            unreadCount: 0,
            archive: false,
            pin: 0,
            isReadOnly: false,
            isLocked: false,
            notSpam: true,
            mute: { expiration: 0, isMuted: false },
            muteExpiration: 0,
            ephemeralDuration: 0,
            isAnnounceGrpRestrict: false,
        });
        Chat.add(chat);
        changed();
        return { chat, created: true };
    }

    /* ---------------------------------------------------------------- sending ------------- */

    const MEDIA_TYPES = ['image', 'video', 'audio', 'ptt', 'document', 'sticker', 'ptv'];

    function findChatFor(chat) {
        if (chat instanceof ChatModel)
            return chat;
        if (chat && chat.id)
            return Chat.get(chat.id) || ensureChat(chat.id).chat;
        throw new Error('addAndSendMsgToChat: no chat');
    }

    function addAndSendMsgToChat(chatArg, data) {
        let resolveMsg;
        let rejectMsg;
        const msgPromise = new Promise((res, rej) => {
            resolveMsg = res;
            rejectMsg = rej;
        });
        const resultPromise = msgPromise.then((msg) => sendPipeline(msg), () => ({ messageSendResult: 'ERROR_UNKNOWN' }));
        // Like WhatsApp Web, the message joins the collections asynchronously: the caller gets
        // [msgPromise, resultPromise] first, 'add' fires after.
        Promise.resolve().then(() => {
            try {
                resolveMsg(addMessage(findChatFor(chatArg), data));
            } catch (e) {
                console.error('[simulator] addAndSendMsgToChat:', e);
                rejectMsg(e);
            }
        });
        return [msgPromise, resultPromise];
    }

    function addMessage(chat, data) {
        if (!data || typeof data !== 'object')
            throw new Error('addAndSendMsgToChat: no message');
        const key = MsgKey.from(data.id);
        const existing = Msg.get(key);
        if (existing) {
            if (!existing._sim)
                SIM.hidden(existing, '_sim', {});
            existing._sim.retry = true;
            return existing;
        }
        const attrs = Object.assign({}, data);
        attrs.id = key;
        attrs.ack = typeof data.ack === 'number' ? data.ack : 0;
        attrs.t = data.t || nowS();
        attrs.to = SIM.toWid(data.to || chat.id);
        attrs.from = data.from ? SIM.toWid(data.from) : meWid();
        attrs.type = data.type || 'chat';
        attrs.self = data.self || 'out';
        attrs.local = data.local !== undefined ? data.local : true;
        attrs.isNewMsg = data.isNewMsg !== undefined ? data.isNewMsg : true;
        attrs.isUnsentMedia = false;
        const msg = new MsgModel(attrs);
        SIM.hidden(msg, '_sim', { startedAt: performance.now() });
        Msg.add(msg);
        chat.msgs.add(msg);
        chat.set({ t: attrs.t });
        changed();
        return msg;
    }

    function textOf(msg) {
        return [msg.body, msg.caption].filter((x) => typeof x === 'string').join('\n');
    }

    async function sendPipeline(msg) {
        const sim = msg._sim || {};
        const started = performance.now();
        const waitUntil = async (offsetMs) => {
            const wait = started + offsetMs - performance.now();
            if (wait > 0)
                await SIM.sleep(wait);
        };
        if (sim.retry && msg.ack >= 1) {
            await waitUntil(opts.ackMs[0]);
            return { messageSendResult: 'OK', t: msg.t, count: null };
        }
        if (Socket.state !== 'CONNECTED' || !st.pairing) {
            await waitUntil(opts.ackMs[0]);
            return { messageSendResult: 'ERROR_NETWORK' };
        }
        if (textOf(msg).includes('#sim-network-error')) {
            // Transient: the message stays pending (ack 0) and nothing was received.
            await waitUntil(opts.ackMs[0]);
            if (msg._sim)
                msg._sim.failed = 'network error (simulated)';
            changed();
            return { messageSendResult: 'ERROR_NETWORK' };
        }
        const to = msg.id.remote || msg.to;
        if (to && to.isUser && to.isUser() && !to.isLid() && /0000$/.test(to.user)) {
            await waitUntil(opts.ackMs[0]);
            msg.set({ ack: -1 });
            changed();
            return { messageSendResult: 'ERROR_UNKNOWN' };
        }
        let media = null;
        if (MEDIA_TYPES.includes(msg.type)) {
            const hash = msg.filehash || (msg.mediaObject && msg.mediaObject.filehash);
            media = hash ? st.media.get(hash) : null;
            if (!media) {
                await waitUntil(opts.ackMs[0]);
                msg.set({ ack: -1 });
                changed();
                return { messageSendResult: 'ERROR_UPLOAD' };
            }
        }
        const record = {
            id: msg.id._serialized,
            to: SIM.keyOf(to),
            type: msg.type,
            body: msg.type === 'chat' && typeof msg.body === 'string' ? msg.body : null,
            caption: typeof msg.caption === 'string' ? msg.caption : null,
            mimetype: media ? msg.mimetype || media.mimetype : null,
            filename: media ? msg.filename || (msg.type === 'document' ? media.filename : null) || null : null,
            size: media ? media.size : null,
            sha256: media ? media.sha256 : null,
            ack: 1,
            t: msg.t,
            receivedAtMs: Date.now(),
        };
        richFields(msg, record);
        try {
            // Durable before the first ack and before the result: what was acknowledged
            // survives a crash of the app (spec: "transaction complete").
            await SIM.store.putMessage(record);
        } catch (e) {
            noteStorageError(e);
        }
        st.outbox.push(record);
        announceOutbox(msg, record);
        if (msg._sim)
            msg._sim.failed = null;
        await waitUntil(opts.ackMs[0]);
        if (!Msg.get(msg.id))
            return { messageSendResult: 'ERROR_CANCELLED' };
        setAck(msg, record, 1);
        scheduleAcks(msg, record, started);
        scheduleAutoreply(msg, record);
        return { messageSendResult: 'OK', t: msg.t, count: null };
    }

    // What a rich message carried (issue #16), kept in its outbox record so tests and the
    // inspection API see exactly what arrived: location, contact cards, the voice note flag
    // and the quoted message.
    function richFields(msg, record) {
        if (msg.type === 'location') {
            record.lat = msg.lat;
            record.lng = msg.lng;
            record.loc = typeof msg.loc === 'string' ? msg.loc : null;
        } else if (msg.type === 'vcard') {
            record.body = typeof msg.body === 'string' ? msg.body : null;
            record.vcards = [{ displayName: msg.vcardFormattedName || null, vcard: msg.body }];
        } else if (msg.type === 'multi_vcard') {
            record.vcards = (msg.vcardList || []).map((v) => ({ displayName: v.displayName || null, vcard: v.vcard }));
        } else if (msg.type === 'ptt') {
            record.ptt = true;
        }
        if (msg.quotedStanzaID) {
            record.quotedStanzaID = String(msg.quotedStanzaID);
            record.quotedParticipant = msg.quotedParticipant ? SIM.keyOf(msg.quotedParticipant) : null;
            record.quotedMsg = msg.quotedMsg ? Object.assign({}, msg.quotedMsg) : null;
        }
    }

    // Our reaction to a message (WAWebSendReactionMsgAction.sendReactionToMsg): recorded in the
    // outbox as type "reaction" with the target's serialized id and the emoji ("" removes it),
    // and shown on the target's bubble.
    async function sendReactionToMsg(msg, emoji) {
        if (!msg || !msg.id)
            throw new Error('sendReactionToMsg: no message');
        if (Socket.state !== 'CONNECTED' || !st.pairing)
            return { messageSendResult: 'ERROR_NETWORK' };
        const key = new MsgKey({ fromMe: true, remote: msg.id.remote, id: MsgKey.newIdSync() });
        const record = {
            id: key._serialized,
            to: SIM.keyOf(msg.id.remote),
            type: 'reaction',
            body: null,
            caption: null,
            reaction: String(emoji || ''),
            reactionTo: msg.id._serialized,
            ack: 1,
            t: nowS(),
            receivedAtMs: Date.now(),
        };
        try {
            await SIM.store.putMessage(record);
        } catch (e) {
            noteStorageError(e);
        }
        st.outbox.push(record);
        announceOutbox({ id: key }, record);
        if (!msg._sim)
            SIM.hidden(msg, '_sim', {});
        msg._sim.myReaction = record.reaction;
        changed();
        return { messageSendResult: 'OK' };
    }

    // Each new outbox record goes to Wamator (GET /sandbox/.../outbox) the moment it exists,
    // through the same page → C++ channel as the adapter's events (`wamator:event` on
    // `document`). It is dispatched before the message's first ack and before the send's
    // result, and that channel keeps order, so whenever Wamator counts a message as sent its
    // outbox copy already holds it; acks then update the copy's `ack`. One record each, so a
    // 5,000-message batch costs 5,000 small messages, not 5,000 copies of the outbox.
    // `key` is the id the adapter's ack events name (MsgKey.id).
    function announceOutbox(msg, record) {
        try {
            document.dispatchEvent(new CustomEvent('wamator:event', {
                detail: JSON.stringify({ type: 'sandbox_outbox', key: String(msg.id.id), record }),
            }));
        } catch (e) {
            // Opened outside Wamator: nobody listens.
        }
    }

    function setAck(msg, record, ack) {
        if (ack > opts.maxAck || msg.ack >= ack)
            return;
        record.ack = ack;
        msg.set({ ack });
        changed();
        if (ack > 1)
            SIM.store.putMessage(Object.assign({}, record)).catch(noteStorageError);
    }

    // Receipts the phone would still deliver after a restart: messages stored before a crash
    // with ack 1 or 2 go on to 2 and 3 once the restored page has synced.
    function resumeAcks() {
        const started = performance.now();
        for (const record of st.outbox) {
            const msg = Msg.get(record.id);
            if (!msg || record.ack < 1 || record.ack >= opts.maxAck)
                continue;
            scheduleAcks(msg, record, started - opts.ackMs[0]);
        }
    }

    function scheduleAcks(msg, record, started) {
        const at = (offset, ack) => {
            const wait = Math.max(0, started + offset - performance.now());
            later(wait, () => {
                if (Msg.get(msg.id) === msg)
                    setAck(msg, record, ack);
            });
        };
        at(opts.ackMs[1], 2);
        at(opts.ackMs[2], 3);
    }


    /* ---------------------------------------------------------------- customers write ----- */

    // What the real page does when a customer's message arrives: the message model joins Msg
    // and its chat with isNewMsg true ('add'), the chat's unread count grows. Here the message
    // is first stored (IndexedDB, transaction complete) and only then added, so a page killed
    // at any moment never loses a message it announced; the stored ones come back at load
    // (isNewMsg false, as history), which the adapter's recentMessages reads.

    const TYPE_ALIASES = { text: 'chat', voice: 'ptt', contact: 'vcard', revoke: 'revoked' };
    const INCOMING_TYPES = ['chat', 'image', 'video', 'audio', 'ptt', 'document', 'sticker', 'location',
        'vcard', 'multi_vcard', 'reaction', 'revoked'];
    const DEFAULT_MIME = {
        image: 'image/jpeg', video: 'video/mp4', audio: 'audio/mpeg', ptt: 'audio/ogg; codecs=opus',
        document: 'application/octet-stream', sticker: 'image/webp',
    };

    function simError(code, message) {
        const e = new Error(message || code);
        e.code = code;
        return e;
    }

    // Real incoming ids come from the sender's phone: 20 or 32 upper-case hex characters.
    function incomingId() {
        return '3A' + SIM.toHex(SIM.randomBytes(9)).toUpperCase();
    }

    function pnOfLid(lidUser) {
        return st.lidToPn.get(String(lidUser)) || null;
    }

    function lidOfPn(digits) {
        for (const [lid, pn] of st.lidToPn)
            if (pn === digits)
                return lid;
        for (const [lid, pn] of st.serverLids)
            if (pn === digits)
                return lid;
        return null;
    }

    // A customer's @lid id: stable per phone within this pairing. `known` false: the page does
    // not know the mapping yet (WAWebApiContact answers undefined until queryWidExists).
    function lidFor(digits, known) {
        let lid = lidOfPn(digits);
        if (!lid) {
            lid = String(100000000000000 + Math.floor(Math.random() * 8e14));
        }
        if (known) {
            st.lidToPn.set(lid, digits);
            st.serverLids.delete(lid);
        } else if (!st.lidToPn.has(lid))
            st.serverLids.set(lid, digits);
        return lid;
    }

    function findMsgById(id) {
        const s = String(id || '');
        const direct = Msg.get(s);
        if (direct)
            return direct;
        for (const m of Msg.getModelsArray())
            if (m.id && m.id.id === s)
                return m;
        return null;
    }

    function vcardName(vcard) {
        const m = /^FN[^:]*:(.*)$/m.exec(String(vcard || ''));
        return m ? m[1].trim() : undefined;
    }

    // The model of a stored incoming record, as WhatsApp Web builds one.
    function incomingModel(r, isNew) {
        const key = MsgKey.fromString(r.id);
        const attrs = {
            id: key,
            from: SIM.createWid(r.from),
            to: meWid(),
            t: r.t,
            type: r.type,
            body: r.body === null ? undefined : r.body,
            caption: r.caption === null ? undefined : r.caption,
            ack: 1,
            self: 'in',
            isNewMsg: isNew,
            star: false,
            isForwarded: false,
            notifyName: r.notifyName,
        };
        if (r.directPath) {
            Object.assign(attrs, {
                mimetype: r.mimetype, filename: r.filename || undefined, size: r.size,
                directPath: r.directPath, mediaKey: r.mediaKey, filehash: r.filehash,
                encFilehash: r.encFilehash, mediaKeyTimestamp: r.mediaKeyTimestamp,
                deprecatedMms3Url: 'https://mmg.whatsapp.net' + r.directPath,
                mediaData: new MediaDataModel({ type: r.type, mimetype: r.mimetype, size: r.size,
                    filehash: r.filehash, mediaStage: 'INIT' }),
            });
        }
        if (r.quotedStanzaID) {
            attrs.quotedStanzaID = r.quotedStanzaID;
            attrs.quotedParticipant = r.quotedParticipant ? SIM.createWid(r.quotedParticipant) : undefined;
            attrs.quotedMsg = r.quotedMsg || { type: 'chat', body: '' };
        }
        if (r.type === 'location') {
            attrs.lat = r.lat;
            attrs.lng = r.lng;
            attrs.loc = r.loc;
        }
        if (r.type === 'vcard')
            attrs.vcardFormattedName = vcardName(r.body);
        if (r.type === 'multi_vcard')
            attrs.vcardList = r.vcardList;
        if (r.type === 'revoked') {
            attrs.protocolMessageKey = key;
            attrs.revokeTimestamp = r.revokedAt;
        }
        return new MsgModel(attrs);
    }

    function addIncoming(r, isNew) {
        const msg = incomingModel(r, isNew);
        const { chat } = ensureChat(msg.id.remote);
        const opts = isNew ? {} : { silent: true };
        Msg.add(msg, opts);
        chat.msgs.add(msg, opts);
        if (isNew)
            chat.set({ t: r.t, unreadCount: (chat.unreadCount || 0) + 1 });
        else
            chat.set({ t: Math.max(chat.t || 0, r.t) }, { silent: true });
        return msg;
    }

    async function receive(spec) {
        spec = spec && typeof spec === 'object' ? spec : {};
        if (!st.pairing || Socket.state !== 'CONNECTED')
            throw simError('not_connected', 'the simulated phone is not linked and connected');
        const digits = String(spec.from || '').replace(/\D/g, '');
        if (digits.length < 5 || digits.length > 20)
            throw simError('invalid_spec', 'from: the customer\'s phone number (digits) is required');
        if (digits === st.pairing.me)
            throw simError('invalid_spec', 'from: a customer cannot be this number itself');
        let type = String(spec.type || 'chat');
        type = TYPE_ALIASES[type] || type;
        if (!INCOMING_TYPES.includes(type))
            throw simError('invalid_spec', 'type: one of ' + INCOMING_TYPES.join(', '));
        const asLid = spec.asLid === true;
        const pn = SIM.createWid(digits + '@c.us');
        // `lidUnknown`: the page learns the lid's phone only by asking (queryWidExists).
        const sender = asLid ? SIM.createWid(lidFor(digits, spec.lidUnknown !== true) + '@lid') : pn;
        if (type === 'revoked')
            return revoke(sender, spec);
        const key = new MsgKey({ fromMe: false, remote: sender, id: incomingId() });
        if (type === 'reaction')
            return react(sender, key, spec);
        const r = {
            kind: 'msg',
            id: key._serialized,
            from: sender._serialized,
            phone: digits,
            lid: asLid ? sender._serialized : null,
            lidKnown: asLid ? spec.lidUnknown !== true : null,
            type,
            body: null,
            caption: null,
            t: nowS(),
            notifyName: 'Customer ' + digits.slice(-4),
            receivedAtMs: Date.now(),
        };
        let bytes = null;
        if (type === 'chat') {
            if (typeof spec.body !== 'string' || spec.body === '')
                throw simError('invalid_spec', 'body: the text is required');
            r.body = spec.body;
        } else if (DEFAULT_MIME[type]) {
            if (typeof spec.data !== 'string' || spec.data === '')
                throw simError('invalid_spec', 'data: the media bytes (base64) are required for ' + type);
            try {
                bytes = SIM.decodeB64(spec.data);
            } catch (e) {
                throw simError('invalid_spec', 'data: not base64');
            }
            const digest = await SIM.sha256(bytes);
            r.mimetype = String(spec.mimetype || DEFAULT_MIME[type]);
            r.filename = type === 'document' ? String(spec.filename || 'file') : (spec.filename ? String(spec.filename) : null);
            r.size = bytes.byteLength;
            r.filehash = SIM.encodeB64(digest);
            r.encFilehash = SIM.encodeB64(SIM.randomBytes(32));
            r.mediaKey = SIM.encodeB64(SIM.randomBytes(32));
            r.mediaKeyTimestamp = nowS();
            r.directPath = '/v/t62.7118-24/sim-in-' + SIM.toHex(SIM.randomBytes(12));
            const caption = typeof spec.caption === 'string' ? spec.caption : spec.body;
            r.caption = typeof caption === 'string' && caption !== '' && type !== 'sticker' ? caption : null;
        } else if (type === 'location') {
            const loc = spec.location || {};
            const lat = Number(loc.lat);
            const lng = Number(loc.lng);
            if (!isFinite(lat) || !isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180)
                throw simError('invalid_spec', 'location: {lat, lng} are required');
            r.lat = lat;
            r.lng = lng;
            const lines = [loc.name, loc.address].filter((x) => typeof x === 'string' && x !== '');
            r.loc = lines.length ? [loc.name || '', loc.address || ''].join('\n').replace(/\n$/, '') : undefined;
        } else if (type === 'vcard') {
            if (typeof spec.vcard !== 'string' || !/BEGIN:VCARD/i.test(spec.vcard))
                throw simError('invalid_spec', 'vcard: a vCard (BEGIN:VCARD ...) is required');
            r.body = spec.vcard;
        } else if (type === 'multi_vcard') {
            const list = Array.isArray(spec.vcards) ? spec.vcards.filter((v) => typeof v === 'string') : [];
            if (list.length < 2)
                throw simError('invalid_spec', 'vcards: two or more vCards are required');
            r.vcardList = list.map((v) => ({ displayName: vcardName(v), vcard: v }));
            r.body = null;
        }
        if (spec.quotedId) {
            const quoted = findMsgById(spec.quotedId);
            r.quotedStanzaID = String(spec.quotedId);
            r.quotedParticipant = quoted ? SIM.keyOf(quoted.id.fromMe ? meWid() : quoted.from) : (spec.quotedFromMe === false ? sender._serialized : SIM.keyOf(meWid()));
            r.quotedMsg = quoted ? { type: quoted.type, body: quoted.type === 'chat' ? quoted.body : undefined,
                caption: quoted.caption } : { type: 'chat', body: '' };
        }
        try {
            await SIM.store.putIncoming(r, r.directPath && spec.mediaExpired !== true ? r.directPath : null, bytes);
        } catch (e) {
            noteStorageError(e);
            throw simError('storage_error', 'the message could not be stored: ' + String(e && e.message || e));
        }
        if (!st.pairing)
            throw simError('not_connected', 'logged out meanwhile');
        st.incoming.push(r);
        addIncoming(r, true);
        changed();
        return { id: key.id, serialized: key._serialized, chat: sender._serialized };
    }

    // The customer deletes one of their messages for everyone: WhatsApp turns that message
    // into type "revoked" (change:type), its content gone.
    async function revoke(sender, spec) {
        const target = findMsgById(spec.quotedId || spec.revokeId);
        if (!target || target.id.fromMe || SIM.keyOf(target.id.remote) !== sender._serialized)
            throw simError('not_found', 'quotedId: no message of this customer with that id');
        const r = st.incoming.find((x) => x.id === target.id._serialized);
        if (!r)
            throw simError('not_found', 'quotedId: no stored message with that id');
        if (r.type === 'revoked')
            return { id: target.id.id, serialized: target.id._serialized, chat: sender._serialized };
        const updated = Object.assign({}, r, { type: 'revoked', body: null, caption: null,
            revokedAt: nowS(), directPath: undefined, mimetype: undefined, filename: undefined });
        try {
            await SIM.store.putIncoming(updated, null, null);
        } catch (e) {
            noteStorageError(e);
            throw simError('storage_error', 'the revoke could not be stored');
        }
        Object.assign(r, updated);
        target.set({ type: 'revoked', body: undefined, caption: undefined, protocolMessageKey: target.id,
            revokeTimestamp: updated.revokedAt });
        changed();
        return { id: target.id.id, serialized: target.id._serialized, chat: sender._serialized };
    }

    // A reaction goes to WhatsApp Web's reaction table (reactionTableMode.bulkUpsert), not to
    // Msg; looked up at call time so a client's wrapper of bulkUpsert hears it, as on the
    // real page.
    async function react(sender, key, spec) {
        const targetId = String(spec.quotedId || spec.targetId || '');
        if (!targetId)
            throw simError('invalid_spec', 'quotedId: the id of the message reacted to is required');
        const target = findMsgById(targetId);
        const parent = target ? target.id : new MsgKey({ fromMe: true, remote: sender, id: targetId });
        const emoji = typeof spec.body === 'string' ? spec.body : (typeof spec.emoji === 'string' ? spec.emoji : '');
        const r = {
            kind: 'reaction',
            id: key._serialized,
            from: sender._serialized,
            phone: String(spec.from).replace(/\D/g, ''),
            type: 'reaction',
            parent: parent._serialized,
            reactionText: emoji,
            reactionTimestamp: Date.now(),
            t: nowS(),
            receivedAtMs: Date.now(),
        };
        try {
            await SIM.store.putIncoming(r, null, null);
        } catch (e) {
            noteStorageError(e);
            throw simError('storage_error', 'the reaction could not be stored');
        }
        st.incoming.push(r);
        const row = reactionRow(r);
        await modules.WAWebAddonReactionTableMode.reactionTableMode.bulkUpsert([row]);
        changed();
        return { id: key.id, serialized: key._serialized, chat: sender._serialized };
    }

    function reactionRow(r) {
        return {
            id: MsgKey.fromString(r.id),
            reactionParentKey: MsgKey.fromString(r.parent),
            reactionText: r.reactionText,
            reactionTimestamp: r.reactionTimestamp,
            from: SIM.createWid(r.from),
            author: undefined,
            orphan: 0,
            orphanReason: null,
            read: false,
            ack: 1,
        };
    }

    // Many customers (or one) writing at once, for benchmarks: `count` messages, bodies
    // "<body> <n>", from `from` (or from+0, from+1, ... with distinct).
    async function burst(spec) {
        spec = spec || {};
        const count = Math.max(1, Math.min(100000, Math.floor(Number(spec.count) || 1)));
        const base = String(spec.from || '').replace(/\D/g, '');
        const jobs = [];
        for (let i = 0; i < count; ++i) {
            const from = spec.distinct ? String(BigInt(base) + BigInt(i)) : base;
            jobs.push(receive(Object.assign({}, spec, { from, count: undefined,
                body: (spec.body || 'burst') + ' ' + (i + 1) })));
        }
        const results = await Promise.all(jobs);
        return { ids: results.map((x) => x.id) };
    }

    // ?autoreply=echo: every customer we write to answers "echo: <text>"; autoreply_stop=<suffix>:
    // customers whose number ends so answer "STOP"; autoreply_lid=1: answers come from their
    // @lid ids; autoreply_quote=1: the answer quotes our message.
    function scheduleAutoreply(msg, record) {
        const to = msg.id.remote;
        if (!to || !to.isUser || !to.isUser())
            return;
        const digits = to.isLid() ? pnOfLid(to.user) : to.user;
        if (!digits)
            return;
        let body = null;
        if (opts.autoreplyStop && digits.endsWith(opts.autoreplyStop))
            body = 'STOP';
        else if (opts.autoreply === 'echo')
            body = 'echo: ' + (record.body || record.caption || record.type);
        if (body === null)
            return;
        later(opts.autoreplyMs, () => {
            receive({ from: digits, body, asLid: opts.autoreplyLid || to.isLid(),
                quotedId: opts.autoreplyQuote ? msg.id.id : undefined })
                .catch((e) => console.warn('[simulator] autoreply failed:', e && e.message));
        });
    }

    function restoreIncoming(records) {
        records.sort((a, b) => (a.receivedAtMs || 0) - (b.receivedAtMs || 0));
        for (const r of records) {
            if (r.lid && r.phone) {
                const user = SIM.createWid(r.lid).user;
                if (r.lidKnown === false && !st.lidToPn.has(user))
                    st.serverLids.set(user, r.phone);
                else
                    st.lidToPn.set(user, r.phone);
            }
            st.incoming.push(r);
            if (r.kind === 'reaction') {
                st.reactions.push(reactionRow(r));
                continue;
            }
            try {
                addIncoming(r, false);
            } catch (e) {
                console.warn('[simulator] could not restore incoming message', r.id, e);
            }
        }
    }

    async function downloadAndMaybeDecrypt(args) {
        const path = args && args.directPath;
        await SIM.sleep(20);
        const bytes = path ? await SIM.store.getBlob(path) : null;
        if (!bytes) {
            const e = new Error('media not found (simulated 404)');
            e.status = 404;
            throw e;
        }
        return bytes;
    }

    /* ---------------------------------------------------------------- media --------------- */

    class OpaqueData {
        constructor(blob, type, filename) {
            this._blob = blob;
            this._type = type || blob.type || 'application/octet-stream';
            this._filename = filename;
            this._url = null;
        }
        static async createFromData(data, type) {
            let blob;
            let filename;
            if (data instanceof OpaqueData)
                return data;
            if (data instanceof Blob) {
                blob = data;
                if (typeof File !== 'undefined' && data instanceof File)
                    filename = data.name;
            } else {
                blob = new Blob([SIM.toUint8(data)], { type: type || '' });
            }
            return new OpaqueData(blob, type || blob.type, filename);
        }
        get type() {
            return this._type;
        }
        get size() {
            return this._blob.size;
        }
        url() {
            if (!this._url)
                this._url = URL.createObjectURL(this._blob);
            return this._url;
        }
        autorelease() {
            return this;
        }
        retain() {
            return this;
        }
        release() {
            if (this._url)
                URL.revokeObjectURL(this._url);
            this._url = null;
        }
        formData() {
            return this._blob;
        }
        arrayBuffer() {
            return this._blob.arrayBuffer();
        }
        blob() {
            return this._blob;
        }
    }

    function mediaTypeFor(mimetype, p) {
        if (p.asSticker)
            return 'sticker';
        if (p.asDocument)
            return 'document';
        if (/^image\//.test(mimetype))
            return 'image';
        if (/^video\//.test(mimetype))
            return 'video';
        if (/^audio\//.test(mimetype))
            return p.isPtt ? 'ptt' : 'audio';
        return 'document';
    }

    function prepRawMedia(opaque, p) {
        p = p || {};
        const prep = (async () => {
            const source = opaque instanceof OpaqueData ? opaque : await OpaqueData.createFromData(opaque);
            const bytes = await source.arrayBuffer();
            const digest = await SIM.sha256(bytes);
            const filehash = SIM.encodeB64(digest);
            const mimetype = source.type || 'application/octet-stream';
            const type = mediaTypeFor(mimetype, p);
            const info = {
                size: bytes.byteLength,
                sha256: SIM.toHex(digest),
                mimetype,
                filename: source._filename || null,
                type,
                uploaded: false,
            };
            st.media.set(filehash, info);
            return new MediaDataModel({
                type,
                mimetype,
                filename: source._filename || undefined,
                size: bytes.byteLength,
                filehash,
                mediaBlob: source,
                isGif: !!p.asGif && type === 'video',
                isViewOnce: false,
                duration: undefined,
                fullWidth: undefined,
                fullHeight: undefined,
                preview: undefined,
                renderableUrl: undefined,
                mediaStage: 'PREPARED',
            });
        })();
        return {
            waitForPrep: () => prep,
            // Older clients: prep.sendToChat(chat, {caption}) did prep + upload + send.
            sendToChat: async (chat, o) => {
                const md = await prep;
                await uploadMedia({ mimetype: md.mimetype, mediaObject: getOrCreateMediaObject(md.filehash) });
                const key = new MsgKey({ from: meWid(), to: chat.id, id: MsgKey.newIdSync(), selfDir: 'out' });
                const [, result] = addAndSendMsgToChat(chat, Object.assign(md.toJSON(), {
                    id: key, caption: o && o.caption,
                }));
                return result;
            },
        };
    }

    const mediaObjects = new Map();
    function getOrCreateMediaObject(filehash) {
        let mo = mediaObjects.get(filehash);
        if (!mo) {
            const info = st.media.get(filehash) || {};
            mo = new MediaObjectModel({
                filehash,
                type: info.type,
                size: info.size,
                mimetype: info.mimetype,
                contentInfo: { waveform: undefined },
                mediaStage: 'INIT',
                uploaded: false,
            });
            mediaObjects.set(filehash, mo);
        }
        return mo;
    }

    async function uploadMedia(args) {
        const mediaObject = args && args.mediaObject;
        if (!mediaObject || !mediaObject.filehash)
            throw new Error('uploadMedia: mediaObject with filehash required');
        const info = st.media.get(mediaObject.filehash);
        if (!info)
            throw new Error('uploadMedia: media was not prepared');
        await SIM.sleep(30);
        if (info.filename && info.filename.includes('#sim-upload-error'))
            throw new Error('media upload failed (simulated)');
        info.uploaded = true;
        mediaObject.set({ mediaStage: 'RESOLVED', uploaded: true });
        const directPath = '/v/t62.7118-24/sim-' + SIM.toHex(SIM.randomBytes(8));
        const encFilehash = SIM.encodeB64(SIM.randomBytes(32));
        return {
            mediaEntry: new MediaEntryModel({
                mmsUrl: 'https://mmg.whatsapp.net' + directPath + '?sim=1',
                deprecatedMms3Url: 'https://mmg.whatsapp.net' + directPath,
                directPath,
                mediaKey: SIM.encodeB64(SIM.randomBytes(32)),
                mediaKeyTimestamp: nowS(),
                encFilehash,
                uploadHash: encFilehash,
                sidecar: undefined,
                firstFrameSidecar: undefined,
                handle: null,
            }),
        };
    }

    function msgToMediaType(m) {
        const type = m && m.type;
        if (type === 'sticker' || type === 'image' || type === 'video' || type === 'audio' || type === 'ptt'
            || type === 'document' || type === 'ptv')
            return m.isGif && type === 'video' ? 'gif' : type;
        return 'document';
    }

    /* ---------------------------------------------------------------- misc modules -------- */

    const LINK_RE = /\b((?:https?:\/\/|www\.)[^\s<>"']+|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|io|dev|app|co|ng|uk|de|fr|br|in)(?:\/[^\s<>"']*)?)/gi;
    function findLinks(text) {
        if (typeof text !== 'string' || !text)
            return [];
        const out = [];
        for (const m of text.matchAll(LINK_RE)) {
            const url = m[1].replace(/[.,!?)]+$/, '');
            const href = /^https?:\/\//i.test(url) ? url : 'http://' + url;
            let domain = '';
            try {
                domain = new URL(href).hostname;
            } catch (e) {
                domain = url;
            }
            out.push({ url, href, domain, index: m.index, scheme: href.split(':')[0], suspiciousCharacters: undefined });
        }
        return out;
    }

    function recordPresence(wid, state) {
        const entry = { to: SIM.keyOf(wid), state, t: Date.now() };
        st.presence.push(entry);
        if (st.presence.length > 200)
            st.presence.shift();
        changed();
        return Promise.resolve();
    }

    /* ---------------------------------------------------------------- registry ------------ */

    const modules = Object.create(null);
    function define(name, exports) {
        modules[name] = exports;
    }

    async function getADVSecretKey() {
        return st.keys ? st.keys.adv : undefined;
    }

    define('WAWebSocketModel', { Socket, SocketModel });
    define('WAWebConnModel', { Conn, ConnModel });
    define('WAWebCmd', { Cmd, CmdImpl: CmdModel });
    define('WAWebStreamModel', { Stream, StreamModel });
    define('WAWebCollections', {
        Msg, Chat, Contact, Call, Label, GroupMetadata, Presence,
        WAWebCallCollection: Call,
    });
    define('WAWebCallCollection', Call);
    define('WAWebSignalStoreApi', {
        waSignalStore: {
            getRegistrationInfo: async () => ({
                registrationId: 4242,
                identityKeyPair: {
                    pubKey: SIM.decodeB64(st.keys.identityPub),
                    privKey: new ArrayBuffer(32),
                },
            }),
            getSignedPreKey: async () => ({ keyId: 1, keyPair: { pubKey: new ArrayBuffer(32) }, signature: new ArrayBuffer(64) }),
        },
    });
    define('WAWebUserPrefsInfoStore', {
        waNoiseInfo: {
            get: async () => ({
                staticKeyPair: { pubKey: SIM.decodeB64(st.keys.noisePub), privKey: new ArrayBuffer(32) },
            }),
        },
    });
    // Since whatsapp-web.js 1.34.7 getADVSecretKey lives in WAWebUserPrefsMultiDevice; older
    // pages had it in WAWebAdvSignatureApi. ?legacyAdv=1 simulates the older page.
    define('WAWebUserPrefsMultiDevice', opts.legacyAdv ? { getMultiDeviceVersion: () => 1 }
        : { getADVSecretKey, getMultiDeviceVersion: () => 1 });
    define('WAWebAdvSignatureApi', opts.legacyAdv ? { getADVSecretKey, verifyAdvSignature: () => true }
        : { verifyAdvSignature: () => true });
    define('WAWebCompanionRegClientUtils', {
        DEVICE_PLATFORM: '1', // Chrome, as the real page computes it for a Chrome user agent
        getCompanionWebClientFromBrowser: () => 1,
    });
    define('WABase64', {
        encodeB64: SIM.encodeB64,
        decodeB64: SIM.decodeB64,
        encodeB64UrlSafe: (b, pad) => {
            const s = SIM.encodeB64(b).replace(/\+/g, '-').replace(/\//g, '_');
            return pad ? s : s.replace(/=+$/, '');
        },
    });
    define('WAWebUserPrefsMeUser', {
        getMaybeMePnUser: () => meWid(),
        getMaybeMeLidUser: () => meLid(),
        getMePnUserOrThrow: () => {
            const w = meWid();
            if (!w)
                throw new Error('getMePnUserOrThrow: not logged in');
            return w;
        },
        getMaybeMeUser: () => meWid(),
        getMeUser: () => meWid(),
    });
    define('WAWebWidFactory', {
        createWid: SIM.createWid,
        createWidFromWidLike: SIM.createWid,
        isWidlike: (x) => x instanceof Wid || (x && typeof x._serialized === 'string'),
        asUserWidOrThrow: (w) => {
            const wid = SIM.toWid(w);
            if (!wid || !wid.isUser())
                throw new Error('asUserWidOrThrow: not a user wid');
            return wid;
        },
        toUserWid: (w) => SIM.toWid(w),
    });
    define('WAWebQueryExistsJob', {
        queryWidExists: async (w) => {
            const wid = SIM.toWid(w);
            // Counted for tests: a cached number check must not ask (existsQueries()).
            st.existsQueries = (st.existsQueries || 0) + 1;
            await SIM.sleep(30);
            if (wid.isLid()) {
                // Asking the server about a lid teaches the page its phone number.
                const pn = st.serverLids.get(wid.user);
                if (pn) {
                    st.lidToPn.set(wid.user, pn);
                    st.serverLids.delete(wid.user);
                }
                return st.lidToPn.has(wid.user) ? { wid, biz: false, bizInfo: null, disappearingMode: null } : null;
            }
            if (/0000$/.test(wid.user))
                return null;
            return { wid, biz: false, bizInfo: null, disappearingMode: null };
        },
        queryPhoneExists: async (phone) => {
            const digits = String(phone).replace(/\D/g, '');
            await SIM.sleep(30);
            if (/0000$/.test(digits))
                return null;
            return { wid: SIM.createWid(digits + '@c.us'), biz: false };
        },
    });
    define('WAWebFindChatAction', {
        findOrCreateLatestChat: async (w) => ensureChat(SIM.toWid(w)),
        findChat: async (w) => ensureChat(SIM.toWid(w)).chat,
    });
    define('WAWebMsgKey', MsgKey);
    // The lid <-> phone mapping the page holds (whatsapp-web.js enforceLidAndPnRetrieval).
    define('WAWebApiContact', {
        getPhoneNumber: (w) => {
            const wid = SIM.toWid(w);
            if (!wid || !wid.isLid())
                return undefined;
            const pn = pnOfLid(wid.user);
            return pn ? SIM.createWid(pn + '@c.us') : undefined;
        },
        getCurrentLid: (w) => {
            const wid = SIM.toWid(w);
            if (!wid || wid.isLid())
                return wid || undefined;
            for (const [lid, pn] of st.lidToPn)
                if (pn === wid.user)
                    return SIM.createWid(lid + '@lid');
            return undefined;
        },
    });
    // The quoted message of a reply (whatsapp-web.js's Message.getQuotedMessage): the loaded
    // one, else a model built from the reply's quotedMsg, as the real page does.
    define('WAWebQuotedMsgModelUtils', {
        getQuotedMsgObj: (msg) => {
            if (!msg || !msg.quotedStanzaID)
                return undefined;
            const loaded = findMsgById(msg.quotedStanzaID);
            if (loaded)
                return loaded;
            const fromMe = !!(msg.quotedParticipant && meWid() && msg.quotedParticipant.equals(meWid()));
            return new MsgModel(Object.assign({ type: 'chat' }, msg.quotedMsg, {
                id: new MsgKey({ fromMe, remote: msg.id.remote, id: msg.quotedStanzaID }),
                from: fromMe ? meWid() : msg.id.remote,
            }));
        },
    });
    define('WAWebAddonReactionTableMode', {
        reactionTableMode: {
            bulkUpsert: async (rows) => {
                for (const row of rows || [])
                    st.reactions.push(row);
                return rows;
            },
            bulkGet: async () => st.reactions.slice(),
        },
    });
    define('WAWebDownloadManager', { downloadManager: { downloadAndMaybeDecrypt } });
    define('WAWebSendMsgChatAction', { addAndSendMsgToChat });
    define('WAWebSendReactionMsgAction', { sendReactionToMsg });
    define('WAWebMediaOpaqueData', OpaqueData);
    define('WAWebPrepRawMedia', { prepRawMedia });
    define('WAWebMediaStorage', { getOrCreateMediaObject });
    define('WAWebMmsMediaTypes', { msgToMediaType, castToV4: (t) => t });
    define('WAWebMediaMmsV4Upload', {
        uploadMedia,
        uploadUnencryptedMedia: uploadMedia,
    });
    define('WAWebMediaDataUtils', { shouldUseMediaCache: () => false });
    define('WAWebMediaInMemoryBlobCache', { InMemoryMediaBlobCache: { put: () => undefined, get: () => undefined } });
    define('WAWebChatStateBridge', {
        sendChatStateComposing: (w) => recordPresence(w, 'composing'),
        sendChatStateRecording: (w) => recordPresence(w, 'recording'),
        sendChatStatePaused: (w) => recordPresence(w, 'paused'),
    });
    define('WAWebPresenceChatAction', {
        sendPresenceAvailable: () => Stream.markAvailable(),
        sendPresenceUnavailable: () => Stream.markUnavailable(),
    });
    define('WAWebSyncGatingUtils', {
        isSyncdEnabled: () => true,
        isHistorySyncEnabled: () => true,
        isMessageRangeEnabled: () => true,
    });
    define('WAWebUpdateUnreadChatAction', {
        // The read receipt: the customer's messages in the chat turn read (blue ticks on
        // their phone), recorded in WamatorSimulator.seen().
        sendSeen: async (arg) => {
            const chat = arg && (arg.chat || arg);
            if (chat && typeof chat.set === 'function')
                chat.set({ unreadCount: 0 });
            await SIM.sleep(10);
            if (chat && chat.id) {
                st.seen.push({ chat: SIM.keyOf(chat.id), t: Date.now(), available: !!Stream.available });
                if (st.seen.length > 1000)
                    st.seen.shift();
                changed();
            }
            return true;
        },
        markUnread: async (chat) => {
            if (chat && typeof chat.set === 'function')
                chat.set({ unreadCount: -1 });
            return true;
        },
    });
    define('WAWebChatGetters', {
        getIsNewsletter: (chat) => !!(chat && chat.id && chat.id.isNewsletter && chat.id.isNewsletter()),
        getIsBroadcast: (chat) => !!(chat && chat.id && chat.id.isBroadcast && chat.id.isBroadcast()),
        getIsGroup: (chat) => !!(chat && chat.id && chat.id.isGroup && chat.id.isGroup()),
        getIsUser: (chat) => !!(chat && chat.id && chat.id.isUser && chat.id.isUser()),
        getKind: (chat) => (chat && chat.id && chat.id.isGroup() ? 'group' : 'chat'),
    });
    define('WALinkify', {
        findLink: (text) => findLinks(text)[0] || null,
        findLinks,
    });
    define('WAWebGetEphemeralFieldsMsgActionsUtils', {
        getEphemeralFields: (chat) => ({
            ephemeralDuration: (chat && chat.ephemeralDuration) || 0,
            ephemeralSettingTimestamp: 0,
            disappearingModeInitiator: 'chat',
        }),
    });
    define('WAWebOfflineHandler', {
        OfflineMessageHandler: {
            getOfflineDeliveryProgress: () => 100,
            isResumeFromRestartComplete: () => Socket.hasSynced,
        },
    });
    define('WAWebAltDeviceLinkingApi', {
        setPairingType,
        initializeAltDeviceLinking,
        startAltLinkingFlow,
    });
    define('WAWebMiscBrowserUtils', {
        info: () => ({ name: 'Chrome', version: '124.0.0.0', os: 'Linux' }),
    });

    // WhatsApp Web's module system in the main world. Unknown names throw, as on the real page.
    window.require = function require(name) {
        if (typeof name !== 'string' || opts.missing.has(name) || !(name in modules))
            throw new Error('Requiring unknown module "' + name + '"');
        return modules[name];
    };

    /* ---------------------------------------------------------------- control ------------- */

    window.WamatorSimulator = {
        loaded: () => st.loaded,
        scan: (phone) => scan(phone),
        logout: (kind) => logoutFlow(kind === 'bridge' || kind === 'logout_from_bridge' ? 'logout_from_bridge' : 'logout', 'phone'),
        outbox: () => st.outbox.map((r) => Object.assign({}, r)),
        state: () => Socket.state,
        refreshQR: () => refreshQr(),
        // The phone's owner types the pairing code shown in code mode: {ok: true} pairs,
        // else {ok: false, error: wrong_code | expired_code | already_paired, message}.
        enterCode: (code) => enterCode(code),
        pairingCode: () => (inCodeMode() && alt.code
            ? { code: alt.code, phone: alt.phone, expiresAt: alt.expiresAt } : null),
        presence: () => st.presence.slice(),
        // A customer writes (docs/simulator.md "Customers write"); resolves {id, serialized,
        // chat} once the message is stored and the page has announced it.
        receive: (spec) => receive(spec),
        burst: (spec) => burst(spec),
        // What customers sent (records, without the media bytes), and the read receipts.
        incoming: () => st.incoming.map((r) => Object.assign({}, r)),
        seen: () => st.seen.slice(),
        // How many times the page asked the server whether a phone is on WhatsApp.
        existsQueries: () => st.existsQueries || 0,
        // For C++ (runJavaScript does not await promises): runs receive/burst and answers with a
        // `response` {id, ok, result | error, message} on the adapter's event channel.
        request: (id, name, args) => {
            const calls = {
                receive,
                burst,
                // Whether a customer's message (by serialized id) is in IndexedDB right now.
                stored: async (a) => ({ stored: await SIM.store.hasIncoming(String((a && a.serialized) || '')) }),
                enterCode: async (a) => {
                    const r = enterCode(a && a.code);
                    if (!r.ok)
                        throw Object.assign(new Error(r.message), { code: r.error });
                    return { status: 'paired', phone: r.phone };
                },
            };
            if (!Object.prototype.hasOwnProperty.call(calls, name))
                return false;
            const respond = (message) => {
                try {
                    document.dispatchEvent(new CustomEvent('wamator:event', {
                        detail: JSON.stringify(Object.assign({ type: 'response', id }, message)),
                    }));
                } catch (e) {
                    // Opened outside Wamator: nobody listens.
                }
            };
            Promise.resolve().then(() => calls[name](args)).then(
                (result) => respond({ ok: true, result }),
                (e) => respond({ ok: false, error: (e && e.code) || 'sim_error', message: String((e && e.message) || e) }));
            return true;
        },
        info: () => ({
            loaded: st.loaded,
            state: Socket.state,
            hasSynced: !!Socket.hasSynced,
            ref: Conn.ref,
            rotations: st.rotations,
            refreshes: st.refreshes,
            me: st.pairing ? st.pairing.me : null,
            persistent: st.persistent,
            storageError: st.storageError,
            outboxSize: st.outbox.length,
            incomingSize: st.incoming.length,
            version: VERSION,
            loads: SIM.loads,
            pairingCode: inCodeMode() ? alt.code : null,
            options: { refMs: opts.refMs, openMs: opts.openMs, pairMs: opts.pairMs, ackMs: opts.ackMs.slice(), maxAck: opts.maxAck },
        }),
    };

    SIM.api = { Socket, Conn, Cmd, Stream, Msg, Chat, scan, logoutFlow, refreshQr, ensureChat, receive, pnOfLid, enterCode, inCodeMode };

    // ?fail=hang: once ready, a script busy loop blocks the page (the renderer lives on, it
    // just never answers) for hang_ms (default 60 s; bounded so a forgotten page recovers).
    if (failure === 'hang') {
        const hangMs = numParam('hang_ms', 60000);
        leaveStaleInstall();
        Socket.on('change:hasSynced', (model, value) => {
            if (!value)
                return;
            setTimeout(() => {
                const end = Date.now() + hangMs;
                while (Date.now() < end) {
                    // busy
                }
            }, 500);
        });
    }


    /* ---------------------------------------------------------------- boot ---------------- */

    function restoreMessages(records) {
        records.sort((a, b) => (a.receivedAtMs || 0) - (b.receivedAtMs || 0));
        for (const r of records) {
            let key;
            try {
                key = MsgKey.fromString(r.id);
            } catch (e) {
                continue;
            }
            const { chat } = ensureChat(key.remote);
            const msg = new MsgModel({
                id: key,
                ack: r.ack,
                body: r.body === null ? undefined : r.body,
                caption: r.caption === null ? undefined : r.caption,
                type: r.type,
                t: r.t,
                from: meWid(),
                to: key.remote,
                self: 'out',
                local: true,
                isNewMsg: false,
                mimetype: r.mimetype || undefined,
                filename: r.filename || undefined,
                size: r.size || undefined,
                isUnsentMedia: false,
            });
            Msg.add(msg, { silent: true });
            chat.msgs.add(msg, { silent: true });
            chat.set({ t: r.t }, { silent: true });
            st.outbox.push(r);
        }
    }

    async function boot() {
        try {
            await SIM.store.open();
            st.persistent = true;
            st.keys = await SIM.store.getMeta('keys');
            if (!st.keys) {
                st.keys = generateKeys();
                await SIM.store.putMeta('keys', st.keys);
            }
            const pairing = await SIM.store.getMeta('pairing');
            if (pairing && pairing.me) {
                st.pairing = pairing;
                restoreMessages(await SIM.store.allMessages());
                restoreIncoming(await SIM.store.allIncoming());
            }
        } catch (e) {
            noteStorageError(e);
            if (!st.keys)
                st.keys = generateKeys();
        }
        st.loaded = true;
        const proceed = () => {
            if (st.pairing)
                connect(opts.openMs === 0);
            else
                startQr();
        };
        if (opts.openMs === 0)
            proceed();
        window.Debug = window.Debug || {};
        window.Debug.VERSION = VERSION;
        if (opts.openMs > 0)
            later(opts.openMs, proceed);
        changed();
    }

    boot();
})();
