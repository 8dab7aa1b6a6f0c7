#include "AdapterScripts.h"
#include "EngineInfo.h"
#include "SimulatorScheme.h"
#include "TestSupport.h"
#include "WebEngineSession.h"
#include "WebEngineTestSupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QWebEnginePage>
#include <QWebEngineProfile>
#include <QWebEngineScript>
#include <QWebEngineScriptCollection>
#include <QtTest>

#include <memory>

namespace {

// Every polyfill, checked the way the spec defines it: property shape (non-enumerable, writable,
// configurable, name, length, not a constructor), results, and the TypeError/RangeError cases.
// Synchronous checks land in the returned JSON; asynchronous ones in window.__asyncResults.
const char kConformance[] = R"JS(
(function () {
  const r = {};
  const check = (name, fn) => {
    try { const v = fn(); r[name] = v === true ? 'ok' : 'failed: ' + String(v); }
    catch (e) { r[name] = 'threw: ' + e; }
  };
  const throws = (fn, E) => { try { fn(); return false; } catch (e) { return e instanceof E; } };
  const shape = (obj, name, len) => {
    const d = Object.getOwnPropertyDescriptor(obj, name);
    return !!d && typeof d.value === 'function' && !d.enumerable && d.writable && d.configurable &&
      d.value.length === len && d.value.name === name && !('prototype' in d.value);
  };
  const A = Array.prototype;
  const TA = Object.getPrototypeOf(Int8Array.prototype);
  const j = (x) => Array.from(x).join();

  check('Array.prototype.at', () => shape(A, 'at', 1) && [1, 2, 3].at(-1) === 3 &&
    [1].at(1) === undefined && A.at.call({ length: 1, 0: 'x' }, 0) === 'x' && throws(() => A.at.call(null, 0), TypeError));
  check('Object.hasOwn', () => shape(Object, 'hasOwn', 2) && Object.hasOwn({ a: 1 }, 'a') &&
    !Object.hasOwn({}, 'toString') && throws(() => Object.hasOwn(null, 'a'), TypeError));
  check('Array.prototype.findLast', () => shape(A, 'findLast', 1) &&
    [1, 2, 3, 4].findLast((x) => x % 2) === 3 && [].findLast(() => true) === undefined &&
    A.findLast.call({ length: 2, 0: 'a', 1: 'b' }, () => true) === 'b' && throws(() => [].findLast(1), TypeError) &&
    [1, 2].findLast(function (x, i, o) { return this.k === 7 && i === 1 && o.length === 2; }, { k: 7 }) === 2);
  check('Array.prototype.findLastIndex', () => shape(A, 'findLastIndex', 1) &&
    [1, 2, 3, 4].findLastIndex((x) => x % 2) === 2 && [].findLastIndex(() => true) === -1 &&
    throws(() => [].findLastIndex(), TypeError));
  check('Array.prototype.toSorted', () => {
    const a = [3, 1, 2];
    const b = a.toSorted();
    const holes = [, 1].toSorted();
    return shape(A, 'toSorted', 1) && j(b) === '1,2,3' && j(a) === '3,1,2' && b !== a &&
      j([1, 10, 2].toSorted((x, y) => x - y)) === '1,2,10' && holes.length === 2 && (1 in holes) &&
      holes[1] === undefined && throws(() => [].toSorted('x'), TypeError) && A[Symbol.unscopables].toSorted === true;
  });
  check('Array.prototype.toReversed', () => {
    const a = [1, 2, 3];
    const holes = [, 1].toReversed();
    return shape(A, 'toReversed', 0) && j(a.toReversed()) === '3,2,1' && j(a) === '1,2,3' &&
      (1 in holes) && holes[0] === 1 && j(A.toReversed.call({ length: 2, 0: 'a', 1: 'b' })) === 'b,a';
  });
  check('Array.prototype.toSpliced', () => {
    const a = [1, 2, 3, 4];
    return shape(A, 'toSpliced', 2) && j(a.toSpliced(1, 2, 'a', 'b', 'c')) === '1,a,b,c,4' &&
      j(a) === '1,2,3,4' && j([1, 2, 3].toSpliced(1)) === '1' && j([1, 2, 3].toSpliced()) === '1,2,3' &&
      j([1, 2, 3].toSpliced(-1, 0, 9)) === '1,2,9,3' && j([1, 2, 3].toSpliced(0, -5)) === '1,2,3';
  });
  check('Array.prototype.with', () => {
    const a = [1, 2, 3];
    return shape(A, 'with', 2) && j(a.with(-1, 9)) === '1,2,9' && j(a) === '1,2,3' &&
      throws(() => a.with(3, 0), RangeError) && throws(() => a.with(-4, 0), RangeError) &&
      !(A[Symbol.unscopables].with);
  });
  check('TypedArray.prototype.toSorted', () => {
    const t = new Uint8Array([3, 1, 2]);
    const s = t.toSorted();
    return shape(TA, 'toSorted', 1) && s instanceof Uint8Array && j(s) === '1,2,3' && j(t) === '3,1,2' &&
      j(new Int16Array([1, 10, 2]).toSorted((x, y) => y - x)) === '10,2,1' &&
      throws(() => TA.toSorted.call([1]), TypeError) && throws(() => t.toSorted(1), TypeError);
  });
  check('TypedArray.prototype.toReversed', () => {
    const s = new Float64Array([1.5, 2]).toReversed();
    return shape(TA, 'toReversed', 0) && s instanceof Float64Array && j(s) === '2,1.5' &&
      throws(() => TA.toReversed.call([1]), TypeError);
  });
  check('TypedArray.prototype.with', () => {
    const t = new Uint8Array([1, 2]);
    return shape(TA, 'with', 2) && t.with(0, 300)[0] === 44 && t.with(-1, 7) instanceof Uint8Array &&
      j(t.with(-1, 7)) === '1,7' && j(t) === '1,2' && throws(() => t.with(2, 0), RangeError) &&
      new BigInt64Array([1n]).with(0, 5n)[0] === 5n && throws(() => TA.with.call([1], 0, 0), TypeError);
  });
  check('TypedArray.prototype.findLast', () => shape(TA, 'findLast', 1) &&
    new Int8Array([1, 2, 3]).findLast((x) => x < 3) === 2 && new Int8Array([1]).findLastIndex((x) => x > 5) === -1);
  check('Object.groupBy', () => {
    const g = Object.groupBy([1, 2, 3, 4], (x) => (x % 2 ? 'odd' : 'even'));
    return shape(Object, 'groupBy', 2) && Object.getPrototypeOf(g) === null && j(g.odd) === '1,3' &&
      j(g.even) === '2,4' && Object.keys(g).join() === 'odd,even' && Object.groupBy('ab', (c, i) => i)[1][0] === 'b' &&
      throws(() => Object.groupBy(null, (x) => x), TypeError) && throws(() => Object.groupBy([], 1), TypeError);
  });
  check('Map.groupBy', () => {
    const m = Map.groupBy([1, 2, 3], (x) => x % 2);
    return shape(Map, 'groupBy', 2) && m instanceof Map && j(m.get(1)) === '1,3' && j(m.get(0)) === '2' &&
      Object.is([...Map.groupBy([1], () => -0).keys()][0], 0) && throws(() => Map.groupBy([], null), TypeError);
  });
  check('Promise.withResolvers', () => {
    const { promise, resolve, reject } = Promise.withResolvers();
    class Sub extends Promise {}
    return shape(Promise, 'withResolvers', 0) && promise instanceof Promise &&
      typeof resolve === 'function' && typeof reject === 'function' &&
      Sub.withResolvers().promise instanceof Sub && throws(() => Promise.withResolvers.call(1), TypeError);
  });
  check('Array.fromAsync', () => shape(Array, 'fromAsync', 1) && Array.fromAsync([]) instanceof Promise);
  check('String.prototype.isWellFormed', () => shape(String.prototype, 'isWellFormed', 0) &&
    'abc'.isWellFormed() && !'a\uD800'.isWellFormed() && !'\uDC00b'.isWellFormed() &&
    '\uD83D\uDE00'.isWellFormed() && throws(() => String.prototype.isWellFormed.call(null), TypeError));
  check('String.prototype.toWellFormed', () => shape(String.prototype, 'toWellFormed', 0) &&
    'a\uD800b'.toWellFormed() === 'a\uFFFDb' && '\uDE00\uD83D'.toWellFormed() === '\uFFFD\uFFFD' &&
    '\uD83D\uDE00'.toWellFormed() === '\uD83D\uDE00' && throws(() => String.prototype.toWellFormed.call(undefined), TypeError));
  const S = Set.prototype;
  const like = (arr) => ({ size: arr.length, has: (v) => arr.includes(v), keys: () => arr[Symbol.iterator]() });
  check('Set.prototype.union', () => shape(S, 'union', 1) && j(new Set([1, 2]).union(new Set([2, 3]))) === '1,2,3' &&
    j(new Set([1]).union(like([3]))) === '1,3' && throws(() => new Set().union([1]), TypeError) &&
    throws(() => new Set().union({ size: -1, has() {}, keys() {} }), RangeError) &&
    throws(() => new Set().union({ size: 1, has: 1, keys() {} }), TypeError) &&
    throws(() => S.union.call({}, new Set()), TypeError));
  check('Set.prototype.intersection', () => shape(S, 'intersection', 1) &&
    j(new Set([1, 2, 3]).intersection(new Set([2, 3, 4]))) === '2,3' &&
    j(new Set([1, 2, 3, 4, 5]).intersection(like([5, 1]))) === '5,1');
  check('Set.prototype.difference', () => shape(S, 'difference', 1) &&
    j(new Set([1, 2, 3]).difference(new Set([2]))) === '1,3' && j(new Set([1, 2, 3]).difference(like([3, 4, 5, 6]))) === '1,2');
  check('Set.prototype.symmetricDifference', () => shape(S, 'symmetricDifference', 1) &&
    j(new Set([1, 2]).symmetricDifference(new Set([2, 3]))) === '1,3');
  check('Set.prototype.isSubsetOf', () => shape(S, 'isSubsetOf', 1) && new Set([1]).isSubsetOf(new Set([1, 2])) &&
    !new Set([1, 3]).isSubsetOf(new Set([1, 2])) && !new Set([1, 2, 3]).isSubsetOf(like([1])));
  check('Set.prototype.isSupersetOf', () => shape(S, 'isSupersetOf', 1) && new Set([1, 2]).isSupersetOf(like([1])) &&
    !new Set([1, 2]).isSupersetOf(new Set([3])));
  check('Set.prototype.isDisjointFrom', () => shape(S, 'isDisjointFrom', 1) && new Set([1]).isDisjointFrom(new Set([2])) &&
    !new Set([1, 2, 3]).isDisjointFrom(like([3])) && !new Set([1]).isDisjointFrom(new Set([1, 2])));
  check('structuredClone', () => {
    const o = { a: [1, { b: new Date(0) }], m: new Map([[1, 2]]), s: new Set(['x']), u: new Uint8Array([9]) };
    o.self = o;
    const c = structuredClone(o);
    let dataCloneError = false;
    try { structuredClone(() => 1); } catch (e) { dataCloneError = e.name === 'DataCloneError'; }
    return typeof structuredClone === 'function' && structuredClone.length === 1 && c !== o && c.self === c &&
      c.a[1].b.getTime() === 0 && c.a[1].b !== o.a[1].b && c.m.get(1) === 2 && c.s.has('x') &&
      c.u instanceof Uint8Array && c.u[0] === 9 && dataCloneError &&
      Object.prototype.propertyIsEnumerable.call(globalThis, 'structuredClone'); // Web IDL, unlike ES
  });

  // Asynchronous: Array.fromAsync and a resolver of Promise.withResolvers.
  window.__asyncResults = null;
  (async () => {
    const a = {};
    const run = async (name, fn) => {
      try { const v = await fn(); a[name] = v === true ? 'ok' : 'failed: ' + String(v); }
      catch (e) { a[name] = 'threw: ' + e; }
    };
    await run('Array.fromAsync async iterable', async () => {
      async function* gen() { yield 1; yield 2; }
      return j(await Array.fromAsync(gen())) === '1,2';
    });
    await run('Array.fromAsync sync iterable awaits values', async () =>
      j(await Array.fromAsync([Promise.resolve(1), 2])) === '1,2');
    await run('Array.fromAsync array-like and mapfn', async () =>
      j(await Array.fromAsync({ length: 2, 0: Promise.resolve(3), 1: 4 }, async (x, i) => x * 10 + i)) === '30,41');
    await run('Array.fromAsync rejects a bad mapfn', async () => {
      const p = Array.fromAsync([1], 'x');
      try { await p; return false; } catch (e) { return p instanceof Promise && e instanceof TypeError; }
    });
    await run('Promise.withResolvers resolves', async () => {
      const { promise, resolve } = Promise.withResolvers();
      resolve(5);
      return (await promise) === 5;
    });
    window.__asyncResults = JSON.stringify(a);
  })();
  return JSON.stringify(r);
})()
)JS";

// What this engine has natively: which of the built-ins are missing before the polyfills.
const char kMissing[] = R"JS(
JSON.stringify({
  groupBy: typeof Object.groupBy, withResolvers: typeof Promise.withResolvers,
  toSorted: typeof Array.prototype.toSorted, setUnion: typeof Set.prototype.union,
  fromAsync: typeof Array.fromAsync, isWellFormed: typeof String.prototype.isWellFormed,
  at: typeof Array.prototype.at, hasOwn: typeof Object.hasOwn,
  findLast: typeof Array.prototype.findLast, structuredClone: typeof structuredClone
})
)JS";

// Removes built-ins Chromium 102 has, so the same checks also cover the polyfills' versions.
const char kRemoveNatives[] = R"JS(
delete Array.prototype.at; delete Array.prototype.findLast; delete Array.prototype.findLastIndex;
delete Object.getPrototypeOf(Int8Array.prototype).at;
delete Object.getPrototypeOf(Int8Array.prototype).findLast;
delete Object.getPrototypeOf(Int8Array.prototype).findLastIndex;
delete Object.hasOwn; delete globalThis.structuredClone;
window.__nativesRemoved = true;
)JS";

QWebEngineScript script(const QString &name, const QString &source)
{
    QWebEngineScript s;
    s.setName(name);
    s.setSourceCode(source);
    s.setInjectionPoint(QWebEngineScript::DocumentCreation);
    s.setWorldId(QWebEngineScript::MainWorld);
    s.setRunsOnSubFrames(false);
    return s;
}

} // namespace

// The engine polyfills (resources/whatsapp/engine/polyfills.js) in a real QtWebEngine page:
// what this Chromium lacks, that each polyfill conforms, and that the simulator's "modern
// bundle" loads on this engine only with them.
class TestPolyfills : public QObject
{
    Q_OBJECT

    SimulatorSchemeHandler *m_handler = nullptr;
    std::unique_ptr<TempDataDir> m_dir;
    int m_counter = 0;

    static QVariant eval(QWebEnginePage &page, const QString &js)
    {
        auto value = std::make_shared<std::optional<QVariant>>();
        page.runJavaScript(js, QWebEngineScript::MainWorld,
                           [value](const QVariant &v) { *value = v; });
        (void)QTest::qWaitFor([&] { return value->has_value(); }, 10000);
        return value->value_or(QVariant());
    }

    // A page on the simulator's origin (a secure context) with `scripts` at document creation.
    std::unique_ptr<QWebEnginePage> loadPage(const QList<QWebEngineScript> &scripts)
    {
        auto page = std::make_unique<QWebEnginePage>(m_profile.get());
        for (const QWebEngineScript &s : scripts)
            page->scripts().insert(s);
        QSignalSpy loaded(page.get(), &QWebEnginePage::loadFinished);
        page->setHtml(QStringLiteral("<!DOCTYPE html><title>polyfills</title><p>test</p>"),
                      QUrl(QStringLiteral("https://polyfills.invalid/")));
        if (!loaded.wait(20000))
            qWarning("page did not load");
        return page;
    }

    static QJsonObject json(const QVariant &v)
    {
        return QJsonDocument::fromJson(v.toString().toUtf8()).object();
    }

    // Runs the conformance checks; every sync and async check must answer "ok".
    void conformanceOn(QWebEnginePage &page)
    {
        const QJsonObject sync = json(eval(page, QString::fromUtf8(kConformance)));
        QCOMPARE(sync.size(), 26);
        QStringList failures;
        for (auto it = sync.begin(); it != sync.end(); ++it)
            if (it.value().toString() != QLatin1String("ok"))
                failures << it.key() + QStringLiteral(": ") + it.value().toString();
        QTRY_VERIFY_WITH_TIMEOUT(!eval(page, QStringLiteral("window.__asyncResults")).isNull(),
                                 10000);
        const QJsonObject async = json(eval(page, QStringLiteral("window.__asyncResults")));
        QCOMPARE(async.size(), 5);
        for (auto it = async.begin(); it != async.end(); ++it)
            if (it.value().toString() != QLatin1String("ok"))
                failures << it.key() + QStringLiteral(": ") + it.value().toString();
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1Char('\n'))));
    }

    std::unique_ptr<WebEngineSession> makeSession(const QString &query, bool polyfills)
    {
        WebEngineSession::Config c;
        c.vendorId = 1;
        c.userId = 2;
        c.numberId = ++m_counter;
        c.phoneNumber = QStringLiteral("2348031234567");
        c.sessionId = QStringLiteral("1-2-23480312399%1").arg(m_counter, 2, 10, QLatin1Char('0'));
        c.sandbox = true;
        c.dataDir = m_dir->path();
        c.profileDir = m_dir->path() + QStringLiteral("/profiles/") + c.sessionId;
        c.polyfills = polyfills;
        c.qrTimeoutSeconds = 8;
        c.url = SimulatorScheme::pageUrl(query);
        SimulatorSchemeHandler *handler = m_handler;
        c.prepareProfile = [handler](QWebEngineProfile *p) {
            p->installUrlSchemeHandler(SimulatorScheme::schemeName(), handler);
        };
        return std::make_unique<WebEngineSession>(c);
    }

    static QVariant evalIn(WebEngineSession &s, const QString &script)
    {
        auto value = std::make_shared<std::optional<QVariant>>();
        s.runInPage(script, [value](const QVariant &v) { *value = v; });
        (void)QTest::qWaitFor([&] { return value->has_value(); }, 10000);
        return value->value_or(QVariant());
    }

    std::unique_ptr<QWebEngineProfile> m_profile;

private Q_SLOTS:
    void initTestCase()
    {
        m_handler = new SimulatorSchemeHandler(this);
        m_profile = std::make_unique<QWebEngineProfile>();
        QVERIFY(!AdapterScripts::polyfills().isEmpty());
    }
    void cleanupTestCase() { m_profile.reset(); }
    void init()
    {
        m_dir = std::make_unique<TempDataDir>();
        QVERIFY(m_dir->isValid());
    }

    // Chromium 102 (Qt 6.4) lacks these; newer engines have some natively (then nothing to show).
    void missingBeforeOnOldEngines()
    {
        auto page = loadPage({});
        const QJsonObject before = json(eval(*page, QString::fromUtf8(kMissing)));
        qInfo() << "Chromium" << EngineInfo::chromiumVersion() << "natively:" << before;
        QCOMPARE(before.value("at").toString(), QStringLiteral("function"));
        if (EngineInfo::chromiumMajor() >= 117)
            QSKIP("this engine has Object.groupBy natively");
        // On Chromium 102 the built-ins current bundles use are missing.
        QCOMPARE(before.value("groupBy").toString(), QStringLiteral("undefined"));
        QCOMPARE(before.value("withResolvers").toString(), QStringLiteral("undefined"));
        QCOMPARE(before.value("toSorted").toString(), QStringLiteral("undefined"));
        QCOMPARE(before.value("setUnion").toString(), QStringLiteral("undefined"));
        QCOMPARE(before.value("fromAsync").toString(), QStringLiteral("undefined"));
        QCOMPARE(before.value("isWellFormed").toString(), QStringLiteral("undefined"));

        auto polyfilled =
            loadPage({script(QStringLiteral("polyfills"), AdapterScripts::polyfills())});
        const QJsonObject after = json(eval(*polyfilled, QString::fromUtf8(kMissing)));
        for (auto it = after.begin(); it != after.end(); ++it)
            QVERIFY2(it.value().toString() == QLatin1String("function"), qPrintable(it.key()));
    }

    void conformance()
    {
        auto page = loadPage({script(QStringLiteral("polyfills"), AdapterScripts::polyfills())});
        conformanceOn(*page);
    }

    // The guarded ones the engine already has: the polyfills' own versions conform too, and
    // natives are left alone when present.
    void conformanceOfTheGuardedOnes()
    {
        auto page = loadPage({script(QStringLiteral("remove"), QString::fromUtf8(kRemoveNatives)),
                              script(QStringLiteral("polyfills"), AdapterScripts::polyfills())});
        QCOMPARE(eval(*page, QStringLiteral("window.__nativesRemoved === true")).toBool(), true);
        QVERIFY(
            !eval(*page, QStringLiteral("Array.prototype.at.toString().includes('[native code]')"))
                 .toBool());
        conformanceOn(*page);

        auto native = loadPage({script(QStringLiteral("polyfills"), AdapterScripts::polyfills())});
        QVERIFY(eval(*native,
                     QStringLiteral("Array.prototype.at.toString().includes('[native code]') && "
                                    "Object.hasOwn.toString().includes('[native code]')"))
                    .toBool());
    }

    // ?modern=1 uses ES2023+ built-ins while loading: on Chromium 102 it loads only with the
    // polyfills a session injects.
    void modernBundleNeedsThePolyfills()
    {
        if (EngineInfo::chromiumMajor() < 117) {
            auto bare = makeSession(QStringLiteral("modern=1"), false);
            bare->start();
            QTRY_COMPARE_WITH_TIMEOUT(bare->state(), SessionState::Failed, 30000);
            // The bundle threw "Object.groupBy is not a function": no module API, no QR.
            QVERIFY2(bare->reason().startsWith(QLatin1String("timeout")),
                     qPrintable(bare->reason()));
            QVERIFY(bare->qr().isEmpty());
        }

        auto s = makeSession(QStringLiteral("modern=1"), true);
        s->start();
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), SessionState::QrPending, 30000);
        QCOMPARE(
            evalIn(*s, QStringLiteral("JSON.stringify(window.__wamatorSim.modernBundle.groups)"))
                .toString(),
            QStringLiteral("[\"chat\",\"msg\"]"));
        evalIn(*s, QStringLiteral("WamatorSimulator.scan(), true"));
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), SessionState::Ready, 30000);
    }
};

WAMATOR_WEBENGINE_TEST_MAIN(TestPolyfills)
#include "tst_polyfills.moc"
