// The OpenAPI document (resources/api/openapi.json, served at /openapi.json) and the router must
// agree: every documented operation is served (not 404, not 405) and every registered route is
// documented. The server has every controller the app has (core + WhatsApp).

#include "../whatsapp/helpers/WebEngineTestSupport.h"

#include "ApiServer.h"
#include "Router.h"
#include "SessionManager.h"
#include "TestApiServer.h"
#include "WhatsAppControllers.h"

#include <QFile>
#include <QRegularExpression>
#include <QSet>

namespace {

// "/users/{id}" and "/users/:userId" both become "/users/{}": parameter names may differ.
QString shape(QString path)
{
    static const QRegularExpression openApiParam(QStringLiteral("\\{[^}/]+\\}"));
    static const QRegularExpression routerParam(QStringLiteral(":[^/]+"));
    path.replace(openApiParam, QStringLiteral("{}"));
    path.replace(routerParam, QStringLiteral("{}"));
    return path;
}

// A concrete path for a documented one ("{phoneNumber}" → a phone, other params → 1).
QString concrete(QString path)
{
    static const QRegularExpression param(QStringLiteral("\\{([^}/]+)\\}"));
    QRegularExpressionMatch m;
    while ((m = param.match(path)).hasMatch()) {
        const QString name = m.captured(1);
        const QString value = name.contains(QLatin1String("phone"), Qt::CaseInsensitive)
                                  ? QStringLiteral("2348031234567")
                              : name.contains(QLatin1String("batch"), Qt::CaseInsensitive)
                                  ? QStringLiteral("5f0c7a52-2a49-4f55-9d0c-0d6a3e4a1b2c")
                                  : QStringLiteral("1");
        path.replace(m.capturedStart(), m.capturedLength(), value);
    }
    return path;
}

QHttpServerRequest::Method methodOf(const QString &m)
{
    static const QHash<QString, QHttpServerRequest::Method> map{
        {QStringLiteral("get"), QHttpServerRequest::Method::Get},
        {QStringLiteral("post"), QHttpServerRequest::Method::Post},
        {QStringLiteral("put"), QHttpServerRequest::Method::Put},
        {QStringLiteral("patch"), QHttpServerRequest::Method::Patch},
        {QStringLiteral("delete"), QHttpServerRequest::Method::Delete}};
    return map.value(m.toLower(), QHttpServerRequest::Method::Unknown);
}

QJsonObject loadDocument()
{
    QFile f(QStringLiteral(WAMATOR_SOURCE_DIR "/resources/api/openapi.json"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

} // namespace

class TestOpenApi : public QObject
{
    Q_OBJECT

    // Documented routes whose controllers live elsewhere and may not be wired into every
    // test server. Empty now: /connect and /sandbox (the sessions issue) are registered by
    // addWhatsAppControllers below. Keep this explicit if a group ever moves out again.
    const QSet<QString> m_implementedElsewhere{};

private Q_SLOTS:
    void documentIsWellFormed()
    {
        const QJsonObject doc = loadDocument();
        QVERIFY(!doc.isEmpty());
        QVERIFY(doc.value(QStringLiteral("openapi")).toString().startsWith(QLatin1String("3.")));
        const QJsonObject schemas = doc.value(QStringLiteral("components")).toObject().value(QStringLiteral("schemas")).toObject();
        for (const QString &name : {QStringLiteral("Error"), QStringLiteral("Vendor"), QStringLiteral("User"),
                                    QStringLiteral("Number"), QStringLiteral("Contact"), QStringLiteral("Message"),
                                    QStringLiteral("Plan"), QStringLiteral("Subscription")})
            QVERIFY2(schemas.contains(name), qPrintable(name));
        // Every $ref points at something that exists.
        const QByteArray text = QJsonDocument(doc).toJson();
        static const QRegularExpression refRe(QStringLiteral("\"\\$ref\": \"#/components/(\\w+)/(\\w+)\""));
        auto it = refRe.globalMatch(QString::fromUtf8(text));
        int refs = 0;
        while (it.hasNext()) {
            const auto m = it.next();
            ++refs;
            QVERIFY2(doc.value(QStringLiteral("components")).toObject().value(m.captured(1)).toObject().contains(m.captured(2)),
                     qPrintable(m.captured(0)));
        }
        QVERIFY(refs > 50);
        // Operations that take a body or need auth document their error answers.
        const QJsonObject paths = doc.value(QStringLiteral("paths")).toObject();
        for (auto p = paths.begin(); p != paths.end(); ++p) {
            const QJsonObject ops = p.value().toObject();
            for (auto o = ops.begin(); o != ops.end(); ++o) {
                const QJsonObject op = o.value().toObject();
                const QJsonObject responses = op.value(QStringLiteral("responses")).toObject();
                QVERIFY2(!responses.isEmpty(), qPrintable(p.key()));
                if (op.contains(QStringLiteral("requestBody")))
                    QVERIFY2(responses.contains(QStringLiteral("400")), qPrintable(o.key() + p.key()));
            }
        }
    }

    void documentAndRouterAgree()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        SessionManager sessions(s.core());
        addWhatsAppControllers(s.server(), s.core(), sessions);
        const Router &router = s.server().router();

        const QJsonObject doc = loadDocument();
        const QJsonObject paths = doc.value(QStringLiteral("paths")).toObject();
        QSet<QString> documented;
        for (auto p = paths.begin(); p != paths.end(); ++p) {
            const QJsonObject ops = p.value().toObject();
            for (auto o = ops.begin(); o != ops.end(); ++o) {
                const QString key = o.key().toUpper() + QLatin1Char(' ') + shape(p.key());
                documented.insert(key);
                const auto match = router.match(methodOf(o.key()), concrete(p.key()));
                if (!match.handler && m_implementedElsewhere.contains(key))
                    continue;
                QVERIFY2(match.pathExists, qPrintable(QStringLiteral("documented but 404: ") + key));
                QVERIFY2(match.handler, qPrintable(QStringLiteral("documented but 405: ") + key));
                QCOMPARE(shape(match.pattern), shape(p.key()));
            }
        }
        QSet<QString> registered;
        for (const auto &route : router.routes()) {
            const QString key = route.first + QLatin1Char(' ') + shape(route.second);
            registered.insert(key);
            QVERIFY2(documented.contains(key), qPrintable(QStringLiteral("served but not documented: ") + key));
        }
        QCOMPARE(registered.size(), router.routes().size()); // no duplicate registrations
        QVERIFY(documented.size() >= 39);                     // api.md lists 39 operations
    }

    void servedDocumentIsTheResource()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        const HttpReply r = s.client().get(QStringLiteral("/openapi.json"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.object(), loadDocument());
    }
};

WAMATOR_WEBENGINE_TEST_MAIN(TestOpenApi)
#include "tst_openapi.moc"
