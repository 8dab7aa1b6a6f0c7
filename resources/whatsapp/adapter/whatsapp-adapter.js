// Wamator's WhatsApp Web adapter. Injected by the session into every navigation of the page, in
// the MAIN world (the only world where WhatsApp's `window.require` exists), at document creation.
//
// Footprint: this one closure. It defines no globals; it listens for `wamator:request` and
// dispatches `wamator:event` CustomEvents on `document`, which the bridge in Qt's
// ApplicationWorld (QWebChannel) also sees. Payloads are JSON strings, the one kind of `detail`
// that crosses JavaScript worlds unchanged. It patches one function, as whatsapp-web.js does:
// WAWebAddonReactionTableMode.reactionTableMode.bulkUpsert is wrapped to hear reactions
// (WhatsApp Web keeps them out of the Msg collection); the original always runs.
//
// Protocol (page → C++, `type` field):
//   hello {adapter}                    injected, listening
//   loaded {version}                   window.Debug.VERSION and window.require are there
//   engine_outdated {cause, text}      the page is WhatsApp's browser-upgrade page ("WhatsApp
//                                      works with Google Chrome 85+"): it refuses this engine
//   (load_timeout {}: older adapters said so after 60 s; the session now times the load itself
//   with the page_load_timeout_seconds setting and still understands it.)
//   adapter_outdated {module, message} a module/member we need is missing: the session fails
//   state {state, hasSynced}           WAWebSocketModel.Socket state
//   qr {qr}                            the QR string: ref,noisePub,identityPub,advSecret,platform
//   pairing_code {code, phone,         a pairing code to type on the phone (requestPairingCode;
//                 expiresInMs}         a new one each intervalMs while still unpaired)
//   authenticated {}                   Socket.hasSynced became (or already was) true
//   ready {me, version}                every module needed to send answered
//   logout {event}                     Cmd `logout` / `logout_from_bridge`
//   ack {id, ack}                      an outgoing message's ack changed
//   messages {messages: [...]}         customers wrote (1:1 chats only; docs/sessions.md
//                                      "Incoming messages"): what arrived within one task
//   response {id, ok, result | error, message}
// C++ → page: {id, op, args}; ops listed in `ops` below. Results come back asynchronously:
// Qt 6.4's runJavaScript does not await promises.
//
// Pairing by phone-number code uses WAWebAltDeviceLinkingApi (setPairingType,
// initializeAltDeviceLinking, startAltLinkingFlow) as whatsapp-web.js 1.34.7's
// Client.requestPairingCode does, and WAWebCmd.Cmd.refreshQR to go back to the QR.
//
// When WhatsApp Web changes, <data>/adapter/whatsapp-adapter.js replaces this file without a
// rebuild (docs/sessions.md).
(function () {
    'use strict';

    var ADAPTER_VERSION = '1';
    var EVENT_OUT = 'wamator:event';
    var EVENT_IN = 'wamator:request';
    var LOAD_POLL_MS = 250;
    // WhatsApp Web's page for browsers it refuses: "WhatsApp works with Google Chrome 85+",
    // "To use WhatsApp, update Chrome or use Mozilla Firefox, Safari, Microsoft Edge or Opera."
    var UPGRADE_PAGE = [/WhatsApp works with (Google )?Chrome \d+\s*\+/i,
                        /To use WhatsApp,? update (Google )?Chrome/i];

    // Captured now so that a page replacing these later cannot intercept the bridge.
    var doc = document;
    var dispatch = EventTarget.prototype.dispatchEvent;
    var CustomEventCtor = window.CustomEvent;
    var stringify = JSON.stringify;
    var parse = JSON.parse;
    var toBase64 = window.btoa;
    var fromCharCode = String.fromCharCode;
    var MessageChannelCtor = window.MessageChannel;

    function emit(message) {
        try {
            dispatch.call(doc, new CustomEventCtor(EVENT_OUT, {detail: stringify(message)}));
        } catch (e) {
            // Nothing to report to: the bridge is the only way out.
        }
    }

    // A module or member WhatsApp Web no longer has: the session fails `adapter_outdated`.
    function MissingModule(name, cause) {
        this.name = 'MissingModule';
        this.module = name;
        this.message = 'missing module ' + name + (cause ? ' (' + cause + ')' : '');
    }

    // A failure with a stable code for C++ (not_on_whatsapp, ERROR_NETWORK, ...).
    function Failure(code, message) {
        this.name = 'Failure';
        this.code = code;
        this.message = message || code;
    }

    var outdatedReported = false;
    function reportOutdated(missing) {
        if (outdatedReported)
            return;
        outdatedReported = true;
        emit({type: 'adapter_outdated', module: missing.module, message: missing.message});
    }

    // window.require throws for an unknown module name; some builds answer undefined instead.
    function mod(name) {
        var m;
        try {
            m = window.require(name);
        } catch (e) {
            throw new MissingModule(name, e && e.message);
        }
        if (m === undefined || m === null)
            throw new MissingModule(name);
        return m;
    }

    function member(moduleName, memberName) {
        var value = mod(moduleName)[memberName];
        if (value === undefined || value === null)
            throw new MissingModule(moduleName + '.' + memberName);
        return value;
    }

    function fn(moduleName, memberName) {
        var m = mod(moduleName);
        if (typeof m[memberName] !== 'function')
            throw new MissingModule(moduleName + '.' + memberName);
        return m[memberName].bind(m);
    }

    // getADVSecretKey moved from WAWebAdvSignatureApi to WAWebUserPrefsMultiDevice (2026).
    function advSecretKeyGetter() {
        var holders = ['WAWebUserPrefsMultiDevice', 'WAWebAdvSignatureApi'];
        for (var i = 0; i < holders.length; ++i) {
            try {
                var m = window.require(holders[i]);
                if (m && typeof m.getADVSecretKey === 'function')
                    return m.getADVSecretKey.bind(m);
            } catch (e) {
                // try the next holder
            }
        }
        throw new MissingModule('WAWebUserPrefsMultiDevice.getADVSecretKey');
    }

    function socket() { return member('WAWebSocketModel', 'Socket'); }
    function conn() { return member('WAWebConnModel', 'Conn'); }
    function cmd() { return member('WAWebCmd', 'Cmd'); }
    function collections() { return mod('WAWebCollections'); }

    function widFor(digitsOrId) {
        var id = String(digitsOrId);
        if (id.indexOf('@') < 0)
            id = id.replace(/[^0-9]/g, '') + '@c.us';
        return fn('WAWebWidFactory', 'createWid')(id);
    }

    // Everything needed to send, resolved once when the session is about to be ready, so a
    // renamed module fails the session at once instead of failing every message later.
    var SEND_MODULES = [
        ['WAWebCollections', 'Chat'], ['WAWebCollections', 'Msg'],
        ['WAWebWidFactory', 'createWid'], ['WAWebQueryExistsJob', 'queryWidExists'],
        ['WAWebFindChatAction', 'findOrCreateLatestChat'], ['WAWebMsgKey', 'newId'],
        ['WAWebSendMsgChatAction', 'addAndSendMsgToChat'],
        ['WAWebUserPrefsMeUser', 'getMaybeMePnUser'],
        ['WAWebGetEphemeralFieldsMsgActionsUtils', 'getEphemeralFields'],
        ['WAWebChatStateBridge', 'sendChatStateComposing'],
        ['WAWebChatStateBridge', 'sendChatStatePaused'],
        ['WAWebMediaOpaqueData', 'createFromData'], ['WAWebPrepRawMedia', 'prepRawMedia'],
        ['WAWebMediaStorage', 'getOrCreateMediaObject'],
        ['WAWebMmsMediaTypes', 'msgToMediaType'], ['WAWebMediaMmsV4Upload', 'uploadMedia'],
    ];

    // What hearing customers needs (whatsapp-web.js 1.34.7's names): the lid <-> phone mapping,
    // the reaction table, media download and read receipts. Checked with the send modules.
    var INBOUND_MODULES = [
        ['WAWebApiContact', 'getPhoneNumber'], ['WAWebApiContact', 'getCurrentLid'],
        ['WAWebAddonReactionTableMode', 'reactionTableMode'],
        ['WAWebDownloadManager', 'downloadManager'],
        ['WAWebUpdateUnreadChatAction', 'sendSeen'], ['WAWebStreamModel', 'Stream'],
    ];

    // Rich messages (issue #16), as whatsapp-web.js 1.34.7 sends them: locations, vCards and
    // quotes are fields of the message given to addAndSendMsgToChat (Utils.sendMessage: type
    // 'location' {lat, lng, loc}, 'vcard' {body, vcardFormattedName}, 'multi_vcard'
    // {vcardList}, a quoted message's msgContextInfo(chat)); voice notes are media prepared with
    // prepRawMedia(…, {isPtt: true}); reactions go through
    // WAWebSendReactionMsgAction.sendReactionToMsg(msg, emoji) (Message.react). A reply may
    // also ask WAWebMsgReply.canReplyMsg when the page has it (optional there too).
    var RICH_MODULES = [
        ['WAWebSendReactionMsgAction', 'sendReactionToMsg'],
    ];

    function checkSendModules() {
        var all = SEND_MODULES.concat(INBOUND_MODULES).concat(RICH_MODULES);
        for (var i = 0; i < all.length; ++i)
            member(all[i][0], all[i][1]);
        if (typeof member('WAWebAddonReactionTableMode', 'reactionTableMode').bulkUpsert !== 'function')
            throw new MissingModule('WAWebAddonReactionTableMode.reactionTableMode.bulkUpsert');
        if (typeof member('WAWebDownloadManager', 'downloadManager').downloadAndMaybeDecrypt !==
            'function')
            throw new MissingModule('WAWebDownloadManager.downloadManager.downloadAndMaybeDecrypt');
    }

    // ---- QR ---------------------------------------------------------------------------------

    var qrKeysPromise = null;
    function qrKeys() {
        if (!qrKeysPromise) {
            qrKeysPromise = (async function () {
                var encode = fn('WABase64', 'encodeB64');
                var signalStore = member('WAWebSignalStoreApi', 'waSignalStore');
                var noiseInfo = member('WAWebUserPrefsInfoStore', 'waNoiseInfo');
                var getAdv = advSecretKeyGetter();
                var platform = member('WAWebCompanionRegClientUtils', 'DEVICE_PLATFORM');
                var registration = await signalStore.getRegistrationInfo();
                var noise = await noiseInfo.get();
                return {
                    noise: encode(noise.staticKeyPair.pubKey),
                    identity: encode(registration.identityKeyPair.pubKey),
                    adv: await getAdv(),
                    platform: platform,
                };
            })();
            qrKeysPromise.catch(function () { qrKeysPromise = null; });
        }
        return qrKeysPromise;
    }

    var lastQr = null;
    async function publishQr() {
        var S = socket();
        var ref = conn().ref;
        if (pairing.phone) // the page shows a pairing code instead
            return;
        if (!ref || S.hasSynced || S.state === 'CONNECTED' || S.state === 'PAIRING' ||
            S.state === 'UNPAIRED_IDLE')
            return;
        var keys = await qrKeys();
        ref = conn().ref; // may have rotated while the keys were read
        if (!ref)
            return;
        var qr = [ref, keys.noise, keys.identity, keys.adv, keys.platform].join(',');
        if (qr === lastQr)
            return;
        lastQr = qr;
        emit({type: 'qr', qr: qr});
    }

    // ---- pairing by phone-number code ---------------------------------------------------------

    // The number being linked by code (null: QR mode) and the timer that asks for a new code
    // every intervalMs while the page is still unpaired, as whatsapp-web.js's codeInterval.
    // `generation` changes with every request and cancel: a code still on its way from an
    // older one is dropped, never reported over a newer one.
    var pairing = {phone: null, showNotification: true, intervalMs: 180000, timer: null,
                   generation: 0};

    function stopPairingTimer() {
        if (pairing.timer !== null)
            clearInterval(pairing.timer);
        pairing.timer = null;
    }

    function isUnpaired() {
        var state = String(socket().state);
        return state === 'UNPAIRED' || state === 'UNPAIRED_IDLE';
    }

    // setPairingType('ALT_DEVICE_LINKING'), initializeAltDeviceLinking(), then
    // startAltLinkingFlow(phone, showNotification) answers the code: reported, then returned.
    async function issuePairingCode() {
        var api = mod('WAWebAltDeviceLinkingApi');
        var names = ['setPairingType', 'initializeAltDeviceLinking', 'startAltLinkingFlow'];
        for (var i = 0; i < names.length; ++i)
            if (typeof api[names[i]] !== 'function')
                throw new MissingModule('WAWebAltDeviceLinkingApi.' + names[i]);
        var phone = pairing.phone;
        var generation = pairing.generation;
        api.setPairingType('ALT_DEVICE_LINKING');
        await api.initializeAltDeviceLinking();
        var code = await api.startAltLinkingFlow(phone, pairing.showNotification);
        if (typeof code !== 'string' || !code)
            throw new Failure('pairing_failed', 'WhatsApp Web gave no pairing code');
        if (pairing.generation !== generation) // cancelled or asked again meanwhile
            throw new Failure('pairing_superseded', 'a newer request replaced this code');
        emit({type: 'pairing_code', code: code, phone: phone, expiresInMs: pairing.intervalMs});
        return code;
    }

    // ---- login state ------------------------------------------------------------------------

    var synced = false;
    var readyReported = false;
    var acksSubscribed = false;

    function reportState() {
        var S = socket();
        emit({type: 'state', state: String(S.state), hasSynced: !!S.hasSynced});
    }

    function onAck(msg, ack) {
        if (!msg || !msg.id || !msg.id.fromMe)
            return;
        emit({type: 'ack', id: String(msg.id.id), ack: Number(ack)});
    }

    function onSynced() {
        if (synced)
            return;
        synced = true;
        stopPairingTimer();
        pairing.phone = null;
        emit({type: 'authenticated'});
        checkSendModules();
        if (!acksSubscribed) {
            acksSubscribed = true;
            collections().Msg.on('change:ack', onAck);
            listenForCustomers();
        }
        var me = fn('WAWebUserPrefsMeUser', 'getMaybeMePnUser')();
        readyReported = true;
        emit({type: 'ready', me: me && me._serialized ? me._serialized : null,
              version: window.Debug && window.Debug.VERSION});
    }

    // Runs `body`; a missing module is reported (session fails), anything else is logged.
    function guarded(body) {
        return function () {
            try {
                var r = body.apply(null, arguments);
                if (r && typeof r.then === 'function')
                    r.then(null, fail);
            } catch (e) {
                fail(e);
            }
        };
    }

    function fail(e) {
        if (e instanceof MissingModule)
            reportOutdated(e);
        else
            emit({type: 'error', message: String(e && (e.stack || e.message) || e)});
    }

    function start() {
        var S = socket();
        var C = conn();
        var K = cmd();
        emit({type: 'loaded', version: String(window.Debug.VERSION)});

        // Read the current state first: a restored session can already be CONNECTED with
        // hasSynced true, and then no change:hasSynced will ever come.
        reportState();
        if (S.hasSynced)
            onSynced();
        else
            publishQr().then(null, fail);

        S.on('change:state', guarded(function () {
            reportState();
            if (!S.hasSynced)
                return publishQr();
        }));
        S.on('change:hasSynced', guarded(function (model, value) {
            reportState();
            if (value)
                onSynced();
        }));
        C.on('change:ref', guarded(function () { return publishQr(); }));
        K.on('logout', guarded(function () { emit({type: 'logout', event: 'logout'}); }));
        K.on('logout_from_bridge', guarded(function () {
            emit({type: 'logout', event: 'logout_from_bridge'});
        }));
    }

    // ---- operations -------------------------------------------------------------------------

    async function chatFor(to) {
        var wid = widFor(to);
        var chat = collections().Chat.get(wid);
        if (chat)
            return chat;
        var exists = await fn('WAWebQueryExistsJob', 'queryWidExists')(wid);
        if (!exists || !exists.wid)
            throw new Failure('not_on_whatsapp', String(to) + ' is not on WhatsApp');
        var found = await fn('WAWebFindChatAction', 'findOrCreateLatestChat')(exists.wid);
        chat = found && (found.chat || found);
        if (!chat || !chat.id)
            throw new Failure('chat_not_found', 'no chat for ' + String(to));
        return chat;
    }

    function newKey(chat, msgId) {
        var MsgKey = mod('WAWebMsgKey');
        var meUser = fn('WAWebUserPrefsMeUser', 'getMaybeMePnUser')();
        var from = meUser;
        if (chat.id.isLid && chat.id.isLid())
            from = fn('WAWebUserPrefsMeUser', 'getMaybeMeLidUser')() || meUser;
        return {key: new MsgKey({from: from, to: chat.id, id: msgId, selfDir: 'out'}), from: from};
    }

    async function keyId(msgId) {
        if (msgId)
            return String(msgId);
        return String(await fn('WAWebMsgKey', 'newId')());
    }

    // The result promise of addAndSendMsgToChat answers {messageSendResult} (older builds: the
    // bare string).
    async function sendToChat(chat, message) {
        var pair = fn('WAWebSendMsgChatAction', 'addAndSendMsgToChat')(chat, message);
        await pair[0];
        var result = await pair[1];
        var code = result && result.messageSendResult !== undefined ? result.messageSendResult
                                                                      : result;
        code = code === undefined || code === null ? 'OK' : String(code);
        if (code !== 'OK')
            throw new Failure(code, 'WhatsApp answered ' + code);
        return {id: message.id.id, result: code};
    }

    function baseMessage(chat, keyInfo) {
        var ephemeral = fn('WAWebGetEphemeralFieldsMsgActionsUtils', 'getEphemeralFields')(chat);
        var message = {
            id: keyInfo.key,
            ack: 0,
            from: keyInfo.from,
            to: chat.id,
            local: true,
            self: 'out',
            t: Math.floor(Date.now() / 1000),
            isNewMsg: true,
        };
        for (var k in ephemeral)
            if (Object.prototype.hasOwnProperty.call(ephemeral, k))
                message[k] = ephemeral[k];
        return message;
    }

    // The bytes come from Wamator through a one-time wamator-media: URL (never base64 in the
    // request): read once, straight into a Blob, then wrapped as the File WhatsApp prepares.
    function fetchMediaFile(url, expectedSize, mimetype, filename) {
        return new Promise(function (resolve, reject) {
            var xhr = new XMLHttpRequest();
            xhr.open('GET', String(url));
            xhr.responseType = 'blob';
            xhr.onload = function () {
                var blob = xhr.response;
                if (!blob || (typeof expectedSize === 'number' && blob.size !== expectedSize)) {
                    reject(new Failure('media_unavailable', 'the media file could not be read'));
                    return;
                }
                resolve(new File([blob], filename || 'file',
                                 {type: mimetype, lastModified: Date.now()}));
            };
            xhr.onerror = function () {
                reject(new Failure('media_unavailable', 'the media file could not be read'));
            };
            xhr.send();
        });
    }

    // Local preparation, storage and upload of a media file; returns the prepared media data.
    async function prepareMedia(file, mimetype, asDocument, isPtt) {
        var opaque = await fn('WAWebMediaOpaqueData', 'createFromData')(file, mimetype);
        var prep = fn('WAWebPrepRawMedia', 'prepRawMedia')(
            opaque, {asDocument: !!asDocument, isPtt: !!isPtt});
        var media = await prep.waitForPrep();
        if (!media || !media.filehash)
            throw new Failure('ERROR_UPLOAD', 'media preparation gave no file hash');
        var mediaObject = fn('WAWebMediaStorage', 'getOrCreateMediaObject')(media.filehash);
        var mediaType = fn('WAWebMmsMediaTypes', 'msgToMediaType')(
            {type: media.type, isGif: media.isGif});
        if (media.mediaBlob && typeof media.mediaBlob.url === 'function')
            media.renderableUrl = media.mediaBlob.url();
        if (typeof mediaObject.consolidate === 'function')
            mediaObject.consolidate(typeof media.toJSON === 'function' ? media.toJSON() : media);
        var uploaded = await fn('WAWebMediaMmsV4Upload', 'uploadMedia')(
            {mimetype: media.mimetype || mimetype, mediaObject: mediaObject, mediaType: mediaType});
        var entry = uploaded && uploaded.mediaEntry;
        if (!entry)
            throw new Failure('ERROR_UPLOAD', 'upload created no media entry');
        var fields = {
            clientUrl: entry.mmsUrl,
            deprecatedMms3Url: entry.deprecatedMms3Url,
            directPath: entry.directPath,
            mediaKey: entry.mediaKey,
            mediaKeyTimestamp: entry.mediaKeyTimestamp,
            filehash: mediaObject.filehash || media.filehash,
            encFilehash: entry.encFilehash,
            uploadhash: entry.uploadHash,
            size: mediaObject.size || file.size,
            streamingSidecar: entry.sidecar,
            firstFrameSidecar: entry.firstFrameSidecar,
        };
        if (typeof media.set === 'function')
            media.set(fields);
        var plain = typeof media.toJSON === 'function' ? media.toJSON() : media;
        var out = {};
        for (var k in plain)
            if (Object.prototype.hasOwnProperty.call(plain, k))
                out[k] = plain[k];
        for (var f in fields)
            if (fields[f] !== undefined)
                out[f] = fields[f];
        return out;
    }

    function findMessage(msgId) {
        var Msg = collections().Msg;
        var msg = Msg.get(msgId);
        if (msg)
            return msg;
        var models = typeof Msg.getModelsArray === 'function' ? Msg.getModelsArray()
                                                              : (Msg.models || []);
        for (var i = 0; i < models.length; ++i) {
            var id = models[i] && models[i].id;
            if (id && (id.id === msgId || id._serialized === msgId))
                return models[i];
        }
        return null;
    }


    // ---- rich messages ----------------------------------------------------------------------

    // The message a reply quotes or a reaction targets: {wa_id, from_me, chat} from Wamator,
    // found by its serialized key among the loaded messages, else in the local database
    // (whatsapp-web.js: Msg.get, then Msg.getMessagesById).
    async function targetMessage(target) {
        if (!target || !target.wa_id || !target.chat)
            throw new Failure('target_not_found', 'no message to quote or react to');
        var serialized = (target.from_me ? 'true_' : 'false_') + widFor(target.chat)._serialized +
                         '_' + String(target.wa_id);
        var Msg = collections().Msg;
        var msg = Msg.get(serialized) || findMessage(serialized);
        if (!msg && typeof Msg.getMessagesById === 'function') {
            var found = await Msg.getMessagesById([serialized]);
            msg = found && found.messages && found.messages[0];
        }
        if (!msg)
            throw new Failure('target_not_found', 'WhatsApp Web does not hold ' + serialized);
        return msg;
    }

    // Makes `message` a reply to `quoted` (whatsapp-web.js's quotedMessageId option).
    async function addQuote(message, chat, quoted) {
        if (!quoted || !quoted.wa_id)
            return;
        var msg = await targetMessage(quoted);
        var replyUtils = null;
        try {
            replyUtils = window.require('WAWebMsgReply');
        } catch (e) {
            replyUtils = null; // older pages: the model's own canReply
        }
        var canReply = replyUtils && typeof replyUtils.canReplyMsg === 'function'
            ? replyUtils.canReplyMsg(typeof msg.unsafe === 'function' ? msg.unsafe() : msg)
            : (typeof msg.canReply === 'function' ? msg.canReply() : true);
        if (!canReply)
            throw new Failure('cannot_reply', 'WhatsApp Web does not allow replying to it');
        if (typeof msg.msgContextInfo !== 'function')
            throw new MissingModule('WAWebCollections.Msg.msgContextInfo');
        var context = msg.msgContextInfo(chat);
        for (var k in context)
            if (Object.prototype.hasOwnProperty.call(context, k))
                message[k] = context[k];
    }

    // ---- incoming messages ------------------------------------------------------------------

    // What customers send that Wamator records; WhatsApp's system messages (e2e_notification,
    // notification_template, gp2, call_log, ...) are not a customer writing.
    var INBOUND_TYPES = {chat: 1, image: 1, video: 1, audio: 1, ptt: 1, document: 1, sticker: 1,
                         location: 1, vcard: 1, multi_vcard: 1, revoked: 1};
    var MEDIA_TYPES = {image: 1, video: 1, audio: 1, ptt: 1, document: 1, sticker: 1};

    function serial(wid) {
        if (wid === undefined || wid === null)
            return null;
        return String(wid._serialized !== undefined ? wid._serialized : wid);
    }

    // A customer's own chat: a phone (`@c.us`) or a `@lid` id. Groups, status@broadcast,
    // broadcast lists and newsletters are not conversations with one customer.
    function isCustomerChat(wid) {
        if (!wid || typeof wid !== 'object')
            return false;
        return (wid.server === 'c.us' || wid.server === 'lid') && String(wid.user) !== '0';
    }

    function isFromCustomer(msg) {
        return !!(msg && msg.id && !msg.id.fromMe && isCustomerChat(msg.id.remote));
    }

    function digitsOf(wid) {
        var user = wid && wid.user !== undefined ? String(wid.user) : '';
        var d = user.replace(/[^0-9]/g, '');
        return d || null;
    }

    // As whatsapp-web.js's enforceLidAndPnRetrieval: the page's own mapping first; a `@lid`
    // whose phone the page does not know yet is looked up once (queryWidExists teaches the
    // page the mapping) and the mapping read again. Synchronous when nothing is to be asked.
    function resolveSender(wid) {
        var contacts = mod('WAWebApiContact');
        var read = function (name, w) {
            try {
                return contacts[name](w) || null;
            } catch (e) {
                return null;
            }
        };
        if (wid.server !== 'lid') {
            var lid = read('getCurrentLid', wid);
            return {phone: digitsOf(wid), lid: lid ? serial(lid) : null};
        }
        var pn = read('getPhoneNumber', wid);
        if (pn)
            return {phone: digitsOf(pn), lid: serial(wid)};
        return fn('WAWebQueryExistsJob', 'queryWidExists')(wid).then(function (found) {
            var later = found && found.wid ? read('getPhoneNumber', wid) : null;
            return {phone: later ? digitsOf(later) : null, lid: serial(wid)};
        }, function () {
            return {phone: null, lid: serial(wid)};
        });
    }

    function withSender(message, wid) {
        var apply = function (ids) {
            message.phone = ids.phone;
            message.lid = ids.lid;
            return message;
        };
        var ids = resolveSender(wid);
        return ids && typeof ids.then === 'function' ? ids.then(apply) : apply(ids);
    }

    function text(value) {
        return typeof value === 'string' && value !== '' ? value : null;
    }

    // The "page message" of docs/sessions.md; a promise when the sender's phone is looked up.
    function pageMessage(msg) {
        var key = msg.id;
        var type = String(msg.type);
        var media = MEDIA_TYPES[type] === 1;
        var message = {
            id: String(key.id),
            serialized: serial(key),
            chat: serial(key.remote),
            from: serial(msg.from || key.remote),
            phone: null,
            lid: null,
            type: type,
            body: type === 'chat' ? text(msg.body) : null,
            caption: media ? text(msg.caption) : null,
            mimetype: media ? text(msg.mimetype) : null,
            filename: media ? text(msg.filename) : null,
            size: media && typeof msg.size === 'number' ? msg.size : 0,
            quotedId: msg.quotedStanzaID ? String(msg.quotedStanzaID) : null,
            t: Number(msg.t) || 0,
            location: null,
            vcards: null,
            reaction: null,
            revokedId: null,
        };
        if (type === 'location') {
            // As whatsapp-web.js: `loc` is "name\naddress".
            var lines = typeof msg.loc === 'string' ? msg.loc.split('\n') : [];
            message.location = {lat: Number(msg.lat), lng: Number(msg.lng),
                                name: text(lines[0]), address: text(lines[1])};
        } else if (type === 'vcard') {
            message.vcards = [String(msg.body || '')];
        } else if (type === 'multi_vcard') {
            var list = msg.vcardList || [];
            message.vcards = [];
            for (var i = 0; i < list.length; ++i)
                message.vcards.push(String(list[i] && list[i].vcard || ''));
        } else if (type === 'revoked') {
            // WhatsApp turns the revoked message itself into type "revoked"; its
            // protocolMessageKey names the original (the same id).
            var original = msg.protocolMessageKey;
            message.revokedId = String(original && original.id ? original.id : key.id);
        }
        var sender = msg.from && typeof msg.from === 'object' && isCustomerChat(msg.from)
                         ? msg.from : key.remote;
        return withSender(message, sender);
    }

    function msgKeyOf(value) {
        if (!value)
            return null;
        if (typeof value === 'string')
            return fn('WAWebMsgKey', 'fromString')(value);
        return value;
    }

    // A row of WhatsApp's reaction table (what whatsapp-web.js's message_reaction hears).
    function reactionMessage(row) {
        var key = msgKeyOf(row && row.id);
        if (!key || key.fromMe || !isCustomerChat(key.remote))
            return null;
        var parent = msgKeyOf(row.reactionParentKey);
        var sender = row.author || row.from;
        sender = sender && isCustomerChat(sender) ? sender : key.remote;
        var ms = Number(row.reactionTimestamp);
        var message = {
            id: String(key.id), serialized: serial(key), chat: serial(key.remote),
            from: serial(sender), phone: null, lid: null, type: 'reaction', body: null,
            caption: null, mimetype: null, filename: null, size: 0, quotedId: null,
            t: ms > 0 ? Math.floor(ms / 1000) : Math.floor(Date.now() / 1000), location: null,
            vcards: null,
            reaction: {targetId: parent ? String(parent.id) : null,
                       emoji: typeof row.reactionText === 'string' ? row.reactionText : ''},
            revokedId: null,
        };
        return withSender(message, sender);
    }

    // What arrives within one task goes to C++ as one `messages` event: a burst of hundreds
    // costs one bridge message, not hundreds. A MessageChannel task, not a timer: timers of a
    // hidden page are throttled to one per second. Batches keep their order even when a
    // sender's phone has to be looked up.
    var inbox = [];
    var inboxScheduled = false;
    var inboxChain = Promise.resolve();
    var inboxTick = null;

    function flushInbox() {
        inboxScheduled = false;
        var batch = inbox;
        inbox = [];
        if (!batch.length)
            return;
        inboxChain = inboxChain.then(function () { return Promise.all(batch); }).then(
            function (messages) {
                var out = [];
                for (var i = 0; i < messages.length; ++i)
                    if (messages[i])
                        out.push(messages[i]);
                if (out.length)
                    emit({type: 'messages', messages: out});
            }).then(null, fail);
    }

    function hear(message) {
        inbox.push(message);
        if (inboxScheduled)
            return;
        inboxScheduled = true;
        if (inboxTick)
            inboxTick.port2.postMessage(0);
        else
            Promise.resolve().then(flushInbox);
    }

    function hearMsg(msg) {
        try {
            hear(pageMessage(msg));
        } catch (e) {
            fail(e);
        }
    }

    function listenForCustomers() {
        if (MessageChannelCtor) {
            inboxTick = new MessageChannelCtor();
            inboxTick.port1.onmessage = flushInbox;
        }
        var Msg = collections().Msg;
        // As whatsapp-web.js: only isNewMsg (not history being loaded); a message still
        // encrypted is reported once its type is known.
        Msg.on('add', function (msg) {
            if (!msg || !msg.isNewMsg || !isFromCustomer(msg))
                return;
            if (msg.type === 'ciphertext') {
                msg.once('change:type', function (decrypted) {
                    if (INBOUND_TYPES[decrypted.type] === 1 && decrypted.type !== 'revoked')
                        hearMsg(decrypted);
                });
                return;
            }
            if (INBOUND_TYPES[msg.type] === 1 && msg.type !== 'revoked')
                hearMsg(msg);
        });
        Msg.on('change:type', function (msg) {
            if (msg && msg.type === 'revoked' && isFromCustomer(msg))
                hearMsg(msg);
        });
        var table = member('WAWebAddonReactionTableMode', 'reactionTableMode');
        var original = table.bulkUpsert;
        table.bulkUpsert = function (rows) {
            try {
                for (var i = 0; rows && i < rows.length; ++i) {
                    var message = reactionMessage(rows[i]);
                    if (message)
                        hear(message);
                }
            } catch (e) {
                // Never in the way of WhatsApp's own write.
            }
            return original.apply(this, arguments);
        };
    }

    // Incoming messages the page holds (each chat's loaded messages and the Msg collection),
    // newer than (since, after), oldest first.
    function heldCustomerMessages(since, after) {
        var found = [];
        var seen = {};
        var consider = function (msg) {
            if (!isFromCustomer(msg) || INBOUND_TYPES[msg.type] !== 1)
                return;
            var key = serial(msg.id);
            if (seen[key])
                return;
            seen[key] = true;
            var t = Number(msg.t) || 0;
            if (t > since || (t === since && key > after))
                found.push({t: t, key: key, msg: msg});
        };
        var models = function (collection) {
            if (!collection)
                return [];
            return typeof collection.getModelsArray === 'function' ? collection.getModelsArray()
                                                                   : (collection.models || []);
        };
        var chats = models(collections().Chat);
        for (var i = 0; i < chats.length; ++i)
            if (chats[i] && isCustomerChat(chats[i].id))
                models(chats[i].msgs).forEach(consider);
        models(collections().Msg).forEach(consider);
        found.sort(function (a, b) {
            if (a.t !== b.t)
                return a.t - b.t;
            return a.key < b.key ? -1 : (a.key > b.key ? 1 : 0);
        });
        return found;
    }

    function arrayBufferToBase64(buffer) {
        var bytes = new Uint8Array(buffer);
        var chunks = [];
        for (var i = 0; i < bytes.length; i += 0x8000)
            chunks.push(fromCharCode.apply(null, bytes.subarray(i, i + 0x8000)));
        return toBase64(chunks.join(''));
    }

    var ops = {
        // The session's heartbeat: an answer proves the page's JavaScript still runs.
        ping: async function () { return {adapter: ADAPTER_VERSION}; },

        // The watchdog's recovery: what a stale install leaves behind for this origin (service
        // worker registrations, CacheStorage) goes before the reload that bypasses the cache.
        // Each part on its own: an origin without service workers (a scheme that does not
        // allow them) still gets its caches cleared. `errors` says what could not be done.
        clearSiteData: async function () {
            var removed = {serviceWorkers: 0, caches: 0, errors: []};
            try {
                var sw = navigator.serviceWorker;
                if (sw && typeof sw.getRegistrations === 'function') {
                    var registrations = await sw.getRegistrations();
                    for (var i = 0; i < registrations.length; ++i)
                        if (await registrations[i].unregister())
                            ++removed.serviceWorkers;
                }
            } catch (e) {
                removed.errors.push('service workers: ' + String(e && e.message || e));
            }
            try {
                if (window.caches) {
                    var names = await window.caches.keys();
                    for (var j = 0; j < names.length; ++j)
                        if (await window.caches.delete(names[j]))
                            ++removed.caches;
                }
            } catch (e) {
                removed.errors.push('caches: ' + String(e && e.message || e));
            }
            return removed;
        },

        state: async function () {
            var S = socket();
            return {state: String(S.state), hasSynced: !!S.hasSynced, ready: readyReported};
        },

        refreshQr: async function () {
            await cmd().refreshQR();
            return {};
        },

        // Pairing by phone-number code for `phone` (digits): the code (also reported as a
        // pairing_code event), then a new one every intervalMs while the page stays unpaired.
        // Asking again starts over, with a new code.
        requestPairingCode: async function (args) {
            var phone = String(args.phone || '').replace(/[^0-9]/g, '');
            if (phone.length < 7 || phone.length > 15)
                throw new Failure('invalid_phone', 'not a phone number: ' + String(args.phone));
            if (socket().hasSynced || !isUnpaired())
                throw new Failure('not_unpaired', 'the page is not waiting to be linked (' +
                                                      String(socket().state) + ')');
            stopPairingTimer();
            var generation = ++pairing.generation;
            pairing.phone = phone;
            pairing.showNotification = args.showNotification !== false;
            pairing.intervalMs = Math.max(1000, Math.floor(Number(args.intervalMs)) || 180000);
            pairing.timer = setInterval(function () {
                if (!isUnpaired() || !pairing.phone) {
                    stopPairingTimer();
                    return;
                }
                issuePairingCode().then(null, function (e) {
                    if (!(e instanceof Failure && e.code === 'pairing_superseded'))
                        fail(e);
                });
            }, pairing.intervalMs);
            try {
                var code = await issuePairingCode();
                return {code: code, expiresInMs: pairing.intervalMs};
            } catch (e) {
                if (pairing.generation === generation) {
                    stopPairingTimer();
                    pairing.phone = null;
                }
                throw e;
            }
        },

        // Back to the QR: no more codes, and a fresh QR (Cmd.refreshQR) reported as usual.
        cancelPairingCode: async function () {
            stopPairingTimer();
            ++pairing.generation;
            var wasPairing = pairing.phone !== null;
            pairing.phone = null;
            if (wasPairing && isUnpaired() && !socket().hasSynced) {
                await cmd().refreshQR();
                lastQr = null;
                await publishQr();
            }
            return {};
        },

        takeover: async function () {
            await socket().takeover();
            return {};
        },

        logout: async function () {
            await socket().logout();
            return {};
        },

        isRegistered: async function (args) {
            var exists = await fn('WAWebQueryExistsJob', 'queryWidExists')(widFor(args.to));
            return {registered: !!(exists && exists.wid),
                    wid: exists && exists.wid ? String(exists.wid._serialized) : null};
        },

        sendText: async function (args) {
            var chat = await chatFor(args.to);
            var keyInfo = newKey(chat, await keyId(args.msgId));
            var message = baseMessage(chat, keyInfo);
            message.body = String(args.body);
            message.type = 'chat';
            await addQuote(message, chat, args.quoted);
            return sendToChat(chat, message);
        },

        sendMedia: async function (args) {
            var chat = await chatFor(args.to);
            var file = await fetchMediaFile(args.url, args.size, args.mimetype, args.filename);
            var asDocument = args.asDocument === true;
            var media = await prepareMedia(file, args.mimetype, asDocument, args.ptt === true);
            var keyInfo = newKey(chat, await keyId(args.msgId));
            var message = baseMessage(chat, keyInfo);
            for (var k in media)
                if (Object.prototype.hasOwnProperty.call(media, k) && !(k in message))
                    message[k] = media[k];
            message.type = media.type || (asDocument ? 'document' : 'image');
            if (args.filename)
                message.filename = String(args.filename);
            if (args.caption && args.ptt !== true) // a voice note has no caption
                message.caption = String(args.caption);
            await addQuote(message, chat, args.quoted);
            return sendToChat(chat, message);
        },

        // {to, msgId, location: {lat, lng, name?, address?}, quoted?}. As whatsapp-web.js's
        // Location: `loc` is "name\naddress" (either alone when only one is given).
        sendLocation: async function (args) {
            var loc = args.location || {};
            var lat = Number(loc.lat);
            var lng = Number(loc.lng);
            if (!isFinite(lat) || !isFinite(lng))
                throw new Failure('bad_request', 'location needs lat and lng');
            var chat = await chatFor(args.to);
            var keyInfo = newKey(chat, await keyId(args.msgId));
            var message = baseMessage(chat, keyInfo);
            message.type = 'location';
            message.lat = lat;
            message.lng = lng;
            var description = [loc.name, loc.address].filter(function (x) { return !!x; })
                .map(String).join('\n');
            if (description)
                message.loc = description;
            await addQuote(message, chat, args.quoted);
            return sendToChat(chat, message);
        },

        // {to, msgId, vcards: [{name, vcard}], quoted?}: one card is a 'vcard' message, more a
        // 'multi_vcard' (whatsapp-web.js: contactCard / contactCardList).
        sendContacts: async function (args) {
            var cards = Array.isArray(args.vcards) ? args.vcards : [];
            if (cards.length === 0)
                throw new Failure('bad_request', 'no contact card');
            var chat = await chatFor(args.to);
            var keyInfo = newKey(chat, await keyId(args.msgId));
            var message = baseMessage(chat, keyInfo);
            if (cards.length === 1) {
                message.type = 'vcard';
                message.body = String(cards[0].vcard);
                message.vcardFormattedName = String(cards[0].name || '');
            } else {
                message.type = 'multi_vcard';
                message.body = null;
                message.vcardList = cards.map(function (c) {
                    return {displayName: String(c.name || ''), vcard: String(c.vcard)};
                });
            }
            await addQuote(message, chat, args.quoted);
            return sendToChat(chat, message);
        },

        // {to, reaction: {wa_id, from_me, chat, emoji}}: "" removes our reaction (Message.react).
        sendReaction: async function (args) {
            var reaction = args.reaction || {};
            var msg = await targetMessage(reaction);
            var result = await fn('WAWebSendReactionMsgAction', 'sendReactionToMsg')(
                msg, String(reaction.emoji || ''));
            // Answers like addAndSendMsgToChat's result when it answers at all.
            var code = result && result.messageSendResult !== undefined
                ? String(result.messageSendResult) : 'OK';
            if (code !== 'OK')
                throw new Failure(code, 'WhatsApp answered ' + code);
            return {id: null, result: code};
        },

        // After a restart WhatsApp Web holds only the messages it loaded; with the recipient
        // known (`to`, optional) the local database is asked too, by the serialized key.
        hasMessage: async function (args) {
            var msgId = String(args.msgId);
            var msg = findMessage(msgId);
            var Msg = collections().Msg;
            if (!msg && args.to && typeof Msg.getMessagesById === 'function') {
                var serialized = 'true_' + widFor(args.to)._serialized + '_' + msgId;
                var found = await Msg.getMessagesById([serialized]);
                msg = found && found.messages && found.messages[0];
            }
            return msg ? {exists: true, ack: Number(msg.ack)} : {exists: false, ack: null};
        },

        // The catch-up: incoming messages with t > since, or t == since and a serialized id
        // after `after`, oldest first, at most `limit` (1000).
        recentMessages: async function (args) {
            var since = Number(args.since) || 0;
            var after = args.after ? String(args.after) : '';
            var limit = Math.max(1, Math.min(1000, Math.floor(Number(args.limit)) || 1000));
            var found = heldCustomerMessages(since, after);
            var page = found.slice(0, limit);
            var messages = await Promise.all(page.map(function (f) { return pageMessage(f.msg); }));
            return {messages: messages, more: found.length > limit};
        },

        // An incoming message's media, as whatsapp-web.js's Message.downloadMedia.
        downloadMedia: async function (args) {
            var msg = findMessage(String(args.id || ''));
            if (!msg)
                throw new Failure('not_found', 'no message ' + String(args.id));
            if (MEDIA_TYPES[msg.type] !== 1 || !msg.directPath)
                throw new Failure('media_unavailable', 'the message has no media');
            var unavailable = new Failure('media_unavailable', 'WhatsApp cannot give the media');
            if (!msg.mediaData || msg.mediaData.mediaStage === 'REUPLOADING')
                throw unavailable;
            if (msg.mediaData.mediaStage !== 'RESOLVED' && typeof msg.downloadMedia === 'function')
                await msg.downloadMedia({downloadEvenIfExpensive: true, rmrReason: 1});
            var stage = String(msg.mediaData.mediaStage || '');
            if (stage.indexOf('ERROR') >= 0 || stage === 'FETCHING')
                throw unavailable;
            var manager = member('WAWebDownloadManager', 'downloadManager');
            // downloadAndMaybeDecrypt reports progress to a logger it is given.
            var qpl = {addAnnotations: function () { return this; },
                       addPoint: function () { return this; }};
            var bytes;
            try {
                bytes = await manager.downloadAndMaybeDecrypt({
                    directPath: msg.directPath, encFilehash: msg.encFilehash,
                    filehash: msg.filehash, mediaKey: msg.mediaKey,
                    mediaKeyTimestamp: msg.mediaKeyTimestamp, type: msg.type,
                    signal: new AbortController().signal, downloadQpl: qpl,
                });
            } catch (e) {
                if (e && e.status === 404)
                    throw unavailable;
                throw e;
            }
            if (!bytes)
                throw unavailable;
            return {mimetype: msg.mimetype ? String(msg.mimetype) : null,
                    filename: msg.filename ? String(msg.filename) : null,
                    data: arrayBufferToBase64(bytes)};
        },

        // The read receipt for a chat, as whatsapp-web.js's sendSeen (available meanwhile).
        sendSeen: async function (args) {
            var chat = collections().Chat.get(widFor(String(args.chat || '')));
            if (!chat)
                throw new Failure('not_found', 'no chat ' + String(args.chat));
            var stream = member('WAWebStreamModel', 'Stream');
            stream.markAvailable();
            try {
                await fn('WAWebUpdateUnreadChatAction', 'sendSeen')({chat: chat, threadId: undefined});
            } finally {
                stream.markUnavailable();
            }
            return {};
        },

        typing: async function (args) {
            var wid = widFor(args.to);
            var name = args.on ? 'sendChatStateComposing' : 'sendChatStatePaused';
            await fn('WAWebChatStateBridge', name)(wid);
            return {};
        },
    };

    doc.addEventListener(EVENT_IN, function (event) {
        var request;
        try {
            request = parse(event.detail);
        } catch (e) {
            return;
        }
        if (!request || typeof request.op !== 'string')
            return;
        var op = Object.prototype.hasOwnProperty.call(ops, request.op) ? ops[request.op] : null;
        if (!op) {
            emit({type: 'response', id: request.id, ok: false, error: 'unknown_op',
                  message: 'unknown operation ' + request.op});
            return;
        }
        Promise.resolve().then(function () { return op(request.args || {}); }).then(
            function (result) { emit({type: 'response', id: request.id, ok: true, result: result}); },
            function (e) {
                var code = 'ERROR_UNKNOWN';
                if (e instanceof MissingModule) {
                    code = 'adapter_outdated';
                    reportOutdated(e);
                } else if (e instanceof Failure) {
                    code = e.code;
                }
                emit({type: 'response', id: request.id, ok: false, error: code,
                      module: e instanceof MissingModule ? e.module : undefined,
                      message: String(e && e.message || e)});
            });
    });

    emit({type: 'hello', adapter: ADAPTER_VERSION});

    // The browser-upgrade page's text, or null. textContent: no layout for a poll.
    function upgradePageText() {
        var body = doc.body;
        var text = body ? String(body.textContent || '') : '';
        for (var i = 0; i < UPGRADE_PAGE.length; ++i) {
            var m = UPGRADE_PAGE[i].exec(text);
            if (m)
                return m[0];
        }
        return null;
    }

    // WhatsApp Web boots asynchronously: wait for its version marker and module system. How
    // long is the session's business (page_load_timeout_seconds); a refusal is reported now.
    (function waitForPage() {
        if (window.Debug && window.Debug.VERSION && typeof window.require === 'function') {
            try {
                start();
            } catch (e) {
                fail(e);
            }
            return;
        }
        var upgrade = upgradePageText();
        if (upgrade) {
            emit({type: 'engine_outdated', cause: 'upgrade_page', text: upgrade});
            return;
        }
        setTimeout(waitForPage, LOAD_POLL_MS);
    })();
})();
