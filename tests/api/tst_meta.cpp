#include "ApiServer.h"
#include "CoreServices.h"
#include "TestApiServer.h"

#include <QTest>

class TestMeta : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void health()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        const HttpReply r = s.client().get(QStringLiteral("/health"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
        QCOMPARE(r.value(QStringLiteral("version")).toString(), QStringLiteral(WAMATOR_VERSION));
        QCOMPARE(r.header("content-type"), QByteArray("application/json"));
    }
};

QTEST_GUILESS_MAIN(TestMeta)
#include "tst_meta.moc"
