/*
 * Wamator engine polyfills — injected at document creation into the main world of every
 * session page, before the page's own scripts (docs/sessions.md, "Polyfills").
 *
 * Current WhatsApp Web bundles use ES2022–ES2025 built-ins; an older QtWebEngine (Chromium 102
 * on Qt 6.4) lacks several, and a bundle that calls one throws while loading. Each built-in is
 * defined only when missing, as the spec defines it: a non-enumerable, writable, configurable
 * property, the spec's `name` and `length`, not a constructor, and the spec's TypeError and
 * RangeError cases. Nothing else is touched: on an engine that has them all this is a no-op.
 */
(function () {
    'use strict';

    const MAX_LENGTH = 9007199254740991; // 2^53 - 1
    const MAX_ARRAY = 4294967295; // 2^32 - 1
    const defineProperty = Object.defineProperty;
    const getDescriptor = Object.getOwnPropertyDescriptor;
    const apply = Reflect.apply;

    // Installs `fn` as `obj[name]` unless the engine has it already. ECMAScript built-ins are
    // not enumerable; Web IDL operations (structuredClone) are.
    function install(obj, name, fn, enumerable) {
        if (!obj || Object.prototype.hasOwnProperty.call(obj, name))
            return;
        defineProperty(obj, name, { value: fn, writable: true, enumerable: !!enumerable, configurable: true });
    }

    function toObject(value) {
        if (value === null || value === undefined)
            throw new TypeError('Cannot convert undefined or null to object');
        return Object(value);
    }
    function toIntegerOrInfinity(value) {
        const n = Number(value);
        if (n !== n || n === 0)
            return 0;
        if (n === Infinity || n === -Infinity)
            return n;
        return Math.trunc(n);
    }
    function toLength(value) {
        const n = toIntegerOrInfinity(value);
        return n <= 0 ? 0 : Math.min(n, MAX_LENGTH);
    }
    function requireCallable(fn, what) {
        if (typeof fn !== 'function')
            throw new TypeError(String(what) + ' is not a function');
        return fn;
    }
    function arrayCreate(length) {
        if (length > MAX_ARRAY)
            throw new RangeError('Invalid array length');
        return new Array(length);
    }
    function toPropertyKey(value) {
        return typeof value === 'symbol' ? value : String(value);
    }
    function isConstructor(fn) {
        if (typeof fn !== 'function')
            return false;
        try {
            Reflect.construct(String, [], fn);
            return true;
        } catch (e) {
            return false;
        }
    }

    /* ------------------------------------------------------------ Array.prototype ---------- */

    const ArrayProto = Array.prototype;
    const arrayMethods = {
        at(index) {
            const o = toObject(this);
            const len = toLength(o.length);
            const rel = toIntegerOrInfinity(index);
            const k = rel >= 0 ? rel : len + rel;
            return k < 0 || k >= len ? undefined : o[k];
        },
        findLast(predicate) {
            const o = toObject(this);
            const len = toLength(o.length);
            requireCallable(predicate, predicate);
            const thisArg = arguments[1];
            for (let k = len - 1; k >= 0; k--) {
                const v = o[k];
                if (apply(predicate, thisArg, [v, k, o]))
                    return v;
            }
            return undefined;
        },
        findLastIndex(predicate) {
            const o = toObject(this);
            const len = toLength(o.length);
            requireCallable(predicate, predicate);
            const thisArg = arguments[1];
            for (let k = len - 1; k >= 0; k--) {
                if (apply(predicate, thisArg, [o[k], k, o]))
                    return k;
            }
            return -1;
        },
        toReversed() {
            const o = toObject(this);
            const len = toLength(o.length);
            const a = arrayCreate(len);
            for (let k = 0; k < len; k++)
                a[k] = o[len - 1 - k];
            return a;
        },
        toSorted(comparefn) {
            if (comparefn !== undefined)
                requireCallable(comparefn, comparefn);
            const o = toObject(this);
            const len = toLength(o.length);
            const a = arrayCreate(len);
            for (let k = 0; k < len; k++)
                a[k] = o[k]; // holes read as undefined, as the spec says
            return apply(ArrayProto.sort, a, [comparefn]);
        },
        toSpliced(start, skipCount, ...items) {
            const o = toObject(this);
            const len = toLength(o.length);
            const rel = toIntegerOrInfinity(start);
            const actualStart = rel === -Infinity ? 0 : rel < 0 ? Math.max(len + rel, 0) : Math.min(rel, len);
            let skip;
            if (arguments.length === 0)
                skip = 0;
            else if (arguments.length === 1)
                skip = len - actualStart;
            else
                skip = Math.min(Math.max(toIntegerOrInfinity(skipCount), 0), len - actualStart);
            const newLen = len + items.length - skip;
            if (newLen > MAX_LENGTH)
                throw new TypeError('Invalid array length');
            const a = arrayCreate(newLen);
            let i = 0;
            let r = actualStart + skip;
            for (; i < actualStart; i++)
                a[i] = o[i];
            for (const item of items)
                a[i++] = item;
            for (; i < newLen; i++, r++)
                a[i] = o[r];
            return a;
        },
        with(index, value) {
            const o = toObject(this);
            const len = toLength(o.length);
            const rel = toIntegerOrInfinity(index);
            const actual = rel >= 0 ? rel : len + rel;
            if (actual >= len || actual < 0)
                throw new RangeError('Invalid index : ' + index);
            const a = arrayCreate(len);
            for (let k = 0; k < len; k++)
                a[k] = k === actual ? value : o[k];
            return a;
        },
    };
    for (const name of Object.keys(arrayMethods))
        install(ArrayProto, name, arrayMethods[name]);
    // The spec hides these from `with` statements.
    const unscopables = ArrayProto[Symbol.unscopables];
    if (unscopables) {
        for (const name of ['at', 'findLast', 'findLastIndex', 'toReversed', 'toSorted', 'toSpliced']) {
            if (!Object.prototype.hasOwnProperty.call(unscopables, name))
                defineProperty(unscopables, name, { value: true, writable: true, enumerable: true, configurable: true });
        }
    }

    /* ------------------------------------------------------------ TypedArray.prototype ----- */

    const TypedArray = Object.getPrototypeOf(Int8Array);
    const TypedArrayProto = TypedArray && TypedArray.prototype;
    const tagGetter = TypedArrayProto && getDescriptor(TypedArrayProto, Symbol.toStringTag).get;
    // The constructor of a typed array's own kind (TypedArrayCreateSameType); TypeError if
    // `value` is not a typed array.
    function typedArrayKind(value) {
        const tag = tagGetter ? apply(tagGetter, value, []) : undefined;
        if (tag === undefined)
            throw new TypeError('this is not a typed array.');
        return globalThis[tag];
    }
    if (TypedArrayProto) {
        const typedMethods = {
            at(index) {
                typedArrayKind(this);
                const len = this.length;
                const rel = toIntegerOrInfinity(index);
                const k = rel >= 0 ? rel : len + rel;
                return k < 0 || k >= len ? undefined : this[k];
            },
            findLast(predicate) {
                typedArrayKind(this);
                requireCallable(predicate, predicate);
                const thisArg = arguments[1];
                for (let k = this.length - 1; k >= 0; k--) {
                    const v = this[k];
                    if (apply(predicate, thisArg, [v, k, this]))
                        return v;
                }
                return undefined;
            },
            findLastIndex(predicate) {
                typedArrayKind(this);
                requireCallable(predicate, predicate);
                const thisArg = arguments[1];
                for (let k = this.length - 1; k >= 0; k--) {
                    if (apply(predicate, thisArg, [this[k], k, this]))
                        return k;
                }
                return -1;
            },
            toReversed() {
                const Kind = typedArrayKind(this);
                const len = this.length;
                const a = new Kind(len);
                for (let k = 0; k < len; k++)
                    a[k] = this[len - 1 - k];
                return a;
            },
            toSorted(comparefn) {
                if (comparefn !== undefined)
                    requireCallable(comparefn, comparefn);
                const Kind = typedArrayKind(this);
                const a = new Kind(this.length);
                for (let k = 0; k < a.length; k++)
                    a[k] = this[k];
                return apply(TypedArrayProto.sort, a, [comparefn]);
            },
            with(index, value) {
                const Kind = typedArrayKind(this);
                const len = this.length;
                const rel = toIntegerOrInfinity(index);
                const actual = rel >= 0 ? rel : len + rel;
                const isBig = typeof BigInt64Array !== 'undefined' &&
                    (Kind === BigInt64Array || Kind === BigUint64Array);
                const v = isBig ? BigInt(value) : Number(value); // converted before the check
                if (actual >= this.length || actual < 0)
                    throw new RangeError('Invalid typed array index');
                const a = new Kind(len);
                for (let k = 0; k < len; k++)
                    a[k] = k === actual ? v : this[k];
                return a;
            },
        };
        for (const name of Object.keys(typedMethods))
            install(TypedArrayProto, name, typedMethods[name]);
    }

    /* ------------------------------------------------------------ Object, Map, Promise ----- */

    function groupBy(items, callback, toKey) {
        if (items === null || items === undefined)
            throw new TypeError(String(items) + ' is not iterable');
        requireCallable(callback, callback);
        const groups = [];
        let k = 0;
        for (const value of items) { // a throwing callback closes the iterator (for-of)
            const key = toKey(callback(value, k));
            k++;
            let group = null;
            for (const g of groups) {
                if (Object.is(g.key, key)) {
                    group = g;
                    break;
                }
            }
            if (!group) {
                group = { key, elements: [] };
                groups.push(group);
            }
            group.elements.push(value);
        }
        return groups;
    }
    const staticMethods = {
        hasOwn(object, key) {
            return Object.prototype.hasOwnProperty.call(toObject(object), toPropertyKey(key));
        },
        groupBy(items, callbackfn) {
            const result = Object.create(null);
            for (const g of groupBy(items, callbackfn, toPropertyKey))
                defineProperty(result, g.key, { value: g.elements, writable: true, enumerable: true, configurable: true });
            return result;
        },
    };
    install(Object, 'hasOwn', staticMethods.hasOwn);
    install(Object, 'groupBy', staticMethods.groupBy);

    const mapStatics = {
        groupBy(items, callbackfn) {
            const result = new Map();
            for (const g of groupBy(items, callbackfn, (key) => (key === 0 ? 0 : key))) // -0 → +0
                result.set(g.key, g.elements);
            return result;
        },
    };
    install(Map, 'groupBy', mapStatics.groupBy);

    const promiseStatics = {
        withResolvers() {
            if (!isConstructor(this))
                throw new TypeError('Promise.withResolvers called on a non-constructor');
            let resolve;
            let reject;
            const promise = new this((res, rej) => {
                resolve = res;
                reject = rej;
            });
            requireCallable(resolve, 'resolve');
            requireCallable(reject, 'reject');
            return { promise, resolve, reject };
        },
    };
    install(Promise, 'withResolvers', promiseStatics.withResolvers);

    /* ------------------------------------------------------------ Array.fromAsync ---------- */

    const arrayStatics = {
        fromAsync(asyncItems) {
            const C = this;
            const mapfn = arguments[1];
            const thisArg = arguments[2];
            // Every error, the argument checks included, becomes a rejection.
            return (async () => {
                const mapping = mapfn !== undefined;
                if (mapping)
                    requireCallable(mapfn, mapfn);
                const iteratorMethod = asyncItems === null || asyncItems === undefined
                    ? undefined
                    : asyncItems[Symbol.asyncIterator] !== undefined && asyncItems[Symbol.asyncIterator] !== null
                        ? asyncItems[Symbol.asyncIterator]
                        : asyncItems[Symbol.iterator];
                if (iteratorMethod !== undefined && iteratorMethod !== null) {
                    const a = isConstructor(C) ? new C() : [];
                    let k = 0;
                    // for-await wraps a sync iterator and awaits each of its values.
                    for await (const value of { [Symbol.asyncIterator]: () => wrapIterator(asyncItems, iteratorMethod) }) {
                        const mapped = mapping ? await apply(mapfn, thisArg, [value, k]) : value;
                        defineProperty(a, k, { value: mapped, writable: true, enumerable: true, configurable: true });
                        k++;
                    }
                    a.length = k;
                    return a;
                }
                const arrayLike = toObject(asyncItems);
                const len = toLength(arrayLike.length);
                const a = isConstructor(C) ? new C(len) : arrayCreate(len);
                for (let k = 0; k < len; k++) {
                    const value = await arrayLike[k];
                    const mapped = mapping ? await apply(mapfn, thisArg, [value, k]) : value;
                    defineProperty(a, k, { value: mapped, writable: true, enumerable: true, configurable: true });
                }
                a.length = len;
                return a;
            })();
        },
    };
    // An async iterator over `items`, from its async iterator or, awaiting values, its sync one.
    function wrapIterator(items, method) {
        const iterator = apply(method, items, []);
        if (Object(iterator) !== iterator)
            throw new TypeError('Result of the iterator method is not an object');
        if (items[Symbol.asyncIterator] !== undefined && items[Symbol.asyncIterator] !== null)
            return iterator;
        const next = iterator.next;
        return {
            async next() {
                const r = apply(next, iterator, []);
                if (Object(r) !== r)
                    throw new TypeError('Iterator result is not an object');
                return r.done ? { done: true, value: undefined } : { done: false, value: await r.value };
            },
            async return() {
                const ret = iterator.return;
                if (ret !== undefined && ret !== null)
                    apply(ret, iterator, []);
                return { done: true, value: undefined };
            },
        };
    }
    install(Array, 'fromAsync', arrayStatics.fromAsync);

    /* ------------------------------------------------------------ String.prototype --------- */

    function loneSurrogateAt(s, i) {
        const c = s.charCodeAt(i);
        if (c >= 0xd800 && c <= 0xdbff) {
            const d = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
            return d >= 0xdc00 && d <= 0xdfff ? 2 : -1; // 2: a pair, -1: lone
        }
        return c >= 0xdc00 && c <= 0xdfff ? -1 : 1;
    }
    function thisString(value, method) {
        if (value === null || value === undefined)
            throw new TypeError('String.prototype.' + method + ' called on null or undefined');
        return String(value);
    }
    const stringMethods = {
        isWellFormed() {
            const s = thisString(this, 'isWellFormed');
            for (let i = 0; i < s.length;) {
                const step = loneSurrogateAt(s, i);
                if (step < 0)
                    return false;
                i += step;
            }
            return true;
        },
        toWellFormed() {
            const s = thisString(this, 'toWellFormed');
            let out = '';
            for (let i = 0; i < s.length;) {
                const step = loneSurrogateAt(s, i);
                out += step < 0 ? '\uFFFD' : s.substr(i, step);
                i += step < 0 ? 1 : step;
            }
            return out;
        },
    };
    install(String.prototype, 'isWellFormed', stringMethods.isWellFormed);
    install(String.prototype, 'toWellFormed', stringMethods.toWellFormed);

    /* ------------------------------------------------------------ Set.prototype ------------ */

    const SetProto = Set.prototype;
    const setSize = getDescriptor(SetProto, 'size').get;
    const setHas = SetProto.has;
    const setAdd = SetProto.add;
    const setDelete = SetProto.delete;
    const setValues = SetProto.values;
    // TypeError unless `value` is a Set; its size.
    function thisSetSize(value) {
        return apply(setSize, value, []);
    }
    function setElements(set) {
        return Array.from(apply(setValues, set, []));
    }
    function copySet(set) {
        const result = new Set();
        for (const e of setElements(set))
            apply(setAdd, result, [e]);
        return result;
    }
    // GetSetRecord: `other` needs a numeric size, a callable has and a callable keys.
    function setRecord(other) {
        if (Object(other) !== other)
            throw new TypeError('The argument is not an object');
        const rawSize = other.size;
        const numSize = Number(rawSize);
        if (numSize !== numSize)
            throw new TypeError('The size of the argument is not a number');
        const size = toIntegerOrInfinity(numSize);
        if (size < 0)
            throw new RangeError('The size of the argument is negative');
        const has = requireCallable(other.has, "The argument's has");
        const keys = requireCallable(other.keys, "The argument's keys");
        return {
            size,
            has: (value) => Boolean(apply(has, other, [value])),
            keys() {
                const iterator = apply(keys, other, []);
                if (Object(iterator) !== iterator)
                    throw new TypeError('keys() did not return an object');
                const next = iterator.next;
                return {
                    // [done, value]
                    step() {
                        const r = apply(next, iterator, []);
                        if (Object(r) !== r)
                            throw new TypeError('Iterator result is not an object');
                        return r.done ? null : { value: r.value === 0 ? 0 : r.value }; // -0 → +0
                    },
                    close() {
                        const ret = iterator.return;
                        if (ret !== undefined && ret !== null)
                            apply(ret, iterator, []);
                    },
                };
            },
        };
    }
    const setMethods = {
        union(other) {
            thisSetSize(this);
            const rec = setRecord(other);
            const keys = rec.keys();
            const result = copySet(this);
            for (let r; (r = keys.step());)
                apply(setAdd, result, [r.value]);
            return result;
        },
        intersection(other) {
            const size = thisSetSize(this);
            const rec = setRecord(other);
            const result = new Set();
            if (size <= rec.size) {
                for (const e of setElements(this)) {
                    if (rec.has(e))
                        apply(setAdd, result, [e]);
                }
            } else {
                const keys = rec.keys();
                for (let r; (r = keys.step());) {
                    if (apply(setHas, this, [r.value]))
                        apply(setAdd, result, [r.value]);
                }
            }
            return result;
        },
        difference(other) {
            const size = thisSetSize(this);
            const rec = setRecord(other);
            const result = copySet(this);
            if (size <= rec.size) {
                for (const e of setElements(this)) {
                    if (rec.has(e))
                        apply(setDelete, result, [e]);
                }
            } else {
                const keys = rec.keys();
                for (let r; (r = keys.step());) {
                    if (apply(setHas, this, [r.value]))
                        apply(setDelete, result, [r.value]);
                }
            }
            return result;
        },
        symmetricDifference(other) {
            thisSetSize(this);
            const rec = setRecord(other);
            const keys = rec.keys();
            const result = copySet(this);
            for (let r; (r = keys.step());) {
                if (apply(setHas, this, [r.value]))
                    apply(setDelete, result, [r.value]);
                else
                    apply(setAdd, result, [r.value]);
            }
            return result;
        },
        isSubsetOf(other) {
            const size = thisSetSize(this);
            const rec = setRecord(other);
            if (size > rec.size)
                return false;
            for (const e of setElements(this)) {
                if (!rec.has(e))
                    return false;
            }
            return true;
        },
        isSupersetOf(other) {
            const size = thisSetSize(this);
            const rec = setRecord(other);
            if (size < rec.size)
                return false;
            const keys = rec.keys();
            for (let r; (r = keys.step());) {
                if (!apply(setHas, this, [r.value])) {
                    keys.close();
                    return false;
                }
            }
            return true;
        },
        isDisjointFrom(other) {
            const size = thisSetSize(this);
            const rec = setRecord(other);
            if (size <= rec.size) {
                for (const e of setElements(this)) {
                    if (rec.has(e))
                        return false;
                }
            } else {
                const keys = rec.keys();
                for (let r; (r = keys.step());) {
                    if (apply(setHas, this, [r.value])) {
                        keys.close();
                        return false;
                    }
                }
            }
            return true;
        },
    };
    for (const name of Object.keys(setMethods))
        install(SetProto, name, setMethods[name]);

    /* ------------------------------------------------------------ structuredClone ---------- */

    // Chromium has it since 98; a synchronous structured clone of the common types otherwise.
    const globalMethods = {
        structuredClone(value) {
            if (arguments.length === 0)
                throw new TypeError("Failed to execute 'structuredClone': 1 argument required, but only 0 present.");
            const seen = new Map();
            const fail = (what) => {
                const message = what + ' could not be cloned.';
                throw typeof DOMException === 'function' ? new DOMException(message, 'DataCloneError') : new TypeError(message);
            };
            const clone = (v) => {
                if (typeof v === 'symbol' || typeof v === 'function')
                    fail(String(v));
                if (Object(v) !== v)
                    return v;
                if (seen.has(v))
                    return seen.get(v);
                const tag = Object.prototype.toString.call(v).slice(8, -1);
                let out;
                switch (tag) {
                case 'Boolean': case 'Number': case 'String': case 'BigInt':
                    out = Object(v.valueOf());
                    seen.set(v, out);
                    return out;
                case 'Date':
                    out = new Date(v.getTime());
                    seen.set(v, out);
                    return out;
                case 'RegExp':
                    out = new RegExp(v.source, v.flags);
                    seen.set(v, out);
                    return out;
                case 'ArrayBuffer':
                    out = v.slice(0);
                    seen.set(v, out);
                    return out;
                case 'DataView':
                    out = new DataView(clone(v.buffer), v.byteOffset, v.byteLength);
                    seen.set(v, out);
                    return out;
                case 'Map':
                    out = new Map();
                    seen.set(v, out);
                    v.forEach((val, key) => out.set(clone(key), clone(val)));
                    return out;
                case 'Set':
                    out = new Set();
                    seen.set(v, out);
                    v.forEach((val) => out.add(clone(val)));
                    return out;
                case 'Error': {
                    const Kind = { EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError }[v.name] || Error;
                    out = new Kind(v.message);
                    seen.set(v, out);
                    if (v.stack !== undefined)
                        out.stack = String(v.stack);
                    return out;
                }
                case 'Array':
                    out = new Array(v.length);
                    seen.set(v, out);
                    for (const key of Object.keys(v))
                        out[key] = clone(v[key]);
                    return out;
                case 'Object':
                    out = {};
                    seen.set(v, out);
                    for (const key of Object.keys(v))
                        out[key] = clone(v[key]);
                    return out;
                default:
                    if (ArrayBuffer.isView(v)) {
                        const Kind = globalThis[tag];
                        out = new Kind(clone(v.buffer), v.byteOffset, v.length);
                        seen.set(v, out);
                        return out;
                    }
                    return fail(tag);
                }
            };
            return clone(value);
        },
    };
    install(globalThis, 'structuredClone', globalMethods.structuredClone, true);
})();
