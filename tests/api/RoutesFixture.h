#pragma once

// Shared by the api-routes tests (users, numbers, contacts, messages, tenant isolation, fuzz):
// a vendor with a user and, optionally, an active subscription, plus assertion helpers.
// Header-only on purpose: tests/api/helpers is the API layer's, this is the routes'.

#include "HttpClient.h"
#include "TestApiServer.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

struct Tenant
{
    TestApiServer::Vendor vendor;
    HttpClient http{0};
    qint64 userId = 0;
    qint64 planId = 0;
    QString user() const { return QString::number(userId); }
};

// maxNumbers/maxMessages: the plan; subscribe=false leaves the user without a subscription.
inline Tenant makeTenant(TestApiServer &s, int maxNumbers = 5, int maxMessages = 1000,
                         bool subscribe = true)
{
    Tenant t;
    t.vendor = s.registerVendor();
    t.http = s.vendorClient(t.vendor.apiKey);
    t.userId = s.createUser(t.vendor.apiKey);
    if (subscribe) {
        t.planId = s.createPlan(maxNumbers, maxMessages);
        s.subscribe(t.userId, t.planId);
    }
    return t;
}

inline qint64 idOf(const QJsonValue &v)
{
    return v.toObject().value(QStringLiteral("id")).toVariant().toLongLong();
}

// The one error body of api.md: {"error": {"code", "message", "details"?}} and nothing else.
inline bool hasErrorShape(const HttpReply &r)
{
    const QJsonObject o = r.object();
    if (o.size() != 1 || !o.value(QStringLiteral("error")).isObject())
        return false;
    const QJsonObject e = o.value(QStringLiteral("error")).toObject();
    static const QRegularExpression snake(QStringLiteral("^[a-z][a-z0-9_]*$"));
    if (!snake.match(e.value(QStringLiteral("code")).toString()).hasMatch())
        return false;
    if (!e.value(QStringLiteral("message")).isString())
        return false;
    if (e.contains(QStringLiteral("details")) && !e.value(QStringLiteral("details")).isObject())
        return false;
    for (auto it = e.begin(); it != e.end(); ++it) {
        if (it.key() != QLatin1String("code") && it.key() != QLatin1String("message")
            && it.key() != QLatin1String("details"))
            return false;
    }
    return true;
}

// QCOMPARE-style checks that say what the server answered when they fail.
#define EXPECT_STATUS(reply, expected)                                                             \
    do {                                                                                           \
        const HttpReply &r__ = (reply);                                                            \
        if (r__.status != (expected))                                                              \
            QFAIL(qPrintable(QStringLiteral("expected %1, got: %2").arg(expected).arg(r__.describe()))); \
    } while (false)

#define EXPECT_ERROR(reply, expected, code)                                                        \
    do {                                                                                           \
        const HttpReply &r__ = (reply);                                                            \
        if (r__.status != (expected) || r__.errorCode() != QLatin1String(code) || !hasErrorShape(r__)) \
            QFAIL(qPrintable(QStringLiteral("expected %1 %2, got: %3")                            \
                                 .arg(expected)                                                    \
                                 .arg(QLatin1String(code), r__.describe())));                      \
    } while (false)

#define EXPECT_FIELD_ERROR(reply, field)                                                           \
    do {                                                                                           \
        const HttpReply &r__ = (reply);                                                            \
        if (r__.status != 400 || r__.errorCode() != QLatin1String("validation_failed")             \
            || r__.errorField() != QLatin1String(field) || !hasErrorShape(r__))                    \
            QFAIL(qPrintable(QStringLiteral("expected 400 validation_failed on %1, got: %2")      \
                                 .arg(QLatin1String(field), r__.describe())));                     \
    } while (false)

// Adds contacts through the API; returns the added contacts' ids in order.
inline QList<qint64> addContacts(const Tenant &t, const QJsonArray &items)
{
    const HttpReply r = t.http.post(QStringLiteral("/contacts/%1/add").arg(t.userId), items);
    QList<qint64> ids;
    if (r.status != 201) {
        QTest::qFail(qPrintable(QStringLiteral("addContacts: ") + r.describe()), __FILE__, __LINE__);
        return ids;
    }
    for (const QJsonValue &c : r.value(QStringLiteral("added")).toArray())
        ids << idOf(c);
    return ids;
}

inline QJsonObject contact(const QString &name, const QString &phone)
{
    return QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("phone_number"), phone}};
}
