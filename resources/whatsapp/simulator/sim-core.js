/*
 * Wamator WhatsApp Web simulator — core object model.
 *
 * WhatsApp Web's models are Backbone-like. The adapter relies on these semantics, so they are
 * reproduced here, not approximated:
 *  - on/once/off take several space-separated event names; 'all' listeners get (name, ...args);
 *  - change:<attr> listeners get (model, newValue, previousValue), then 'change' gets (model);
 *  - attributes are also plain properties (msg.ack, chat.unreadCount), and assigning one fires
 *    the same events as set();
 *  - a model's events bubble to every collection that holds it ('add'/'remove' only to the
 *    collection concerned), so Msg.on('change:ack') sees every message;
 *  - serialize() returns a shallow copy of the attributes.
 */
(function () {
    'use strict';

    const SIM = (window.__wamatorSim = window.__wamatorSim || {});

    const EVENT_SPLIT = /\s+/;

    function eventNames(names) {
        return String(names).split(EVENT_SPLIT).filter(Boolean);
    }

    // Internal bookkeeping stays non-enumerable, so spreading a model ({...mediaData}, as clients
    // do) copies attributes only.
    function hidden(obj, key, value) {
        Object.defineProperty(obj, key, { value, writable: true, configurable: true, enumerable: false });
    }

    class Events {
        constructor() {
            hidden(this, '_events', Object.create(null));
        }

        on(names, callback, context) {
            if (typeof callback !== 'function')
                return this;
            if (!this._events)
                hidden(this, '_events', Object.create(null));
            for (const name of eventNames(names))
                (this._events[name] = this._events[name] || []).push({ callback, context: context || this, ctx: context });
            return this;
        }

        once(names, callback, context) {
            if (typeof callback !== 'function')
                return this;
            for (const name of eventNames(names)) {
                const self = this;
                const wrapper = function () {
                    self.off(name, wrapper);
                    return callback.apply(this, arguments);
                };
                wrapper._callback = callback;
                this.on(name, wrapper, context);
            }
            return this;
        }

        off(names, callback, context) {
            if (!this._events)
                return this;
            const list = names ? eventNames(names) : Object.keys(this._events);
            for (const name of list) {
                const handlers = this._events[name];
                if (!handlers)
                    continue;
                const kept = handlers.filter((h) => (callback && h.callback !== callback && h.callback._callback !== callback)
                    || (context && h.ctx !== context));
                if (kept.length)
                    this._events[name] = kept;
                else
                    delete this._events[name];
            }
            return this;
        }

        trigger(name, ...args) {
            if (!this._events)
                return this;
            for (const n of eventNames(name)) {
                const handlers = this._events[n];
                if (handlers)
                    for (const h of handlers.slice())
                        SIM.safeCall(h.callback, h.context, args, n);
                const all = this._events.all;
                if (all && n !== 'all')
                    for (const h of all.slice())
                        SIM.safeCall(h.callback, h.context, [n, ...args], n);
            }
            return this;
        }

        listenTo(other, names, callback) {
            if (!other || typeof other.on !== 'function')
                return this;
            other.on(names, callback, this);
            if (!this._listeningTo)
                hidden(this, '_listeningTo', new Set());
            this._listeningTo.add(other);
            return this;
        }

        listenToOnce(other, names, callback) {
            if (!other || typeof other.once !== 'function')
                return this;
            other.once(names, callback, this);
            if (!this._listeningTo)
                hidden(this, '_listeningTo', new Set());
            this._listeningTo.add(other);
            return this;
        }

        stopListening(other, names, callback) {
            const targets = other ? [other] : Array.from(this._listeningTo || []);
            for (const t of targets)
                t.off(names, callback, this);
            return this;
        }
    }
    Events.prototype.bind = Events.prototype.on;
    Events.prototype.unbind = Events.prototype.off;
    Events.prototype.emit = Events.prototype.trigger;

    // A listener that throws must not break the page's own flow (WhatsApp logs and continues).
    SIM.safeCall = function (fn, ctx, args, name) {
        try {
            return fn.apply(ctx, args);
        } catch (e) {
            console.error('[simulator] listener for "' + name + '" threw:', e);
            return undefined;
        }
    };

    let cidCounter = 0;

    class Model extends Events {
        constructor(attrs, options) {
            super();
            hidden(this, 'cid', 'c' + ++cidCounter);
            hidden(this, 'attributes', {});
            hidden(this, '_previous', {});
            hidden(this, 'collections', []);
            hidden(this, 'collection', options && options.collection);
            this.set(attrs || {}, { silent: true });
        }

        get id() {
            return this.attributes.id;
        }

        set id(value) {
            this.set('id', value);
        }

        get(key) {
            return this.attributes[key];
        }

        has(key) {
            return this.attributes[key] != null;
        }

        set(key, value, options) {
            let attrs;
            if (key === null || key === undefined)
                return this;
            if (typeof key === 'object') {
                attrs = key;
                options = value;
            } else {
                attrs = { [key]: value };
            }
            options = options || {};
            const changed = [];
            for (const k of Object.keys(attrs)) {
                this._defineAccessor(k);
                const prev = this.attributes[k];
                const next = attrs[k];
                if (options.unset) {
                    if (k in this.attributes) {
                        delete this.attributes[k];
                        changed.push([k, undefined, prev]);
                    }
                    continue;
                }
                this.attributes[k] = next;
                if (prev !== next)
                    changed.push([k, next, prev]);
            }
            if (!options.silent && changed.length) {
                for (const [k, next, prev] of changed) {
                    this._previous[k] = prev;
                    this.trigger('change:' + k, this, next, prev, options);
                }
                this.trigger('change', this, options);
            }
            return this;
        }

        unset(key, options) {
            return this.set(key, undefined, Object.assign({}, options, { unset: true }));
        }

        previous(key) {
            return this._previous[key];
        }

        _defineAccessor(key) {
            if (key === 'id' || Object.prototype.hasOwnProperty.call(this, key))
                return;
            // Do not shadow methods or accessors of the class (e.g. a 'set' attribute).
            let proto = Object.getPrototypeOf(this);
            while (proto && proto !== Object.prototype) {
                if (Object.prototype.hasOwnProperty.call(proto, key))
                    return;
                proto = Object.getPrototypeOf(proto);
            }
            Object.defineProperty(this, key, {
                configurable: true,
                enumerable: true,
                get() {
                    return this.attributes[key];
                },
                set(v) {
                    this.set(key, v);
                },
            });
        }

        serialize() {
            const out = {};
            for (const k of Object.keys(this.attributes)) {
                const v = this.attributes[k];
                out[k] = v instanceof Model || v instanceof Collection ? v.serialize() : v;
            }
            return out;
        }

        toJSON() {
            return this.serialize();
        }

        clone() {
            return new this.constructor(Object.assign({}, this.attributes));
        }

        isState(name) {
            return this.attributes.state === name;
        }
    }

    function keyOf(x) {
        if (x === null || x === undefined)
            return undefined;
        if (typeof x === 'string')
            return x;
        if (x instanceof Model)
            return keyOf(x.id);
        if (typeof x === 'object' && typeof x._serialized === 'string')
            return x._serialized;
        if (typeof x === 'object' && 'id' in x && x.id !== x)
            return keyOf(x.id);
        return String(x);
    }
    SIM.keyOf = keyOf;

    class Collection extends Events {
        constructor(models, options) {
            super();
            this.modelClass = (options && options.modelClass) || Model;
            this.model = this.modelClass;
            this._models = [];
            this._byId = new Map();
            this._byCid = new Map();
            if (models)
                this.add(models, { silent: true });
        }

        get length() {
            return this._models.length;
        }

        get models() {
            return this._models;
        }

        _prepare(m) {
            return m instanceof Model ? m : new this.modelClass(m, { collection: this });
        }

        add(models, options) {
            options = options || {};
            const single = !Array.isArray(models);
            const list = single ? [models] : models;
            const result = [];
            for (const raw of list) {
                if (!raw)
                    continue;
                const existing = this.get(raw instanceof Model ? raw : keyOf(raw && raw.id));
                if (existing) {
                    if (options.merge && !(raw instanceof Model))
                        existing.set(raw);
                    result.push(existing);
                    continue;
                }
                const model = this._prepare(raw);
                this._models.push(model);
                this._byCid.set(model.cid, model);
                const k = keyOf(model.id);
                if (k !== undefined)
                    this._byId.set(k, model);
                if (!model.collection)
                    model.collection = this;
                model.collections.push(this);
                model.on('all', this._onModelEvent, this);
                if (!options.silent)
                    model.trigger('add', model, this, options);
                result.push(model);
            }
            return single ? result[0] : result;
        }

        remove(models, options) {
            options = options || {};
            const single = !Array.isArray(models);
            const list = single ? [models] : models;
            const removed = [];
            for (const x of list) {
                const model = this.get(x);
                if (!model)
                    continue;
                this._models.splice(this._models.indexOf(model), 1);
                this._byCid.delete(model.cid);
                this._byId.delete(keyOf(model.id));
                if (!options.silent)
                    model.trigger('remove', model, this, options);
                model.off('all', this._onModelEvent, this);
                model.collections = model.collections.filter((c) => c !== this);
                if (model.collection === this)
                    model.collection = model.collections[0];
                removed.push(model);
            }
            return single ? removed[0] : removed;
        }

        reset(models, options) {
            for (const m of this._models.slice()) {
                m.off('all', this._onModelEvent, this);
                m.collections = m.collections.filter((c) => c !== this);
            }
            this._models = [];
            this._byId.clear();
            this._byCid.clear();
            if (models)
                this.add(models, { silent: true });
            if (!(options && options.silent))
                this.trigger('reset', this, options || {});
            return this;
        }

        _onModelEvent(event, model, collection, options) {
            // As in Backbone: add/remove bubble only from the collection that did it.
            if ((event === 'add' || event === 'remove') && collection !== this)
                return;
            if (event === 'change:id' && model) {
                for (const [k, v] of this._byId)
                    if (v === model)
                        this._byId.delete(k);
                this._byId.set(keyOf(model.id), model);
            }
            this.trigger.apply(this, arguments);
        }

        get(x) {
            if (x === null || x === undefined)
                return undefined;
            if (x instanceof Model)
                return this._byCid.get(x.cid) || this._byId.get(keyOf(x.id));
            return this._byId.get(keyOf(x));
        }

        has(x) {
            return !!this.get(x);
        }

        at(index) {
            return this._models[index < 0 ? this._models.length + index : index];
        }

        last() {
            return this._models[this._models.length - 1];
        }

        head() {
            return this._models[0];
        }

        // WhatsApp's collections: find(id) fetches asynchronously; Backbone's find(predicate).
        find(x) {
            if (typeof x === 'function')
                return this._models.find(x);
            return Promise.resolve(this.get(x));
        }

        findFirst(fn) {
            return this._models.find(fn);
        }

        getModelsArray() {
            return this._models.slice();
        }

        toArray() {
            return this._models.slice();
        }

        forEach(fn, ctx) {
            this._models.slice().forEach(fn, ctx);
        }

        map(fn, ctx) {
            return this._models.map(fn, ctx);
        }

        filter(fn, ctx) {
            return this._models.filter(fn, ctx);
        }

        where(attrs) {
            return this._models.filter((m) => Object.keys(attrs).every((k) => m.get(k) === attrs[k]));
        }

        serialize() {
            return this._models.map((m) => m.serialize());
        }

        toJSON() {
            return this.serialize();
        }

        [Symbol.iterator]() {
            return this._models.slice()[Symbol.iterator]();
        }
    }

    /* ---------------------------------------------------------------- ids ---------------- */

    const SERVERS = ['c.us', 'g.us', 'broadcast', 'lid', 'newsletter', 'call', 'bot'];

    class Wid {
        constructor(serialized) {
            const s = String(serialized);
            const at = s.indexOf('@');
            if (at <= 0 && s !== 'status@broadcast')
                throw new Error('createWid: invalid wid "' + s + '"');
            let user = s.slice(0, at);
            let server = s.slice(at + 1);
            if (server === 's.whatsapp.net')
                server = 'c.us';
            if (!SERVERS.includes(server))
                throw new Error('createWid: invalid server in "' + s + '"');
            // A device suffix ("123:4@c.us") is kept as the device, not part of the user.
            let device;
            const colon = user.indexOf(':');
            if (colon > 0 && server !== 'g.us') {
                device = Number(user.slice(colon + 1));
                user = user.slice(0, colon);
            }
            if ((server === 'c.us' || server === 'lid') && !/^\d+$/.test(user))
                throw new Error('createWid: invalid user in "' + s + '"');
            this.server = server;
            this.user = user;
            if (device !== undefined)
                this.device = device;
            this._serialized = user + '@' + server;
        }

        toString() {
            return this._serialized;
        }
        toJid() {
            return this.server === 'c.us' ? this.user + '@s.whatsapp.net' : this._serialized;
        }
        isUser() {
            return this.server === 'c.us' || this.server === 'lid';
        }
        isLid() {
            return this.server === 'lid';
        }
        isGroup() {
            return this.server === 'g.us';
        }
        isBroadcast() {
            return this.server === 'broadcast';
        }
        isStatus() {
            return this._serialized === 'status@broadcast';
        }
        isStatusV3() {
            return this.isStatus();
        }
        isNewsletter() {
            return this.server === 'newsletter';
        }
        isBot() {
            return this.server === 'bot';
        }
        isServer() {
            return false;
        }
        isPSA() {
            return this._serialized === '0@c.us';
        }
        isCompanion() {
            return this.device !== undefined && this.device !== 0;
        }
        equals(other) {
            return !!other && keyOf(other) === this._serialized;
        }
        toJSON() {
            return this._serialized;
        }
    }
    SIM.Wid = Wid;

    SIM.createWid = function (x) {
        if (x instanceof Wid)
            return x;
        if (x && typeof x === 'object' && typeof x._serialized === 'string')
            return new Wid(x._serialized);
        return new Wid(x);
    };

    function toWid(x) {
        if (x === null || x === undefined)
            return x;
        return x instanceof Wid ? x : SIM.createWid(x);
    }
    SIM.toWid = toWid;

    // WAWebMsgKey: new MsgKey({from, to, id, participant, selfDir}) or the older
    // {fromMe, remote, id, participant}; _serialized = "<fromMe>_<remote>_<id>[_<participant>]".
    class MsgKey {
        constructor(opts) {
            if (!opts || typeof opts !== 'object')
                throw new Error('MsgKey error: no options');
            if (typeof opts.id !== 'string' || !opts.id)
                throw new Error('MsgKey error: id is required');
            let fromMe;
            let remote;
            if ('selfDir' in opts) {
                if (opts.selfDir !== 'in' && opts.selfDir !== 'out')
                    throw new Error('MsgKey error: selfDir must be "in" or "out"');
                fromMe = opts.selfDir === 'out';
                remote = fromMe ? opts.to : opts.from;
            } else {
                fromMe = !!opts.fromMe;
                remote = opts.remote;
            }
            if (!remote)
                throw new Error('MsgKey error: remote (to/from) is required');
            this.fromMe = fromMe;
            this.remote = toWid(remote);
            this.id = opts.id;
            if (opts.participant)
                this.participant = toWid(opts.participant);
            this._serialized = String(this.fromMe) + '_' + this.remote._serialized + '_' + this.id
                + (this.participant ? '_' + this.participant._serialized : '');
        }

        toString() {
            return this._serialized;
        }
        equals(other) {
            return !!other && keyOf(other) === this._serialized;
        }
        clone() {
            return new MsgKey({ fromMe: this.fromMe, remote: this.remote, id: this.id, participant: this.participant });
        }
        toJSON() {
            return this._serialized;
        }

        static async newId() {
            await Promise.resolve();
            return MsgKey.newIdSync();
        }

        static newIdSync() {
            const bytes = new Uint8Array(9);
            crypto.getRandomValues(bytes);
            return '3EB0' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('').toUpperCase();
        }

        static fromString(s) {
            const parts = String(s).split('_');
            if (parts.length < 3)
                throw new Error('MsgKey error: cannot parse "' + s + '"');
            return new MsgKey({ fromMe: parts[0] === 'true', remote: parts[1], id: parts[2], participant: parts[3] });
        }

        static from(x) {
            return x instanceof MsgKey ? x : (typeof x === 'string' ? MsgKey.fromString(x) : new MsgKey(x));
        }
    }
    SIM.MsgKey = MsgKey;

    /* ---------------------------------------------------------------- bytes --------------- */

    function toUint8(bytes) {
        if (bytes instanceof Uint8Array)
            return bytes;
        if (bytes instanceof ArrayBuffer)
            return new Uint8Array(bytes);
        if (ArrayBuffer.isView(bytes))
            return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        if (Array.isArray(bytes))
            return Uint8Array.from(bytes);
        if (typeof bytes === 'string')
            return new TextEncoder().encode(bytes);
        throw new Error('encodeB64: unsupported input');
    }
    SIM.toUint8 = toUint8;

    SIM.encodeB64 = function (bytes) {
        const u8 = toUint8(bytes);
        let s = '';
        for (let i = 0; i < u8.length; i += 0x8000)
            s += String.fromCharCode.apply(null, u8.subarray(i, i + 0x8000));
        return btoa(s);
    };

    SIM.decodeB64 = function (b64) {
        const s = atob(String(b64).replace(/-/g, '+').replace(/_/g, '/'));
        const u8 = new Uint8Array(s.length);
        for (let i = 0; i < s.length; ++i)
            u8[i] = s.charCodeAt(i);
        return u8.buffer;
    };

    SIM.randomBytes = function (n) {
        const u8 = new Uint8Array(n);
        crypto.getRandomValues(u8);
        return u8;
    };

    SIM.toHex = function (bytes) {
        return Array.from(toUint8(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
    };

    SIM.sha256 = async function (bytes) {
        if (!(window.crypto && crypto.subtle))
            throw new Error('crypto.subtle unavailable: the simulator needs a secure context');
        return new Uint8Array(await crypto.subtle.digest('SHA-256', toUint8(bytes)));
    };

    /*
     * Timers. Chromium throttles window timers of hidden pages to one wake-up per second (and
     * to one per minute after five hidden minutes), and a session's page is usually hidden: acks
     * due after 50 ms would come after a second or more. Timers of a dedicated worker are not
     * throttled, and its messages are not timer tasks, so the simulator keeps time there.
     */
    const timerCallbacks = new Map();
    let timerWorker = null;
    let nextTimerId = 1;
    try {
        const src = 'const t = new Map();\n'
            + 'onmessage = (e) => {\n'
            + '  const d = e.data;\n'
            + '  if (d.cancel) { clearTimeout(t.get(d.id)); t.delete(d.id); return; }\n'
            + '  t.set(d.id, setTimeout(() => { t.delete(d.id); postMessage(d.id); }, d.ms));\n'
            + '};\n';
        timerWorker = new Worker(URL.createObjectURL(new Blob([src], { type: 'text/javascript' })));
        timerWorker.onmessage = (e) => {
            const fn = timerCallbacks.get(e.data);
            timerCallbacks.delete(e.data);
            if (fn)
                SIM.safeCall(fn, null, [], 'timer');
        };
        timerWorker.onerror = (e) => {
            console.warn('[simulator] timer worker failed, falling back to window timers', e && e.message);
            timerWorker = null;
            for (const [id, fn] of timerCallbacks) {
                timerCallbacks.delete(id);
                setTimeout(fn, 0);
            }
        };
    } catch (e) {
        timerWorker = null;
    }

    SIM.setTimer = function (fn, ms) {
        if (!timerWorker)
            return { native: setTimeout(fn, ms) };
        const id = nextTimerId++;
        timerCallbacks.set(id, fn);
        timerWorker.postMessage({ id, ms: Math.max(0, ms || 0) });
        return id;
    };

    SIM.clearTimer = function (handle) {
        if (handle && typeof handle === 'object') {
            clearTimeout(handle.native);
            return;
        }
        if (timerCallbacks.delete(handle) && timerWorker)
            timerWorker.postMessage({ id: handle, cancel: true });
    };

    SIM.sleep = function (ms) {
        return new Promise((resolve) => SIM.setTimer(resolve, ms));
    };

    SIM.hidden = hidden;
    SIM.Events = Events;
    SIM.Model = Model;
    SIM.Collection = Collection;
})();
