// The built-in WhatsApp Web simulator, loaded the way sessions load it: a real QWebEnginePage
// (offscreen) on a persistent QWebEngineProfile in a temp dir, served through the
// wamator-sim:// scheme. Driven only through runJavaScript in the main world, as the adapter
// is; asynchronous results are parked in window variables and polled with QTRY_*.

#include "SimulatorScheme.h"
#include "TestSupport.h"

#include <QGuiApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QTimer>
#include <QWebEnginePage>
#include <QWebEngineProfile>
#include <memory>

namespace {

// One profile (its own storage dir) and one page on it.
class SimPage
{
public:
    SimPage(const QString &storageDir, const QString &name)
    {
        profile = std::make_unique<QWebEngineProfile>(name);
        profile->setPersistentStoragePath(storageDir + QStringLiteral("/storage"));
        profile->setCachePath(storageDir + QStringLiteral("/cache"));
        profile->setPersistentCookiesPolicy(QWebEngineProfile::ForcePersistentCookies);
        handler = std::make_unique<SimulatorSchemeHandler>();
        profile->installUrlSchemeHandler(SimulatorScheme::schemeName(), handler.get());
        page = std::make_unique<QWebEnginePage>(profile.get());
    }
    ~SimPage()
    {
        page.reset(); // the page goes before its profile
        profile.reset();
    }

    bool load(const QString &query = {})
    {
        bool finished = false;
        bool ok = false;
        QObject::connect(page.get(), &QWebEnginePage::loadFinished, page.get(), [&](bool success) {
            finished = true;
            ok = success;
        });
        page->load(SimulatorScheme::pageUrl(query));
        QElapsedTimer t;
        t.start();
        while (!finished && t.elapsed() < 20000)
            QTest::qWait(20);
        return finished && ok;
    }

    // Runs a script in the main world and waits for its (synchronous) value.
    QVariant js(const QString &script, int timeoutMs = 10000)
    {
        QVariant result;
        bool done = false;
        page->runJavaScript(script, [&](const QVariant &v) {
            result = v;
            done = true;
        });
        QElapsedTimer t;
        t.start();
        while (!done && t.elapsed() < timeoutMs)
            QTest::qWait(5);
        return result;
    }

    QString str(const QString &script) { return js(script).toString(); }
    bool truthy(const QString &script) { return js(QStringLiteral("!!(") + script + QLatin1Char(')')).toBool(); }

    bool waitLoaded()
    {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 15000) {
            if (truthy(QStringLiteral("window.Debug && window.Debug.VERSION")))
                return true;
            QTest::qWait(20);
        }
        return false;
    }

    bool waitState(const QString &state, int timeoutMs = 15000)
    {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < timeoutMs) {
            if (str(QStringLiteral("require('WAWebSocketModel').Socket.state")) == state)
                return true;
            QTest::qWait(20);
        }
        return false;
    }

    // Scans and waits for CONNECTED + hasSynced.
    bool pair(const QString &me)
    {
        if (!waitState(QStringLiteral("UNPAIRED")))
            return false;
        if (!js(QStringLiteral("WamatorSimulator.scan('%1')").arg(me)).toBool())
            return false;
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 15000) {
            if (truthy(QStringLiteral("require('WAWebSocketModel').Socket.state === 'CONNECTED'"
                                      " && require('WAWebSocketModel').Socket.hasSynced === true")))
                return true;
            QTest::qWait(20);
        }
        return false;
    }

    std::unique_ptr<QWebEngineProfile> profile;
    std::unique_ptr<SimulatorSchemeHandler> handler;
    std::unique_ptr<QWebEnginePage> page;
};

// A JavaScript string literal for s.
QString jsStr(const QString &s)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray{s}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
}

// The send path whatsapp-web.js 1.34 takes for a text message, parked in window.__send[tag].
QString sendTextScript(const QString &tag, const QString &to, const QString &body)
{
    return QStringLiteral(R"JS(
(function () {
  const tag = %1, to = %2, body = %3;
  window.__send = window.__send || {};
  const out = window.__send[tag] = { acks: [], done: false };
  (async () => {
    try {
      const wid = require('WAWebWidFactory').createWid(to);
      const exists = await require('WAWebQueryExistsJob').queryWidExists(wid);
      out.exists = !!exists;
      const C = require('WAWebCollections');
      const chat = C.Chat.get(wid) || (await require('WAWebFindChatAction').findOrCreateLatestChat(wid)).chat;
      const me = require('WAWebUserPrefsMeUser').getMaybeMePnUser();
      const MsgKey = require('WAWebMsgKey');
      const key = new MsgKey({ from: me, to: chat.id, id: await MsgKey.newId(), selfDir: 'out' });
      out.id = key._serialized;
      out.ackMs = [];
      C.Msg.on('change:ack', (msg, ack, prev) => {
        if (msg.id._serialized !== out.id) return;
        out.acks.push([ack, prev]);
        out.ackMs.push(Math.round(performance.now() - out.t0));
      });
      const msg = { id: key, ack: 0, body, from: me, to: chat.id, local: true, self: 'out',
                    t: Math.floor(Date.now() / 1000), isNewMsg: true, type: 'chat',
                    ...require('WAWebGetEphemeralFieldsMsgActionsUtils').getEphemeralFields(chat) };
      C.Msg.once('add', (m) => { out.added = [m.id._serialized === out.id, m.isNewMsg, m.ack, m.type]; });
      out.t0 = performance.now();
      const [msgPromise, resultPromise] = require('WAWebSendMsgChatAction').addAndSendMsgToChat(chat, msg);
      const added = await msgPromise;
      out.addedAck = added.ack;
      out.inCollection = C.Msg.get(out.id) === added;
      const result = await resultPromise;
      out.result = result.messageSendResult;
      out.outboxAtResult = WamatorSimulator.outbox().filter(r => r.id === out.id).length;
    } catch (e) {
      out.error = String(e && e.stack || e);
    }
    out.done = true;
  })();
  return true;
})()
)JS")
        .arg(jsStr(tag), jsStr(to), jsStr(body));
}

QByteArray testBytes(int n)
{
    QByteArray b(n, Qt::Uninitialized);
    for (int i = 0; i < n; ++i)
        b[i] = char((i * 31 + 7) % 251);
    return b;
}

} // namespace

class TestSimulator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void servesPageWithFixedOrigin();
    void moduleApiShapes();
    void requireThrowsForUnknownModules();
    void backboneSemantics();
    void qrStringRotatesThenGoesIdle();
    void scanPairsAndSyncs();
    void queryWidExists();
    void sendRecordsAndAcks();
    void networkErrorIsTransient();
    void mediaChainRecordsBytes();
    void presenceIsRecorded();
    void persistsAcrossRestart();
    void incomingSurvivesRestartAndUpgradesOldStorage();
    void logoutClearsEverything();
    void missingModulesVariant();
    void legacyAdvVariant();

private:
    std::unique_ptr<SimPage> freshPage(const QString &query = {});
    std::unique_ptr<SimPage> pairedPage(const QString &query = {});

    TempDataDir m_dir;
    int m_counter = 0;
};

std::unique_ptr<SimPage> TestSimulator::freshPage(const QString &query)
{
    const QString name = QStringLiteral("sim%1").arg(++m_counter);
    auto p = std::make_unique<SimPage>(m_dir.file(name), name);
    if (!p->load(query) || !p->waitLoaded())
        return nullptr;
    return p;
}

std::unique_ptr<SimPage> TestSimulator::pairedPage(const QString &query)
{
    auto p = freshPage(query);
    if (!p || !p->pair(QStringLiteral("2348031234567")))
        return nullptr;
    return p;
}

void TestSimulator::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void TestSimulator::servesPageWithFixedOrigin()
{
    auto p = freshPage();
    QVERIFY(p);
    QCOMPARE(p->str(QStringLiteral("location.origin")), QStringLiteral("wamator-sim://simulator"));
    QVERIFY(p->truthy(QStringLiteral("window.isSecureContext && crypto.subtle")));
    // IndexedDB opened on this origin (a Path-syntax scheme would give an opaque origin and
    // refuse it), and so did localStorage.
    QTRY_VERIFY(p->truthy(QStringLiteral("WamatorSimulator.info().persistent")));
    QVERIFY(p->js(QStringLiteral("WamatorSimulator.info().storageError")).isNull());
    QCOMPARE(p->str(QStringLiteral("localStorage.setItem('x','1'), localStorage.getItem('x')")), QStringLiteral("1"));
    QCOMPARE(p->str(QStringLiteral("document.querySelector('#scan').textContent")), QStringLiteral("Simulate scan"));
    QCOMPARE(p->str(QStringLiteral("typeof window.Debug.VERSION")), QStringLiteral("string"));
    // Resources come from the simulator directory only; anything else fails.
    // (Qt 6.4 has no FetchApiAllowed scheme flag, so fetch() is not available here; <script> is.)
    p->js(QStringLiteral("window.__f = []; for (const u of ['sim-store.js', 'nope.js', '../adapter/whatsapp-adapter.js']) {"
                         " const s = document.createElement('script'); s.src = u;"
                         " s.onload = () => window.__f.push(u + ':ok'); s.onerror = () => window.__f.push(u + ':failed');"
                         " document.head.appendChild(s); }"));
    QTRY_COMPARE(p->js(QStringLiteral("window.__f.length")).toInt(), 3);
    const QString fetched = p->str(QStringLiteral("window.__f.sort().join()"));
    QVERIFY2(fetched.contains(QLatin1String("sim-store.js:ok")), qPrintable(fetched));
    QVERIFY2(fetched.contains(QLatin1String("nope.js:failed")), qPrintable(fetched));
    QVERIFY2(fetched.contains(QLatin1String("whatsapp-adapter.js:failed")), qPrintable(fetched));
}

void TestSimulator::moduleApiShapes()
{
    auto p = freshPage();
    QVERIFY(p);
    const QString script = QStringLiteral(R"JS(
(function () {
  const want = {
    'WAWebSocketModel': { 'Socket.state': 'string', 'Socket.hasSynced': 'boolean', 'Socket.on': 'function',
                          'Socket.off': 'function', 'Socket.once': 'function', 'Socket.logout': 'function',
                          'Socket.reconnect': 'function', 'Socket.takeover': 'function' },
    'WAWebConnModel': { 'Conn.on': 'function', 'Conn.serialize': 'function' },
    'WAWebCmd': { 'Cmd.refreshQR': 'function', 'Cmd.on': 'function' },
    'WAWebSignalStoreApi': { 'waSignalStore.getRegistrationInfo': 'function' },
    'WAWebUserPrefsInfoStore': { 'waNoiseInfo.get': 'function' },
    'WAWebUserPrefsMultiDevice': { 'getADVSecretKey': 'function' },
    'WAWebAdvSignatureApi': {},
    'WAWebCompanionRegClientUtils': { 'DEVICE_PLATFORM': 'string' },
    'WABase64': { 'encodeB64': 'function' },
    'WAWebUserPrefsMeUser': { 'getMaybeMePnUser': 'function', 'getMaybeMeLidUser': 'function' },
    'WAWebWidFactory': { 'createWid': 'function' },
    'WAWebQueryExistsJob': { 'queryWidExists': 'function' },
    'WAWebCollections': { 'Chat.get': 'function', 'Msg.get': 'function', 'Msg.on': 'function',
                          'Chat.on': 'function', 'WAWebCallCollection.on': 'function' },
    'WAWebFindChatAction': { 'findOrCreateLatestChat': 'function' },
    'WAWebMsgKey': { 'newId': 'function' },
    'WAWebSendMsgChatAction': { 'addAndSendMsgToChat': 'function' },
    'WAWebSendReactionMsgAction': { 'sendReactionToMsg': 'function' },
    'WAWebMediaOpaqueData': { 'createFromData': 'function' },
    'WAWebPrepRawMedia': { 'prepRawMedia': 'function' },
    'WAWebMediaStorage': { 'getOrCreateMediaObject': 'function' },
    'WAWebMmsMediaTypes': { 'msgToMediaType': 'function' },
    'WAWebMediaMmsV4Upload': { 'uploadMedia': 'function' },
    'WAWebChatStateBridge': { 'sendChatStateComposing': 'function', 'sendChatStatePaused': 'function' },
    'WAWebSyncGatingUtils': {},
    'WAWebCallCollection': { 'on': 'function' },
    'WAWebStreamModel': { 'Stream.markAvailable': 'function', 'Stream.markUnavailable': 'function' },
    'WAWebUpdateUnreadChatAction': { 'sendSeen': 'function' },
    'WAWebChatGetters': { 'getIsNewsletter': 'function', 'getIsBroadcast': 'function' },
    'WALinkify': { 'findLink': 'function', 'findLinks': 'function' },
    'WAWebGetEphemeralFieldsMsgActionsUtils': { 'getEphemeralFields': 'function' },
  };
  const bad = [];
  for (const [mod, members] of Object.entries(want)) {
    let m;
    try { m = window.require(mod); } catch (e) { bad.push(mod + ': ' + e.message); continue; }
    if (m === null || (typeof m !== 'object' && typeof m !== 'function')) { bad.push(mod + ' is ' + typeof m); continue; }
    for (const [path, type] of Object.entries(members)) {
      const v = path.split('.').reduce((o, k) => (o == null ? o : o[k]), m);
      if (typeof v !== type) bad.push(mod + '.' + path + ' is ' + typeof v + ', want ' + type);
    }
  }
  const wid = require('WAWebWidFactory').createWid('2348031234567@c.us');
  if (wid._serialized !== '2348031234567@c.us' || !wid.isUser() || wid.isLid() || wid.isGroup()) bad.push('wid');
  if (String(wid) !== '2348031234567@c.us') bad.push('wid.toString');
  if (!require('WAWebWidFactory').createWid('120363000000000000@g.us').isGroup()) bad.push('group wid');
  if (!require('WAWebWidFactory').createWid('123456789@lid').isLid()) bad.push('lid wid');
  const K = require('WAWebMsgKey');
  const k = new K({ from: wid, to: wid, id: 'ABC', selfDir: 'out' });
  if (k._serialized !== 'true_2348031234567@c.us_ABC' || k.fromMe !== true || k.remote !== wid) bad.push('msgkey ' + k._serialized);
  const k2 = new K({ fromMe: false, remote: wid, id: 'DEF' });
  if (k2._serialized !== 'false_2348031234567@c.us_DEF') bad.push('msgkey legacy');
  if (!(require('WAWebCollections').Msg.get('nope') === undefined)) bad.push('Msg.get unknown');
  if (require('WALinkify').findLink('see https://example.com/x ok').href !== 'https://example.com/x') bad.push('findLink');
  if (require('WALinkify').findLinks('no links here').length !== 0) bad.push('findLinks');
  const conn = require('WAWebConnModel').Conn.serialize();
  if (!('pushname' in conn) || typeof conn.platform !== 'string') bad.push('Conn.serialize');
  if (require('WAWebChatGetters').getIsNewsletter({ id: wid }) !== false) bad.push('getIsNewsletter');
  return JSON.stringify(bad);
})()
)JS");
    QCOMPARE(p->str(script), QStringLiteral("[]"));
    p->js(QStringLiteral("window.__id = null; require('WAWebMsgKey').newId().then(id => window.__id = id)"));
    QTRY_VERIFY(p->truthy(QStringLiteral("typeof window.__id === 'string' && window.__id.length >= 16")));
    QCOMPARE(p->str(QStringLiteral("String(window.Debug.VERSION).split('.')[0]")), QStringLiteral("2"));
}

void TestSimulator::requireThrowsForUnknownModules()
{
    auto p = freshPage();
    QVERIFY(p);
    const QString msg = p->str(QStringLiteral(
        "(() => { try { window.require('WAWebNoSuchModule'); return 'no throw'; } catch (e) { return e.message; } })()"));
    QCOMPARE(msg, QStringLiteral("Requiring unknown module \"WAWebNoSuchModule\""));
}

void TestSimulator::backboneSemantics()
{
    auto p = freshPage();
    QVERIFY(p);
    QVERIFY(p->pair(QStringLiteral("2348031234567")));
    const QString script = QStringLiteral(R"JS(
(function () {
  const bad = [];
  const S = require('WAWebSocketModel').Socket;
  const seen = [];
  const f = (m, v, prev) => seen.push([m === S, v, prev]);
  S.on('change:stream change:foo', f);
  S.set({ foo: 1 });
  S.foo = 2;                       // attributes are properties; assignment fires events too
  if (!(seen.length === 2 && seen[0][0] && seen[0][1] === 1 && seen[0][2] === undefined && seen[1][1] === 2 && seen[1][2] === 1))
    bad.push('change args ' + JSON.stringify(seen));
  S.off('change:foo', f);
  S.foo = 3;
  if (seen.length !== 2) bad.push('off');
  S.off('change:stream', f);
  let n = 0;
  S.once('change:foo', () => n++);
  S.foo = 4; S.foo = 5;
  if (n !== 1) bad.push('once ' + n);
  let all = [];
  S.on('all', (name) => all.push(name));
  S.foo = 6;
  if (all.join() !== 'change:foo,change') bad.push('all ' + all.join());
  const ser = S.serialize();
  if (ser.state !== 'CONNECTED' || ser.hasSynced !== true || ser.foo !== 6) bad.push('serialize');
  return JSON.stringify(bad);
})()
)JS");
    QCOMPARE(p->str(script), QStringLiteral("[]"));
    // Bubbling from a chat to the Chat collection (change:unreadCount via sendSeen).
    p->js(QStringLiteral(R"JS(
window.__bub = [];
(async () => {
  const wid = require('WAWebWidFactory').createWid('2348031234567@c.us');
  const { chat } = await require('WAWebFindChatAction').findOrCreateLatestChat(wid);
  const C = require('WAWebCollections');
  C.Chat.on('change:unreadCount', (c, v, prev) => window.__bub.push([c === chat, v, prev]));
  chat.unreadCount = 3;
  require('WAWebStreamModel').Stream.markAvailable();
  await require('WAWebUpdateUnreadChatAction').sendSeen({ chat, threadId: undefined });
  require('WAWebStreamModel').Stream.markUnavailable();
  const s = chat.serialize();
  window.__bub.push([typeof s.formattedTitle, s.mute && s.mute.expiration]);
})();
)JS"));
    QTRY_COMPARE(p->str(QStringLiteral("JSON.stringify(window.__bub)")),
                 QStringLiteral("[[true,3,0],[true,0,3],[\"string\",0]]"));
}

void TestSimulator::qrStringRotatesThenGoesIdle()
{
    auto p = freshPage(QStringLiteral("refMs=400"));
    QVERIFY(p);
    QVERIFY(p->waitState(QStringLiteral("UNPAIRED")));
    // The QR string exactly as clients assemble it.
    p->js(QStringLiteral(R"JS(
window.__qr = { refs: [], states: [] };
(async () => {
  const reg = await require('WAWebSignalStoreApi').waSignalStore.getRegistrationInfo();
  const noise = await require('WAWebUserPrefsInfoStore').waNoiseInfo.get();
  const B = require('WABase64');
  const adv = await require('WAWebUserPrefsMultiDevice').getADVSecretKey();
  const platform = require('WAWebCompanionRegClientUtils').DEVICE_PLATFORM;
  const Conn = require('WAWebConnModel').Conn;
  const make = (ref) => ref + ',' + B.encodeB64(noise.staticKeyPair.pubKey) + ',' +
                        B.encodeB64(reg.identityKeyPair.pubKey) + ',' + adv + ',' + platform;
  window.__qr.first = make(Conn.ref);
  Conn.on('change:ref', (_, ref) => window.__qr.refs.push(make(ref)));
  require('WAWebSocketModel').Socket.on('change:state', (_, s) => window.__qr.states.push(s));
})();
)JS"));
    QTRY_VERIFY(p->truthy(QStringLiteral("window.__qr.first")));
    const QStringList parts = p->str(QStringLiteral("window.__qr.first")).split(QLatin1Char(','));
    QCOMPARE(parts.size(), 5);
    QVERIFY(parts[0].startsWith(QLatin1String("2@")));
    QCOMPARE(QByteArray::fromBase64(parts[1].toLatin1()).size(), 32);
    QCOMPARE(QByteArray::fromBase64(parts[2].toLatin1()).size(), 32);
    QCOMPARE(QByteArray::fromBase64(parts[3].toLatin1()).size(), 32);
    QCOMPARE(parts[4], QStringLiteral("1"));

    // Three rotations (change:ref), then UNPAIRED_IDLE and no more refs.
    QTRY_VERIFY_WITH_TIMEOUT(p->str(QStringLiteral("require('WAWebSocketModel').Socket.state")) == QLatin1String("UNPAIRED_IDLE"), 15000);
    QCOMPARE(p->js(QStringLiteral("window.__qr.refs.length")).toInt(), 3);
    const QString r1 = p->str(QStringLiteral("window.__qr.refs[0].split(',')[0]"));
    QVERIFY(r1 != parts[0]);
    QCOMPARE(p->str(QStringLiteral("window.__qr.refs[0].split(',').slice(1).join()")), QStringList(parts.mid(1)).join(QLatin1Char(',')));
    QTest::qWait(1000);
    QCOMPARE(p->js(QStringLiteral("window.__qr.refs.length")).toInt(), 3);
    QVERIFY(!p->js(QStringLiteral("WamatorSimulator.scan()")).toBool()); // an expired QR cannot be scanned

    // refreshQR: a new ref and UNPAIRED again; rotation restarts.
    p->js(QStringLiteral("require('WAWebCmd').Cmd.refreshQR()"));
    QTRY_COMPARE(p->str(QStringLiteral("require('WAWebSocketModel').Socket.state")), QStringLiteral("UNPAIRED"));
    QCOMPARE(p->js(QStringLiteral("window.__qr.refs.length")).toInt(), 4);
    QCOMPARE(p->str(QStringLiteral("window.__qr.states.join()")), QStringLiteral("UNPAIRED_IDLE,UNPAIRED"));
    QTRY_VERIFY_WITH_TIMEOUT(p->js(QStringLiteral("window.__qr.refs.length")).toInt() >= 5, 5000);
    QCOMPARE(p->js(QStringLiteral("WamatorSimulator.info().refreshes")).toInt(), 1);
}

void TestSimulator::scanPairsAndSyncs()
{
    auto p = freshPage();
    QVERIFY(p);
    QVERIFY(p->waitState(QStringLiteral("UNPAIRED")));
    QCOMPARE(p->js(QStringLiteral("require('WAWebSocketModel').Socket.hasSynced")).toBool(), false);
    QVERIFY(p->js(QStringLiteral("require('WAWebUserPrefsMeUser').getMaybeMePnUser() === undefined")).toBool());
    p->js(QStringLiteral("window.__ev = []; const S = require('WAWebSocketModel').Socket;"
                         "S.on('change:state', (m, s, prev) => window.__ev.push(prev + '>' + s));"
                         "S.on('change:hasSynced', (m, v) => window.__ev.push('synced:' + v));"));
    // The visible button does the same as the control object.
    p->js(QStringLiteral("document.getElementById('scan').click()"));
    QTRY_COMPARE(p->str(QStringLiteral("window.__ev.join()")),
                 QStringLiteral("UNPAIRED>PAIRING,PAIRING>CONNECTED,synced:true"));
    QVERIFY(!p->str(QStringLiteral("require('WAWebUserPrefsMeUser').getMaybeMePnUser()._serialized")).isEmpty());
    QVERIFY(p->truthy(QStringLiteral("require('WAWebUserPrefsMeUser').getMaybeMeLidUser().isLid()")));
    QVERIFY(!p->str(QStringLiteral("require('WAWebConnModel').Conn.serialize().pushname")).isEmpty());
    QCOMPARE(p->str(QStringLiteral("WamatorSimulator.state()")), QStringLiteral("CONNECTED"));
    QTRY_VERIFY(p->truthy(QStringLiteral("!document.getElementById('main').hidden")));
    QVERIFY(!p->js(QStringLiteral("WamatorSimulator.scan()")).toBool());
}

void TestSimulator::queryWidExists()
{
    auto p = pairedPage();
    QVERIFY(p);
    p->js(QStringLiteral(R"JS(
window.__q = null;
(async () => {
  const F = require('WAWebWidFactory'), Q = require('WAWebQueryExistsJob');
  const a = await Q.queryWidExists(F.createWid('2348031234567@c.us'));
  const b = await Q.queryWidExists(F.createWid('2348030000000@c.us'));
  const c = await Q.queryWidExists(F.createWid('15550100001@c.us'));
  window.__q = [a && a.wid._serialized, b, c && c.wid._serialized];
})();
)JS"));
    QTRY_COMPARE(p->str(QStringLiteral("JSON.stringify(window.__q)")),
                 QStringLiteral("[\"2348031234567@c.us\",null,\"15550100001@c.us\"]"));
}

void TestSimulator::sendRecordsAndAcks()
{
    auto p = pairedPage();
    QVERIFY(p);
    QElapsedTimer t;
    t.start();
    QVERIFY(p->js(sendTextScript(QStringLiteral("a"), QStringLiteral("2348031234567@c.us"), QStringLiteral("Hello from the sandbox"))).toBool());
    QTRY_VERIFY_WITH_TIMEOUT(p->truthy(QStringLiteral("window.__send.a.done")), 10000);
    QCOMPARE(p->str(QStringLiteral("window.__send.a.error || ''")), QString());
    QCOMPARE(p->str(QStringLiteral("window.__send.a.result")), QStringLiteral("OK"));
    QVERIFY(p->truthy(QStringLiteral("window.__send.a.exists && window.__send.a.inCollection")));
    QCOMPARE(p->js(QStringLiteral("window.__send.a.addedAck")).toInt(), 0);
    QCOMPARE(p->str(QStringLiteral("JSON.stringify(window.__send.a.added)")), QStringLiteral("[true,true,0,\"chat\"]"));
    // Stored before the result resolved.
    QCOMPARE(p->js(QStringLiteral("window.__send.a.outboxAtResult")).toInt(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(p->str(QStringLiteral("JSON.stringify(window.__send.a.acks)")), QStringLiteral("[[1,0],[2,1],[3,2]]"), 10000);
    qInfo("text send: acks 1,2,3 at %s ms in the page (target ~50,150,400); seen by the test after %lld ms",
          qPrintable(p->str(QStringLiteral("window.__send.a.ackMs.join()"))), t.elapsed());
    QCOMPARE(p->js(QStringLiteral("require('WAWebCollections').Msg.get(window.__send.a.id).ack")).toInt(), 3);

    const QVariantList outbox = p->js(QStringLiteral("WamatorSimulator.outbox()")).toList();
    QCOMPARE(outbox.size(), 1);
    const QVariantMap r = outbox.first().toMap();
    QCOMPARE(r.value(QStringLiteral("id")).toString(), p->str(QStringLiteral("window.__send.a.id")));
    QCOMPARE(r.value(QStringLiteral("to")).toString(), QStringLiteral("2348031234567@c.us"));
    QCOMPARE(r.value(QStringLiteral("type")).toString(), QStringLiteral("chat"));
    QCOMPARE(r.value(QStringLiteral("body")).toString(), QStringLiteral("Hello from the sandbox"));
    QCOMPARE(r.value(QStringLiteral("ack")).toInt(), 3);
    QVERIFY(r.value(QStringLiteral("t")).toLongLong() > 1700000000);
    QVERIFY(r.value(QStringLiteral("sha256")).isNull());
    // The operator sees it with read ticks.
    QTRY_VERIFY(p->truthy(QStringLiteral("document.querySelector('.bubble .ticks.read')")));
    QVERIFY(p->str(QStringLiteral("document.getElementById('messages').textContent")).contains(QLatin1String("Hello from the sandbox")));

    // Sending the same key again (a client retry) is idempotent: no second record.
    p->js(QStringLiteral(R"JS(
window.__again = null;
(async () => {
  const old = require('WAWebCollections').Msg.get(window.__send.a.id);
  const chat = require('WAWebCollections').Chat.get(old.id.remote);
  const [, r] = require('WAWebSendMsgChatAction').addAndSendMsgToChat(chat, { id: old.id, body: old.body, type: 'chat', ack: 0 });
  window.__again = (await r).messageSendResult;
})();
)JS"));
    QTRY_COMPARE(p->str(QStringLiteral("window.__again")), QStringLiteral("OK"));
    QCOMPARE(p->js(QStringLiteral("WamatorSimulator.outbox().length")).toInt(), 1);
}

void TestSimulator::networkErrorIsTransient()
{
    auto p = pairedPage();
    QVERIFY(p);
    p->js(sendTextScript(QStringLiteral("n"), QStringLiteral("2348031234567@c.us"), QStringLiteral("please fail #sim-network-error")));
    QTRY_VERIFY_WITH_TIMEOUT(p->truthy(QStringLiteral("window.__send.n.done")), 10000);
    QCOMPARE(p->str(QStringLiteral("window.__send.n.result")), QStringLiteral("ERROR_NETWORK"));
    QTest::qWait(600);
    QCOMPARE(p->str(QStringLiteral("JSON.stringify(window.__send.n.acks)")), QStringLiteral("[]"));
    QCOMPARE(p->js(QStringLiteral("WamatorSimulator.outbox().length")).toInt(), 0);
    // Unregistered numbers fail for good.
    p->js(sendTextScript(QStringLiteral("u"), QStringLiteral("2348030000000@c.us"), QStringLiteral("hi")));
    QTRY_VERIFY_WITH_TIMEOUT(p->truthy(QStringLiteral("window.__send.u.done")), 10000);
    QCOMPARE(p->js(QStringLiteral("window.__send.u.exists")).toBool(), false);
    QCOMPARE(p->str(QStringLiteral("window.__send.u.result")), QStringLiteral("ERROR_UNKNOWN"));
    QCOMPARE(p->js(QStringLiteral("WamatorSimulator.outbox().length")).toInt(), 0);
}

void TestSimulator::mediaChainRecordsBytes()
{
    auto p = pairedPage();
    QVERIFY(p);
    const QByteArray bytes = testBytes(70001);
    const QString expectedSha = QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    // The whatsapp-web.js processMediaData chain, then a send with the media fields.
    p->js(QStringLiteral(R"JS(
window.__media = { done: false };
(async () => {
  const out = window.__media;
  try {
    const n = 70001, u8 = new Uint8Array(n);
    for (let i = 0; i < n; ++i) u8[i] = (i * 31 + 7) % 251;
    const file = new File([new Blob([u8], { type: 'application/pdf' })], 'invoice 42.pdf', { type: 'application/pdf' });
    const OpaqueData = require('WAWebMediaOpaqueData');
    const opaque = await OpaqueData.createFromData(file, 'application/pdf');
    const mediaData = await require('WAWebPrepRawMedia').prepRawMedia(opaque, { asDocument: true }).waitForPrep();
    const mediaObject = require('WAWebMediaStorage').getOrCreateMediaObject(mediaData.filehash);
    const mediaType = require('WAWebMmsMediaTypes').msgToMediaType({ type: mediaData.type, isGif: mediaData.isGif });
    if (!(mediaData.mediaBlob instanceof OpaqueData)) throw new Error('mediaBlob not OpaqueData');
    mediaData.renderableUrl = mediaData.mediaBlob.url();
    mediaObject.consolidate(mediaData.toJSON());
    mediaData.mediaBlob.autorelease();
    const up = await require('WAWebMediaMmsV4Upload').uploadMedia({ mimetype: mediaData.mimetype, mediaObject, mediaType });
    const e = up.mediaEntry;
    mediaData.set({ clientUrl: e.mmsUrl, directPath: e.directPath, mediaKey: e.mediaKey,
                    mediaKeyTimestamp: e.mediaKeyTimestamp, filehash: mediaObject.filehash,
                    encFilehash: e.encFilehash, uploadhash: e.uploadHash, size: mediaObject.size });
    out.type = mediaData.type; out.mediaType = mediaType;
    const wid = require('WAWebWidFactory').createWid('2348031234567@c.us');
    const chat = (await require('WAWebFindChatAction').findOrCreateLatestChat(wid)).chat;
    const me = require('WAWebUserPrefsMeUser').getMaybeMePnUser();
    const K = require('WAWebMsgKey');
    const key = new K({ from: me, to: chat.id, id: await K.newId(), selfDir: 'out' });
    const opts = { caption: 'Your invoice' };
    const msg = { ...opts, id: key, ack: 0, body: mediaData.preview, from: me, to: chat.id, local: true,
                  self: 'out', t: Math.floor(Date.now() / 1000), isNewMsg: true, type: 'chat',
                  ...mediaData, ...mediaData.toJSON(), caption: 'Your invoice' };
    out.id = key._serialized;
    const [m, r] = require('WAWebSendMsgChatAction').addAndSendMsgToChat(chat, msg);
    await m;
    out.result = (await r).messageSendResult;
  } catch (e) { out.error = String(e && e.stack || e); }
  out.done = true;
})();
)JS"));
    QTRY_VERIFY_WITH_TIMEOUT(p->truthy(QStringLiteral("window.__media.done")), 10000);
    QCOMPARE(p->str(QStringLiteral("window.__media.error || ''")), QString());
    QCOMPARE(p->str(QStringLiteral("window.__media.type")), QStringLiteral("document"));
    QCOMPARE(p->str(QStringLiteral("window.__media.mediaType")), QStringLiteral("document"));
    QCOMPARE(p->str(QStringLiteral("window.__media.result")), QStringLiteral("OK"));
    const QVariantList outbox = p->js(QStringLiteral("WamatorSimulator.outbox()")).toList();
    QCOMPARE(outbox.size(), 1);
    const QVariantMap r = outbox.first().toMap();
    QCOMPARE(r.value(QStringLiteral("type")).toString(), QStringLiteral("document"));
    QCOMPARE(r.value(QStringLiteral("mimetype")).toString(), QStringLiteral("application/pdf"));
    QCOMPARE(r.value(QStringLiteral("filename")).toString(), QStringLiteral("invoice 42.pdf"));
    QCOMPARE(r.value(QStringLiteral("caption")).toString(), QStringLiteral("Your invoice"));
    QCOMPARE(r.value(QStringLiteral("size")).toLongLong(), qint64(bytes.size()));
    QCOMPARE(r.value(QStringLiteral("sha256")).toString(), expectedSha);

    // Image: prepRawMedia picks the type from the mimetype.
    p->js(QStringLiteral(R"JS(
window.__img = null;
(async () => {
  const o = await require('WAWebMediaOpaqueData').createFromData(new Blob([new Uint8Array([1,2,3])], { type: 'image/jpeg' }), 'image/jpeg');
  const d = await require('WAWebPrepRawMedia').prepRawMedia(o, {}).waitForPrep();
  window.__img = d.type + ',' + d.size + ',' + require('WAWebMmsMediaTypes').msgToMediaType({ type: d.type });
})();
)JS"));
    QTRY_COMPARE(p->str(QStringLiteral("window.__img")), QStringLiteral("image,3,image"));
}

void TestSimulator::presenceIsRecorded()
{
    auto p = pairedPage();
    QVERIFY(p);
    p->js(QStringLiteral("window.__pr = null; (async () => { const w = require('WAWebWidFactory').createWid('2348031234567@c.us');"
                         "await require('WAWebChatStateBridge').sendChatStateComposing(w);"
                         "await require('WAWebChatStateBridge').sendChatStatePaused(w); window.__pr = true; })()"));
    QTRY_VERIFY(p->truthy(QStringLiteral("window.__pr")));
    QCOMPARE(p->str(QStringLiteral("WamatorSimulator.presence().map(x => x.to + ':' + x.state).join()")),
             QStringLiteral("2348031234567@c.us:composing,2348031234567@c.us:paused"));
}

// A profile whose simulator storage predates customers writing (IndexedDB version 1: `meta`
// and `messages` only) opens, gets the new stores, stays paired; what customers send survives
// a restart and comes back as history (isNewMsg false), with its lid mapping; a logout forgets
// it.
void TestSimulator::incomingSurvivesRestartAndUpgradesOldStorage()
{
    const QString dir = m_dir.file(QStringLiteral("incoming"));
    {
        // `fail=nomodules` never boots the simulator: this page only writes the old database.
        SimPage old(dir, QStringLiteral("incoming"));
        QVERIFY(old.load(QStringLiteral("fail=nomodules")));
        old.js(QStringLiteral(R"JS(
            (function () {
                window.__v1 = 'opening';
                const req = indexedDB.open('wamator-simulator', 1);
                req.onupgradeneeded = () => {
                    req.result.createObjectStore('meta');
                    req.result.createObjectStore('messages', {keyPath: 'id'});
                };
                req.onsuccess = () => {
                    const tx = req.result.transaction(['meta'], 'readwrite');
                    tx.objectStore('meta').put({me: '2348035550000', lid: '123456789012345',
                                                pushname: 'Old', pairedAt: Date.now()}, 'pairing');
                    tx.oncomplete = () => { req.result.close(); window.__v1 = 'done'; };
                };
                req.onerror = () => { window.__v1 = 'error'; };
                return true;
            })())JS"));
        QTRY_COMPARE_WITH_TIMEOUT(old.str(QStringLiteral("window.__v1")), QStringLiteral("done"),
                                  10000);
    }
    QString id;
    QString lidChat;
    {
        SimPage a(dir, QStringLiteral("incoming"));
        QVERIFY(a.load(QStringLiteral("openMs=0")));
        QVERIFY(a.waitLoaded());
        QTRY_VERIFY_WITH_TIMEOUT(
            a.truthy(QStringLiteral("require('WAWebSocketModel').Socket.hasSynced")), 10000);
        QCOMPARE(a.str(QStringLiteral("WamatorSimulator.info().storageError")), QString());
        a.js(QStringLiteral("window.__r = null; WamatorSimulator.receive({from: '2348036660001', "
                            "body: 'kept', asLid: true}).then((r) => { window.__r = r; }, "
                            "(e) => { window.__r = {error: e.code}; }); true"));
        QTRY_VERIFY_WITH_TIMEOUT(a.truthy(QStringLiteral("window.__r")), 10000);
        id = a.str(QStringLiteral("window.__r.id"));
        lidChat = a.str(QStringLiteral("window.__r.chat"));
        QVERIFY2(!id.isEmpty(), qPrintable(a.str(QStringLiteral("JSON.stringify(window.__r)"))));
        QVERIFY(lidChat.endsWith(QLatin1String("@lid")));
    } // gone the moment receive() answered: the message was already durable

    SimPage b(dir, QStringLiteral("incoming"));
    QVERIFY(b.load(QStringLiteral("openMs=0")));
    QVERIFY(b.waitLoaded());
    QCOMPARE(b.js(QStringLiteral("WamatorSimulator.info().incomingSize")).toInt(), 1);
    const QString serialized = QStringLiteral("false_") + lidChat + QLatin1Char('_') + id;
    QCOMPARE(b.str(QStringLiteral("require('WAWebCollections').Msg.get('%1').body").arg(serialized)),
             QStringLiteral("kept"));
    QCOMPARE(b.js(QStringLiteral("require('WAWebCollections').Msg.get('%1').isNewMsg").arg(serialized))
                 .toBool(),
             false);
    QCOMPARE(b.str(QStringLiteral("require('WAWebApiContact').getPhoneNumber('%1')._serialized")
                       .arg(lidChat)),
             QStringLiteral("2348036660001@c.us"));
    QVERIFY(b.truthy(QStringLiteral("WamatorSimulator.logout()")));
    QTRY_COMPARE_WITH_TIMEOUT(b.js(QStringLiteral("WamatorSimulator.info().incomingSize")).toInt(), 0,
                              10000);
}

void TestSimulator::persistsAcrossRestart()
{
    const QString dir = m_dir.file(QStringLiteral("persist"));
    QString id;
    QString idLast;
    QString me;
    {
        SimPage a(dir, QStringLiteral("persist"));
        QVERIFY(a.load());
        QVERIFY(a.waitLoaded());
        QVERIFY(a.pair(QStringLiteral("2348039876543")));
        me = a.str(QStringLiteral("require('WAWebUserPrefsMeUser').getMaybeMePnUser()._serialized"));
        QCOMPARE(me, QStringLiteral("2348039876543@c.us"));
        a.js(sendTextScript(QStringLiteral("p"), QStringLiteral("2348031112222@c.us"), QStringLiteral("survive me")));
        // Only wait for the result (ack 1): the record must already be durable.
        QTRY_VERIFY_WITH_TIMEOUT(a.truthy(QStringLiteral("window.__send.p.done")), 10000);
        QCOMPARE(a.str(QStringLiteral("window.__send.p.result")), QStringLiteral("OK"));
        id = a.str(QStringLiteral("window.__send.p.id"));
        // A second message fully acknowledged (its ack updates written back too).
        a.js(sendTextScript(QStringLiteral("q"), QStringLiteral("2348031112222@c.us"), QStringLiteral("read me")));
        QTRY_COMPARE_WITH_TIMEOUT(a.str(QStringLiteral("JSON.stringify(window.__send.q.acks)")), QStringLiteral("[[1,0],[2,1],[3,2]]"), 10000);
        QTest::qWait(100); // the ack-3 write-back is fire-and-forget
        // A third one: the page and profile go away the moment its result (ack 1) is known.
        a.js(sendTextScript(QStringLiteral("r"), QStringLiteral("2348031112222@c.us"), QStringLiteral("acked then gone")));
        QTRY_VERIFY_WITH_TIMEOUT(a.truthy(QStringLiteral("window.__send.r.done")), 10000);
        QCOMPARE(a.str(QStringLiteral("window.__send.r.result")), QStringLiteral("OK"));
        idLast = a.str(QStringLiteral("window.__send.r.id"));
    } // page and profile destroyed at once, as when the app quits

    SimPage b(dir, QStringLiteral("persist"));
    QVERIFY(b.load());
    QVERIFY(b.waitLoaded());
    // Restored: CONNECTED and synced without a scan (after a short OPENING, as the real page).
    QTRY_VERIFY_WITH_TIMEOUT(b.truthy(QStringLiteral("require('WAWebSocketModel').Socket.state === 'CONNECTED'"
                                                     " && require('WAWebSocketModel').Socket.hasSynced")), 10000);
    QCOMPARE(b.str(QStringLiteral("require('WAWebUserPrefsMeUser').getMaybeMePnUser()._serialized")), me);
    const QVariantList outbox = b.js(QStringLiteral("WamatorSimulator.outbox()")).toList();
    QCOMPARE(outbox.size(), 3);
    QCOMPARE(outbox.at(0).toMap().value(QStringLiteral("id")).toString(), id);
    QCOMPARE(outbox.at(0).toMap().value(QStringLiteral("body")).toString(), QStringLiteral("survive me"));
    QVERIFY(outbox.at(0).toMap().value(QStringLiteral("ack")).toInt() >= 1);
    QCOMPARE(outbox.at(1).toMap().value(QStringLiteral("ack")).toInt(), 3);
    // Acknowledged (result OK) means stored, even when the app went away right after.
    QCOMPARE(outbox.at(2).toMap().value(QStringLiteral("id")).toString(), idLast);
    QVERIFY(outbox.at(2).toMap().value(QStringLiteral("ack")).toInt() >= 1);
    // Reconciliation by id works on the restored page.
    QCOMPARE(b.js(QStringLiteral("require('WAWebCollections').Msg.get(WamatorSimulator.outbox()[1].id).ack")).toInt(), 3);
    QVERIFY(b.js(QStringLiteral("require('WAWebCollections').Msg.get('%1').ack").arg(idLast)).toInt() >= 1);
    // The receipts still come after the restart: the interrupted message goes on to read.
    QTRY_COMPARE_WITH_TIMEOUT(b.js(QStringLiteral("require('WAWebCollections').Msg.get('%1').ack").arg(idLast)).toInt(), 3, 10000);
    QTRY_COMPARE(b.js(QStringLiteral("WamatorSimulator.outbox()[2].ack")).toInt(), 3);
    QVERIFY(b.truthy(QStringLiteral("require('WAWebCollections').Chat.get('2348031112222@c.us')")));
}

void TestSimulator::logoutClearsEverything()
{
    const QString dir = m_dir.file(QStringLiteral("logout"));
    {
        SimPage a(dir, QStringLiteral("logout"));
        QVERIFY(a.load());
        QVERIFY(a.waitLoaded());
        QVERIFY(a.pair(QStringLiteral("2348035550001")));
        a.js(sendTextScript(QStringLiteral("l"), QStringLiteral("2348031112222@c.us"), QStringLiteral("before logout")));
        QTRY_VERIFY_WITH_TIMEOUT(a.truthy(QStringLiteral("window.__send.l.done")), 10000);
        a.js(QStringLiteral("window.__lo = []; require('WAWebCmd').Cmd.on('logout', () => window.__lo.push('logout'));"
                            "require('WAWebCmd').Cmd.on('logout_from_bridge', () => window.__lo.push('bridge'));"
                            "require('WAWebSocketModel').Socket.on('change:state', (m, s) => window.__lo.push(s));"));
        QVERIFY(a.js(QStringLiteral("WamatorSimulator.logout()")).toBool());
        QCOMPARE(a.str(QStringLiteral("WamatorSimulator.state()")), QStringLiteral("UNPAIRED"));
        QCOMPARE(a.str(QStringLiteral("window.__lo.join()")), QStringLiteral("logout,UNPAIRED"));
        QCOMPARE(a.js(QStringLiteral("require('WAWebSocketModel').Socket.hasSynced")).toBool(), false);
        QCOMPARE(a.js(QStringLiteral("WamatorSimulator.outbox().length")).toInt(), 0);
        QVERIFY(a.truthy(QStringLiteral("require('WAWebCollections').Msg.get(window.__send.l.id) === undefined")));
        QVERIFY(a.truthy(QStringLiteral("require('WAWebUserPrefsMeUser').getMaybeMePnUser() === undefined")));
        QVERIFY(!a.js(QStringLiteral("WamatorSimulator.logout()")).toBool()); // nothing left to log out
        QTRY_VERIFY(a.truthy(QStringLiteral("!document.getElementById('landing').hidden")));
        QTest::qWait(300); // storage clearing is asynchronous
    }
    SimPage b(dir, QStringLiteral("logout"));
    QVERIFY(b.load());
    QVERIFY(b.waitLoaded());
    QVERIFY(b.waitState(QStringLiteral("UNPAIRED")));
    QCOMPARE(b.js(QStringLiteral("WamatorSimulator.outbox().length")).toInt(), 0);
    // Socket.logout() from a client goes the same way (pair again first).
    QVERIFY(b.pair(QStringLiteral("2348035550001")));
    b.js(QStringLiteral("window.__lo2 = []; require('WAWebCmd').Cmd.on('logout', () => window.__lo2.push('logout'));"
                        "require('WAWebSocketModel').Socket.logout()"));
    QTRY_COMPARE(b.str(QStringLiteral("window.__lo2.join()")), QStringLiteral("logout"));
    QCOMPARE(b.str(QStringLiteral("WamatorSimulator.state()")), QStringLiteral("UNPAIRED"));
    // The bridge variant announces logout_from_bridge instead.
    QVERIFY(b.pair(QStringLiteral("2348035550001")));
    b.js(QStringLiteral("require('WAWebCmd').Cmd.on('logout_from_bridge', () => window.__lo2.push('bridge'))"));
    QVERIFY(b.js(QStringLiteral("WamatorSimulator.logout('bridge')")).toBool());
    QCOMPARE(b.str(QStringLiteral("window.__lo2.join()")), QStringLiteral("logout,bridge"));
    QCOMPARE(b.str(QStringLiteral("WamatorSimulator.state()")), QStringLiteral("UNPAIRED"));
}

void TestSimulator::missingModulesVariant()
{
    auto p = freshPage(QStringLiteral("missing=WAWebSendMsgChatAction,WAWebCmd"));
    QVERIFY(p);
    QCOMPARE(p->str(QStringLiteral("(() => { try { require('WAWebCmd'); return 'ok'; } catch (e) { return e.message; } })()")),
             QStringLiteral("Requiring unknown module \"WAWebCmd\""));
    QCOMPARE(p->str(QStringLiteral("(() => { try { require('WAWebSendMsgChatAction'); return 'ok'; } catch (e) { return e.message; } })()")),
             QStringLiteral("Requiring unknown module \"WAWebSendMsgChatAction\""));
    QCOMPARE(p->str(QStringLiteral("typeof require('WAWebSocketModel').Socket.state")), QStringLiteral("string"));
}

void TestSimulator::legacyAdvVariant()
{
    auto p = freshPage(QStringLiteral("legacyAdv=1&openMs=0"));
    QVERIFY(p);
    // openMs=0: the state is final when Debug.VERSION appears.
    QCOMPARE(p->str(QStringLiteral("require('WAWebSocketModel').Socket.state")), QStringLiteral("UNPAIRED"));
    QCOMPARE(p->str(QStringLiteral("typeof require('WAWebAdvSignatureApi').getADVSecretKey")), QStringLiteral("function"));
    QCOMPARE(p->str(QStringLiteral("typeof require('WAWebUserPrefsMultiDevice').getADVSecretKey")), QStringLiteral("undefined"));
    p->js(QStringLiteral("window.__adv = null; require('WAWebAdvSignatureApi').getADVSecretKey().then(k => window.__adv = k)"));
    QTRY_VERIFY(p->truthy(QStringLiteral("window.__adv")));
    QCOMPARE(QByteArray::fromBase64(p->str(QStringLiteral("window.__adv")).toLatin1()).size(), 32);
}

int main(int argc, char **argv)
{
    // The scheme must be known before the application (and WebEngine) starts.
    SimulatorScheme::registerScheme();
    qputenv("QT_QPA_PLATFORM", qgetenv("QT_QPA_PLATFORM").isEmpty() ? QByteArray("offscreen") : qgetenv("QT_QPA_PLATFORM"));
    QGuiApplication app(argc, argv);
    TestSimulator t;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&t, argc, argv);
}

#include "tst_simulator.moc"
