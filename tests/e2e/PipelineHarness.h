#pragma once

// End-to-end harness of the pipeline tests: the real `wamator --headless` binary in a temp data
// directory (HeadlessApp, tests/common), a REST client over QNetworkAccessManager, a real
// QWebSocket client of /events, and the steps that set up a vendor with a ready sandbox number
// and contacts.
// Header-only and without Q_OBJECT so it stays private to the tests that include it.

#include "../common/HeadlessApp.h" // relative: the benchmarks have no tests/common on their path
#include "platform/Clock.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QTimer>
#include <QUrlQuery>
#include <QWebSocket>
#include <QtCore/qtestsupport_core.h>
#include <functional>

namespace e2e {

inline const QByteArray kAdminToken = "pipeline-e2e-admin-token-0123456789";

struct Reply
{
    int status = 0;
    QByteArray body;
    QJsonObject json;
    QString describe() const
    {
        return QStringLiteral("HTTP %1 %2").arg(status).arg(QString::fromUtf8(body.left(600)));
    }
};

// The app under test on `dataDir`. Secrets go to a file in the data directory so that a
// restart (crash tests) keeps the vendor's API key valid.
class App : public HeadlessApp
{
public:
    explicit App(QString dataDir)
        : HeadlessApp(QStringLiteral(WAMATOR_BINARY), kAdminToken, std::move(dataDir))
    {
    }
};

class Api
{
public:
    explicit Api(quint16 port = 0) : m_port(port) {}
    void setPort(quint16 port) { m_port = port; }
    void setApiKey(const QString &key) { m_apiKey = key; }
    QString apiKey() const { return m_apiKey; }

    Reply get(const QString &path) { return send("GET", path, {}); }
    Reply post(const QString &path, const QJsonValue &body = QJsonObject{})
    {
        return send("POST", path, body);
    }
    Reply admin(const QByteArray &method, const QString &path,
                const QJsonValue &body = QJsonObject{})
    {
        return send(method, path, body, true);
    }

    Reply send(const QByteArray &method, const QString &path, const QJsonValue &body,
               bool asAdmin = false, int timeoutMs = 60000)
    {
        QNetworkRequest req(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path)));
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        req.setTransferTimeout(timeoutMs);
        if (asAdmin)
            req.setRawHeader("x-admin-token", kAdminToken);
        else if (!m_apiKey.isEmpty())
            req.setRawHeader("x-api-key", m_apiKey.toLatin1());
        QByteArray payload;
        if (method != "GET" && method != "DELETE")
            payload = body.isArray()
                          ? QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact)
                          : QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
        QNetworkReply *r = m_nam.sendCustomRequest(req, method, payload);
        QEventLoop loop;
        QObject::connect(r, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        Reply out;
        out.status = r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        out.body = r->readAll();
        out.json = QJsonDocument::fromJson(out.body).object();
        r->deleteLater();
        return out;
    }

private:
    QNetworkAccessManager m_nam;
    quint16 m_port;
    QString m_apiKey;
};

// A vendor's /events socket; collects every JSON frame.
class Events
{
public:
    bool open(quint16 port, const QString &apiKey)
    {
        m_socket = std::make_unique<QWebSocket>();
        QObject::connect(m_socket.get(), &QWebSocket::textMessageReceived, m_socket.get(),
                         [this](const QString &text) {
                             const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
                             if (!o.isEmpty())
                                 m_frames << o;
                         });
        QNetworkRequest req(QUrl(QStringLiteral("ws://127.0.0.1:%1/events").arg(port)));
        req.setRawHeader("x-api-key", apiKey.toLatin1());
        m_socket->open(req);
        return QTest::qWaitFor(
            [this]() { return m_socket->state() == QAbstractSocket::ConnectedState; }, 15000);
    }
    const QList<QJsonObject> &frames() const { return m_frames; }
    QList<QJsonObject> statusEvents(qint64 messageId) const
    {
        QList<QJsonObject> out;
        for (const QJsonObject &o : m_frames)
            if (o.value(QStringLiteral("event")).toString() == QLatin1String("message_status") &&
                o.value(QStringLiteral("message_id")).toInteger() == messageId)
                out << o;
        return out;
    }
    QStringList statuses(qint64 messageId) const
    {
        QStringList out;
        for (const QJsonObject &o : statusEvents(messageId))
            out << o.value(QStringLiteral("status")).toString();
        return out;
    }

private:
    std::unique_ptr<QWebSocket> m_socket;
    QList<QJsonObject> m_frames;
};

struct World
{
    QString apiKey;
    qint64 userId = 0;
    qint64 planId = 0;
    qint64 numberId = 0;
    QString phone; // the sandbox number, normalised digits
};

inline bool waitFor(const std::function<bool()> &cond, int timeoutMs)
{
    return QTest::qWaitFor(cond, timeoutMs);
}

// Registers a vendor, a plan + subscription, a user, and (when `phone` is given) a sandbox
// number connected and scanned until ready. Fails the calling test on any unexpected answer.
inline bool setUp(Api &api, World &w, int maxMessages, const QString &phone,
                  const QString &email = QStringLiteral("vendor@example.com"))
{
    Reply r =
        api.post(QStringLiteral("/vendors/register"), QJsonObject{{"name", "Vendor"},
                                                                  {"email", email},
                                                                  {"password", "password123"},
                                                                  {"company_name", "V Ltd"},
                                                                  {"phone_number", "08031234567"}});
    if (r.status != 201) {
        qWarning() << "register:" << r.describe();
        return false;
    }
    w.apiKey = r.json.value("api_key").toString();
    api.setApiKey(w.apiKey);
    r = api.admin("POST", QStringLiteral("/admin/plans"),
                  QJsonObject{{"name", "Plan"},
                              {"max_phone_numbers", 5},
                              {"max_messages", maxMessages},
                              {"period_days", 30}});
    if (r.status != 201) {
        qWarning() << "plan:" << r.describe();
        return false;
    }
    w.planId = r.json.value("plan").toObject().value("id").toInteger();
    r = api.post(QStringLiteral("/users/register"),
                 QJsonObject{{"name", "User"}, {"email", "user@example.com"}});
    if (r.status != 201) {
        qWarning() << "user:" << r.describe();
        return false;
    }
    w.userId = r.json.value("user").toObject().value("id").toInteger();
    r = api.admin("POST", QStringLiteral("/admin/subscriptions"),
                  QJsonObject{{"app_user_id", w.userId},
                              {"plan_id", w.planId},
                              {"ends_at", Clock::toIso(Clock::nowMs() + 30LL * 86400 * 1000)}});
    if (r.status != 201) {
        qWarning() << "subscription:" << r.describe();
        return false;
    }
    if (phone.isEmpty())
        return true;
    r = api.post(QStringLiteral("/whatsapp-numbers/%1/add").arg(w.userId),
                 QJsonObject{{"phone_number", phone}, {"sandbox", true}});
    if (r.status != 201) {
        qWarning() << "number:" << r.describe();
        return false;
    }
    w.numberId = r.json.value("number").toObject().value("id").toInteger();
    w.phone = r.json.value("number").toObject().value("phone_number").toString();
    return true;
}

inline QString connectState(Api &api, const World &w)
{
    return api.get(QStringLiteral("/connect/%1/%2").arg(w.userId).arg(w.phone))
        .json.value("state")
        .toString();
}

// Connects the sandbox number and scans its QR: ready, or false after the timeout.
inline bool connectAndScan(Api &api, const World &w, int timeoutMs = 90000)
{
    const Reply r = api.post(QStringLiteral("/connect/%1/%2").arg(w.userId).arg(w.phone));
    if (r.status != 202) {
        qWarning() << "connect:" << r.describe();
        return false;
    }
    if (!waitFor([&]() { return connectState(api, w) == QLatin1String("qr_pending"); },
                 timeoutMs)) {
        qWarning() << "no QR; state" << connectState(api, w);
        return false;
    }
    const Reply scan = api.post(QStringLiteral("/sandbox/%1/%2/scan").arg(w.userId).arg(w.phone));
    if (scan.status != 200) {
        qWarning() << "scan:" << scan.describe();
        return false;
    }
    return waitFor([&]() { return connectState(api, w) == QLatin1String("ready"); }, timeoutMs);
}

inline bool addContacts(Api &api, const World &w, const QJsonArray &contacts)
{
    for (int i = 0; i < contacts.size(); i += 5000) {
        QJsonArray part;
        for (int j = i; j < std::min<int>(int(contacts.size()), i + 5000); ++j)
            part.append(contacts.at(j));
        const Reply r = api.post(QStringLiteral("/contacts/%1/add").arg(w.userId), part);
        if (r.status != 201) {
            qWarning() << "contacts:" << r.describe();
            return false;
        }
    }
    return true;
}

inline QJsonArray outbox(Api &api, const World &w)
{
    return api.get(QStringLiteral("/sandbox/%1/%2/outbox").arg(w.userId).arg(w.phone))
        .json.value("messages")
        .toArray();
}

inline QJsonObject batch(Api &api, const QString &batchId)
{
    return api.get(QStringLiteral("/messages/batch/%1").arg(batchId)).json;
}

inline int count(const QJsonObject &batchView, const QString &status)
{
    return batchView.value("counts").toObject().value(status).toInt();
}

// Many requests in flight on one QNetworkAccessManager (it opens up to six connections per
// host), each answer handed to `done`.
class Burst
{
public:
    Burst(quint16 port, QString apiKey) : m_port(port), m_apiKey(std::move(apiKey)) {}

    void post(const QString &path, const QJsonObject &body,
              std::function<void(int status, const QJsonObject &json)> done)
    {
        QNetworkRequest req(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path)));
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        req.setRawHeader("x-api-key", m_apiKey.toLatin1());
        req.setTransferTimeout(60000);
        QNetworkReply *r = m_nam.post(req, QJsonDocument(body).toJson(QJsonDocument::Compact));
        ++m_inFlight;
        QObject::connect(r, &QNetworkReply::finished, r, [this, r, done = std::move(done)] {
            --m_inFlight;
            const int status = r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            done(status, QJsonDocument::fromJson(r->readAll()).object());
            r->deleteLater();
        });
    }
    int inFlight() const { return m_inFlight; }
    // Forgets the requests in flight (the app was killed under them).
    void abandon()
    {
        for (QNetworkReply *r : m_nam.findChildren<QNetworkReply *>())
            r->disconnect();
        m_inFlight = 0;
    }

private:
    QNetworkAccessManager m_nam;
    quint16 m_port;
    QString m_apiKey;
    int m_inFlight = 0;
};

// Simulated customers writing `total` replies through POST /sandbox/:userId/:phone/incoming
// (`path`), `parallel` requests at a time on `burst`: reply i comes from `from(i)` with the
// text "reply i". Crash tests halt() it just before killing the app (answers cut off by the
// kill are not counted as refusals) and run it again on the restarted app.
class ReplyStream
{
public:
    ReplyStream(QString path, int total, int parallel, std::function<QString(int)> from)
        : m_path(std::move(path)), m_total(total), m_parallel(parallel), m_from(std::move(from))
    {
    }

    // Sends until `stop()` or every reply was sent and answered; false on the timeout.
    bool run(Burst &burst, const std::function<bool()> &stop, int timeoutMs = 300000)
    {
        m_halted = false;
        m_pump = [this, &burst] {
            while (!m_halted && burst.inFlight() < m_parallel && m_next < m_total) {
                const int i = m_next++;
                burst.post(
                    m_path,
                    QJsonObject{{"from", m_from(i)}, {"body", QStringLiteral("reply %1").arg(i)}},
                    [this, i](int status, const QJsonObject &json) {
                        if (status == 202) {
                            acknowledged.insert(json.value("wa_message_id").toString());
                        } else if (!m_halted) {
                            ++refused;
                            if (firstRefusal.isEmpty())
                                firstRefusal =
                                    QStringLiteral("reply %1: HTTP %2 %3")
                                        .arg(i)
                                        .arg(status)
                                        .arg(QString::fromUtf8(QJsonDocument(json).toJson()));
                        }
                        if (m_pump)
                            m_pump();
                    });
            }
        };
        m_pump();
        const bool ok = waitFor(
            [&] { return stop() || (m_next >= m_total && burst.inFlight() == 0); }, timeoutMs);
        return ok;
    }
    // No more requests, and answers from now on are not judged (the app is about to die).
    void halt() { m_halted = true; }
    int sent() const { return m_next; }

    QSet<QString> acknowledged; // wa_message_id of every reply answered 202
    int refused = 0;
    QString firstRefusal;

private:
    QString m_path;
    int m_total;
    int m_parallel;
    std::function<QString(int)> m_from;
    std::function<void()> m_pump; // outlives run(): answers still in flight call it
    int m_next = 0;
    bool m_halted = false;
};

// The first column of `sql` on the app's database, read-only next to the running app (WAL).
inline QStringList readColumn(const QString &dataDir, const QString &sql)
{
    QStringList out;
    const QString name = QStringLiteral("e2e-reader");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(QDir(dataDir).filePath(QStringLiteral("wamator.sqlite")));
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(sql)) {
                while (q.next())
                    out.append(q.value(0).toString());
            } else {
                qWarning() << sql << q.lastError().text();
            }
        }
    }
    QSqlDatabase::removeDatabase(name);
    return out;
}

} // namespace e2e
