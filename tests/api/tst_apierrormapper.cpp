#include "ApiErrorMapper.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

// The one place a failure becomes an HTTP answer: every DomainError kind has its status, the
// body is api.md's {"error":{"code","message","details"?}}, and a server error never shows its
// internals to the client.
class TestApiErrorMapper : public QObject
{
    Q_OBJECT

    static QJsonObject errorOf(const ApiResponse &r)
    {
        QJsonParseError pe;
        const QJsonDocument d = QJsonDocument::fromJson(r.body, &pe);
        if (pe.error != QJsonParseError::NoError)
            return {};
        return d.object().value(QStringLiteral("error")).toObject();
    }

private Q_SLOTS:
    void everyKindHasItsStatus_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("status");
        QTest::newRow("validation") << int(DomainError::Kind::Validation) << 400;
        QTest::newRow("unauthorized") << int(DomainError::Kind::Unauthorized) << 401;
        QTest::newRow("forbidden") << int(DomainError::Kind::Forbidden) << 403;
        QTest::newRow("not found") << int(DomainError::Kind::NotFound) << 404;
        QTest::newRow("conflict") << int(DomainError::Kind::Conflict) << 409;
        QTest::newRow("too large") << int(DomainError::Kind::PayloadTooLarge) << 413;
        QTest::newRow("unprocessable") << int(DomainError::Kind::Unprocessable) << 422;
        QTest::newRow("rate limited") << int(DomainError::Kind::RateLimited) << 429;
        QTest::newRow("unavailable") << int(DomainError::Kind::Unavailable) << 503;
        QTest::newRow("internal") << int(DomainError::Kind::Internal) << 500;
    }
    void everyKindHasItsStatus()
    {
        QFETCH(int, kind);
        QFETCH(int, status);
        QCOMPARE(ApiErrorMapper::statusFor(DomainError::Kind(kind)), status);
    }

    void clientErrorsKeepCodeMessageAndDetails()
    {
        const DomainError e =
            DomainError::validation(QStringLiteral("email"), QStringLiteral("email is required"));
        const ApiResponse r = ApiErrorMapper::fromDomainError(e);
        QCOMPARE(r.status, 400);
        const QJsonObject err = errorOf(r);
        QCOMPARE(err.value(QStringLiteral("code")).toString(), QStringLiteral("validation_failed"));
        QCOMPARE(err.value(QStringLiteral("message")).toString(),
                 QStringLiteral("email is required"));
        QCOMPARE(err.value(QStringLiteral("details"))
                     .toObject()
                     .value(QStringLiteral("field"))
                     .toString(),
                 QStringLiteral("email"));
        // No details → no "details" key (api.md: optional).
        const QJsonObject bare = errorOf(ApiErrorMapper::fromDomainError(DomainError::notFound()));
        QCOMPARE(bare.value(QStringLiteral("code")).toString(), QStringLiteral("not_found"));
        QVERIFY(!bare.contains(QStringLiteral("details")));
    }

    void internalErrorsHideTheirMessage()
    {
        const DomainError e = DomainError::internal(QStringLiteral("no such table: secret_things"));
        const ApiResponse r = ApiErrorMapper::fromDomainError(e);
        QCOMPARE(r.status, 500);
        QCOMPARE(errorOf(r).value(QStringLiteral("code")).toString(),
                 QStringLiteral("internal_error"));
        QVERIFY(!r.body.contains("secret_things"));
        const std::runtime_error bug("std::bad_alloc in ContactStore.cpp:123");
        const ApiResponse u = ApiErrorMapper::fromUnexpected(&bug, QStringLiteral("GET /x"));
        QCOMPARE(u.status, 500);
        QVERIFY(!u.body.contains("ContactStore"));
        QCOMPARE(ApiErrorMapper::fromUnexpected(nullptr, QStringLiteral("GET /x")).status, 500);
    }

    void unavailableKeepsItsCode()
    {
        // 503 is not a bug: the client may retry, so the code and message stay.
        const DomainError e(DomainError::Kind::Unavailable, QStringLiteral("not_ready"),
                            QStringLiteral("The number is not connected"));
        const ApiResponse r = ApiErrorMapper::fromDomainError(e);
        QCOMPARE(r.status, 503);
        QCOMPARE(errorOf(r).value(QStringLiteral("code")).toString(), QStringLiteral("not_ready"));
    }

    void rateLimitsSayWhenToRetry_data()
    {
        QTest::addColumn<int>("retryAfter");
        QTest::addColumn<QByteArray>("header");
        QTest::newRow("given") << 17 << QByteArray("17");
        QTest::newRow("zero is at least one second") << 0 << QByteArray("1");
        QTest::newRow("absent is one second") << -1 << QByteArray("1");
    }
    void rateLimitsSayWhenToRetry()
    {
        QFETCH(int, retryAfter);
        QFETCH(QByteArray, header);
        QJsonObject details;
        if (retryAfter >= 0)
            details.insert(QStringLiteral("retry_after"), retryAfter);
        const DomainError e(DomainError::Kind::RateLimited, QStringLiteral("too_many_requests"),
                            QStringLiteral("Slow down"), details);
        const ApiResponse r = ApiErrorMapper::fromDomainError(e);
        QCOMPARE(r.status, 429);
        QByteArray value;
        for (const auto &h : r.headers) {
            if (h.first.compare("Retry-After", Qt::CaseInsensitive) == 0)
                value = h.second;
        }
        QCOMPARE(value, header);
    }

    void errorBodyIsCompactJson()
    {
        const QByteArray body =
            ApiErrorMapper::errorBody(QStringLiteral("x"), QStringLiteral("a \"quoted\" ü"));
        QVERIFY(!body.contains('\n'));
        const QJsonObject err =
            QJsonDocument::fromJson(body).object().value(QStringLiteral("error")).toObject();
        QCOMPARE(err.value(QStringLiteral("message")).toString(), QStringLiteral("a \"quoted\" ü"));
    }
};

QTEST_GUILESS_MAIN(TestApiErrorMapper)
#include "tst_apierrormapper.moc"
